"""A project name that starts with the number of the document that allocated its money (阜康's 自评表: ``项目名称
昌州财行(2022)10号 国家统计局调查队专项经费``).

Such a name is written as the published form writes it (the 文号 and the words after it): the 文号 is part of how the
department names the project, and two projects funded by different documents differ only there. A copy that parts
cells at spaces cuts the name after the 文号; the words after it, on the same line, are the rest of the name. The
文号 is also named in a note, so a reader sees it is a document number and not a place or a unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.domain.model import Declaration, NoteLevel, ParseNote
from assistant.ingest.web_cells import WebCell

# 昌州财行(2022)10号, 湘财预〔2023〕5号, 财农[2021]12号: an issuer's short name, the year in brackets, a serial number.
DOC_NUMBER = re.compile(
    r"^(?P<number>[\u4e00-\u9fff]{1,12}\s*[〔\[(（【]\s*(?:19|20)\d{2}\s*[〕\])）】]\s*第?\s*\d{1,5}\s*号)\s*"
)


def leading_doc_number(name: str) -> str | None:
    """The document number ``name`` starts with (``昌州财行(2022)10号``), or None."""
    found = DOC_NUMBER.match(name.strip())
    return found["number"] if found else None


def name_with_doc_number(
    tokens: list[WebCell | None], at: int, value: str, is_label: Callable[[str], bool]
) -> tuple[str, int, ParseNote | None]:
    """(the name, the index after its last cell, a note or None) for the name cell ``value`` read just before
    ``tokens[at]``. A cell that is a document number alone is joined by the filled cells after it on the same row
    (``tokens[at]`` up to a row end, an empty cell, a label (``is_label``) or a figure), with a space as the page wrote
    it; a name that starts with a document number keeps it and is noted. Unchanged, without a note, otherwise."""
    number = leading_doc_number(value)
    if number is None:
        return value, at, None
    parts = [value]
    k = at
    if value.strip() == number:
        while k < len(tokens) and (token := tokens[k]) is not None and token.text.strip():
            text = token.text.strip()
            if is_label(text) or re.fullmatch(r"[\d.,%]+", text):
                break
            parts.append(text)
            k += 1
    name = " ".join(parts)
    anchor = tokens[at - 1] if 0 < at <= len(tokens) else None
    note = ParseNote(
        level=NoteLevel.INFO,
        code="header.doc_number_name",
        message=f"项目名称以下达资金的文号「{number}」开头：名称按原表照录为「{name}」（文号保留在名称中）；请核对",
        line=anchor.line if anchor is not None else None,
        fragment=number,
    )
    return name, k, note


def noted_doc_numbers(declarations: list[Declaration]) -> list[Declaration]:
    """Each declaration whose 项目名称 starts with a document number, with a note naming it (the name unchanged, as
    written); the others as they are."""
    out: list[Declaration] = []
    for declaration in declarations:
        number = leading_doc_number(declaration.header.name or "")
        if number is None or any(n.code == "header.doc_number_name" for n in declaration.parse_notes):
            out.append(declaration)
            continue
        note = ParseNote(
            level=NoteLevel.INFO,
            code="header.doc_number_name",
            message=f"项目名称以下达资金的文号「{number}」开头：名称按原表照录（文号保留在名称中）；请核对",
            fragment=number,
        )
        out.append(declaration.model_copy(update={"parse_notes": [*declaration.parse_notes, note]}))
    return out
