"""`assistant selfeval import` of published 自评表 pages through the real CLI and store (issue: new user 2026-12-07
P4): a page read empty is refused in Chinese and nothing is stored; a page of several forms stores each one, lists
them, and shows the reader's notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import cli_env, runner

from assistant.cli.main import app

PAGES = Path(__file__).parent / "fixtures" / "real_pages"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


def test_a_page_read_empty_is_refused_and_nothing_is_stored(data_dir: Path) -> None:
    page = PAGES / "newuser" / "haidian_xueyuanlu_ziping_flat.txt"  # 海淀 学院路 2016: cells ran together
    result = runner.invoke(app, ["selfeval", "import", str(page)])
    assert result.exit_code != 0
    assert "没有读到任何指标行" in result.output and "未导入" in result.output
    assert page.name in result.output and "重新复制" in result.output  # what, where, what to do
    assert "Traceback" not in result.output
    listed = runner.invoke(app, ["selfeval", "list"])
    assert "自管道路清扫保洁" not in listed.output


def test_cycle_import_refuses_the_same_page(data_dir: Path) -> None:
    page = PAGES / "newuser" / "haidian_xueyuanlu_ziping_flat.txt"
    result = runner.invoke(app, ["monitor", "import", str(page)])
    assert result.exit_code != 0 and "没有读到任何指标行" in result.output


def test_every_form_on_a_page_is_imported_and_listed_with_its_notes(data_dir: Path) -> None:
    page = PAGES / "found" / "test7" / "chddh_putuo_tiyu_pdf.txt"  # 普陀 2022: two 自评表 on one page
    result = runner.invoke(app, ["selfeval", "import", str(page)])
    assert result.exit_code == 0, result.output
    assert "有 2 张表" in result.output
    assert "第 1 号：普陀体育中心与委托运营方结算费用" in result.output
    assert "第 2 号：援滇对口支援及结对帮扶经费" in result.output
    shown = runner.invoke(app, ["selfeval", "show", "2"])
    assert shown.exit_code == 0 and "援滇对口支援及结对帮扶经费" in shown.output
    assert "只导入第一张" not in result.output
    assert "第 1 号表的读取提示" in result.output and "第 2 号表的读取提示" in result.output


def test_the_readers_notes_are_shown(data_dir: Path) -> None:
    page = PAGES / "found" / "selfeval_guichi_weituo.txt"  # one row the reader could not split: a note says so
    result = runner.invoke(app, ["selfeval", "import", str(page)])
    assert result.exit_code == 0, result.output
    assert "第 1 号表的读取提示" in result.output
    assert "未读取" in result.output  # the row it left out is named, not dropped silently


def test_an_empty_form_among_others_is_left_out_with_a_note_on_the_first_kept() -> None:
    from decimal import Decimal

    from assistant.domain.cycle import FundKind, FundLine, SelfEvaluation
    from assistant.ingest.selfeval_files import is_empty, usable

    empty = SelfEvaluation(id="a", project_name="空表项目")
    figures = SelfEvaluation(
        id="b", project_name="有数项目", funds=[FundLine(kind=FundKind.TOTAL, full_year_budget=Decimal("310.2"))]
    )
    assert is_empty(empty) and not is_empty(figures)
    kept = usable([(empty, []), (figures, [])], "page.txt")
    assert [form.project_name for form, _ in kept] == ["有数项目"]
    (note,) = kept[0][1]
    assert note.code == "selfeval.empty_form" and "空表项目" in note.message
