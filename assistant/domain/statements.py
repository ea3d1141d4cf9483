"""The measurable statements of a brief: counts with their object, rates and targets, cost standards,
deadlines and zero targets, each with the phrase it belongs to (verb + object), its field and clause.

    read_statements(brief) -> list[Statement]

``全区划分选区约180个`` → COUNT 180 个, verb 划分, object 选区, approx; ``登记选民约78万人`` → 78 万人;
``困难党员慰问标准每人500元`` → STANDARD 500 元/人; ``约0.55元/页`` → STANDARD 0.55 元/页;
``3个工作日内出具检测报告`` → DEADLINE 3 个工作日 (检测报告 出具); ``全年不发生食品安全事故`` → ZERO
(食品安全事故); ``纸质档案零损毁`` → ZERO (纸质档案 损毁); ``不低于85%`` → RATE ≥85 %;
``每月抽检40批次`` → COUNT 480 批次 (每月40批次 × 12个月, shown); ``约900名…、约300名…`` → two counts
and their total (parts kept). Years, ranges (``1980—2010年``), standard codes (``DA/T 31-2017``),
ordinals (第一期) and dates are not quantities. Numbers are decimals; Chinese numerals are read exactly.

The phrase comes from jieba's part-of-speech tags (verbs ``v``; the object is what follows the last
verb before the figure), with a list of the verbs briefs use most where jieba tags them otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache

from assistant.domain.brief import Brief
from assistant.domain.measures import (
    overlaps,
    read_deadlines,
    read_person_days,
    read_rates,
    read_shares,
    read_standards,
    read_zeros,
)
from assistant.domain.numerals import join_digit_groups
from assistant.domain.per_site import per_site
from assistant.domain.phrases import (
    APPROX,
    GENERIC_VERBS,
    KNOWN_VERBS,
    STOP,
    WORD_YUE,
    clean_object,
    leading_noun,
    phrase,
    tagged,
)
from assistant.domain.quantities import service_months
from assistant.domain.ranges import range_low
from assistant.domain.statement_base import (
    AT_MOST,
    COUNT_UNITS,
    NOT_BEFORE,
    NUM,
    PEOPLE,
    Kind,
    Statement,
    plain,
    read_number,
)
from assistant.domain.text import split_on

_COUNT = re.compile(
    rf"(?P<approx>{APPROX})?(?P<num>{NUM})(?P<wan>万|亿)?(?P<unit>{'|'.join(COUNT_UNITS)})(?P<tail>以上|左右)?"
)
_NOT_CALLS = re.compile(r"^[道过知讯信行报车用畅关达告风]")
_ORDINAL = re.compile(r"党代会|全会|代表大会|人代会|党员代表大会")  # 市十二次党代会: an ordinal, not a count
_NOT_AFTER = re.compile(r"^(?:[\-—–~～/／]|性|年|月|周年|号|级|岁|间|半|\d)")
# A product unit (5700人·天, 1200人次·天, 30台·年): a count of the pair, never of its first unit alone.
_COMPOUND = re.compile(rf"^[·・•‧∙⋅](?P<second>小时|课时|学时|天|日|晚|夜|周|月|年|{'|'.join(COUNT_UNITS)})")
_PERIODS = {"月": 1, "季度": 3, "季": 3, "半年": 6, "年": 12}
_EVERY = re.compile(r"每(?P<period>月|季度|季|周|半年|年|日|天)")
_DAILY = {"次", "趟", "遍", "轮"}  # 每日巡河1次 counts over the year; 每天服务8小时 is a standard, not a count
_SEASON = re.compile(r"汛期|旺季|高峰|节假日|假期|寒假|暑假|夏季|冬季|雨季")  # 汛期每日2次: not every day of the year
_INPUT = re.compile(r"(配备|配置|聘用|聘请|招聘|抽调|安排|组建|投入|派驻|驻场|现有|共有)[\u4e00-\u9fff]{0,8}$")
_ENUMERATED = {"项": "项目", "类": "类别", "种": "品种", "个": "", "批次": "样品"}
_PER_UNIT = re.compile(r"每(?P<per>批次|期|场|班|次|批|轮|门|堂|集|节|项)(?P<what>[^，,；。]{0,8})$")
_DURATIONS = {"分钟", "课时", "学时", "小时"}
_RANK = re.compile(r"^[\u4e00-\u9fff]{1,3}级(?:及)?(?:以上|以下)")  # 区级以上, 市级及以上: a rank, then the noun
_PERIOD_TAIL = re.compile(r"每(?:月|季度|季|周|半年|年|日|天)$")
_LABELLED = re.compile(r"(?P<label>[\u4e00-\u9fff]{2,16}(?<![费金款]))[：:]\s*$")


def read_statements(brief: Brief) -> list[Statement]:
    """Every measurable statement of the brief's text fields, in reading order (field by field)."""
    months, first = _span(brief)
    found: list[Statement] = []
    for label, text in brief_texts(brief).items():
        found.extend(read_text(text, label, months=months, first=first))
    return found


def brief_texts(brief: Brief) -> dict[str, str]:
    """Field label → text: the fields whose statements become rows (项目构成 lines as 名称：内容)."""
    return {
        "主要内容": brief.content,
        "实施计划": "；".join(f"{s.period}，{s.work}" for s in brief.plan),
        "项目构成": "；".join(f"{c.part}：{c.detail}" for c in brief.composition if c.detail),
    }


def _span(brief: Brief) -> tuple[int, int]:
    """(months the brief runs, the month it starts in)."""
    start = brief.start_date or date(brief.year, 1, 1)
    end = brief.end_date or date(brief.year, 12, 31)
    return service_months(start.year, start.month, end.year, end.month), start.month


def read_text(text: str, label: str, *, months: int = 12, first: int = 1) -> list[Statement]:
    """The statements of one field's text (label → its field name in each statement); cached, as the review
    reads the same text on every round of a suggestion. A grouped figure (1,235公里, １，２３５, 1 235) is read as
    one number, never its tail: a declaration's own text (a draft's edited 概况) is read like a brief. ``months`` from
    month ``first`` is the span a frequency (每季度1次) is counted over, in the calendar periods it touches."""
    return list(_read_text(join_digit_groups(text), label, _Span(months, first)))


@cache
def _read_text(text: str, label: str, span: _Span) -> tuple[Statement, ...]:
    found: list[Statement] = []
    for sentence in split_on(text, "。；;！？\n"):
        if sentence.strip():
            found.extend(_sentence(sentence.strip(), label, span))
    found += _per_products(found, only=_unmultiplied(found))  # 5项；每项…3次: the count is in another sentence
    if label == "项目构成":
        found += [q for line in split_on(text, "；;\n") if (q := line_quantity(line.strip())) is not None]
    return tuple(_each_site(s, found) for s in per_site(found))


_FACTOR = re.compile(rf"^(?P<num>{NUM})(?P<wan>万)?(?P<unit>[^\d]{{1,6}})$")
_TIMES = re.compile(r"\s*[×xX*＊]\s*")
_PAID = re.compile(r"(?:补贴|补助|经费|费用|资金|费|购置费|支出)$")


def line_quantity(line: str) -> Statement | None:
    """The quantity a 项目构成 line prices when it multiplies several factors: ``上门探访服务补贴：320名×4次/月×12个月×
    30元/人次`` → 15360人次 (320 × 4 × 12, in the unit the price is per), the figure the line's money is built on; None
    for a line of one factor (200台×450元/台 is read as 200台) or with no price per a unit."""
    name, sep, detail = line.partition("：")
    if not sep or not detail:
        return None
    factors = [_FACTOR.match(f.strip()) for f in _TIMES.split(detail)]
    if not factors or any(f is None for f in factors):
        return None
    prices = [f for f in factors if f is not None and f["unit"].startswith("元/")]
    counts = [f for f in factors if f is not None and "元" not in f["unit"]]
    if len(prices) != 1 or len(counts) < 2:
        return None
    per = prices[0]["unit"].removeprefix("元/")
    total = Decimal(1)
    for f in counts:
        total *= read_number(f["num"], None) * (10000 if f["wan"] else 1)
    how = " × ".join(f.group(0) for f in counts) + f" = {plain(total)}{per}"
    return Statement(
        Kind.COUNT, total, per, "≥", "", _PAID.sub("", name.strip()), "项目构成", line, how, derivation=how
    )


def _unmultiplied(found: list[Statement]) -> list[Statement]:
    """Per-unit figures whose sentence gave no count to multiply them by."""
    products = [s for s in found if s.derivation and "每" in s.derivation]
    return [
        q
        for q in found
        if q.per_unit
        and q.kind is Kind.COUNT
        and not (q.per_unit == "人" and q.unit in {"天", "个工作日"})  # 每人训练15天: each one's time (人均训练天数)
        and not any(p.words == q.words and q.clause in p.clause for p in products)
    ]


_EACH = re.compile(r"(?:每(?:个|座|处|家|所)|各)(?P<noun>[\u4e00-\u9fff]{2})")


def _each_site(s: Statement, found: list[Statement]) -> Statement:
    """每月巡查每个站点1次 → 12次 × 18个站点 = 216次 (the sites counted elsewhere in the same field)."""
    each = _EACH.search(s.clause[: s.clause.find(s.words)]) if s.derivation and s.kind is Kind.COUNT else None
    if each is None or s.number is None or each["noun"] in {"月份", "季度", "周期"}:
        return s
    sites = next(
        (q for q in found if q.kind is Kind.COUNT and not q.derivation and each["noun"] in q.object and q.number), None
    )
    if sites is None or sites.number is None:
        return s
    total = s.number * sites.number
    how = f"{(s.derivation or '').rsplit(' = ', 1)[0]} × {sites.shown}{sites.object} = {plain(total)}{s.unit}"
    return replace(s, number=total, derivation=how, object=re.sub(r"^(?:每个?|各)", "", s.object))


def _sentence(sentence: str, label: str, span: _Span) -> list[Statement]:
    found: list[Statement] = []
    counts: list[Statement] = []
    before_clause = ""
    base: Statement | None = None  # the last standard stated: 其中政府补贴5元 is a share of it
    for clause in (c.strip() for c in split_on(sentence, "，,")):
        if not clause:
            continue
        verb = ""
        items: list[Statement] = []
        stated: list[Statement] = []
        for part in clause.split("、"):
            taken: list[tuple[int, int]] = []
            standards = read_standards(part, label, clause, taken)
            if standards:
                base = standards[-1]
            elif base is not None:
                standards = read_shares(part, label, clause, base)
            stated += [
                *(_of_line(s, sentence) if label == "项目构成" else s for s in standards),
                *read_rates(part, label, clause, taken),
                *read_deadlines(part, label, clause, taken),
                *read_person_days(part, label, clause, taken),
                *read_zeros(part, label, clause),
            ]
            read = [_from_before(c, before_clause) for c in _counts(part, label, clause, taken, verb, span)]
            verb = next((c.verb for c in read if c.verb), verb)
            items.extend(read)
        if "、" in clause:
            items, stated = _siblings(items), _siblings(stated)
        total = _listing_total(items, label, clause)
        found += [*stated, *items, *([total] if total else [])]
        counts.extend(items)
        before_clause = clause
    return _merged_commitments(found) + _per_products(counts)


def _of_line(s: Statement, sentence: str) -> Statement:
    """A standard of a 项目构成 line that names nothing (助餐补贴：约7.2万份，每份5元) is the line's own."""
    line = sentence.split("：", 1)[0] if "：" in sentence else ""
    if s.subject or s.object or not line or len(line) > MAX_LINE_NAME:
        return s
    return replace(s, subject=line, object=line)


MAX_LINE_NAME = 12  # characters: a longer text before a colon is a sentence, not a line's name


def _siblings(items: list[Statement]) -> list[Statement]:
    """Items of one listing share what only one of them says: 纸质文书档案约1.2万卷、约140万页进行整理 → both
    整理 纸质文书档案; 零损毁、零丢失 → both of 纸质档案."""
    verb = next((i.verb for i in items if i.verb and i.kind is Kind.COUNT), "")
    obj = next((i.object for i in items if i.object), "")
    return [
        replace(i, verb=i.verb or (verb if i.kind is Kind.COUNT else ""), object=i.object or obj)
        if i.kind in {Kind.COUNT, Kind.ZERO}
        else i
        for i in items
    ]


def _from_before(s: Statement, before_clause: str) -> Statement:
    """每季度提交运维报告，全年4份: a figure naming nothing takes the phrase of the clause before it."""
    if s.object or s.verb or not before_clause:
        return s
    verb, obj = phrase(before_clause, "")
    return replace(s, verb=verb, object=obj) if obj else s


def _merged_commitments(found: list[Statement]) -> list[Statement]:
    """发放到人，做到…不重不漏 → one commitment of 慰问金 (a later one naming no object joins the one before)."""
    merged: list[Statement] = []
    for s in found:
        last = next((m for m in reversed(merged) if m.kind is Kind.COMPLETE), None)
        if s.kind is Kind.COMPLETE and not s.object and last is not None:
            joined = replace(last, words=f"{last.words}、{s.words}", clause=f"{last.clause}，{s.clause}")
            merged[merged.index(last)] = joined
            continue
        merged.append(s)
    return merged


# -- counts ---------------------------------------------------------------------------------------------


def _counts(
    part: str, label: str, clause: str, taken: list[tuple[int, int]], verb: str, span: _Span
) -> list[Statement]:
    found = []
    for m in _COUNT.finditer(part):
        low = None if m["approx"] else range_low(part[: m.start("num")])  # 培训10～15场: read as its lower end
        if overlaps(m.span(), taken) or NOT_BEFORE.search(part[: low.start() if low else m.start("num")]):
            continue
        compound = _COMPOUND.match(part[m.end("unit") :]) if not m["tail"] else None
        end = m.end("unit") + (compound.end() if compound else 0)
        if _NOT_AFTER.search(part[end:]) or _ORDINAL.match(part[end:]):
            continue
        if m["unit"] == "通" and _NOT_CALLS.match(part[m.end("unit") :]):
            continue  # 4通道, 2通知: a word that starts with 通, not calls counted
        if m["num"] == "一" and not m["approx"] and not _EVERY.search(part[: m.start()]):
            continue  # 一次性, 一站式, 一件事: a lone 一 is wording, not a figure
        number = read_number(m["num"], "亿" if m["wan"] == "亿" else None)
        unit = ("万" if m["wan"] == "万" else "") + m["unit"] + (f"·{compound['second']}" if compound else "")
        before, after = part[: m.start()], part[max(m.end(), end) :]
        approx, words = m["approx"] or "", m.group(0) + (compound.group(0) if compound else "")
        if low is not None:
            number, before, words = read_number(low["low"], None), part[: low.start()], low[0] + words
        if approx == "约" and WORD_YUE.search(before + "约"):  # 新增签约3000人: 约 ends 签约, no estimate
            before, approx, words = before + "约", "", words[1:]
        own_verb, obj = phrase(before, _RANK.sub("", after))  # 24名区级以上代表性传承人: the people, not 区级
        named = _LABELLED.search(before) if label != "项目构成" else None  # a 项目构成 line's name is what it pays for
        if not obj and named:  # 助餐点数量：≥13个 — the label names what is counted
            obj = clean_object(named["label"])
        if verb and before and not any(v in before for v in (*KNOWN_VERBS, *GENERIC_VERBS)):
            own_verb, obj = verb, clean_object(before) or obj  # 购置执法记录仪300台、便携式打印终端120台
        if before.endswith("等"):  # 检测农药残留、兽药残留等32项: examples, the count is of 检测项目
            own_verb = phrase(clause, "")[0] or phrase(clause.split("、")[0] + "1", "")[0]
            obj = leading_noun(tagged(STOP.split(after, maxsplit=1)[0])) or _ENUMERATED.get(m["unit"], "")
        if not _EVERY.search(before):
            obj = _PERIOD_TAIL.sub("", obj)  # 125个采样点每季度检测1次: the points are counted, not 采样点每季度
        per = _PER_UNIT.search(before)
        statement = Statement(
            Kind.INPUT if m["unit"] in PEOPLE and _staff(before, after, own_verb) else Kind.COUNT,
            number,
            unit,
            count_op(approx, m["tail"] or "", before, after),
            own_verb or verb,
            obj,
            label,
            clause,
            words,
            approx=approx in {"约", "近", "逾"},
            per_unit=per["per"] if per else None,
        )
        if _seasonal_daily(before):
            continue  # 汛期加密至每日2次: a rate for part of the year, no count of the year's work to promise
        found.append(_frequency(statement, before, span))
    return found


def _seasonal_daily(before: str) -> bool:
    every = _EVERY.search(before)
    return every is not None and every["period"] in {"日", "天"} and bool(_SEASON.search(before))


# A number fixed in advance: seats to fill, a quota (应选代表300名, 名额, 定额), never more nor fewer.
_FIXED = re.compile(r"应选|应到|名额|定额|选举产生|选出|当选|差额|等额")


def count_op(approx: str, tail: str, before: str, after: str) -> str:
    """The operator of a stated count: a fixed number (seats to elect, a quota: 应选代表约300名) → = whatever the
    wording; 不超过/以内 → ≤; otherwise ≥ (不少于/至少/以上 say so; 约/近 is an estimate of what the plan delivers,
    which the field writes as ≥; a plain planned output, 印制1000册, is written ≥ in most published forms —
    14 of 22 count rows of the corpus — and = in the rest, so ≥ stays the default)."""
    if _FIXED.search(before + after[:4]):
        return "="
    if approx in AT_MOST:
        return "≤"
    return "≥"


_STAFF = re.compile(r"(?:人员|工作人员|员工|律师|志愿者|专职|驻场)$")
_TRAINED = ("培训", "轮训", "慰问", "表彰", "考核", "走访", "接待", "服务对象")


def _staff(before: str, after: str, verb: str) -> bool:
    """配备接待人员12名, 窗口接待服务：12名接待人员: people put in, not people served or trained."""
    if _INPUT.search(before):
        return True
    noun = STOP.split(after, maxsplit=1)[0]
    named = noun if noun else before
    return (
        bool(_STAFF.search(named))
        and not any(w in before + noun for w in _TRAINED if w != "接待")
        and ("培训" not in named)
    )


@dataclass(frozen=True)
class _Span:
    """The months a brief runs (``months`` from month ``first``): what a frequency is counted over."""

    months: int = 12
    first: int = 1

    def periods(self, period: str) -> int:
        """Calendar periods of ``period`` the span touches: 2027-03…2027-11 touches 4 quarters (Q1 by March, Q4 by
        October), 9 months, 2 half-years; whole years; weeks and days over the months (52 a year, 365 a year)."""
        if period == "周":
            return self.months * 52 // 12
        if period in {"日", "天"}:
            return self.months * 365 // 12
        size = _PERIODS[period]
        if size == 12:
            return self.months // 12  # 每年 in an 18-month project: one year's figure, as the brief states it
        start = self.first - 1
        return (start + self.months - 1) // size - start // size + 1


def _frequency(s: Statement, before: str, span: _Span) -> Statement:
    """每月…40批次 → 40 × 12个月 = 480批次 (over the months the brief runs); 每季度检测1次 from March to November →
    1 × 4个季度 = 4次 (the calendar quarters the span touches); 每日巡河1次 → 1 × 365天 = 365次 (times only: 汛期/旺季…
    each day of a season are not every day of the year). The total is a year's: an object that named the period
    (每人每月探访4次 → 每人每月) names the year instead (每人每年), so that no row says 每月 over a year's figure."""
    every = _EVERY.search(before)
    if every is None or s.number is None:
        return s
    period = every["period"]
    if period in {"日", "天"} and s.unit not in _DAILY:
        return s
    times = Decimal(span.periods(period))
    if times <= 1:
        return s
    total = s.number * times
    count = "周" if period == "周" else "天" if period in {"日", "天"} else f"个{period}"
    how = f"每{period}{plain(s.number)}{s.unit} × {plain(times)}{count} = {plain(total)}{s.unit}"
    yearly = re.sub(rf"每{period}", "每年", s.object) if period != "年" else s.object
    return replace(s, number=total, derivation=how, approx=s.approx, object=yearly)


def _per_products(items: list[Statement], *, only: list[Statement] | None = None) -> list[Statement]:
    """每期约60人 with 2期 in the same sentence → 120人次; 每次常委会会议约45名 with 常委会会议8次 (not 主任会议12次)
    → 360人次; 每项课题开展实地调研不少于3次 with 5项 → 15次. The per-unit figure itself stays a statement."""
    derived = []
    for q in (q for q in (items if only is None else only) if q.per_unit and q.unit not in _DURATIONS and q.number):
        count = _per_count(q, items)
        if count is None or count.number is None or q.number is None:
            continue
        total = q.number * count.number
        people = q.unit in PEOPLE
        unit = "人次" if people else q.unit
        how = f"{count.shown} × 每{q.per_unit}{q.shown} = {plain(total)}{unit}"
        clause = q.clause if count.clause == q.clause else f"{count.clause}，{q.clause}"  # quote both figures
        derived.append(
            replace(
                q,
                number=total,
                unit=unit,
                op="=" if q.op == count.op == "=" else "≥",
                derivation=how,
                per_unit=None,
                object=count.object if people else q.object,
                verb=(_ATTEND.get(count.verb, count.verb) if people else q.verb),
                clause=clause,
            )
        )
    return derived


# People at an event the count holds (召开会议8次, 每次约45名): they attend it, they do not hold it.
_ATTEND = {"召开": "参会", "举办": "参加", "举行": "参加", "组织": "参加", "开展": "参加"}


def _per_count(q: Statement, items: list[Statement]) -> Statement | None:
    """The count a per-unit figure multiplies: in the unit it is per (每批 → 2批次), the one whose object the words
    after 每… name (每次常委会会议 → 常委会会议8次), else the first."""
    units = {q.per_unit, f"{q.per_unit}次"} if q.per_unit == "批" else {q.per_unit}
    found = [c for c in items if c.unit in units and c.per_unit is None and c.number and not c.parts]
    if not found:
        return None
    per = _PER_UNIT.search(q.clause[: max(q.clause.find(q.words), 0)])
    what = per["what"] if per else ""
    return max(found, key=lambda c: (sum(ch in what for ch in set(c.object)), -found.index(c)))


def _listing_total(items: list[Statement], label: str, clause: str) -> Statement | None:
    """约900名…、约300名… in one clause → 1200名 with both parts (only where every item has an object)."""
    plain_items = [q for q in items if q.per_unit is None and q.derivation is None and q.number is not None]
    units = {q.unit for q in plain_items}
    if len(plain_items) < 2 or len(units) != 1:
        return None
    if plain_items[0].unit not in PEOPLE and not _shared_ending([q.object for q in plain_items]):
        return None  # 13个街镇…和42个助餐点: streets and meal points are not one count (people are: 名, 人)
    total = sum((q.number for q in plain_items if q.number is not None), Decimal(0))
    how = " + ".join(f"{q.object}{q.shown}" for q in plain_items) + f" = {plain(total)}{plain_items[0].unit}"
    first = plain_items[0]
    return Statement(
        Kind.COUNT,
        total,
        first.unit,
        "=" if all(q.op == "=" for q in plain_items) else "≥",  # a sum of fixed numbers is fixed
        first.verb,
        _common_head([q.object for q in plain_items]),
        label,
        clause,
        how,
        approx=any(q.approx for q in plain_items),
        derivation=how,
        parts=tuple(plain_items),
    )


def _shared_ending(objects: list[str]) -> str:
    first = objects[0]
    return next((first[-k:] for k in range(len(first), 0, -1) if all(o.endswith(first[-k:]) for o in objects)), "")


def _common_head(objects: list[str]) -> str:
    """The shared ending of the items' objects (困难党员 / 老党员 → 党员), else the first object."""
    return _shared_ending(objects) or objects[0]


__all__ = ["Kind", "Statement", "brief_texts", "count_op", "plain", "read_statements", "read_text"]
