"""Quantities a brief states in its text: ``4期``, ``约320名``, ``1000册``, ``六场``, and what follows from
them: ``每期约60人`` × ``2期`` = 120人次, ``每月…1次`` × 12个月 × ``18个站点`` = 216次.

Chinese numerals (六, 十二, 两, 一千二百) are read exactly; arithmetic is decimal. An ordinal (第一期),
an adjective (一次性) and money (元) are not quantities here (money comes from 项目构成).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_NUMBER = "[零〇一二两三四五六七八九十百千万]+"
UNITS = (
    "平方米",
    "个工作日",
    "工作日",
    "人次",
    "批次",
    "课时",
    "学时",
    "小时",
    "分钟",
    "人",
    "名",
    "期",
    "班",
    "场",
    "讲",
    "次",
    "册",
    "本",
    "份",
    "个",
    "处",
    "项",
    "台",
    "套",
    "辆",
    "件",
    "条",
    "篇",
    "户",
    "家",
    "所",
    "块",
    "幅",
    "张",
    "届",
    "天",
    "幢",
    "部",
)
_UNIT = "|".join(UNITS)
_APPROX = "约|近|逾|超过|不少于|不低于|共计|共|计|合计"
_QUANTITY = re.compile(
    rf"(?P<approx>{_APPROX})?(?P<num>\d[\d,，]*(?:\.\d+)?|{CN_NUMBER})(?P<wan>万)?(?P<unit>{_UNIT})"
    r"(?P<noun>[\u4e00-\u9fff]{0,4})"
)
_PER = re.compile(rf"每(?P<per>{_UNIT})$")
# 每月巡查每个站点1次 / 每季度开展1次 / 每周2次
_FREQUENCY = re.compile(
    rf"每(?P<period>月|季度|季|周|年|半年|天|日)(?P<middle>[^，。；;\d]{{0,10}}?)(?P<num>\d+|{CN_NUMBER})(?P<unit>次|场|期)"
)
_EACH = re.compile(r"每(?:个|座|处|家)?(?P<noun>[\u4e00-\u9fff]{2})")
_CLAUSE = re.compile(r"[^，。；;,、\n]+")


def cn_number(text: str) -> Decimal:
    """``六`` → 6, ``十二`` → 12, ``两千三百`` → 2300, ``一万二千`` → 12000; digits as they are. ValueError otherwise."""
    text = text.replace(",", "").replace("，", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    if not text or not re.fullmatch(CN_NUMBER, text):
        raise ValueError(f"不是数字：{text}")
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (digit or 1) * _SMALL[ch]
            digit = 0
        else:  # 万; a bare 万 is ten thousand
            total += ((section + digit) or 1) * 10000
            section, digit = 0, 0
    return Decimal(total + section + digit)


@dataclass(frozen=True)
class Quantity:
    """One figure of the brief: number, unit, the field and clause it came from, and how it was computed."""

    number: Decimal
    unit: str
    field: str
    clause: str
    before: str  # up to 10 characters before the figure in its clause
    noun: str  # up to 4 characters right after the unit
    approx: bool = False
    per: str | None = None  # 每期约60人: a figure per 期, not a total
    derivation: str | None = None
    parts: tuple[Quantity, ...] = ()  # the items a listing's total adds up (全体会议1次、常委会议6次 → 7次)

    @property
    def shown(self) -> str:
        return f"{'约' if self.approx else ''}{_plain(self.number)}{self.unit}"


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}"


def extract(fields: dict[str, str], *, months: int) -> list[Quantity]:
    """Every quantity of the fields (label → text) in reading order, then those derived from them."""
    found = [q for label, text in fields.items() for clause in _CLAUSE.findall(text) for q in _in_clause(label, clause)]
    derived = [*_sums(fields), *_products(found), *_frequencies(fields, found, months)]
    return found + derived


_SEGMENT = re.compile(r"[^，。；;,\n]+")


def _sums(fields: dict[str, str]) -> list[Quantity]:
    """The total of a listing in one phrase, its items joined by 、 and counted in the same unit:
    召开全体会议1次、常委会议6次 → 1次 + 6次 = 7次; 专题讲座6场、履职辅导8场 → 14场."""
    derived = []
    for label, text in fields.items():
        for segment in _SEGMENT.findall(text):
            found = [q for part in segment.split("、") for q in _in_clause(label, part) if q.per is None]
            for unit in dict.fromkeys(q.unit for q in found):
                items = [q for q in found if q.unit == unit]
                if len(items) >= 2:
                    derived.append(_total(items, label, segment.strip()))
    return derived


def _total(items: list[Quantity], label: str, segment: str) -> Quantity:
    total = sum((q.number for q in items), Decimal(0))
    how = " + ".join(f"{q.clause}" for q in items) + f" = {_plain(total)}{items[0].unit}"
    approx = any(q.approx for q in items)
    return Quantity(
        total, items[0].unit, label, segment, items[0].before, items[-1].noun, approx, None, how, tuple(items)
    )


def _in_clause(label: str, clause: str) -> list[Quantity]:
    taken = {m.span("num") for m in _FREQUENCY.finditer(clause)}
    found = []
    for m in _QUANTITY.finditer(clause):
        start = m.start("num")
        if m.span("num") in taken or clause[max(0, start - 1) : start] == "第" or m["noun"].startswith("性"):
            continue
        number = cn_number(m["num"]) * (10000 if m["wan"] else 1)
        before = clause[max(0, m.start() - 10) : m.start()]
        per = _PER.search(before)
        found.append(
            Quantity(
                number,
                m["unit"],
                label,
                clause.strip(),
                before,
                m["noun"],
                bool(m["approx"]),
                per["per"] if per else None,
            )
        )
    return found


def _products(found: list[Quantity]) -> list[Quantity]:
    """每期约60人 with 2期 → 120人次 (the count of the unit it is per, nearest one first)."""
    derived = []
    for q in (q for q in found if q.per is not None and q.unit in {"人", "名", "人次"}):
        count = next((c for c in found if c.per is None and c.unit == q.per and c.field == q.field), None)
        if count is None:
            continue
        total = q.number * count.number
        how = f"{count.shown} × 每{q.per}{q.shown} = {_plain(total)}人次"
        clause, before = f"{count.clause}；{q.clause}", count.before + q.before
        derived.append(Quantity(total, "人次", q.field, clause, before, q.noun, q.approx, None, how))
    return derived


_PERIODS = {"月": 1, "季度": 3, "季": 3, "半年": 6, "年": 12}


def _frequencies(fields: dict[str, str], found: list[Quantity], months: int) -> list[Quantity]:
    """每月…1次 over the brief's months, times the sites it names (每个站点 → 18个站点)."""
    derived = []
    for label, text in fields.items():
        for m in _FREQUENCY.finditer(text):
            if m["period"] not in _PERIODS:
                continue
            times, periods = cn_number(m["num"]), Decimal(months // _PERIODS[m["period"]])
            each = _EACH.search(m["middle"])
            sites = next((q for q in found if each and q.per is None and q.noun.startswith(each["noun"])), None)
            total = times * periods * (sites.number if sites else 1)
            how = f"每{m['period']}{_plain(times)}{m['unit']} × {_plain(periods)}个{m['period']}"
            how += f" × {sites.shown}{each['noun']}" if sites and each else ""
            clause = next((c for c in _CLAUSE.findall(text) if m.group(0) in c), m.group(0))
            how = f"{how} = {_plain(total)}{m['unit']}"
            derived.append(Quantity(total, m["unit"], label, clause.strip(), m["middle"], "", False, None, how))
    return derived


def service_months(start_year: int, start_month: int, end_year: int, end_month: int) -> int:
    """Calendar months a period touches: 2027-01 … 2027-12 → 12."""
    return (end_year - start_year) * 12 + end_month - start_month + 1


# A target the brief sets itself: 考试合格率不低于95%, 考核通过率达到98%以上, 学员满意度不低于90%.
_AT_LEAST = ("不低于", "不少于", "不小于", "达到", "高于", "超过", "≥", ">=")
_AT_MOST = ("不高于", "不超过", "不大于", "控制在", "低于", "≤", "<=")
_OPS = "|".join(sorted(_AT_LEAST + _AT_MOST, key=len, reverse=True))
_TARGET = re.compile(
    rf"(?P<subject>[\u4e00-\u9fff]{{2,12}}?)(?:要|应|须|需|均|要求)?(?P<op>{_OPS})\s*(?P<num>\d+(?:\.\d+)?|{CN_NUMBER})\s*"
    rf"(?P<unit>%|％|{_UNIT})(?P<tail>以上|以下|以内)?"
)
_LEAD_WORDS = re.compile(
    r"^(?:确保|力争|保证|保障|实现|使|并|且|同时|其中|全年|年度|年内|最终|整体|总体|每批次|每期|每次)+"
)


@dataclass(frozen=True)
class Target:
    """A figure the brief states as a target: ``subject`` (考试合格率) ``op`` (≥/≤) ``number`` ``unit`` (%)."""

    subject: str
    op: str
    number: Decimal
    unit: str
    field: str
    clause: str

    @property
    def shown(self) -> str:
        return f"{self.subject}{self.op}{_plain(self.number)}{self.unit}"


def targets(fields: dict[str, str]) -> list[Target]:
    """Every target of the fields (label → text), in reading order; 达到100% is an equality."""
    found = []
    for label, text in fields.items():
        for clause in _CLAUSE.findall(text):
            for m in _TARGET.finditer(clause):
                subject = _LEAD_WORDS.sub("", m["subject"])
                op = "≥" if m["op"] in _AT_LEAST or m["tail"] == "以上" else "≤"
                unit = "%" if m["unit"] in "%％" else m["unit"]
                number = cn_number(m["num"])
                if len(subject) < 2:
                    continue
                op = "=" if op == "≥" and unit == "%" and number == 100 else op
                found.append(Target(subject, op, number, unit, label, clause.strip()))
    return found
