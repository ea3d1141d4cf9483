"""Suggestions for briefs a new user wrote (newuser 2026-12-06 item 4): outdoor cleaning is not 物业, a brief's
impossible target is kept and flagged, a row name never starts inside a range."""

import re
from pathlib import Path

import pytest
import yaml

from assistant.domain.brief import load_brief
from assistant.domain.project_types import ProjectType
from assistant.suggest.bank import build_bank
from assistant.suggest.models import Origin
from assistant.suggest.suggest import suggest

UPKEEP_ROWS = ("后勤", "维修", "报修", "站点", "阵地", "物业")


@pytest.fixture(scope="module")
def bank(corpus):
    return build_bank(corpus.declarations)


def _brief(tmp_path: Path, name: str, content: str, lines: list[dict[str, object]], total: int):
    fields = {
        "项目名称": name,
        "年度": 2027,
        "主管部门": "上海市某区管理局",
        "实施单位": "上海市某区管理所",
        "项目性质": "其他经常性项目",
        "项目类别": "其他运转类",
        "资金": {"总额": total, "财政资金": total, "其他资金": 0, "年度申请": total, "上年结转资金": 0},
        "开始日期": "2027-01-01",
        "结束日期": "2027-12-31",
        "主要内容": content,
        "项目构成": lines,
    }
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
    return load_brief(path)


OUTDOOR = [
    (
        "2027年度区管河道保洁养护服务",
        "委托专业保洁单位对区管河道共30条、总长度约80公里开展日常保洁养护，全年打捞漂浮物约1500吨；"
        "河道保洁考核合格率不低于95%。",
        [{"名称": "日常保洁养护服务费", "内容": "80公里河道全年保洁", "金额": 2000000}],
    ),
    (
        "2027年度镇级道路及绿地保洁服务",
        "委托保洁单位对镇管道路45条、绿地12万平方米开展日常保洁，全年清运垃圾约900吨；保洁考核合格率不低于95%。",
        [{"名称": "道路绿地保洁服务费", "内容": "45条道路及绿地全年保洁", "金额": 2000000}],
    ),
]


@pytest.mark.parametrize(("name", "content", "lines"), OUTDOOR, ids=["river", "road-green"])
def test_outdoor_cleaning_gets_no_upkeep_type_or_rows(tmp_path, bank, name, content, lines):
    result = suggest(_brief(tmp_path, name, content, lines, 2000000), bank)
    assert result.project_type.type is ProjectType.CLEANING
    assert [s.name for s in result.suggestions if any(w in s.name for w in UPKEEP_ROWS)] == []


def test_cleaning_of_an_office_building_is_still_upkeep(tmp_path, bank):
    content = "委托物业公司负责机关办公楼公共区域保洁、设施维护和安保，保洁面积约2万平方米。"
    lines = [{"名称": "办公楼保洁服务费", "内容": "公共区域保洁", "金额": 800000}]
    result = suggest(_brief(tmp_path, "机关办公楼保洁服务", content, lines, 800000), bank)
    assert result.project_type.type is ProjectType.UPKEEP


ARCHIVE = (
    "对馆藏1960-1990年文书档案约80万页进行扫描、图像处理、著录和数据挂接，数据准确率不低于99.5%，利用者满意度达到105%。"
)
ARCHIVE_LINES = [{"名称": "扫描及图像处理", "内容": "80万页×0.9元", "金额": 720000}]


@pytest.fixture(scope="module")
def archive(tmp_path_factory, bank):
    return suggest(
        _brief(tmp_path_factory.mktemp("archive"), "区档案馆馆藏档案数字化加工", ARCHIVE, ARCHIVE_LINES, 720000), bank
    )


def test_an_impossible_target_of_the_brief_is_kept_and_said(archive):
    row = next((s for s in archive.suggestions if s.name == "利用者满意度"), None)
    assert row is not None, [s.name for s in archive.suggestions]
    assert row.value.value == "≥105(%)"
    assert any("105%" in n and "100%" in n and "VAL-IMPOSSIBLE" in n for n in row.notes), row.notes


RANGES = [
    ("对馆藏1960-1990年文书档案约80万页进行扫描", "1960-1990年"),
    ("对本区2001至2010年形成的婚姻登记档案约6万卷进行数字化", "2001至2010年"),
]


@pytest.mark.parametrize(("sentence", "span"), RANGES, ids=["dash", "zhi"])
def test_a_row_name_keeps_or_drops_a_year_range_whole(tmp_path, bank, sentence, span):
    lines = [{"名称": "数字化加工", "内容": "档案扫描", "金额": 500000}]
    result = suggest(_brief(tmp_path, "档案数字化加工", f"{sentence}。", lines, 500000), bank)
    counts = [s.name for s in result.suggestions if s.origin is Origin.BRIEF and "档案" in s.name]
    assert counts, [s.name for s in result.suggestions]
    for name in counts:
        assert not re.match(r"[-—–~～至到、.]|\d", name), name
        assert span in name or not re.search(r"\d", name), name
