"""Every field a person may edit reaches the shown draft and both exports (red team rt12 #1, #2, #11).

rt12: a 制度保障 edit written as the product's own message asks (``制度类别｜文件名称｜具体措施``) made the Word export crash
(a 保障阶段 header spanning 0 columns); edits of 实施计划 and 政策依据 were 已保存 but never reached 项目实施计划, 立项依据,
必要性 or either file, and a deleted policy stayed cited. Real services over a temp store, the real corpus, rules only;
exports through the workspace (the page's export button and the CLI's ``export`` both call it).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from web_support import web_settings

from assistant.domain.brief import load_brief
from assistant.domain.model import SectionKind
from assistant.services import build_services
from assistant.services.editing import ROW_FIELDS, FieldEdit
from assistant.services.export import ExportFormat
from assistant.store.fields import FUNDING_FIELDS, HEADER_FIELDS, LIST_FIELDS

EXAMPLE = Path(__file__).resolve().parent.parent / "assistant" / "examples" / "example_brief.yaml"

# Inputs of drafting that the current form (MUNICIPAL_2021 as the product prints it) has no cell for: 主要内容 is
# what 项目概况/必要性 are written from, 资金用途/项目类型 choose the project type, 上年申报表编号 links last year's form.
NOT_ON_FORM = {"header.content", "header.fund_use", "header.project_type", "header.previous_declaration_id"}


def _quiet(_: object) -> None:
    return None


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("rf14") / "data"))
    yield opened
    opened.close()


def _texts(path: Path) -> str:
    if path.suffix == ".docx":
        d = docx.Document(str(path))
        cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in d.paragraphs] + cells)
    wb = openpyxl.load_workbook(path)
    return "\n".join(_cell(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)


def _cell(value: object) -> str:
    """An Excel amount (a number cell) written as the Word form writes it: 3,100,000."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{Decimal(str(value)).normalize():,f}"
    return str(value)


def _exports(services, draft_id: int, tmp_path: Path) -> dict[str, str]:
    ws = services.workspace()
    found = {}
    for fmt in (ExportFormat.DOCX, ExportFormat.XLSX):
        path = tmp_path / f"d{draft_id}.{fmt.value}"
        ws.export_to(draft_id, fmt, path)
        found[fmt.value] = _texts(path)
    return found


def _drafted(services) -> int:
    return services.workspace().draft(load_brief(EXAMPLE), on_event=_quiet).info.draft_id


SECTIONS = [k for k in SectionKind if k is not SectionKind.BASIS]


def _every_edit() -> tuple[list[FieldEdit], dict[str, str]]:
    """One edit of every editable field, and the text each must show in the exports."""
    header = {
        "name": "RFNAME运维项目",
        "year": "2028",
        "department": "RFDEPT部",
        "implementer": "RFIMPL中心",
        "nature": "RFNATURE项目",
        "category": "RFCAT类",
        "fund_use": "信息化建设类",
        "project_type": "信息化运维",
        "start_date": "2028-02-01",
        "end_date": "2028-11-30",
        "content": "保障RFCONTENT平台运行，组织应急演练2次。",
        "previous_declaration_id": "RFPREV-01",
    }
    funding = {"total": "3100000", "fiscal": "3000000", "other": "100000", "annual": "2900000", "carryover": "0"}
    assert set(header) == set(HEADER_FIELDS) and set(funding) == set(FUNDING_FIELDS), "a new field needs an edit here"
    edits = [FieldEdit(f"header.{k}", v) for k, v in header.items()]
    edits += [FieldEdit(f"funding.{k}", v) for k, v in funding.items()]
    expect = {f"header.{k}": v for k, v in header.items() if f"header.{k}" not in NOT_ON_FORM}
    expect |= {f"funding.{k}": f"{Decimal(v):,}" for k, v in funding.items() if v != "0"}
    rows = {
        "plan.1.period": "2028年2月",
        "plan.1.work": "RFPLANWORK签订合同",
        "composition.1.part": "RFPART运维",
        "composition.1.detail": "RFDETAIL巡检",
        "composition.1.amount": "1234567",
    }
    assert {p.split(".")[0] for p in rows} | {"safeguards"} == set(ROW_FIELDS), "a new row field needs an edit here"
    edits += [FieldEdit(p, v) for p, v in rows.items()]
    expect |= {p: v for p, v in rows.items() if not p.endswith("amount")} | {"composition.1.amount": "1,234,567"}
    edits.append(FieldEdit("policies", ["《RFPOLICY管理条例》"]))
    edits.append(FieldEdit("safeguards", ["管理制度｜RFSAFEDOC办法｜RFSAFEMEASURE措施"]))
    expect |= {
        "policies": "RFPOLICY管理条例",
        "safeguards": "RFSAFEDOC办法",
        "safeguards.measures": "RFSAFEMEASURE措施",
    }
    assert set(LIST_FIELDS) <= {p.split(".")[0] for p in expect}, "a new list field needs an edit here"
    for kind in SECTIONS:
        edits.append(FieldEdit(f"section.{kind.value}", f"RFSEC{kind.value}写的文字"))
        expect[f"section.{kind.value}"] = f"RFSEC{kind.value}写的文字"
    edits += [FieldEdit("indicator.2.name", "RFIND指标次数"), FieldEdit("indicator.2.value", "≥7(次)")]
    edits += [FieldEdit("indicator.1.level2", "质量指标")]
    expect |= {"indicator.2.name": "RFIND指标次数", "indicator.2.value": "≥7(次)", "indicator.1.level2": "质量指标"}
    return edits, expect


def test_every_editable_field_reaches_the_shown_draft_and_both_exports(services, tmp_path: Path) -> None:
    draft_id = _drafted(services)
    edits, expect = _every_edit()
    # the section edits overwrite 项目实施计划, so the plan is checked through the plan-only test below
    services.workspace().edit_fields(draft_id, edits, base=None)
    shown = services.workspace().open(draft_id, None).draft
    files = _exports(services, draft_id, tmp_path)
    for fmt, text in files.items():
        missing = {path: value for path, value in expect.items() if value not in text}
        if "plan.1.period" in missing or "plan.1.work" in missing:  # the person's own 项目实施计划 wins
            assert "RFSECplan写的文字" in text
            missing.pop("plan.1.period", None), missing.pop("plan.1.work", None)
        assert not missing, (fmt, missing)
    assert shown.safeguards[0].document == "RFSAFEDOC办法"


@pytest.mark.parametrize(
    "rows",
    [
        ["管理制度｜SAFEDOC管理办法｜SAFEMEASURE措施"],  # rt12's input, the shape the error message asks for
        ["管理制度｜SAFEDOC管理办法｜SAFEMEASURE措施", "财务制度｜SAFEDOC财务办法"],  # two rows, one without 具体措施
    ],
)
def test_a_safeguards_edit_exports_to_word_and_excel(services, tmp_path: Path, rows: list[str]) -> None:
    draft_id = _drafted(services)
    services.workspace().edit_fields(draft_id, [FieldEdit("safeguards", "\n".join(rows))], base=None)
    for fmt, text in _exports(services, draft_id, tmp_path).items():
        assert "SAFEDOC管理办法" in text and "保障阶段" not in text, fmt
        assert all(r.split("｜")[1] in text for r in rows), fmt


def test_plan_and_policy_edits_reach_the_rules_text_and_a_deleted_policy_is_no_longer_cited(
    services, tmp_path: Path
) -> None:
    draft_id = _drafted(services)
    ws = services.workspace()
    before = ws.open(draft_id, None).draft
    cited = [b.title for b in before.basis]
    assert "中国共产党党员教育管理工作条例" in cited, cited
    edits = [FieldEdit("plan.1.work", "PLANWORK1"), FieldEdit("实施计划.2.内容", "EDITPLAN二号内容")]
    edits.append(FieldEdit("policies", "《POLICYEDIT条例》"))
    saved, _ = ws.edit_fields(draft_id, edits, base=None)
    after = ws.open(draft_id, None).draft
    plan = after.section(SectionKind.PLAN)
    assert plan is not None and "PLANWORK1" in plan.text and "EDITPLAN二号内容" in plan.text
    assert after.basis[0].title == "POLICYEDIT条例"
    assert "POLICYEDIT条例" in after.section(SectionKind.NECESSITY).text
    for section in after.sections:
        assert "党员教育管理工作条例" not in section.text, section
        assert all("党员教育管理工作条例" not in c.project for c in section.citations), section
    assert all(b.title != "中国共产党党员教育管理工作条例" for b in after.basis)
    history = services.store.history(draft_id)[-1].section
    assert "项目实施计划" in history and "立项依据" in history, history  # says what followed the edit
    for fmt, text in _exports(services, draft_id, tmp_path).items():
        assert "PLANWORK1" in text and "POLICYEDIT" in text and "党员教育管理工作条例" not in text, fmt


def test_a_persons_own_plan_text_is_kept_and_the_message_says_so(services) -> None:
    draft_id = _drafted(services)
    ws = services.workspace()
    ws.edit_fields(draft_id, [FieldEdit("section.plan", "我自己写的实施计划")], base=None)
    ws.edit_fields(draft_id, [FieldEdit("plan.1.work", "PLANWORK2")], base=None)
    after = ws.open(draft_id, None).draft
    assert after.section(SectionKind.PLAN).text == "我自己写的实施计划"
    assert "未随实施计划更新" in services.store.history(draft_id)[-1].section


def test_emptying_the_plan_removes_the_rules_plan_section(services, tmp_path: Path) -> None:
    draft_id = _drafted(services)
    ws = services.workspace()
    ws.edit_fields(draft_id, [FieldEdit("plan", "")], base=None)
    assert ws.open(draft_id, None).draft.section(SectionKind.PLAN) is None
    for fmt, text in _exports(services, draft_id, tmp_path).items():
        assert "签订运维服务合同" not in text, fmt


def test_drafts_show_displays_safeguards_and_the_briefs_policies(services) -> None:
    """rt12 #11: `drafts show` printed neither 制度保障 nor 政策依据, so those edits could not be checked there."""
    from rich.console import Console

    from assistant.cli.render import draft_view

    draft_id = _drafted(services)
    ws = services.workspace()
    edits = [
        FieldEdit("safeguards", "管理制度｜SAFEDOC管理办法｜SAFEMEASURE措施"),
        FieldEdit("policies", "《POLICYEDIT条例》"),
    ]
    ws.edit_fields(draft_id, edits, base=None)
    console = Console(width=200, record=True)
    console.print(draft_view(ws.open(draft_id, None).draft))
    shown = console.export_text()
    assert "SAFEDOC管理办法" in shown and "SAFEMEASURE措施" in shown and "POLICYEDIT条例" in shown


@pytest.mark.parametrize("blank", ["", "   \n "])
def test_emptying_overview_or_necessity_is_a_review_error_naming_the_section(services, blank: str) -> None:
    """rt12 #8: 项目概况 and 必要性 emptied by an edit passed review and exported empty."""
    draft_id = _drafted(services)
    edits = [FieldEdit("项目概况", blank), FieldEdit("必要性", blank)]
    saved, _ = services.workspace().edit_fields(draft_id, edits, base=None)
    required = [f for f in saved.draft.review.findings if f.rule_id == "SEC-REQUIRED"]
    messages = " ".join(f.message for f in required)
    assert "“项目概况”为空" in messages and "“项目设立的必要性”为空" in messages, required
    assert all(f.severity.value == "error" for f in required)


def test_an_edited_policy_written_with_its_number_is_found_in_the_library_as_a_draft_finds_it(services) -> None:
    """A 政策依据 written 《题名》（文号） whose title the library writes otherwise is found by its number when drafting
    (`context.find_written`); the edit's 立项依据 and 必要性 find it the same way, never as the person's own unverified
    policy beside the library's (the edit's lookup once tried only the whole text and the title)."""
    draft_id = _drafted(services)
    ws = services.workspace()
    written = "《网络安全管理法》（GB/T 22239-2019）"  # the number is the library's; the title is not
    ws.edit_fields(draft_id, [FieldEdit("policies", f"《中国共产党党员教育管理工作条例》\n{written}")], base=None)
    after = ws.open(draft_id, None).draft
    assert [(b.policy_id, b.user_supplied) for b in after.basis][:2] == [
        ("party-member-education-regulation", False),
        ("gbt-22239-2019", False),
    ], after.basis
    assert all(b.title != "网络安全管理法" for b in after.basis), after.basis
    necessity = after.section(SectionKind.NECESSITY).text
    assert "《信息安全技术 网络安全等级保护基本要求》（GB/T 22239-2019）" in necessity and written not in necessity


def test_a_policy_the_brief_writes_with_its_number_keeps_its_place_in_the_brief_order(services) -> None:
    """立项依据 lists the brief's 政策依据 first, in its order (`chain._users_first`): a policy found by its number
    (its title written otherwise) keeps its place, as one found by its title does; it was ranked after them."""
    brief = load_brief(EXAMPLE)
    written = ["《网络安全管理法》（GB/T 22239-2019）", "《中国共产党党员教育管理工作条例》"]
    draft = services.workspace().draft(brief.model_copy(update={"policies": written}), on_event=_quiet).draft
    assert [b.policy_id for b in draft.basis][:2] == ["gbt-22239-2019", "party-member-education-regulation"]
