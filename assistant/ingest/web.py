"""Declarations published on web pages and copied as text (部门预算/决算公开 pages).

``read_web_text`` rebuilds the page's grid (``web_cells`` → ``web_table``) and reads each declaration on
it with the Word/Excel reader, so a page and an .xlsx of the same form give the same declaration. The
text-export parser stays the first reader of .txt files; this one is used when that one finds no
declaration or fewer indicator rows (see ``text_export.parse_text_bytes``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.model import Declaration, NoteLevel, ParseNote
from assistant.errors import InputError
from assistant.ingest.assemble import declaration_id
from assistant.ingest.completeness import TRUNCATED, truncation_note
from assistant.ingest.indicator_edges import with_centred_level1, without_edge_rows
from assistant.ingest.web_cells import source_address, web_rows
from assistant.ingest.web_group_total import group_totals
from assistant.ingest.web_mirror import mirrored
from assistant.ingest.web_table import build_segments
from assistant.office.limits import TooLargeError
from assistant.office.notes import OfficeNotes


def read_web_text(lines: list[str], name: str, sha256: str) -> list[Declaration]:
    """Every declaration the page's ``lines`` hold, in order; [] when none is found (never raises for
    content: what does not fit is a parse note)."""
    shape, rows = web_rows(lines)
    address = source_address(lines)
    declarations: list[Declaration] = []
    from assistant.office.importer import read_declaration  # the office importer imports the text parser

    for segment in build_segments(shape, rows):
        notes = OfficeNotes()
        if address:
            notes.info("web.source", f"网页来源：{address}")
        notes.notes += segment.notes
        notes.info("web.shape", _SHAPES[shape.value])
        try:
            decl = read_declaration(
                group_totals(segment.rows, notes),
                source_file=name,
                sha256=sha256,
                notes=notes,
                index=len(declarations) + 1,
            )
        except TooLargeError:
            raise  # past a limit of every reader (office.limits): refused, never skipped
        except InputError:
            continue
        if decl.header.name or decl.indicators:
            decl = with_centred_level1(without_edge_rows(decl))  # the table's edges; a 一级 centred in its block
            decl = mirrored(_page_unit(decl, lines), lines)  # a form on one line of a document mirror
            declarations.append(_sorted_notes(_page_year(decl, declarations)))
    return [_notice_amount(d, lines) for d in _cut_before_table(_without_bare(declarations), lines)]


_ALLOCATED = re.compile(r"下达[^。；;！!]*?(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*万元")
_SHARED = 8  # characters of the form's name the notice's sentence must hold: the same fund, not another one


def _notice_amount(decl: Declaration, lines: list[str]) -> Declaration:
    """A form with no amount (the page ends before its 资金 rows) under a 下达 notice whose text allocates one figure
    for the same fund (新民: ``下达你街道2020年居家社区养老服务照料中心建设补助资金91.449277万元`` above
    ``新民街道居家社区养老服务照料中心建设补助项目支出绩效目标表``): that figure is the year's amount, with a warning
    saying where it came from. Nothing where the form has an amount, the text allocates several figures, or the
    sentence does not name the form's fund (a run of its name's characters)."""
    if any(v is not None for v in decl.funding.model_dump().values()) or len(decl.header.name) < _SHARED:
        return decl
    found = {
        (m[1].replace(",", ""), m[0])
        for line in lines
        for m in _ALLOCATED.finditer(line)
        if _names_fund(m[0], decl.header.name)  # the fund named between 下达 and its figure, not elsewhere
    }
    if len({figure for figure, _ in found}) != 1:
        return decl
    figure, sentence = next(iter(found))
    note = ParseNote(
        level=NoteLevel.WARNING,
        code="funding.from_notice",
        message=f"表中没有读到金额；页面正文的下达通知写有「{sentence.strip()[-80:]}」，按其中的 {figure} 万元读作当年资金，"
        "请对照原表核对",
        field="funding",
    )
    funding = decl.funding.model_copy(update={"annual": Decimal(figure) * 10000})
    return decl.model_copy(update={"funding": funding, "parse_notes": [*decl.parse_notes, note]})


def _names_fund(sentence: str, name: str) -> bool:
    return any(name[k : k + _SHARED] in sentence for k in range(len(name) - _SHARED + 1))


def _cut_before_table(declarations: list[Declaration], lines: list[str]) -> list[Declaration]:
    """The page's last declaration, when it has no indicator rows, with a note that the page ends before its
    indicator table (岳阳楼区: a 申报表 copied down to its 资金 and 制度 rows): read as far as it goes, nothing made up."""
    if not declarations or declarations[-1].indicators:
        return declarations
    last = declarations[-1]
    if any(n.code == TRUNCATED for n in last.parse_notes):
        return declarations
    end = max((n for n, line in enumerate(lines, start=1) if line.strip()), default=0)
    note = truncation_note(last, end) if end else None
    if note is None:
        return declarations
    return [*declarations[:-1], last.model_copy(update={"parse_notes": [*last.parse_notes, note]})]


def _page_year(decl: Declaration, before: list[Declaration]) -> Declaration:
    """A later project of a list under one title has no year of its own: the page's year, noted."""
    year = next((d.header.year for d in before if d.header.year), None)
    if decl.header.year is not None or year is None:
        return decl
    note = ParseNote(
        level=NoteLevel.INFO, code="header.year_from_page", message=f"本项目未单独写年度，按页面标题取 {year} 年"
    )
    return decl.model_copy(
        update={
            "id": declaration_id(year, decl.provenance.source_file, decl.provenance.index_in_file),
            "header": decl.header.model_copy(update={"year": year}),
            "parse_notes": [note, *decl.parse_notes],
        }
    )


_SHAPES = {
    "stream": "按网页表格复制的文本读取（每行一个单元格，以“|”结尾）；请核对各栏是否对齐",
    "pipes": "按网页表格复制的文本读取（一行一个表格行，单元格以“|”分隔）；请核对各栏是否对齐",
    "lines": "按网页表格复制的文本读取（每行一个单元格）；请核对各栏是否对齐",
    "plain": "按网页复制的文本读取（单元格以空格分隔，空白单元格在复制中丢失）；请核对各栏是否对齐",
}


def _sorted_notes(decl: Declaration) -> Declaration:
    notes = sorted(decl.parse_notes, key=lambda n: n.line or 0)
    return decl.model_copy(update={"parse_notes": notes})


def score(declarations: list[Declaration]) -> tuple[int, int, int]:
    """(declarations with a name and indicators, indicator rows with a value less errors, amounts found): which
    reading of a file found more. A row without a value does not count: a reading that took the half row a page
    ends on (``开展质``) or a stray cell for a row has not found more than one that left it out with a note."""
    complete = sum(1 for d in declarations if d.header.name and d.indicators)
    errors = sum(1 for d in declarations for n in d.parse_notes if n.level is NoteLevel.ERROR)
    amounts = sum(1 for d in declarations for v in d.funding.model_dump().values() if v is not None)
    rows = sum(1 for d in declarations for i in d.indicators if i.value.raw.strip())
    return complete, rows - errors, amounts


__all__ = ["ParseNote", "read_web_text", "score"]


_WAN = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*万元")
_UNIT_NOTES = {
    "funding.wan_yuan",
    "funding.unit_marker",
    "funding.unit_scaled",
    "funding.own_unit",
    "funding.unknown_unit",
    "funding.unit_converted",
}


def _page_unit(decl: Declaration, lines: list[str]) -> Declaration:
    """A form whose amounts name no unit, on a page whose text gives the same figure in 万元 (``下达…50.29万元``
    above a table with ``其中：中央补助 | 50.29``): the amounts are read in 万元, noted."""
    if any(n.code in _UNIT_NOTES for n in decl.parse_notes):
        return decl
    amounts = {k: v for k, v in decl.funding.model_dump().items() if v is not None}
    written = {Decimal(m[1].replace(",", "")) for line in lines for m in _WAN.finditer(line)}
    same = next((v for v in amounts.values() if v in written), None)
    if same is None:
        return decl
    note = ParseNote(
        level=NoteLevel.INFO,
        code="funding.wan_from_page",
        message=f"表中金额未注明单位；页面正文写有「{same}万元」，表中金额按万元读取，已换算为元",
        field="funding",
    )
    funding = decl.funding.model_copy(update={k: v * 10000 for k, v in amounts.items()})
    return decl.model_copy(update={"funding": funding, "parse_notes": [*decl.parse_notes, note]})


def _bare(decl: Declaration) -> bool:
    """Only a name: no indicator, amount or text of any length (the header row of another table on the page, 序号 |
    项目名称 | 金额 | 备注, whose next row gives 备注 a 1)."""
    amounts = any(v is not None for v in decl.funding.model_dump().values())
    return not decl.indicators and not amounts and all(len(s.text) < 10 for s in decl.sections)


# A column header of an allocation table read as a name (新民: 项目 / 名称 / 金额 (万元)): no project is called so.
_COLUMN_WORD = re.compile(r"^(?:金额|备注|序号|合计|总计|小计|资金|数量|单位)?$")


def _without_bare(declarations: list[Declaration]) -> list[Declaration]:
    """The page's declarations less those that are only a name, when another one has indicators — or, when none has,
    those only named by a column word (金额: another table's header); the first kept one notes each left out."""
    kept = [d for d in declarations if not _bare(d)]
    if not any(d.indicators for d in kept):  # no form with rows: only a column word is no project's name
        kept = [d for d in declarations if not (_bare(d) and _COLUMN_WORD.match(d.header.name))]
    if len(kept) == len(declarations) or not kept:
        return declarations
    notes = [
        ParseNote(
            level=NoteLevel.INFO,
            code="web.other_table",
            message=f"页面上另有一段表格（「项目名称」一栏写作「{d.header.name}」），没有指标、金额或文字，不是申报表，未读取",
        )
        for d in declarations
        if d not in kept
    ]
    first = kept[0]
    return [first.model_copy(update={"parse_notes": [*first.parse_notes, *notes]}), *kept[1:]]
