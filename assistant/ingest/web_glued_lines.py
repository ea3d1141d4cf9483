"""A declaration whose title stands on a line of its own and whose header rows each ran their label into their value
when the page was copied (澧县's 预算项目绩效目标申报表: ``项目名称环保局县域生态环境质量考核工作经费``,
``项目填报人雷文剑``, ``金额:100 万元`` as a line under the title).

`web_flat` reads such lines only when the title and the labels share one line, or when an indicator header follows;
this page has neither (the copy ends before the table). Here, a line is cut after a label the readers know when it
starts with one (the label's words are the only edge the copy kept); a line that starts with no label is one cell,
joined to a text section above it where it is a numbered paragraph or that section's sentence goes on. ``金额`` under the title, with a figure and its unit, is the
form's amount. The rows then go to the Word/Excel reader as a grid, as the other page readers do, with a warning
that the cells were parted by their labels. Nothing is read unless at least three lines start with a label run into
their value and one of them is the 项目名称, and only where no indicator header follows (a table no reader could
read is refused as before, not dropped); never a guessed field.
"""

from __future__ import annotations

import re

from assistant.domain.model import Declaration, Layout
from assistant.errors import NotADeclarationError
from assistant.ingest.cells import clean_inline, label_key, undecorated
from assistant.ingest.labels import FieldKind
from assistant.ingest.web_glued_pairs import joined_lines, split_pairs
from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes
from assistant.office.reader import find_label, label_words
from assistant.office.wording import ALIASES

_TITLE = re.compile(r"^[^，。；;:：]{0,30}绩效目标(?:申报|批复|审批|审核|设定)?表(?:[（(][^)）]*[)）])?$")
_INDICATOR_HEADER = re.compile(r"一级(?:指标|目标)")
# ``金额:100 万元``: the form's one amount written as a line of its own, its unit in the value.
_AMOUNT_LINE = re.compile(
    r"^金额\s*(?:[（(](?P<unit>万元|元)[)）])?\s*[:：]\s*(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<written>万元|元)?\s*$"
)
_AMOUNT_NOTE = "表头下方的「{}」是本表唯一的金额（没有分列总额和当年数），读作项目资金总额；请核对"
_MIN_GLUED = 3
_MAX_LINES = 80  # the header of a form is a few dozen lines at most: a longer stretch is not one form's header


def read_glued_lines(lines: list[str], name: str, sha256: str) -> list[Declaration]:
    """The declaration under a title line whose header lines each ran a known label into its value, read by the
    labels, with a warning (web.glued_lines); [] when the page is not so (no such title, fewer than three glued
    lines, no 项目名称 among them) or the reader finds no name."""
    from assistant.office.importer import read_declaration  # the office importer imports the text parsers

    start = next((k for k, line in enumerate(lines) if _TITLE.match(_key(line))), None)
    if start is None:
        return []
    rows: list[GridRow] = [_grid(start + 1, [_key(lines[start])])]
    notes = OfficeNotes()
    glued = 0
    named = False
    for number, raw in joined_lines(lines[start + 1 : start + 1 + _MAX_LINES], start + 2):
        text = clean_inline(raw.strip())
        if not text:
            continue
        if _INDICATOR_HEADER.search(_key(text)):
            return []  # an indicator table no reader could read: refused as before, never read without its rows
        pairs = split_pairs(text)  # 预算单位…项目主管部门…项目名称…: several pairs on one line
        cells = pairs if len(pairs) > 2 else _cells(text)
        if len(cells) == 2 and cells[0] == "项目资金总额" and _AMOUNT_LINE.match(text):
            notes.info("web.amount_line", _AMOUNT_NOTE.format(text), line=number, fragment=text)
        if len(cells) >= 2:
            glued += 1
            named = named or any(_canonical(label) == "项目名称" for label in cells[::2])
            rows.append(_grid(number, cells))
        elif rows and _is_section(rows[-1]) and pairs[1:] != [""] and _continues(rows[-1].cells[1].text, text):
            # a section's next paragraph (专项长期绩效目标 1、… / 2、…), or its sentence going on after a comma
            last = rows[-1]
            rows[-1] = _grid(last.index + 1, [last.cells[0].text, f"{last.cells[1].text}\n{text}"])
        else:
            rows.append(_grid(number, [text]))
    if glued < _MIN_GLUED or not named:
        return []
    notes.warn(
        "web.glued_lines",
        "网页复制时每行的栏目名称和内容连在了一起：按已知栏目名称分开读取（一行有几个栏目的，短栏目的内容在下一个栏目名称处分开；"
        "行首不是栏目名称的文字原样保留在解析提示中）；"
        "复制的文字在指标表之前就结束了，没有指标行；请逐项核对，并对照原表补录指标",
        line=start + 1,
    )
    try:
        decl = read_declaration(rows, source_file=name, sha256=sha256, notes=notes)
    except NotADeclarationError:
        return []
    return [decl] if decl.header.name else []


def _cells(text: str) -> list[str]:
    """[label, value] when ``text`` starts with a known label (or is the ``金额:`` amount line) run into a value;
    [text] otherwise. A label's unit or 公章 mark in brackets belongs to the label."""
    amount = _AMOUNT_LINE.match(text)
    if amount is not None and (unit := amount["written"] or amount["unit"]):  # 金额:100 万元, 金额(万元):100
        return ["项目资金总额", f"{amount['value']} {unit}"]
    key = _key(text)
    label = next((w for w in _LABELS if key.startswith(w)), None)
    if label is None:
        return [text]
    end = len(label)
    if (mark := _MARK.match(key, end)) is not None:
        label, end = label + mark[0], mark.end()
    value = _after(text, end).lstrip(":： ").strip()
    return [label, value] if value else [text]


_MARK = re.compile(r"[（(](?:公章|盖章|万元|元)[)）]")
_LABELS = [w for w in label_words() if len(w) >= 4 or w in {"项目名称", "主管部门", "实施单位"}]


def _continues(before: str, line: str) -> bool:
    """``line`` goes on with the section whose text is ``before``: it is a numbered paragraph, or ``before`` stops
    mid-sentence. A line after a finished sentence that is neither (``实施计划实施开始时间…``, another field whose
    label the readers do not know) stays a cell of its own."""
    return bool(_NUMBERED.match(line)) or not before.rstrip().endswith(_SENTENCE_ENDS)


_NUMBERED = re.compile(r"^(?:\d{1,2}\s*[、.．)）]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]+、)")
_SENTENCE_ENDS = ("。", "；", ";", "！", "？", "!", "?")


def _after(text: str, chars: int) -> str:
    """``text`` after its first ``chars`` characters that are not spaces (a label's words in the spaceless key)."""
    seen = 0
    for k, ch in enumerate(text):
        if seen == chars:
            return text[k:]
        seen += not ch.isspace()
    return ""


def _canonical(label: str) -> str:
    key = label_key(label)
    return ALIASES.get(key, key)


def _is_section(row: GridRow) -> bool:
    if len(row.cells) != 2:
        return False
    spec = find_label(row.cells[0].text, Layout.MUNICIPAL_2021)
    return spec is not None and spec.kind is FieldKind.SECTION


def _key(text: str) -> str:
    return undecorated(re.sub(r"\s+", "", text))


def _grid(number: int, texts: list[str]) -> GridRow:
    cells = tuple(GridCell(t, number - 1, col, f"第 {number} 行") for col, t in enumerate(texts) if t)
    return GridRow("网页", number - 1, cells)
