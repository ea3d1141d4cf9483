"""Page furniture under a copied table (the share/scan links, a site's comment box, its footer) is never an
indicator row (issue 25). Lines are the real pages' (fixtures/real_pages/found/…)."""

from pathlib import Path

import pytest

from assistant.ingest.text_export import parse_file
from assistant.ingest.titles import is_page_chrome

FOUND = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found"


def test_a_scan_link_after_the_table_is_no_row():
    (decl,) = parse_file(FOUND / "test3" / "mirror13560_bingmei_fangzhi.txt").declarations
    assert decl.indicators[-1].name == "周围群众满意度"
    assert not any("扫一扫" in (i.value.raw or "") or i.name == "-" for i in decl.indicators)
    assert any(n.code == "web.page_chrome" and n.fragment == "扫一扫在手机打开当前页" for n in decl.parse_notes)


@pytest.mark.parametrize(
    "line",
    [
        ["- 扫一扫在手机打开当前页"],  # test3/mirror13560
        ["扫一扫在手机上查看当前页面"],  # tune3/tongxin_sheshi_peixun
        ["相关解读"],  # tune4/xtcg_wupaoche_2023, with the four lines below
        ["- 全部留言"],
        ["- 评论"],
        ["- 有用()"],
        ["[下载] [打印] [关闭]"],  # tune/qingshan_bochuo_gaizao_flat
    ],
)
def test_furniture_lines_of_real_pages_are_chrome(line):
    assert is_page_chrome(line)


@pytest.mark.parametrize(
    "row",
    [
        ["满意度指标", "服务对象满意度指标", "周围群众满意度", "≥90%"],
        ["可持续影响指标", "保障期限", "2020年1月--2020年11月"],
        ["-"],
        ["服务对象满意度", "评论满意率", "≥95%"],
    ],
)
def test_rows_and_lone_dashes_are_not_chrome(row):
    assert not is_page_chrome(row)
