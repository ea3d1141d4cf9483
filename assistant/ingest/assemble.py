"""One declaration block: route each row to the form, indicator, budget or 制度保障 reader, then assemble."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from decimal import Decimal
from enum import Enum, auto
from pathlib import PurePath

from assistant.domain.amounts import unreadable
from assistant.domain.model import (
    Declaration,
    Funding,
    Header,
    Layout,
    LineSpan,
    Provenance,
    SectionKind,
    TextSection,
)
from assistant.ingest.amount_units import REMARK, is_footnote, own_unit, read_in_unit, unit_message, unit_note_code
from assistant.ingest.cells import (
    UNIT_TARGETS,
    Cell,
    Row,
    clean_inline,
    label_key,
    parse_checkboxes,
    parse_date,
    parse_length,
    parse_period,
    serial_date,
    strip_unit_code,
)
from assistant.ingest.fields import FormFields, FormWalker, OpenField, merge_split_labels
from assistant.ingest.indicator_edges import is_signature
from assistant.ingest.indicators import IndicatorTable, is_header
from assistant.ingest.labels import FieldKind, checked_name, kept_message, length_message
from assistant.ingest.notes import NoteSink, summarised
from assistant.ingest.tables import BudgetTable, SafeguardTable, is_budget_header, is_safeguard_header
from assistant.ingest.titles import is_page_chrome, read_title, year_line

_TABLE_END = {"备注", "项目名称", "项目构成分解", "项目当年投入资金构成", "金额合计", "项目实施计划"}
_TEN_THOUSAND = Decimal(10_000)
_GLUED_NUMBER = re.compile(r"(?<=[。；！？.])\s*(\d{4,}(?:\.\d+)?)$")


class Mode(Enum):
    FORM = auto()
    INDICATORS = auto()
    BUDGET = auto()
    SAFEGUARDS = auto()


class BlockParser:
    def __init__(self, layout: Layout, source_file: str, sha256: str, index: int) -> None:
        self.layout = layout
        self.source_file = source_file
        self.sha256 = sha256
        self.index = index
        self.notes = NoteSink()
        self.form = FormWalker(layout, self.notes)
        self.indicators = IndicatorTable(self.notes)
        self.budget = BudgetTable(self.notes)
        self.safeguards = SafeguardTable(self.notes)
        self.mode = Mode.FORM
        self.year: int | None = None

    def parse(self, rows: list[Row]) -> Declaration:
        for row in merge_split_labels(rows):
            self._route(row)
        return self._assemble(rows)

    def _route(self, row: Row) -> None:
        if row.is_blank:
            return
        if is_page_chrome([c.text for c in row.filled]):
            for cell in row.filled:
                self.notes.unplaced(cell.text, row.line, "网页导航或页面按钮，不属于申报表")
            self.mode = Mode.FORM
            return
        if self._structural(row) or self._footnote(row):
            return
        match self.mode:
            case Mode.INDICATORS if not self._ends_table(row):
                self.indicators.feed(row)
            case Mode.BUDGET if self.budget.accepts(row):
                self.budget.feed(row)
            case Mode.SAFEGUARDS:
                self.safeguards.feed(row)
            case _:
                self.mode = Mode.FORM
                self.form.feed(row)

    def _structural(self, row: Row) -> bool:
        """Titles, year lines and table headers switch modes and carry no content."""
        text = row.raw.replace("\t", " ").strip()
        year = year_line(text)  # also a web table's one-cell row: | (2026年度) |
        if year is not None:
            self._year(year, row.line, text)
            return True
        title = read_title(row.raw)
        if title is not None:
            self._year(title.year, row.line, text)
            self.mode = Mode.FORM
            self.form.reset()
            return True
        for test, mode, action in (
            (is_header, Mode.INDICATORS, self.indicators.header),
            (is_budget_header, Mode.BUDGET, self.budget.set_header),
            (is_safeguard_header, Mode.SAFEGUARDS, None),
        ):
            if test(row):
                self.mode = mode
                if action is not None:
                    action(row)
                return True
        return False

    def _year(self, year: int | None, line: int, text: str) -> None:
        """The first year the block gives (title or year line) holds; a later, different one is a warning."""
        if year is None or self.year is None:
            self.year = self.year or year
        elif year != self.year:
            self.notes.warn(
                "header.year_conflict",
                f"「{text}」写的是 {year} 年，与前面读到的 {self.year} 年不同，按 {self.year} 年读取；请核对预算年度",
                line=line,
                fragment=text,
            )

    def _footnote(self, row: Row) -> bool:
        """``注：…`` / ``说明：…`` under a table explains it: a note, never an indicator row or a field's value."""
        first = row.filled[0].text
        if not is_footnote(first):
            return False
        remark = REMARK.match(first) if len(row.filled) == 1 else None
        if remark is not None:  # 备注：… on a line of its own: the form's 备注 section, as written
            self.mode = Mode.FORM
            label, value = Cell(raw="备注", col=0, line=row.line), Cell(raw=remark["text"], col=1, line=row.line)
            self.form.feed(Row(line=row.line, raw=row.raw, cells=(label, value)))
            return True
        text = " ".join(c.text for c in row.filled)
        self.notes.info(
            "form.footnote", f"表下注释「{text}」是填表说明，不是指标行，原文保留在本条提示中", line=row.line
        )
        self.mode = Mode.FORM
        self.form.reset()
        return True

    def _ends_table(self, row: Row) -> bool:
        return label_key(row.filled[0].text) in _TABLE_END or is_signature([c.text for c in row.filled])

    # -- assembly --

    def _assemble(self, rows: list[Row]) -> Declaration:
        fields = self.form.finish()
        header = self._header(fields)
        content_lines = [r.line for r in rows if not r.is_blank]
        span = LineSpan(start=rows[0].line, end=content_lines[-1] if content_lines else rows[0].line)
        return Declaration(
            id=declaration_id(header.year, self.source_file, self.index),
            layout=self.layout,
            header=header,
            funding=self._funding(fields),
            sections=self._sections(fields),
            indicators=self.indicators.rows,
            budget_lines=self.budget.lines,
            budget_lines_total=self.budget.total,
            safeguards=self.safeguards.rows,
            provenance=Provenance(
                source_file=self.source_file, source_sha256=self.sha256, index_in_file=self.index, span=span
            ),
            parse_notes=summarised(sorted(self.notes.notes, key=lambda n: n.line or 0)),
        )

    def _header(self, fields: FormFields) -> Header:
        values: dict[str, object] = {}
        for opened in fields.fields:
            kind, target = opened.spec.kind, opened.spec.target
            if kind is FieldKind.TEXT:
                self._text_field(values, opened)
            elif kind is FieldKind.DATE:
                values[target] = self._date(opened)
            elif kind is FieldKind.PERIOD:
                self._period(values, opened)
            elif kind is FieldKind.CHECKBOX:
                values[target] = self._checkboxes(opened)
            elif kind is FieldKind.KEPT and (text := " ".join(opened.values).strip()):
                self.notes.info("header.kept_field", kept_message(opened.title, text), line=opened.line, field=target)
        name = values.pop("name", None)
        if not name:
            self.notes.error("header.name_missing", "未找到项目名称", field="header.name")
        return Header(name=checked_name(name), year=self.year or self._year_from_dates(values), **values)

    def _period(self, values: dict[str, object], opened: OpenField) -> None:
        """起止日期 in one cell: both planned dates, noted (a date field written separately wins)."""
        text = " ".join(opened.values).strip()
        period = parse_period(text) if text else None
        if period is None and (length := parse_length(text)) is not None:
            values.setdefault("period", length)
            message = length_message(opened.title, text, length)
            self.notes.info("header.period_length", message, line=opened.line, field="header.period")
            return
        if period is None:
            if text:
                self.notes.warn(
                    "header.bad_period",
                    f"起止日期「{text}」无法识别为起止日期或项目期，开始、结束日期按空白处理",
                    field="header",
                )
            return
        values.setdefault("start_date", period[0])
        values.setdefault("end_date", period[1])
        self.notes.info(
            "header.period",
            f"起止日期「{text}」读作 {period[0].isoformat()} 至 {period[1].isoformat()}（只写到月的，开始取月初、结束取月末）",
            field="header",
        )

    def _year_from_dates(self, values: dict[str, object]) -> int | None:
        """No year line or title year: both planned dates in one year give it, and a note says so."""
        start, end = values.get("start_date"), values.get("end_date")
        if not isinstance(start, date) or not isinstance(end, date) or start.year != end.year:
            return None
        self.notes.warn(
            "header.year_from_dates",
            f"表中未写明预算年度，按计划起止日期取 {start.year} 年，请核对",
            field="header.year",
        )
        return start.year

    def _text_field(self, values: dict[str, object], opened: OpenField) -> None:
        target = opened.spec.target
        text = " ".join(opened.values).strip() or None
        if text and target in UNIT_TARGETS:
            text, code = strip_unit_code(text)
            if code:
                self.notes.info(
                    "header.unit_code", f"单位名称旁的编码「{code}」不是名称的一部分，已去掉", line=opened.line
                )
        if target == "name" and values.get("name"):
            if text and text != values["name"]:
                self.notes.warn(
                    "header.name_mismatch",
                    f"同一申报表内项目名称不一致：「{values['name']}」与「{text}」",
                    line=opened.line,
                    fragment=text,
                )
            return
        if target not in values or values[target] is None:
            values[target] = text

    def _date(self, opened: OpenField):
        text = " ".join(opened.values).strip()
        where = f"header.{opened.spec.target}"
        try:
            parsed = parse_date(text)
        except ValueError:
            self.notes.warn(
                "header.bad_date",
                f"「{opened.title}」的日期「{text}」无法识别，按空白处理，请按 2025-01-01 的格式填写",
                line=opened.line,
                field=where,
                fragment=text,
            )
            return None
        if serial_date(text) is not None:
            self.notes.warn(
                "header.serial_date",
                f"「{opened.title}」写的是电子表格日期序列号「{text}」，已换算为 {parsed}，请核对",
                line=opened.line,
                field=where,
                fragment=text,
            )
        return parsed

    def _checkboxes(self, opened: OpenField):
        field, lost = parse_checkboxes(opened.values)
        if lost:
            self.notes.warn(
                "header.checkbox_lost",
                f"「{opened.title}」的勾选框在导出中丢失，无法判断选中项",
                line=opened.line,
                field=f"header.{opened.spec.target}",
            )
        return field

    def _funding(self, fields: FormFields) -> Funding:
        amounts: dict[str, Decimal | None] = {}
        for opened in fields.fields:
            if opened.spec.kind is not FieldKind.AMOUNT:
                continue
            target = self._amount_target(opened.spec.target, amounts)
            amounts[target] = self._amount(opened, target)
        return Funding(**amounts)

    def _amount_target(self, target: str, seen: dict[str, Decimal | None]) -> str:
        if target != "other":
            return target
        # 2021+ forms list 其他资金 twice: project total first, then the year's request.
        if self.layout is Layout.MUNICIPAL_2021 and "other_total" not in seen:
            return "other_total"
        return "other_annual"

    def _amount(self, opened: OpenField, target: str) -> Decimal | None:
        text = " ".join(opened.values).strip()
        try:
            amount, used = read_in_unit(text, opened.unit)
        except ValueError as exc:
            self.notes.warn(
                "funding.bad_amount",
                f"「{opened.title}」的{unreadable(text, exc)}；请写数字（元），或写明万元，如 164万元",
                line=opened.line,
                field=f"funding.{target}",
                fragment=text,
            )
            return None
        if amount is not None and opened.odd_unit and own_unit(text) is None:
            self.notes.warn(
                "funding.unknown_unit",
                f"「{opened.title}」的金额「{text}」注明的单位「{opened.odd_unit}」无法换算为元，按空白处理；"
                "请改写为元或万元后再导入",
                line=opened.line,
                field=f"funding.{target}",
                fragment=text,
            )
            return None
        if amount is None or (used == "元" and own_unit(text) is None):
            return amount
        return self._in_unit(opened, text, amount, used, target)

    def _in_unit(self, opened: OpenField, text: str, yuan: Decimal, used: str, target: str) -> Decimal:
        """A figure read in a unit other than plain yuan (its own, or the one its label, group label or 单位 line
        names): yuan, noted with the unit and why (a warning where the figure's own unit overrides its block's)."""
        where = f"（单位写在「{opened.unit_from}」）" if opened.unit_from and own_unit(text) is None else ""
        code, conflicting = unit_note_code(text, used, opened.unit)
        bare = own_unit(text) is not None and opened.unit in (None, "元")
        if bare:
            code = "funding.unit_converted"  # a figure with its own unit in a form that names none
        message = unit_message(opened.title, text, yuan, used, opened.unit, grouped=bare) + where
        sink = self.notes.warn if conflicting else self.notes.info
        sink(code, message, line=opened.line, field=f"funding.{target}", fragment=text)
        return yuan

    def _amount_note(self, opened: OpenField, target: str, text: str, code: str, message: str) -> None:
        self.notes.info(code, message, line=opened.line, field=f"funding.{target}", fragment=text)

    def _sections(self, fields: FormFields) -> list[TextSection]:
        sections = []
        for opened in fields.fields:
            if opened.spec.kind is not FieldKind.SECTION:
                continue
            paragraphs = self._strip_glued_numbers(opened)
            sections.append(
                TextSection(
                    kind=SectionKind(opened.spec.target),
                    title=clean_inline(opened.title),
                    text="\n".join(paragraphs),
                    span=LineSpan(start=opened.line, end=opened.end_line),
                )
            )
        return sections

    def _strip_glued_numbers(self, opened: OpenField) -> list[str]:
        """A long number glued after a sentence's end is an export artefact: report it, keep it out of the text."""
        cleaned = []
        for para in opened.values:
            match = _GLUED_NUMBER.search(para)
            if match:
                self.notes.warn(
                    "artefact.glued_number",
                    f"「{opened.title}」段末粘连数字「{match[1]}」，疑似导出残留，未计入正文，请人工核对",
                    line=opened.end_line,
                    fragment=match[1],
                )
                para = para[: match.start()].rstrip()
            cleaned.append(para)
        return cleaned


def declaration_id(year: int | None, source_file: str, index: int, *, distinct: bool = False) -> str:
    """Stable id from the year, the file's number (``003_…`` → 003) and the position in the file.

    A file number is written with at least three digits (``01_…`` → 001), so an id never reads as a date
    (``2023-001-01``, not ``2023-01-01``). ``distinct`` adds a short digest of the file's name, for a second file
    whose id would clash with another's (two files numbered alike).
    """
    stem = PurePath(source_file).stem
    match = re.match(r"^(\d+)[_-]", stem)
    file_part = match[1].zfill(3) if match else re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-")[:24] or "file"
    if distinct or (not match and (not stem.isascii() or len(re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-")) > 24)):
        # A name in Chinese or longer than the id keeps: a short digest of the whole name keeps ids apart.
        file_part = f"{file_part}-{hashlib.sha1(stem.encode('utf-8')).hexdigest()[:6]}"
    return f"{year or 'na'}-{file_part}-{index:02d}"
