"""Word forms as they are filled in: text inside content controls (内容控件), tracked changes (修订) and smart tags.

Each test exports a corpus declaration to .docx, rewrites the document's XML the way Word writes these
constructs, saves it, and imports the real file.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from assistant.corpus.store import Corpus
from assistant.office.export_docx import export_docx
from assistant.office.importer import import_office

REPO = Path(__file__).resolve().parent.parent
CORPUS = Corpus.load(REPO / "corpus")
DECL = next(d for d in CORPUS if len(d.indicators) >= 4 and d.header.name)


def _exported(tmp_path: Path) -> Path:
    path = tmp_path / "form.docx"
    export_docx(DECL, path)
    return path


def _run_with(body, text: str):
    """The first run whose text is exactly ``text`` (the exporter writes one run per value)."""
    return next(r for r in body.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))) == text)


def _wrap(element, xml: str) -> None:
    """Put ``element`` inside the wrapper ``xml`` (its innermost empty element receives it), in place."""
    wrapper = parse_xml(xml)
    inner = wrapper
    while len(inner) and inner[-1].tag != qn("w:sdtPr"):
        inner = inner[-1]
    if inner.tag == qn("w:sdt"):
        inner = inner.find(qn("w:sdtContent"))
    element.addprevious(wrapper)
    inner.append(element)


SDT = f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="字段"/></w:sdtPr><w:sdtContent/></w:sdt>'
INS = f'<w:ins {nsdecls("w")} w:id="9" w:author="张三" w:date="2026-11-01T00:00:00Z"/>'
SMART = f'<w:smartTag {nsdecls("w")} w:uri="urn:x" w:element="num"/>'


def _save(document, tmp_path: Path) -> Path:
    path = tmp_path / "edited.docx"
    document.save(str(path))
    return path


def _values(path: Path) -> tuple[str | None, list[tuple[str, str]]]:
    (decl,) = import_office(path).declarations
    return decl.header.name, [(i.name, i.value.raw) for i in decl.indicators]


def _original() -> tuple[str | None, list[tuple[str, str]]]:
    return DECL.header.name, [(i.name, i.value.raw) for i in DECL.indicators]


@pytest.mark.parametrize("wrapper", [SDT, INS, SMART], ids=["content-control", "tracked-insertion", "smart-tag"])
def test_runs_inside_inline_wrappers_are_read(tmp_path, wrapper):
    document = docx.Document(str(_exported(tmp_path)))
    body = document.element.body
    _wrap(_run_with(body, DECL.header.name), wrapper)
    for indicator in DECL.indicators[:3]:
        _wrap(_run_with(body, indicator.value.raw), wrapper)
    assert _values(_save(document, tmp_path)) == _original()


def test_content_controls_around_a_paragraph_a_cell_a_row_and_a_table_are_looked_through(tmp_path):
    document = docx.Document(str(_exported(tmp_path)))
    body = document.element.body
    name_run = _run_with(body, DECL.header.name)
    _wrap(next(name_run.iterancestors(qn("w:p"))), SDT)  # a block control inside the cell
    values = [_run_with(body, i.value.raw) for i in DECL.indicators[:2]]
    _wrap(next(values[0].iterancestors(qn("w:tc"))), SDT)  # a control around the cell
    _wrap(next(values[1].iterancestors(qn("w:tr"))), SDT)  # a repeating-section control around the row
    tables = body.findall(qn("w:tbl"))
    _wrap(tables[-1], SDT)  # a control around a whole table
    assert _values(_save(document, tmp_path)) == _original()


def _deleted(tag: str, text: str, text_tag: str = "w:delText"):
    """A tracked deletion (or move away) as Word writes it: the removed run's text in ``w:delText``."""
    return parse_xml(
        f'<{tag} {nsdecls("w")} w:id="7" w:author="李四" w:date="2026-11-01T00:00:00Z">'
        f"<w:r><{text_tag}>{text}</{text_tag}></w:r></{tag}>"
    )


def test_deleted_text_is_never_read_and_inserted_text_is(tmp_path):
    document = docx.Document(str(_exported(tmp_path)))
    body = document.element.body
    name_run = _run_with(body, DECL.header.name)
    name_run.addprevious(_deleted("w:del", "旧项目名称"))
    name_run.addnext(_deleted("w:del", "另一个旧名称", text_tag="w:t"))  # some producers keep w:t inside w:del
    _wrap(name_run, INS)
    value_run = _run_with(body, DECL.indicators[0].value.raw)
    value_run.addprevious(_deleted("w:moveFrom", "≥999(次)", text_tag="w:t"))
    assert _values(_save(document, tmp_path)) == _original()
