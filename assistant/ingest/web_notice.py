"""The parts of a notice of targets (``…绩效目标设定的公示``) that are not indicator items.

A notice written as sentences opens with the project's particulars (``一、项目基本情况：项目名称为…，主管部门为…，
项目资金总额86万元，全部为财政资金。``), heads its parts (``二、绩效目标：``, ``（一）产出目标：``) and closes with
its furniture (``特此公示。``, the signing organisation, the date). None of these is an indicator row:
``particulars`` reads the named fields of the opening sentences (the rest is noted, not guessed at),
``amount_sentence`` finds the one amount the text gives for the project (``资金总额/预算/安排 … N万元``),
``strip_numbering`` / ``is_heading`` / ``closes_notice`` / ``is_signature`` tell the reader what to skip.
"""

from __future__ import annotations

import re

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．])\s*")
_HEADING = re.compile(r"^[\u4e00-\u9fff、（）()]{2,16}[:：]$")
_CLOSING = re.compile(r"^特此(?:公示|公告|通知|说明|函告)[。.！!]?$")
_DATE_LINE = re.compile(r"^(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})$")
_ORG_LINE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(?:局|委员会|委|办公室|办|中心|人民政府|政府|院|所|站|厅|部|处|街道办事处|街道|镇|乡|会|队|馆)$"
)
_PARTICULARS = re.compile(r"^(?:项目)?(?:基本情况|概况|基本信息|简介)\s*[:：]\s*")
_FIELD = re.compile(
    r"^(?P<label>项目名称|主管部门|实施单位|申报单位|项目单位|项目负责人)\s*(?:为|是|[:：])\s*(?P<value>\S.*)$"
)
_AMOUNT = re.compile(
    r"(?:资金总额|资金规模|总预算|预算(?:资金|金额|总额)?|安排(?:资金|专项资金|经费)?|资金|经费)"
    r"(?:共|合计|总计|共计)?\s*[:：为]?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|亿元|元)"
)
_PART = re.compile(r"[，,。；;]")
_LABELS = {"项目单位": "实施单位", "申报单位": "申报单位"}


def strip_numbering(text: str) -> str:
    """A line or item without its ``一、`` / ``（一）`` / ``1.`` numbering."""
    return _NUMBERING.sub("", text.strip())


def is_heading(text: str) -> bool:
    """A part's heading with nothing after it (``二、绩效目标：``, ``具体指标：``): structure, not an item."""
    return bool(_HEADING.match(strip_numbering(text)))


def closes_notice(text: str) -> bool:
    """``特此公示。``: the notice's closing formula; what follows is its signature."""
    return bool(_CLOSING.match(text.strip()))


def is_signature(text: str) -> bool:
    """The signing organisation (``上海市宝山区司法局``) or the date (``2026年1月20日``) alone on a line."""
    key = re.sub(r"\s+", "", text)
    return bool(_DATE_LINE.match(key) or _ORG_LINE.match(key))


def signer(texts: list[tuple[int, str]]) -> tuple[int, str] | None:
    """(line, organisation) of a notice's signature: an organisation alone on a line and the date on the next filled
    line (同心: ``同心县农业农村局`` / ``2025年4月26日``), the last such pair; None where the notice is signed by none."""
    filled = [(n, re.sub(r"\s+", "", t)) for n, t in texts if t.strip()]
    found = None
    for (number, text), (_, after) in zip(filled, filled[1:], strict=False):
        if _ORG_LINE.match(text) and _DATE_LINE.match(after):
            found = (number, text)
    return found


def is_particulars(text: str) -> bool:
    """The opening sentences naming the project (``项目基本情况：…``, or a sentence starting ``项目名称为…``)."""
    body = strip_numbering(text)
    return bool(_PARTICULARS.match(body) or _FIELD.match(body))


def particulars(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(the (form label, value) pairs the sentences name, the parts that name none) of the opening sentences.
    A part holding the project's amount is neither: ``amount_sentence`` reads it."""
    body = _PARTICULARS.sub("", strip_numbering(text))
    pairs: list[tuple[str, str]] = []
    rest: list[str] = []
    for part in (p.strip() for p in _PART.split(body)):
        if not part:
            continue
        found = _FIELD.match(part)
        if found:
            pairs.append((_LABELS.get(found["label"], found["label"]), found["value"].strip()))
        elif not _AMOUNT.search(part):
            rest.append(part)
    return pairs, rest


def amount_sentence(texts: list[tuple[int, str]]) -> tuple[int, str, str] | None:
    """(line, the amount as written ``86万元``, the sentence part it was read from) for the one amount the
    notice's opening text gives for the project; None when it gives none or several different ones."""
    found = [(n, m, part) for n, t in texts for part in _PART.split(t) for m in _AMOUNT.finditer(part)]
    if len({(m["num"].replace(",", ""), m["unit"]) for _, m, _ in found}) != 1:
        return None
    number, match, part = found[0]
    return number, f"{match['num']}{match['unit']}", part.strip()
