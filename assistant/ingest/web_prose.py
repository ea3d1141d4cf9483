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
from assistant.ingest.web_notice import (
    amount_sentence,
    closes_notice,
    is_heading,
    is_particulars,
    is_signature,
    particulars,
    signer,
    strip_numbering,
)
from assistant.ingest.web_slots import is_level1, level_term
from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes

_OPERATOR = r"(?:>=|<=|≥|≤|≧|≦|＞|＜|>|<|=|＝|大于等于|小于等于|不低于|不少于|不高于|不超过)"
_VALUE = re.compile(rf"{_OPERATOR}\s*\d[\d,]*(?:\.\d+)?\s*(?:%|％|‰|[\u4e00-\u9fffA-Za-z/·]{{0,6}})")
_NUMBER_END = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:%|％|[\u4e00-\u9fffA-Za-z/·]{0,4})$")
_WORDS_END = re.compile(
    r"(?:持续提高|明显提升|显著提升|基本健全|提高|提升|增加|增强|改善|下降|减少|降低|健全|完善|良好|稳定|达标)$"
)
# A limit inside a sentence: 3个工作日内, 24小时以内, 2个月内, 15日前
_INSIDE = re.compile(r"\d+(?:\.\d+)?\s*个?(?:工作日|自然日|日|天|小时|分钟|个月|月|周)(?:以内|之内|内|前)")
_ITEM_END = re.compile(r"[;；。]")
_CATEGORY = re.compile(r"^([\u4e00-\u9fff]{2,12}(?:指标|目标))\s*[:：,，]\s*")
_TITLE = re.compile(r"(?P<title>\S*?项目\S*?绩效目标(?:设定|公示)\S*)")
_NAME = re.compile(r"^(?:关于)?(?:解决|下达|印发)?(?P<name>.+?项目)(?:资金)?(?:绩效目标|的绩效目标)")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_CURRENT = re.compile(r"(?:效益|满意度|成本)目标")
_UNIT_LABELS = frozenset({"主管部门", "实施单位", "申报单位", "预算单位"})
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
    body = texts[start + 1 :]
    first = _first_category(body)
    # before the first category: the particulars, less any line written as an item (一个运算符和数值)
    ahead = [(n, t) for n, t in body[:first] if is_particulars(t) or not _VALUE.search(t)]
    rows = _items([x for x in body if x not in ahead], notes)
    if not any(r[4] for r in rows):
        return []
    notes.info("web.prose", "页面以文字写出绩效目标（不是表格）：按指标类别、数值和标点分开各项读取；请逐项核对")
    fields = _particulars(ahead, notes)
    named = next((value for label, value, _ in fields if label == "项目名称"), None)
    grid = [_grid(title[0], ["项目名称", named or project["name"]])]
    grid += [_grid(number, [label, value]) for label, value, number in fields if label != "项目名称"]
    signed = signer(body) if not {label for label, _, _ in fields} & _UNIT_LABELS else None
    if signed is not None:
        grid.append(_grid(signed[0], ["申报单位", signed[1]]))
        notes.info(
            "web.notice_signer",
            f"公示落款的发布单位「{signed[1]}」按申报单位读取（正文未写明单位）；请核对",
            line=signed[0],
        )
    amount = amount_sentence([*texts[: start + 1], *ahead])
    if amount:
        grid.append(_grid(amount[0], ["资金总额", amount[1]]))
        notes.info(
            "funding.from_sentence",
            f"公示正文写有「{amount[2]}」：按此读取项目金额 {amount[1]}，请核对",
            line=amount[0],
        )
    grid.append(_grid(texts[start][0], ["一级指标", "二级指标", "三级指标", "指标值"]))
    grid += [_grid(number, cells) for number, *cells in rows]
    decl = read_declaration(grid, source_file=name, sha256=sha256, notes=notes)
    year = _YEAR.search(title[1])
    if decl.header.year is None and year:
        decl = decl.model_copy(update={"header": decl.header.model_copy(update={"year": int(year[1])})})
    return [decl]


def _first_category(body: list[tuple[int, str]]) -> int:
    """Where the items start: the first line that opens with a category (``（一）产出目标：``, ``一、产出指标``);
    the lines before it are the notice's particulars. 0 when no line does (the items start at once)."""
    for k, (_, text) in enumerate(body):
        line = strip_numbering(text)
        category = _CATEGORY.match(line)
        if level_term(line) is not None or (category and _category(category[1])):
            return k
    return 0


def _particulars(texts: list[tuple[int, str]], notes: OfficeNotes) -> list[tuple[str, str, int]]:
    """(form label, value, line) of the fields the lines before the items name (项目名称为…, 主管部门为…); what
    names nothing (and is no amount sentence) is a note, never an item."""
    fields: list[tuple[str, str, int]] = []
    for number, text in texts:
        if not text or is_heading(text):
            continue
        if is_particulars(text):
            pairs, rest = particulars(text)
            fields += [(label, value, number) for label, value in pairs]
        else:
            rest = [text] if not amount_sentence([(number, text)]) else []
        for part in rest:
            notes.unplaced_text(part, _cell(number, part), "公示正文中说明项目情况的文字，不是指标，也不是表头栏目")
    return fields


def _items(texts: list[tuple[int, str]], notes: OfficeNotes) -> list[tuple[int, str, str, str, str]]:
    """(line, 一级, 二级, name, value) of each item under the categories, in order."""
    level1 = level2 = ""
    out: list[tuple[int, str, str, str, str]] = []
    current = _current_words(texts)
    for k, (number, text) in enumerate(texts):
        if not text or text.startswith(("附件", "扫一扫")):
            break
        if closes_notice(text):
            _signature(texts[k:], notes)
            break
        if is_signature(text) or is_heading(text):
            if is_signature(text):
                notes.info_at("web.notice_signature", "公示的落款（发布单位或日期），不是指标", _cell(number, text))
            continue
        text = strip_numbering(text)
        term = level_term(text)
        if term is not None:
            level1, level2 = levels_after(term, level1, level2)
            continue
        for item in (p.strip() for p in _ITEM_END.split(text)):
            while (category := _CATEGORY.match(item)) and _category(category[1]):
                level1, level2 = _levels(category[1], current, level1, level2)
                item = item[category.end() :]
            if is_heading(item) or not item:
                continue
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


def _signature(texts: list[tuple[int, str]], notes: OfficeNotes) -> None:
    """``特此公示。`` and what follows it: the notice's closing and signature, noted, never items."""
    for number, text in texts:
        if not text:
            continue
        if closes_notice(text) or is_signature(text):
            notes.info_at("web.notice_signature", "公示的结束语或落款（发布单位、日期），不是指标", _cell(number, text))
        else:
            notes.unplaced_text(text, _cell(number, text), "位于公示结束语「特此公示」之后")


def _cell(number: int, text: str) -> GridCell:
    return GridCell(text, number - 1, 0, f"第 {number} 行")


def _current_words(texts: list[tuple[int, str]]) -> bool:
    """Does the notice write the current framework's categories with 目标 (产出目标、效益目标、满意度目标), not the
    2019 framework's (产出目标、效果目标)?"""
    joined = "".join(t for _, t in texts)
    return "效果目标" not in joined and bool(_CURRENT.search(joined))


def _levels(word: str, current: bool, level1: str, level2: str) -> tuple[str, str]:
    """The categories after ``word``, kept as written: in a notice in the current framework's categories a
    ``效益目标`` is a 一级 category as 效益指标 is."""
    if current and word.endswith("目标") and is_level1(f"{word[:-2]}指标"):
        return word, ""
    return levels_after(word, level1, level2)


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
        name = _joined(item[start : found.start()].strip(" ,，、"))
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
        return _joined(item[: number.start()]), number[0]
    words = _WORDS_END.search(item)
    if words and words.start() > 0:
        return item[: words.start()], words[0]
    inside = _INSIDE.search(item)
    if inside and inside.start() > 0:  # 案件受理后3个工作日内指派律师: the item as written, its limit the value
        return item, inside[0]
    return item, ""


def _joined(name: str) -> str:
    """A name without the verb that joined it to its value (``结案归档率达到`` 100% → 结案归档率)."""
    bare = name.removesuffix("达到")
    return bare if len(bare) >= 2 else name


def _grid(number: int, texts: list[str]) -> GridRow:
    cells = tuple(GridCell(t, number - 1, col, f"第 {number} 行") for col, t in enumerate(texts) if t)
    return GridRow("网页", number - 1, cells)
