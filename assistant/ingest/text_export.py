"""Parse a seed-style text export (one or several 绩效目标申报表 in one .txt file)."""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.domain.model import Declaration, Layout, ParseNote
from assistant.domain.text import hidden_in_import, imported, invisible_note
from assistant.errors import InputError, NotADeclarationError
from assistant.ingest.assemble import BlockParser
from assistant.ingest.cells import Row, is_loose_row, split_row
from assistant.ingest.completeness import (
    EMPTY_HINT,
    TRUNCATED,
    cut_page_note,
    empty_message,
    is_empty,
    truncation_note,
)
from assistant.ingest.doc_number import noted_doc_numbers
from assistant.ingest.html_page import declared_charset, looks_like_html, read_page, utf16_codec
from assistant.ingest.lost_levels import with_lost_levels
from assistant.ingest.notes import NoteSink
from assistant.ingest.page_year import with_page_year, with_title_place
from assistant.ingest.text_limits import check_text_table
from assistant.ingest.titles import read_title, year_line
from assistant.ingest.web import read_web_text, score
from assistant.ingest.web_flat import find_flat, read_flat, read_flat_form
from assistant.ingest.web_glued_lines import read_glued_lines
from assistant.ingest.web_outline import read_outline
from assistant.ingest.web_pdf_columns import read_pdf_columns
from assistant.ingest.web_pdf_fund_form import read_fund_form
from assistant.ingest.web_prose import read_prose
from assistant.ingest.web_target_list import read_target_list
from assistant.office.limits import check_indicators


@dataclass
class ParseResult:
    source_file: str
    declarations: list[Declaration]
    notes: list[ParseNote] = field(default_factory=list)


@dataclass(frozen=True)
class Block:
    index: int
    layout: Layout
    rows: list[Row]


def decode(data: bytes, name: str, notes: NoteSink) -> str:
    """UTF-8 (with or without BOM), UTF-16 (Word's "Unicode" text) or GBK/GB18030; anything else is refused.
    Invisible format characters (zero-width space…) are removed, and said so: 1\u200b2 is the 12 it shows."""
    text = _decoded(data, name, notes)
    if "\x00" in text:  # a NUL in a text file is binary content; one from a page's &#0; is U+FFFD by then
        raise NotADeclarationError(f"文件 {name} 含有二进制内容，不是文本导出的申报表", hint="请提供 .txt 文本导出文件")
    if text.isascii():
        return text
    if found := hidden_in_import(text):
        line = text.count("\n", 0, text.index(found[0])) + 1
        notes.warn("text.invisible", invisible_note(f"文件 {name} ", found), line=line)
    return imported(text)


def _decoded(data: bytes, name: str, notes: NoteSink) -> str:
    utf16 = _utf16_codec(data)
    if utf16 is not None:
        cut = len(data) % 2  # an odd byte count: the last character was cut in half
        try:
            text = data[: len(data) - cut].decode(utf16)
        except UnicodeDecodeError as exc:
            if utf16 == "utf-16":  # a BOM said so; without one the guess may be wrong: try the others
                raise InputError(
                    f"文件 {name} 标明为 UTF-16 编码，但第 {exc.start} 字节处无法解码",
                    hint="请用文本编辑器另存为 UTF-8 编码后重试",
                ) from exc
        else:
            notes.info("encoding.utf16", "文件为 UTF-16 编码（Word 的“Unicode 文本”），已按 UTF-16 读取")
            if cut:
                _note_cut(notes, 1, text)
            return text.removeprefix("\ufeff")
    if data.startswith(codecs.BOM_UTF8):
        notes.info("encoding.bom", "文件为带 BOM 的 UTF-8 编码，已自动去除 BOM")
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if utf8_error.reason == "unexpected end of data":  # valid UTF-8 up to a character cut in half at the end
            return _cut_utf8(data, utf8_error.start, notes)
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                f"文件 {name} 无法解码：既不是 UTF-8 也不是 GBK/GB18030（第 {utf8_error.start} 字节处出错）",
                hint="请用文本编辑器另存为 UTF-8 编码后重试",
            ) from utf8_error
        _refuse_big5(data, text, name)
        notes.warn("encoding.gbk", "文件为 GBK/GB18030 编码，已按 GB18030 读取；建议另存为 UTF-8")
        return text


def _detected(data: bytes) -> str | None:
    """charset-normalizer's best guess at ``data``'s encoding (Python codec name), or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


_BIG5_WORDS = ("項目", "績效", "預算", "資金", "單位")  # Traditional forms of words every declaration has


def _refuse_big5(data: bytes, as_gbk: str, name: str) -> None:
    """`InputError` when ``data`` is Big5 (Traditional Chinese) text: GB18030 decodes almost any byte pairs, so a
    Big5 file reads as nonsense and would be refused as 不是申报表; it is named for what it is instead. Big5 is taken
    when the GB18030 reading has no 项目 and the bytes are strict Big5 that has these words or that charset-normalizer
    takes for Big5 (a file converted from simplified text with unmappable characters written as ``?``)."""
    if "项目" in as_gbk:
        return
    try:
        as_big5 = data.decode("big5")
    except UnicodeDecodeError:
        return
    if any(word in as_big5 for word in _BIG5_WORDS) or _detected(data) in ("big5", "cp950", "big5hkscs"):
        raise InputError(
            f"文件 {name} 是 Big5（繁体中文）编码：本程序读取 UTF-8、UTF-16 和 GBK/GB18030 编码的简体中文申报表",
            hint="请用文本编辑器把文件另存为 UTF-8 编码，并把栏目名称（如「項目名稱」）改为简体后重试",
        )


def _cut_utf8(data: bytes, end: int, notes: NoteSink) -> str:
    text = data[:end].decode("utf-8")
    _note_cut(notes, len(data) - end, text)
    return text


def _note_cut(notes: NoteSink, dropped: int, text: str) -> None:
    line = text.count("\n") + 1
    notes.warn(
        TRUNCATED,
        f"文件最后 {dropped} 个字节不是完整的字符：文件似乎在末尾（第 {line} 行）被截断，已读取之前的内容；请核对原文件是否完整",
        line=line,
    )


def _utf16_codec(data: bytes) -> str | None:
    return utf16_codec(data)  # one detection for text exports and saved pages (html_page)


def split_lines(text: str, notes: NoteSink) -> list[str]:
    """Lines ended by LF or CRLF; a file with CR alone (old Mac exports) is read as such and said so."""
    if "\n" not in text and "\r" in text:
        notes.info("encoding.cr_lines", "文件以 CR（回车符）换行，已按此分行读取")
        return text.split("\r")
    return [line.rstrip("\r") for line in text.split("\n")]


MAX_TEXT_BYTES = (
    2 * 1024 * 1024
)  # a text export of one form is tens of KB; the largest seed file holds 12 forms in 42 KB


def parse_file(path: Path) -> ParseResult:
    """`parse_text_bytes` of the file at ``path``; its size is checked before a byte is read."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise text_too_large(path.name, size)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件 {path}：{exc.strerror}", hint="请检查路径和读取权限") from exc
    if not data.strip():
        raise NotADeclarationError(
            f"文件 {path.name} 是空的（{len(data)} 字节，没有任何文字）", hint="请确认保存的是申报表的内容，再导入"
        )
    if path.suffix.lower() in HTML_SUFFIXES or (path.suffix.lower() != ".txt" and looks_like_html(data)):
        return parse_html_bytes(data, path.name)
    return parse_text_bytes(data, path.name)


HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
_HAN = re.compile(r"[\u4e00-\u9fff]")


def parse_html_bytes(data: bytes, name: str) -> ParseResult:
    """A saved web page: its tables as ``|`` rows (``html_page``), then read as a page copied as text."""
    page = read_page(data, name)
    if not page.text.strip():
        raise NotADeclarationError(f"网页文件 {name} 中没有文字", hint="请确认保存的是完整网页（而不是只有框架或脚本）")
    if not _HAN.search(page.text):
        raise NotADeclarationError(
            f"网页文件 {name} 中没有读到任何汉字：多半是文字编码不对（页面标明的字符集：{declared_charset(data) or '未标明'}）",
            hint="请在浏览器中打开该网页确认文字显示正常，再另存为“网页，仅 HTML”（UTF-8 编码）后重试",
        )
    result = parse_text_bytes(page.text.encode("utf-8"), name)
    sha = hashlib.sha256(data).hexdigest()
    declarations = [
        d.model_copy(update={"provenance": d.provenance.model_copy(update={"source_sha256": sha})})
        for d in with_page_year(result.declarations, [page.title], "网页标题")
    ]
    if page.cut and declarations and not any(n.code == TRUNCATED for n in declarations[-1].parse_notes):
        last = declarations[-1]
        note = cut_page_note(last, page.text.count("\n") + 1)
        declarations[-1] = last.model_copy(update={"parse_notes": [*last.parse_notes, note]})
    return ParseResult(source_file=name, declarations=declarations, notes=result.notes)


def text_too_large(name: str, size: int) -> InputError:
    return InputError(
        f"文件 {name} 有 {size / 1024 / 1024:.1f} MB，超过文本导出的合理大小（{MAX_TEXT_BYTES // 1024 // 1024} MB），未读取",
        hint="一个文本导出通常只有几十 KB：请只导出申报表本身，或拆成几个文件后再导入",
    )


def parse_text_bytes(data: bytes, name: str) -> ParseResult:
    """Every declaration in a text export's bytes; `InputError` above ``MAX_TEXT_BYTES`` (before any parsing)."""
    if len(data) > MAX_TEXT_BYTES:
        raise text_too_large(name, len(data))
    notes = NoteSink()
    text = decode(data, name, notes)
    lines = split_lines(text, notes)
    check_text_table(lines, name)
    loose = "\t" not in text and any(is_loose_row(line) for line in lines)
    if loose:
        notes.info(
            "cells.loose",
            "文件中没有制表符，按“|”或连续空格分隔单元格读取（网页或文档中复制的文本）；请核对各栏是否对齐",
        )
    rows = [split_row(i, line, loose=loose) for i, line in enumerate(lines, start=1)]
    sha = hashlib.sha256(data).hexdigest()
    try:
        blocks = split_blocks(rows, name, notes)
        parsed = [(block, BlockParser(block.layout, name, sha, block.index).parse(block.rows)) for block in blocks]
        declarations = _drop_empty(parsed, name, notes)
    except NotADeclarationError as refused:
        web = read_web_text(lines, name, sha)
        if not web:
            flat = find_flat(lines)
            web = read_flat(flat, name, sha) if flat is not None else read_prose(lines, name, sha)
            web = web or read_outline(lines, name, sha) or read_flat_form(lines, name, sha)
            web = web or read_target_list(lines, name, sha)
            web = web or read_pdf_columns(lines, name, sha)
            web = web or read_fund_form(lines, name, sha)
            web = web or read_glued_lines(lines, name, sha)
            if not web:
                unread = _unread_title(rows, name)
                if unread is not None:
                    raise unread from refused
                raise
        _refuse_self_evaluation(web, lines, name)
        return _web_result(web, lines, name, notes)
    if declarations:
        declarations[-1] = _note_truncation(declarations[-1], rows)
    if not _complete(declarations):
        web = read_web_text(lines, name, sha) or read_glued_lines(lines, name, sha)
        if web and score(web) > score(declarations):
            _refuse_self_evaluation(web, lines, name)
            return _web_result(web, lines, name, notes)
    declarations = [with_lost_levels(d, lines) for d in declarations]
    declarations = with_title_place(with_page_year(declarations, lines, "页面正文"), lines)
    _refuse_self_evaluation(declarations, lines, name)
    return ParseResult(source_file=name, declarations=noted_doc_numbers(declarations), notes=notes.notes)


def _web_result(web: list[Declaration], lines: list[str], name: str, notes: NoteSink) -> ParseResult:
    """A page's declarations as read by the web readers, with the page's year, place, document numbers and the
    categories its copy lost at the top of a table (`with_lost_levels`); of the file's notes, only the characters
    removed while decoding (the rest were about the table reading the web readers replaced)."""
    web = [with_lost_levels(d, lines) for d in web]
    return ParseResult(
        source_file=name,
        declarations=noted_doc_numbers(with_title_place(with_page_year(web, lines, "页面正文"), lines)),
        notes=[n for n in notes.notes if n.code == "text.invisible"],
    )


_SELF_EVALUATION = re.compile(r"绩效(?:目标)?自评表")


def _refuse_self_evaluation(declarations: list[Declaration], lines: list[str], name: str) -> None:
    """`NotADeclarationError` when the file is a 项目支出绩效自评表 read as a declaration without one indicator row
    (its 年度指标值/实际完成值 table is not a declaration's): the message names it and the command that reads it.
    Every reading's last check, so it also refuses a declaration of more than MAX_INDICATORS indicator rows."""
    for declaration in declarations:
        check_indicators(len(declaration.indicators), name)
    if any(d.indicators for d in declarations):
        return
    found = next(((n, m[0]) for n, line in enumerate(lines, start=1) if (m := _SELF_EVALUATION.search(line))), None)
    if found is None:
        return
    raise NotADeclarationError(
        f"文件 {name} 是绩效自评表（第 {found[0]} 行写有「{found[1]}」），不是绩效目标申报表：作为申报表读不到指标行，未导入",
        hint=f"请用 python -m assistant selfeval import {name} 导入自评表",
    )


_FORM_TITLE = re.compile(r"^[^，。；;:：]{0,30}绩效目标(?:申报|批复|审批|审核|设定)?表(?:[（(][^)）]*[)）])?$")


def _unread_title(rows: list[Row], name: str) -> NotADeclarationError | None:
    """A file with a form's title none of the readers could read under (专项资金绩效目标表 over text whose labels
    and values were copied apart, as from a PDF): refused saying what was found and what to do, not "no title"."""
    if any(_starts_declaration(row) for row in rows):
        return None
    title = next((row for row in rows if _FORM_TITLE.match(row.raw.strip())), None)
    if title is None:
        return None
    return NotADeclarationError(
        f"文件 {name} 第 {title.line} 行有表头「{title.raw.strip()}」，但其后的文字读不出表格：栏目名称和内容没有按行对应"
        "（常见于从 PDF 复制的文字：先列出一列的全部栏目，再列出另一列的内容），无法判断哪个值属于哪个栏目，未读取（不猜测）",
        hint="请直接导入原 PDF、Word 或 Excel 文件，或在原文件中按行复制表格后再导入",
    )


def _complete(declarations: list[Declaration]) -> bool:
    """Every declaration has its name and indicator rows and nothing was left unplaced: no second reading needed."""
    return all(
        d.header.name and d.indicators and not any(n.code == "unplaced.cell" for n in d.parse_notes)
        for d in declarations
    )


def _drop_empty(parsed: list[tuple[Block, Declaration]], name: str, notes: NoteSink) -> list[Declaration]:
    """A title with nothing under it is no declaration: the file is refused when that is all it holds, else
    the empty one is left out with a note (the others keep their position numbers, so their ids)."""
    kept = [decl for _, decl in parsed if not is_empty(decl)]
    if not kept:
        raise NotADeclarationError(_empty(parsed[0][0], name), hint=EMPTY_HINT)
    for block, decl in parsed:
        if is_empty(decl):
            notes.warn("declaration.empty", f"{_empty(block, name)}，已跳过", line=block.rows[0].line)
    return kept


def _empty(block: Block, name: str) -> str:
    title = block.rows[0]
    return empty_message(name, " ".join(c.text for c in title.filled), title.line)


def _note_truncation(decl: Declaration, rows: list[Row]) -> Declaration:
    last_line = max((r.line for r in rows if not r.is_blank), default=0)
    note = truncation_note(decl, last_line) if last_line else None
    return decl.model_copy(update={"parse_notes": [*decl.parse_notes, note]}) if note else decl


# A title of a self-evaluation (自评表, 评价指标表, 自评报告): a form `assistant selfeval import` reads.
_SELFEVAL_TITLE = re.compile(r"自评表|自评报告|评价指标表|绩效评价表|绩效自评")
_TITLE_LINES = 20


def _not_declaration_hint(rows: list[Row]) -> str:
    """Where a page that is no declaration says in its first lines that it is a self-evaluation, the command for it."""
    head = " ".join(" ".join(c.text for c in row.filled) for row in rows[:_TITLE_LINES])
    found = _SELFEVAL_TITLE.search(head)
    if found:
        return f"这像是绩效自评表（标题含“{found[0]}”）：请用 assistant selfeval import 导入自评表"
    return "请确认文件是申报表的文本导出（.txt）或从网页、文档复制的表格文本，且标题行未被删除"


def split_blocks(rows: list[Row], name: str, notes: NoteSink) -> list[Block]:
    starts = [(i, _layout_of(rows, i)) for i, row in enumerate(rows) if _starts_declaration(row)]
    if not starts:
        raise NotADeclarationError(
            f"文件 {name} 不是绩效目标申报表：没有找到表头，如「财政项目支出绩效目标申报表」「上海市财政支出项目绩效目标申报表」"
            "「项目支出绩效目标表」「××区2025年项目支出绩效目标批复表」",
            hint=_not_declaration_hint(rows),
        )
    starts = _without_repeated_titles(rows, starts, notes)
    first = _year_before(rows, starts[0][0])
    _report_preamble(rows[:first], notes)
    starts[0] = (first, starts[0][1])
    bounds = [s for s, _ in starts] + [len(rows)]
    return [
        Block(index=n + 1, layout=layout, rows=rows[start : bounds[n + 1]]) for n, (start, layout) in enumerate(starts)
    ]


def _without_repeated_titles(
    rows: list[Row], starts: list[tuple[int, Layout]], notes: NoteSink
) -> list[tuple[int, Layout]]:
    """A title with nothing under it but blank and year lines, then a title again (a page's heading, then the
    table's own title row), opens one declaration, not an empty one and a yearless one; the empty title is noted."""
    kept = [starts[0]]
    for start, layout in starts[1:]:
        between = rows[kept[-1][0] + 1 : start]
        if not all(row.is_blank or year_line(row.raw) is not None for row in between):
            kept.append((start, layout))
            continue
        empty = rows[kept[-1][0]]
        notes.warn(
            "declaration.empty",
            f"第 {empty.line} 行的标题下没有内容，紧接着又是一个标题：该空标题已跳过，与第 {rows[start].line} 行的标题读为同一份申报表",
            line=empty.line,
        )
    return kept


def _year_before(rows: list[Row], start: int) -> int:
    """Where the first declaration starts: at a ``(2026年度)`` line just above its title (only blank lines between),
    as a page may print the year above the form, else at the title."""
    at = start - 1
    while at >= 0 and rows[at].is_blank:
        at -= 1
    return at if at >= 0 and year_line(rows[at].raw) is not None else start


def _starts_declaration(row: Row) -> bool:
    title = read_title(row.raw)
    return title is not None and not title.continuation


def is_title(row: Row) -> bool:
    return read_title(row.raw) is not None


def _layout_of(rows: list[Row], start: int) -> Layout:
    title = read_title(rows[start].raw)
    assert title is not None
    return title.layout


def _report_preamble(rows: list[Row], notes: NoteSink) -> None:
    for row in rows:
        for cell in row.filled:
            notes.unplaced(cell.text, row.line, "位于第一张申报表表头之前")
