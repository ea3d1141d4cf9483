"""``assistant corpus build --from DIR`` over a folder of mixed files (issue 25 item 5): the real CLI on real
pages, a saved .html page, a PDF made by LibreOffice, an .xlsx, an .xls written here, and files that are not
declarations; each file is reported, duplicates are added once, one bad file never stops the build."""

import json
import shutil
from pathlib import Path

import pytest
import xlwt
from typer.testing import CliRunner

from assistant.cli.main import app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
runner = CliRunner()

_HTML = """<html><head><meta charset="utf-8"><title>预算公开</title></head><body>
<div>首页 &gt; 信息公开 &gt; 预算公开</div><h3>2024年项目支出绩效目标表</h3>
<table><tr><td>项目名称</td><td colspan="3">社区食堂运营补贴</td></tr>
<tr><td>主管部门</td><td>某区民政局</td><td>资金总额（万元）</td><td>80</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>供餐人次</td><td>≥50000人次</td></tr>
<tr><td>质量指标</td><td>食品安全抽检合格率</td><td>100%</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>就餐老人满意度</td><td>≥90%</td></tr></table>
<div>注：本表为预算公开附表。</div></body></html>"""


def _xls(path: Path) -> None:
    book = xlwt.Workbook()
    sheet = book.add_sheet("目标表")
    rows = [
        ["项目支出绩效目标表"],
        ["项目名称", "老年助餐服务", "主管部门", "某区民政局"],
        ["项目资金总额", 600000],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "助餐人次", "≥20000(人次)"],
        ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90(%)"],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))


@pytest.fixture()
def mixed(tmp_path, monkeypatch):
    folder = tmp_path / "downloads"
    folder.mkdir()
    for page in sorted((FIXTURES / "real_pages").glob("*.txt")):
        shutil.copy(page, folder / page.name)
    shutil.copy(FIXTURES / "real_pages" / "10_jinzhai_kaifaqu_wuye.txt", folder / "金寨开发区物业管理（转载）.txt")
    (folder / "食堂补贴.html").write_text(_HTML, encoding="utf-8")
    shutil.copy(FIXTURES / "office" / "pdf-2023-003-01-from-docx.pdf", folder / "组织部门.pdf")
    shutil.copy(FIXTURES / "office" / "region_b_flat_list.xlsx", folder / "region_b.xlsx")
    _xls(folder / "助餐.xls")
    (folder / "会议纪要.txt").write_text("会议纪要\n今天讨论了明年的预算。\n", encoding="utf-8")
    (folder / "坏文件.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 300)
    (folder / "坏表.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x01" * 700)
    corpus = tmp_path / "corpus"
    monkeypatch.setenv("ASSISTANT_CORPUS__CORPUS_DIR", str(corpus))
    return folder, corpus


def test_a_mixed_folder_is_built_with_every_file_reported(mixed):
    folder, corpus = mixed
    result = runner.invoke(app, ["corpus", "build", "--from", str(folder)])
    assert result.exit_code == 1, result.output  # some files could not be read: said, and the rest kept
    for name in ("会议纪要.txt", "坏文件.pdf", "坏表.xls"):
        assert f"无法解析 {name}" in result.output
    assert "重复：金寨开发区物业管理（转载）.txt 中的「物业管理」（2021年）" in result.output
    assert "10 份申报表" in result.output
    names = sorted(
        json.loads(p.read_text(encoding="utf-8"))["header"]["name"] for p in (corpus / "declarations").glob("*.json")
    )
    assert names.count("物业管理") == 1
    assert {"社区食堂运营补贴", "老年助餐服务", "组织部门建设和管理工作经费", "村组干部报酬"} <= set(names)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["files"]) == 10  # the file holding only a duplicate is not added
    assert "未加入：金寨开发区物业管理（转载）.txt" in " ".join(result.output.split())
    assert not (corpus / "raw" / "金寨开发区物业管理（转载）.txt").exists()


def test_progress_goes_to_stderr_one_line_per_file(mixed):
    folder, _ = mixed
    result = runner.invoke(app, ["corpus", "build", "--from", str(folder)])
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert lines[-1].startswith("[11/11] 已读取")
    assert not any(line.startswith("[") for line in result.stdout.splitlines())


def test_a_second_build_changes_nothing_and_the_duplicate_stays_out(mixed):
    folder, corpus = mixed
    runner.invoke(app, ["corpus", "build", "--from", str(folder)])
    again = runner.invoke(app, ["corpus", "build"])
    assert "写入 0 个、删除 0 个" in again.output
    assert "重复：" not in again.output  # taken back at the first build: nothing left to bring it back
