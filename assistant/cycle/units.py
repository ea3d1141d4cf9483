"""Units of 年度指标值 and 实际完成值, and an 实际完成值 read against its target in the target's unit.

A person writes the actual in the unit they counted in (``2小时`` against ``≤30(分钟)``, ``1.2万人次`` against
``≥10000(人次)``); the number alone means nothing until its unit is read. One domain table, here: unit libraries
(pint and the like) know SI names, not 分钟/工作日/万人次, and the rules that matter are domain ones.

The table (sizes in each kind's base unit; a conversion is made only where it is exact):
- time: 秒 1, 分钟 60, 小时 3600, 天/日/自然日 86400, 周 604800 (seconds);
- months: 月/个月 1, 季度 3, 年 12 — never converted to days (months differ in length);
- 工作日/个工作日: a kind of its own — a working day is neither a calendar day nor 24 hours;
- percent: % 1, ‰ 0.1, 百分点/个百分点 1 — but for an indicator of a change (增长率, 提高, 下降 …) ``5%`` may be a
  relative change and ``5个百分点`` a difference of rates: those two are not converted there;
- money: 元; length: 米 (公里 1000, 厘米, 毫米); area: 平方米 (平方公里, 公顷); mass: 克 (公斤, 吨, 斤);
- counts: one kind per noun (人, 人次, 个, 次, 件, 台, 套, 户 …): 人 and 人次 count different things; 名 and 位 count
  persons (人), ``个人`` is 人;
- any of these after a scale word 十/百/千/万/十万/百万/千万/亿 (万元, 万人次, 千米); a scale alone (``1.2万``)
  takes the target's noun.
A unit not in the table compares only with the same unit written the same way; a per-year unit (``次/年``) is the
same as its noun in a year's figures. A bare number is in the target's unit.

`read_actual(text, target, name)` → `Reading`: BLANK, NUMBER (``value`` in the target's unit), TEXT (prose, no
number), UNREADABLE (a number that cannot be read: ``1e3``, ``NaN``, ``四四``, ``1/2`` — refused everywhere,
never guessed; a figure in Chinese numerals is read exactly first, ``四百天`` as ``400天``, ``两成`` as ``20%``) or MISMATCH (units that do not convert); ``problem`` and ``hint`` say why and what to write, in
Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from assistant.cycle.numbers import fmt
from assistant.domain.quantities import CN_NUMBER, cn_number
from assistant.domain.values import IndicatorValue, ValueKind, parse_value

_TIME = {"秒": 1, "秒钟": 1, "分钟": 60, "小时": 3600, "个小时": 3600, "钟头": 3600, "天": 86400, "日": 86400}
_TIME |= {"自然日": 86400, "周": 604800, "星期": 604800, "个星期": 604800}
_MONTHS = {"月": 1, "个月": 1, "季度": 3, "个季度": 3, "年": 12}
_OTHER: dict[str, tuple[str, Decimal]] = {
    "工作日": ("workday", Decimal(1)),
    "个工作日": ("workday", Decimal(1)),
    "%": ("percent", Decimal(1)),
    "‰": ("percent", Decimal("0.1")),
    "百分点": ("percent", Decimal(1)),
    "个百分点": ("percent", Decimal(1)),
    "元": ("money", Decimal(1)),
    "米": ("length", Decimal(1)),
    "公里": ("length", Decimal(1000)),
    "厘米": ("length", Decimal("0.01")),
    "毫米": ("length", Decimal("0.001")),
    "平方米": ("area", Decimal(1)),
    "平米": ("area", Decimal(1)),
    "㎡": ("area", Decimal(1)),
    "平方公里": ("area", Decimal(1000000)),
    "公顷": ("area", Decimal(10000)),
    "克": ("mass", Decimal(1)),
    "公斤": ("mass", Decimal(1000)),
    "斤": ("mass", Decimal(500)),
    "吨": ("mass", Decimal(1000000)),
    "分": ("points", Decimal(1)),
}
# Nouns counting whole things: an amount of them (after its scale) is a whole number.
COUNT_NOUNS = frozenset(
    "人 名 位 人次 次 个 件 台 套 户 家 项 场 场次 所 辆 座 处 篇 本 册 份 批 间 张 株 棵 头 只 条 部 门 节 期 轮 班"
    " 组 支 枚 幅 首 集 笔 例 宗 起 块 盏 根 栋 幢 艘 架 车次 篇次 册次 课 堂 页 张次 户次".split()
)
# Classifiers of people counted as persons: 7名 and 7位 are 7人 (人次 is another count).
_PEOPLE = {"名": "人", "位": "人"}
_KINDS: dict[str, tuple[str, Decimal]] = (
    {k: ("time", Decimal(v)) for k, v in _TIME.items()}
    | {k: ("months", Decimal(v)) for k, v in _MONTHS.items()}
    | _OTHER
    | {noun: (f"count:{_PEOPLE.get(noun, noun)}", Decimal(1)) for noun in COUNT_NOUNS}
)
_SCALES = {"十万": 100000, "百万": 1000000, "千万": 10000000, "十": 10, "百": 100, "千": 1000, "万": 10000}
_SCALES |= {"亿": 100000000}
_POINTS = {"百分点", "个百分点"}
_PER_YEAR = re.compile(r"(?:/年度?|每年)$")
# An indicator of a change: its % may be relative, its 百分点 a difference of rates (see the module docstring).
_CHANGE = re.compile(r"增长|增幅|增速|增加|提升|提高|上升|下降|降低|减少|同比|环比|变化|变动|降幅")
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_GROUPING = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
# A number written in a form this reader refuses: exponent, NaN/infinity, two decimal points, a fraction, Chinese
# numerals (``四百天``); followed by at most a short unit.
_NUMBERISH = re.compile(
    r"^[<>=≤≥≦≧约]{0,2}\s*[+-]?(?:(?P<odd>nan|inf(?:inity)?|∞|\d*\.?\d+e[+-]?\d+|\d+(?:\.\d+){2,}|\d+/\d+)"
    rf"|[{_CN_DIGITS}][{_CN_DIGITS}点]*)\s*(?P<unit>[^\d\s]{{0,6}})$",
    re.IGNORECASE,
)
# A figure in Chinese numerals, read exactly (``四百天`` → 400天, ``百分之九十五`` → 95%, ``两成`` / ``九成五`` → 20% / 95%,
# ``二点五小时`` → 2.5小时, 大写 ``叁拾人`` through ``numerals.small_numerals``); two digits side by side (``四四``) are not
# a numeral and stay unreadable.
_CN_POINT = "[零〇一二两三四五六七八九]"
_CN_FIGURE = re.compile(
    rf"^(?P<op>[<>=≤≥≦≧约]{{0,2}}\s*)(?:百分之(?P<pct>{CN_NUMBER}(?:点{_CN_POINT}+)?)"
    rf"|(?P<tenths>[一二两三四五六七八九])成(?P<half>[一二三四五六七八九])?"
    rf"|(?P<num>{CN_NUMBER}(?:点{_CN_POINT}+)?))(?P<unit>[^\d\s]{{0,6}})$"
)
_TWO_DIGITS = re.compile("[一二两三四五六七八九壹贰貳叁肆伍陆陸柒捌玖]{2}")
# A duration written in two or more units: ``2小时30分钟``, ``1天4小时``, ``2小时30分`` (分 here is minutes).
_MIXED = re.compile(r"^(?:\d+(?:\.\d+)?(?:天|个小时|小时|分钟|分|秒))+$")
_MIXED_PART = re.compile(r"(\d+(?:\.\d+)?)(天|个小时|小时|分钟|分|秒)")
# Words after a unit that do not change it: ``45分钟内``, ``3天以内``.
_UNIT_TAIL = re.compile(r"(?:以内|之内|内|左右)$")
_NAME_UNIT = re.compile(r"[（(]\s*(?P<unit>[^（）()]{1,6})\s*[)）]\s*$")


def normal(text: str) -> str:
    """Full-width letters, digits and signs as ASCII (``４００天`` → ``400天``, ``９０％`` → ``90%``), thousands
    separators dropped (``1,200`` → ``1200``), spaces around trimmed."""
    return _GROUPING.sub("", text.translate(_FULL_WIDTH)).strip()


@dataclass(frozen=True)
class Unit:
    """A unit as written: ``kind`` (None: not in the table), ``size`` in the kind's base unit (scale included),
    ``noun`` without its scale word (``万人次`` → ``人次``), ``scale`` (``万`` → 10000)."""

    written: str
    noun: str
    kind: str | None
    size: Decimal
    scale: Decimal

    @property
    def counts(self) -> bool:
        return self.noun in COUNT_NOUNS


def unit_of(written: str) -> Unit:
    """The table's reading of ``written`` (``万人次``, ``个工作日``, ``%``); unknown units have ``kind`` None."""
    text = _PER_YEAR.sub("", normal(written)) or normal(written)
    if text not in _KINDS and text.startswith("个") and text[1:] in COUNT_NOUNS:
        text = text[1:]  # 7个人 is 7人
    if text in _KINDS:
        kind, size = _KINDS[text]
        return Unit(written, text, kind, size, Decimal(1))
    for word, scale in sorted(_SCALES.items(), key=lambda item: -len(item[0])):
        rest = text.removeprefix(word)
        if rest != text and (rest in _KINDS or not rest):
            kind, size = _KINDS.get(rest, ("scale", Decimal(1)))
            return Unit(written, rest, kind, size * scale, Decimal(scale))
    return Unit(written, text, None, Decimal(1), Decimal(1))


class ReadKind(StrEnum):
    BLANK = "blank"
    NUMBER = "number"
    TEXT = "text"
    UNREADABLE = "unreadable"
    MISMATCH = "mismatch"


@dataclass(frozen=True)
class Reading:
    """An 实际完成值 read against its target. ``written``/``unit``: the number and unit as the person wrote them
    (``unit`` None: a bare number); ``value``: the number in the target's unit (NUMBER only); ``sizes``: the
    written unit's and the target unit's sizes in their common base unit (equal: nothing converted); ``target_unit``: the unit compared in (the target's, else the one written)."""

    kind: ReadKind
    text: str
    written: Decimal | None = None
    unit: str | None = None
    value: Decimal | None = None
    sizes: tuple[Decimal, Decimal] = (Decimal(1), Decimal(1))
    target_unit: str | None = None
    problem: str | None = None  # Chinese: why the figure cannot be compared (UNREADABLE, MISMATCH, TEXT)
    hint: str | None = None  # Chinese: what to write instead

    @property
    def refused(self) -> bool:
        """A figure that cannot be taken: refused when typed, flagged (and never scored as met) when imported."""
        return self.kind in (ReadKind.UNREADABLE, ReadKind.MISMATCH)

    @property
    def converted(self) -> bool:
        return self.kind is ReadKind.NUMBER and self.sizes[0] != self.sizes[1]

    def goal_as_written(self, goal: Decimal) -> Decimal:
        """The target's number in the unit the person wrote (``≤1(小时)`` read against ``45分钟`` → 60)."""
        return goal * self.sizes[1] / self.sizes[0]

    def shown(self) -> str:
        """The figure as written, with its value in the target's unit when converted (``2小时（折合 120分钟）``);
        a bare number with the target's unit (``98`` → ``98%``)."""
        if self.kind is ReadKind.NUMBER and self.unit is None:
            return f"{self.text}{self.target_unit or ''}"
        if not self.converted or self.value is None:
            return self.text
        return f"{self.text}（折合 {approx(self.value)}{self.target_unit or ''}）"


def approx(value: Decimal, places: int = 4) -> str:
    """``value`` for a person: at most ``places`` decimals, ``约`` before it when rounded (1/3 → ``约0.3333``)."""
    exponent = value.as_tuple().exponent
    rounded = value.quantize(Decimal(1).scaleb(-places)) if isinstance(exponent, int) and exponent < -places else value
    return fmt(rounded) if rounded == value else f"约{fmt(rounded)}"


def target_unit(target: IndicatorValue, name: str = "") -> str | None:
    """The target's unit, else a known unit the indicator's name ends with in brackets (``响应时间（分钟）``)."""
    if target.unit:
        return target.unit
    found = _NAME_UNIT.search(name)
    if found and unit_of(found["unit"]).kind is not None:
        return found["unit"]
    return None


def read_actual(text: str | None, target: IndicatorValue, name: str = "") -> Reading:
    """``text`` (an 实际完成值, 执行情况 or 全年预计 as typed) read against a quantitative ``target`` of the indicator
    ``name``. Never raises. A non-quantitative target reads any number at face value."""
    raw = (text or "").strip()
    if not raw:
        return Reading(ReadKind.BLANK, raw)
    clean = arabic(normal(raw))
    want = target_unit(target, name) if target.kind is ValueKind.QUANTITATIVE else None
    example = _example(target, want)
    parsed = _mixed(clean) or parse_value(clean)
    if parsed.kind is not ValueKind.QUANTITATIVE or parsed.number is None:
        if _unreadable_number(clean):
            return Reading(
                ReadKind.UNREADABLE,
                raw,
                problem="无法读取其中的数值（不接受科学计数法、分数、NaN或写法不完整的汉字数字等）",
                hint=f"请用阿拉伯数字写数值和单位，如 {example}",
            )
        return Reading(ReadKind.TEXT, raw, problem="不是数值", hint=f"请填写数值，如 {example}")
    number, unit = parsed.number, _unit_written(parsed.unit)
    if unit is None and _fraction_for_percent(number, target, want):
        return Reading(
            ReadKind.MISMATCH,
            raw,
            number,
            problem=f"没有写单位：年度指标值以“{want}”计（{target.raw}），“{raw}”可能是小数写法的 {fmt(number * 100)}{want}，"
            f"也可能就是 {raw}{want}，不代为猜测",
            hint=f"请写明单位，如 {fmt(number * 100)}{want} 或 {raw}{want}",
            target_unit=want,
        )
    if unit is None or want is None and not _scaled(unit):
        return Reading(ReadKind.NUMBER, raw, number, unit, number, target_unit=want or unit)
    sizes = _sizes(unit_of(unit), want, name)
    if isinstance(sizes, str):
        hint = f"请按年度指标值的单位“{want}”填写，如 {example}" if want else "请只填写数值（按年度指标值的口径）"
        return Reading(ReadKind.MISMATCH, raw, number, unit, problem=sizes, hint=hint, target_unit=want)
    return Reading(ReadKind.NUMBER, raw, number, unit, number * sizes[0] / sizes[1], sizes, want)


def arabic(text: str) -> str:
    """``text`` with a figure written in Chinese numerals as digits (``四百天`` → ``400天``, ``两成`` → ``20%``), when
    the whole text is that figure and its unit is one of the table's or none; anything else as it is (``十分满意``)."""
    found = _CN_FIGURE.match(text)
    if found is None:
        return text
    if found["tenths"]:
        if found["unit"]:
            return text
        tenths = cn_number(found["tenths"]) * 10 + (cn_number(found["half"]) if found["half"] else 0)
        return f"{found['op']}{tenths}%"
    written = found["pct"] or found["num"]
    unit = "%" if found["pct"] else found["unit"]
    if found["pct"] and found["unit"] or unit and unit_of(_unit_written(unit) or unit).kind is None:
        return text
    whole, _, decimals = written.partition("点")
    if _TWO_DIGITS.search(whole):
        return text
    number = fmt(cn_number(whole)) + ("." + "".join(str(cn_number(c)) for c in decimals) if decimals else "")
    return f"{found['op']}{number}{unit}"


def _fraction_for_percent(number: Decimal, target: IndicatorValue, want: str | None) -> bool:
    """A bare number in (0, 1] against a target of more than 1 in % (0.97 for ≥95%): a fraction (97%) or a percent
    (0.97%)? Either guess could be wrong, so it is refused with both readings (red team rt12 #4); 0 and numbers over
    1 are the same in any reading of a bare number."""
    if want is None or unit_of(want).kind != "percent" or target.number is None:
        return False
    return Decimal(0) < number <= Decimal(1) < target.number


def _unreadable_number(text: str) -> bool:
    """A number this reader refuses (see ``_NUMBERISH``); Chinese numerals only before a unit of the table or none,
    so that words (``一般``, ``十分满意``) stay words."""
    found = _NUMBERISH.match(text)
    if found is None:
        return False
    return bool(found["odd"]) or not found["unit"] or unit_of(found["unit"]).kind is not None


def _mixed(text: str) -> IndicatorValue | None:
    """``2小时30分钟`` as 150 in its last unit (分钟); None unless the text is a duration in two or more units."""
    compact = text.replace(" ", "")
    if not _MIXED.match(compact):
        return None
    parts = [(Decimal(n), "分钟" if u == "分" else u) for n, u in _MIXED_PART.findall(compact)]
    if len(parts) < 2:
        return None
    last = parts[-1][1]
    seconds = sum((n * _KINDS[u][1] for n, u in parts), Decimal(0))
    return IndicatorValue(raw=text, kind=ValueKind.QUANTITATIVE, number=seconds / _KINDS[last][1], unit=last)


def _unit_written(unit: str | None) -> str | None:
    """``分钟内`` → ``分钟``: words after a unit of the table that do not change it."""
    if unit is None:
        return None
    bare = _UNIT_TAIL.sub("", unit)
    return bare if bare and bare != unit and unit_of(bare).kind is not None else unit


def _scaled(unit: str) -> bool:
    return unit_of(unit).scale != 1


def _example(target: IndicatorValue, unit: str | None) -> str:
    number = fmt(target.number) if target.number is not None else "100"
    return f"{number}{unit or ''}"


def _sizes(written: Unit, want: str | None, name: str) -> tuple[Decimal, Decimal] | str:
    """The sizes of ``written`` and of the target's unit ``want`` in a common base unit, or why they have none
    (Chinese)."""
    if want is None:
        return f"年度指标值没有写单位，无法判断“{written.written}”折合多少"
    goal = unit_of(want)
    if written.kind == "scale" and goal.kind not in (None, "scale", "time", "months", "workday", "percent"):
        written = Unit(written.written, goal.noun, goal.kind, written.size * goal.size / goal.scale, written.scale)
    if written.noun == goal.noun and written.kind is None:
        return written.size, goal.size
    if written.kind is None or goal.kind is None or written.kind != goal.kind:
        return f"单位“{written.written}”与年度指标值的单位“{want}”{_why_not(written, goal)}"
    if written.kind == "percent" and (written.noun in _POINTS) != (goal.noun in _POINTS) and _CHANGE.search(name):
        return (
            f"单位“{written.written}”与年度指标值的单位“{want}”在增减类指标中含义不同（相对变化与百分点之差），不能换算"
        )
    return written.size, goal.size


def _why_not(written: Unit, goal: Unit) -> str:
    kinds = {written.kind, goal.kind}
    if kinds == {"time", "workday"}:
        return "不能换算（工作日不含节假日，与自然日、小时没有固定换算关系）"
    if kinds == {"time", "months"}:
        return "不能换算（各月天数不同）"
    if written.counts and goal.counts:
        return "计的不是同一种数量，不能换算"
    if None in kinds:
        return "不能换算（无法确认两者的换算关系）"
    return "不是同一类单位，不能换算"


__all__ = [
    "COUNT_NOUNS",
    "ReadKind",
    "Reading",
    "Unit",
    "approx",
    "arabic",
    "normal",
    "read_actual",
    "target_unit",
    "unit_of",
]
