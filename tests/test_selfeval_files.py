"""A published 项目支出绩效自评表 read from a workbook and a text PDF through the same reader as the page
(issue 25 item 4): the real page's cells (fixtures/real_pages/found/selfeval_qingshen_gongzi.txt) laid out as the
form's grid in an .xlsx written here, and that workbook printed to PDF by LibreOffice."""

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side

from assistant.domain.cycle import FundKind
from assistant.errors import InputError, NotADeclarationError
from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_file

PAGE = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found" / "selfeval_qingshen_gongzi.txt"
GOAL = "严格执行相关政策,保障工资及时、足额发放或社保及时、足额缴纳,预算编制科学合理,减少结余资金。"
NOTE = "1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内)"
# The page's cells, row by row as the form lays them out ("" an empty cell).
GRID = [
    ["部门预算项目支出绩效自评表(2023年度)"],
    ["项目名称", "51000021R000000019951-工资性支出"],
    ["主管部门", "青神县发展和改革局本级", "实施单位 (盖章)", "青神县发展和改革局"],
    ["项目基本情况", "1.项目年度目标完成情况"],
    ["项目年度目标", "年度目标完成情况"],
    [GOAL, "对照年度目标,说明相关任务目标的完成情况(100字以内)"],
    [
        "预算执行情况(10分)",
        "年度预算数(万元)",
        "年初预算",
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
        "得分",
        "原因",
    ],
    ["", "总额", "238.93", "251.89", "251.89", "100.00%", "10", "", NOTE],
    ["", "其中:财政资金", "238.93", "251.89", "251.89", "100.00%", "/", "/"],
    ["", "财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"],
    ["", "单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"],
    ["", "其他资金", "", "", "", "", "/", "/"],
    [
        "绩效指标(90分)",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因分析",
    ],
    ["", "产出指标", "数量指标", "发放(缴纳)覆盖率", "=", "100", "%", "", "60", "", ""],
    ["", "效益指标", "社会效益指标", "足额保障率(参保率)", "=", "100", "%", "", "30", "", ""],
    ["合计", "100"],
    ["评价结论", "结合自评情况,说明项目自评总分,说明项目实施取得的成效或成果。(200字以内)"],
    ["存在问题", "结合自评情况,分析存在的问题及原因。(200字以内)"],
    ["改进措施", "针对项目自评中发现的问题,提出下一步改进完善的意见及有关政策性建议。(200字以内)"],
]


def _workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    line = Side(style="thin")
    for r, texts in enumerate(GRID, start=1):
        for c, text in enumerate(texts, start=1):
            cell = sheet.cell(row=r, column=c, value=text or None)
            cell.border = Border(left=line, right=line, top=line, bottom=line)
            cell.alignment = Alignment(wrap_text=True)
        # Wrapped text needs its height written: the converter does not grow rows an .xlsx leaves unsized.
        sheet.row_dimensions[r].height = 16 * max(1, *(-(-len(t) // 6) for t in texts))
    for column in "ABCDEFGHIJK":
        sheet.column_dimensions[column].width = 14
    sheet.column_dimensions["B"].width = 36  # the project code is one word: a PDF line wrap inside it is ambiguous
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(path)
    return path


def _same_as_the_page(evaluation) -> None:
    page, _ = read_self_evaluation_text(PAGE.read_text(encoding="utf-8"), PAGE.name)
    assert (evaluation.project_name, evaluation.year, evaluation.amount_unit, evaluation.implementer) == (
        page.project_name,
        page.year,
        page.amount_unit,
        page.implementer,
    )
    assert evaluation.goal_planned == page.goal_planned == GOAL
    total = evaluation.fund(FundKind.TOTAL)
    assert (total.initial_budget, total.full_year_budget, total.executed, total.rate, total.weight, total.score) == (
        Decimal("238.93"),
        Decimal("251.89"),
        Decimal("251.89"),
        Decimal("100.00"),
        Decimal(10),
        None,
    )
    assert [f.kind for f in evaluation.funds] == [f.kind for f in page.funds]
    rows = [(r.link.name, r.target, r.weight, r.actual, r.link.level2) for r in evaluation.rows]
    assert rows == [(r.link.name, r.target, r.weight, r.actual, r.link.level2) for r in page.rows]
    assert [r.link.name for r in evaluation.rows] == ["发放(缴纳)覆盖率", "足额保障率(参保率)"]


def test_a_self_evaluation_workbook_reads_as_the_page_does(tmp_path):
    evaluation, notes = read_self_evaluation_file(_workbook(tmp_path / "自评表.xlsx"))
    _same_as_the_page(evaluation)
    assert evaluation.source.file == "自评表.xlsx" and len(evaluation.source.sha256) == 64
    assert sum(n.code == "selfeval.unfilled" for n in notes) == 4  # instructions left in unfilled cells


def test_a_self_evaluation_printed_to_pdf_reads_as_the_page_does(tmp_path):
    source = _workbook(tmp_path / "qingshen.xlsx")
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    command = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)]
    subprocess.run(command, check=True, timeout=300, capture_output=True)
    evaluation, _ = read_self_evaluation_file(tmp_path / "qingshen.pdf")
    _same_as_the_page(evaluation)


def test_a_saved_page_and_a_copied_page_read_alike(tmp_path):
    copy = tmp_path / "page.txt"
    copy.write_bytes(PAGE.read_bytes())
    evaluation, _ = read_self_evaluation_file(copy)
    _same_as_the_page(evaluation)


def test_files_that_hold_no_self_evaluation_or_are_not_readable_are_refused_in_chinese(tmp_path):
    book = Workbook()
    book.active["A1"] = "会议签到表"
    book.save(tmp_path / "签到.xlsx")
    with pytest.raises(NotADeclarationError, match="自评表"):
        read_self_evaluation_file(tmp_path / "签到.xlsx")
    (tmp_path / "a.pptx").write_bytes(b"x")
    with pytest.raises(InputError, match="不是能读取的自评表文件"):
        read_self_evaluation_file(tmp_path / "a.pptx")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(InputError):
        read_self_evaluation_file(tmp_path / "broken.xlsx")


def test_selfeval_import_takes_a_published_page_and_workbook(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from assistant.cli.main import app

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_STORE__USER", "张三")
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "none")
    runner = CliRunner()
    for source in (PAGE, _workbook(tmp_path / "自评表.xlsx")):
        result = runner.invoke(app, ["selfeval", "import", str(source)])
        assert result.exit_code == 0, result.output
        assert "51000021R000000019951-工资性支出（2 项指标）" in result.output
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    result = runner.invoke(app, ["selfeval", "import", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "已损坏或不完整" in result.output
