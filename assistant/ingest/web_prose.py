"""Targets published as prose (``…绩效目标设定的公示``): the indicators written as sentences under their categories.

Some counties publish a project's targets not as a table but as a notice: the project and its funds in a
paragraph, then ``一、产出指标`` / ``数量指标：★补助…数量(≥**株)>=17600株；种植作物成活率(≥**%)>=85；时效指标：…``.
Such a page is read where the words show the parts: a category names the rows after it (``数量指标：``, a
heading ``(一)数量指标``), a value is an operator and a number (``>=17600株``, ``≧300人``), a number at the end of
an item (``8次``), or a short wording after a comma or at the end (``，2025年10月底前``, ``…意识，提高``); an item
with no value keeps its text as the name with a blank value and a note. The project's name is the notice's
title (…项目…绩效目标设定/公示) without ``关于``/``绩效目标…`` around it, and a page whose title names no 项目 is not
read (no name is guessed); its amount is taken only where the text gives one ``资金…万元``.

``read_prose`` gives the rows to the Word/Excel reader as a grid, as the other page readers do; it returns []
when the page is not such a notice (no title naming a 项目, no ``…如下：`` line, or no item with a value).
"""

from __future__ import annotations

import re

from assistant.domain.model import Declaration
from assistant.ingest.cells import clean_inline
from assistant.ingest.web_slots import is_level1, level_term
from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes

_OPERATOR = r"(?:>=|<=|≥|≤|≧|≦|＞|＜|>|<|=|＝|大于等于|小于等于|不低于|不少于|不高于|不超过)"
_VALUE = re.compile(rf"{_OPERATOR}\s*\d[\d,]*(?:\.\d+)?\s*(?:%|％|‰|[\u4e00-\u9fffA-Za-z/·]{{0,6}})")
_NUMBER_END = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:%|％|[\u4e00-\u9fffA-Za-z/·]{0,4})$")
_WORDS_END = re.compile(
    r"(?:持续提高|明显提升|显著提升|基本健全|提高|提升|增加|增强|改善|下降|减少|降低|健全|完善|良好|稳定|达标)$"
)
_ITEM_END = re.compile(r"[;；。]")
_CATEGORY = re.compile(r"^([\u4e00-\u9fff]{2,12}(?:指标|目标))\s*[:：,，]\s*")
_TITLE = re.compile(r"(?P<title>\S*?项目\S*?绩效目标(?:设定|公示)\S*)")
_NAME = re.compile(r"^(?:关于)?(?:解决|下达|印发)?(?P<name>.+?项目)(?:资金)?(?:绩效目标|的绩效目标)")
_AMOUNT = re.compile(r"资金(?:总额|规模)?\s*[:：为]?\s*(\d+(?:\.\d+)?)\s*(万元|元)")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_START = re.compile(r"(?:如下|设定如下|公示如下)\s*[:：]\s*$")


def read_prose(lines: list[str], name: str, sha256: str) -> list[Declaration]:
    """The declaration a notice of targets holds, or [] when the page is not one."""
    from assistant.office.importer import read_declaration  # the office importer imports the text parsers

    texts = [(n, clean_inline(line.strip())) for n, line in enumerate(lines, start=1)]
    title = next(((n, m["title"]) for n, t in texts if (m := _TITLE.search(t.replace("|", " ")))), None)
    project = _NAME.match(title[1]) if title else None
    start = next((k for k, (_, t) in enumerate(texts) if _START.search(t)), None)
    if title is None or project is None or start is None:  # no project named in the title: no name is guessed
        return []
    notes = OfficeNotes()
    rows = _items(texts[start + 1 :], notes)
    if not any(r[4] for r in rows):
        return []
    notes.info("web.prose", "页面以文字写出绩效目标（不是表格）：按指标类别、数值和标点分开各项读取；请逐项核对")
    grid = [_grid(title[0], ["项目名称", project["name"]])]
    amount = _amount(texts[: start + 1])
    if amount:
        grid.append(_grid(amount[0], ["资金总额", amount[1]]))
    grid.append(_grid(texts[start][0], ["一级指标", "二级指标", "三级指标", "指标值"]))
    grid += [_grid(number, cells) for number, *cells in rows]
    decl = read_declaration(grid, source_file=name, sha256=sha256, notes=notes)
    year = _YEAR.search(decl.header.name)
    if decl.header.year is None and year:
        decl = decl.model_copy(update={"header": decl.header.model_copy(update={"year": int(year[1])})})
    return [decl]


def _amount(texts: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The one ``资金…万元`` the paragraph names (several different ones: none, since which is the project's)."""
    found = [(n, m) for n, t in texts for m in _AMOUNT.finditer(t)]
    values = {(m[1], m[2]) for _, m in found}
    if len(values) != 1:
        return None
    number, match = found[0]
    return number, f"{match[1]}{match[2]}"


def _items(texts: list[tuple[int, str]], notes: OfficeNotes) -> list[tuple[int, str, str, str, str]]:
    """(line, 一级, 二级, name, value) of each item under the categories, in order."""
    level1 = level2 = ""
    out: list[tuple[int, str, str, str, str]] = []
    for number, text in texts:
        if not text or text.startswith(("附件", "扫一扫")):
            break
        term = level_term(text)
        if term is not None:
            level1, level2 = levels_after(term, level1, level2)
            continue
        for item in (p.strip() for p in _ITEM_END.split(text)):
            while (category := _CATEGORY.match(item)) and _category(category[1]):
                level1, level2 = levels_after(category[1], level1, level2)
                item = item[category.end() :]
            pairs, leftover = split_item(item)
            for name, value in pairs:
                if not value:
                    notes.info("web.prose_no_value", f"「{name}」没有写出指标值，按空白读取")
                out.append((number, level1, level2, name, value))
            if leftover:
                notes.warn(
                    "file.truncated",
                    f"指标值之后还有「{leftover}」，不成一项（页面可能在此中断），未作为指标读取；请核对原页面",
                )
    return out


def _category(word: str) -> bool:
    """A category word, also written with 目标 for 指标 (社会效益目标)."""
    return level_term(word) is not None or (word.endswith("目标") and level_term(f"{word[:-2]}指标") is not None)


def levels_after(term: str, level1: str, level2: str) -> tuple[str, str]:
    """The categories after ``term``: a 一级 one clears the 二级."""
    return (term, "") if is_level1(term) else (level1, term)


def split_item(item: str) -> tuple[list[tuple[str, str]], str]:
    """The (name, value) pairs of one item (each operator value ends one; without any, the item is one name and
    its value), and text left after the last value."""
    item = item.strip(" ,，、")
    if not item:
        return [], ""
    pairs, start = [], 0
    for found in _VALUE.finditer(item):
        name = item[start : found.start()].strip(" ,，、")
        if name:
            pairs.append((name, found[0].strip()))
            start = found.end()
    rest = item[start:].strip(" ,，、")
    if not pairs:
        return ([_plain(rest)] if rest else []), ""
    return pairs, rest


def _plain(item: str) -> tuple[str, str]:
    """(name, value) of an item without an operator: a short part after its last comma, a number at its end, a
    wording such as 提高 at its end; else the whole item as the name."""
    head, comma, tail = item.rpartition("，") if "，" in item else item.rpartition(",")
    if comma and head and 0 < len(tail) <= 12:
        return head, tail
    number = _NUMBER_END.search(item)
    if number and number.start() > 0:
        return item[: number.start()], number[0]
    words = _WORDS_END.search(item)
    if words and words.start() > 0:
        return item[: words.start()], words[0]
    return item, ""


def _grid(number: int, texts: list[str]) -> GridRow:
    cells = tuple(GridCell(t, number - 1, col, f"第 {number} 行") for col, t in enumerate(texts) if t)
    return GridRow("网页", number - 1, cells)
