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
from enum import StrEnum
from functools import cache

from assistant.domain.brief import Brief
from assistant.domain.phrases import (
    APPROX,
    GENERIC_VERBS,
    KNOWN_VERBS,
    STOP,
    clean_object,
    is_verb,
    leading_noun,
    phrase,
    tagged,
)
from assistant.domain.quantities import CN_NUMBER, cn_number, service_months
from assistant.domain.text import split_on


class Kind(StrEnum):
    INPUT = "投入"  # 配备接待人员12名: staff or money put in, never an output row
    COUNT = "数量"
    RATE = "比率"
    STANDARD = "标准"
    DEADLINE = "时限"
    ZERO = "零目标"
    COMPLETE = "承诺"


@dataclass(frozen=True)
class Statement:
    """One measurable statement. ``number`` is None only for a COMPLETE commitment (不重不漏)."""

    kind: Kind
    number: Decimal | None
    unit: str  # 个, 万人, 人次, %, 元/人, 个工作日, 次
    op: str  # ≥, ≤ or =
    verb: str  # 划分, 慰问, 出具; "" when the clause has none
    object: str  # 选区, 困难党员, 检测报告
    field: str  # 主要内容, 实施计划, 项目构成, 政策目标
    clause: str
    words: str  # the figure as written: 约180个, 每人500元, 3个工作日内
    approx: bool = False
    subject: str = ""  # a standard's or rate's own name where the brief gives one: 困难党员慰问标准
    derivation: str | None = None  # 每月40批次 × 12个月 = 480批次
    parts: tuple[Statement, ...] = ()
    per_unit: str | None = None  # a standard's unit of measure: 人 in 元/人

    @property
    def phrase(self) -> str:
        return f"{self.object}{self.verb}"

    @property
    def shown(self) -> str:
        return f"{'约' if self.approx else ''}{plain(self.number)}{self.unit}" if self.number is not None else ""


def plain(number: Decimal | None) -> str:
    return "" if number is None else f"{number.normalize():f}"


# -- numbers and units --------------------------------------------------------------------------------

NUM = rf"\d+(?:[,，]\d{{3}})*(?:\.\d+)?|{CN_NUMBER}"
COUNT_UNITS = (
    "平方米",
    "人次",
    "批次",
    "课时",
    "学时",
    "公里",
    "吨",
    "口",
    "人",
    "名",
    "户",
    "位",
    "期",
    "班",
    "场",
    "讲",
    "次",
    "册",
    "本",
    "份",
    "页",
    "卷",
    "件",
    "个",
    "处",
    "项",
    "台",
    "套",
    "辆",
    "条",
    "篇",
    "家",
    "所",
    "座",
    "块",
    "幅",
    "张",
    "部",
    "批",
    "宗",
    "起",
    "类",
    "种",
    "盒",
    "箱",
    "间",
    "幢",
    "栋",
    "轮",
    "节",
    "门",
    "堂",
    "集",
    "分钟",
)
TIME_UNITS = ("个工作日", "工作日", "个月", "小时", "分钟", "天", "日", "周")
_AT_LEAST = ("不少于", "不低于", "至少", "超过", "逾", "达到", "以上", "不小于", "高于")
_AT_MOST = ("不超过", "不高于", "不多于", "控制在", "以内", "以下", "低于", "不大于")
_PEOPLE = ("人", "名", "户", "位", "人次")

_COUNT = re.compile(
    rf"(?P<approx>{APPROX})?(?P<num>{NUM})(?P<wan>万|亿)?(?P<unit>{'|'.join(COUNT_UNITS)})(?P<tail>以上|左右)?"
)
_NOT_BEFORE = re.compile(r"(?:[A-Za-z/／\-—–~～.]|第|满|各)$")  # 各1次: per item, no total
_ORDINAL = re.compile(r"党代会|全会|代表大会|人代会|党员代表大会")  # 市十二次党代会: an ordinal, not a count
_NOT_AFTER = re.compile(r"^(?:[\-—–~～/／]|性|年|月|周年|号|级|岁|间|半|\d)")
_STANDARD = re.compile(
    rf"(?:每(?P<per1>人次|人|名|户|批次|批|次|页|场|个|件|项|份|卷|期|班|台|套|平方米|所|家)(?P<times>每次|每年)?"
    rf"(?P<middle>[\u4e00-\u9fff]{{0,8}}?)(?P<approx1>约)?(?P<num1>{NUM})(?P<wan1>万)?元)"
    rf"|(?:(?P<approx2>约)?(?P<num2>{NUM})(?P<wan2>万)?元\s*/\s*(?P<per2>人次|[\u4e00-\u9fff]{{1,3}}))"
)
_RATE = re.compile(
    rf"(?P<op>{'|'.join(sorted(_AT_LEAST + _AT_MOST, key=len, reverse=True))}|≥|≤)?\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?:%|％)(?P<tail>以上|以下|以内)?"
)
_DEADLINE = re.compile(rf"(?P<num>{NUM})(?P<unit>{'|'.join(TIME_UNITS)})(?:之内|以内|内)")
_SAME_DAY = re.compile(r"(?P<word>当日|当天|即时)(?P<verb>[\u4e00-\u9fff]{1,4})")
_ZERO = re.compile(
    r"(?:不发生|无|杜绝|避免)(?P<obj1>[\u4e00-\u9fff]{0,12}?)(?P<what1>事故|事件|差错|损毁|丢失|泄密|失密|投诉)"
    r"|零(?P<what2>差错|损毁|丢失|事故|投诉|失误|泄密|遗漏)"
)
_COMPLETE = re.compile(
    r"不重不漏|应发尽发|发放到人|发放到位|足额发放|全覆盖|应检尽检|应收尽收|应录尽录|"
    r"依法[\u4e00-\u9fff]{0,4}(?:确认|公告|公布)|按期办结|按时办结|按期答复|按时答复"
    r"(?!率)"
)
_PERIODS = {"月": 1, "季度": 3, "季": 3, "半年": 6, "年": 12}
_EVERY = re.compile(r"每(?P<period>月|季度|季|周|半年|年)")
_INPUT = re.compile(r"(配备|配置|聘用|聘请|招聘|抽调|安排|组建|投入|派驻|驻场|现有|共有)[\u4e00-\u9fff]{0,8}$")
_ENUMERATED = {"项": "项目", "类": "类别", "种": "品种", "个": "", "批次": "样品"}
_PER_UNIT = re.compile(r"每(?P<per>期|场|班|次|批|轮|门|堂|集|节)[^，,；。]{0,4}$")


def read_statements(brief: Brief) -> list[Statement]:
    """Every measurable statement of the brief's text fields, in reading order (field by field)."""
    months = _months(brief)
    found: list[Statement] = []
    for label, text in brief_texts(brief).items():
        found.extend(read_text(text, label, months=months))
    return found


def brief_texts(brief: Brief) -> dict[str, str]:
    """Field label → text: the fields whose statements become rows (项目构成 lines as 名称：内容)."""
    return {
        "主要内容": brief.content,
        "实施计划": "；".join(f"{s.period}，{s.work}" for s in brief.plan),
        "项目构成": "；".join(f"{c.part}：{c.detail}" for c in brief.composition if c.detail),
    }


def _months(brief: Brief) -> int:
    start = brief.start_date or date(brief.year, 1, 1)
    end = brief.end_date or date(brief.year, 12, 31)
    return service_months(start.year, start.month, end.year, end.month)


def read_text(text: str, label: str, *, months: int = 12) -> list[Statement]:
    """The statements of one field's text (label → its field name in each statement); cached, as the review
    reads the same text on every round of a suggestion."""
    return list(_read_text(text, label, months))


@cache
def _read_text(text: str, label: str, months: int) -> tuple[Statement, ...]:
    found: list[Statement] = []
    for sentence in split_on(text, "。；;！？\n"):
        if sentence.strip():
            found.extend(_sentence(sentence.strip(), label, months))
    return tuple(_each_site(s, found) for s in found)


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


def _sentence(sentence: str, label: str, months: int) -> list[Statement]:
    found: list[Statement] = []
    counts: list[Statement] = []
    before_clause = ""
    for clause in (c.strip() for c in split_on(sentence, "，,")):
        if not clause:
            continue
        verb = ""
        items: list[Statement] = []
        stated: list[Statement] = []
        for part in clause.split("、"):
            taken: list[tuple[int, int]] = []
            stated += [
                *_standards(part, label, clause, taken),
                *_rates(part, label, clause, taken),
                *_deadlines(part, label, clause, taken),
                *_zeros(part, label, clause),
            ]
            read = [_from_before(c, before_clause) for c in _counts(part, label, clause, taken, verb, months)]
            verb = next((c.verb for c in read if c.verb), verb)
            items.extend(read)
        if "、" in clause:
            items, stated = _siblings(items), _siblings(stated)
        total = _listing_total(items, label, clause)
        found += [*stated, *items, *([total] if total else [])]
        counts.extend(items)
        before_clause = clause
    return _merged_commitments(found) + _per_products(counts)


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
    part: str, label: str, clause: str, taken: list[tuple[int, int]], verb: str, months: int
) -> list[Statement]:
    found = []
    for m in _COUNT.finditer(part):
        if _overlaps(m.span(), taken) or _NOT_BEFORE.search(part[: m.start("num")]):
            continue
        if _NOT_AFTER.search(part[m.end("unit") :]) or _ORDINAL.match(part[m.end("unit") :]):
            continue
        if m["num"] == "一" and not m["approx"] and not _EVERY.search(part[: m.start()]):
            continue  # 一次性, 一站式, 一件事: a lone 一 is wording, not a figure
        number = _number(m["num"], "亿" if m["wan"] == "亿" else None)
        unit = ("万" if m["wan"] == "万" else "") + m["unit"]
        before, after = part[: m.start()], part[m.end() :]
        own_verb, obj = phrase(before, after)
        if verb and before and not any(v in before for v in (*KNOWN_VERBS, *GENERIC_VERBS)):
            own_verb, obj = verb, clean_object(before) or obj  # 购置执法记录仪300台、便携式打印终端120台
        if before.endswith("等"):  # 检测农药残留、兽药残留等32项: examples, the count is of 检测项目
            own_verb = phrase(clause, "")[0] or phrase(clause.split("、")[0] + "1", "")[0]
            obj = leading_noun(tagged(STOP.split(after, maxsplit=1)[0])) or _ENUMERATED.get(m["unit"], "")
        per = _PER_UNIT.search(before)
        statement = Statement(
            Kind.INPUT if m["unit"] in _PEOPLE and _staff(before, after, own_verb) else Kind.COUNT,
            number,
            unit,
            "≤" if any(w in (m["approx"] or "") for w in _AT_MOST) else "≥",
            own_verb or verb,
            obj,
            label,
            clause,
            m.group(0),
            approx=bool(m["approx"]) and m["approx"] in {"约", "近", "逾"},
            per_unit=per["per"] if per else None,
        )
        found.append(_frequency(statement, before, months))
    return found


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


def _number(num: str, multiplier: str | None) -> Decimal:
    value = cn_number(num.replace("，", ","))
    return value * {"万": 10000, "亿": 100000000}.get(multiplier or "", 1)


def _frequency(s: Statement, before: str, months: int) -> Statement:
    """每月…40批次 → 40 × 12个月 = 480批次 (over the months the brief runs)."""
    every = _EVERY.search(before)
    if every is None or s.number is None or every["period"] not in _PERIODS and every["period"] != "周":
        return s
    period = every["period"]
    times = Decimal(months * 52 // 12) if period == "周" else Decimal(months // _PERIODS[period])
    if times <= 1:
        return s
    total = s.number * times
    count = "周" if period == "周" else f"个{period}"
    how = f"每{period}{plain(s.number)}{s.unit} × {plain(times)}{count} = {plain(total)}{s.unit}"
    return replace(s, number=total, derivation=how, approx=s.approx)


def _per_products(items: list[Statement]) -> list[Statement]:
    """每期约60人 with 2期 in the same clause → 120人次 (the per-unit figure itself stays a statement)."""
    derived = []
    for q in (q for q in items if q.per_unit and q.unit in _PEOPLE and q.number is not None):
        count = next((c for c in items if c.unit == q.per_unit and c.per_unit is None and c.number), None)
        if count is None or count.number is None or q.number is None:
            continue
        total = q.number * count.number
        how = f"{count.shown} × 每{q.per_unit}{q.shown} = {plain(total)}人次"
        derived.append(
            replace(q, number=total, unit="人次", derivation=how, per_unit=None, object=count.object, verb=count.verb)
        )
    return derived


def _listing_total(items: list[Statement], label: str, clause: str) -> Statement | None:
    """约900名…、约300名… in one clause → 1200名 with both parts (only where every item has an object)."""
    plain_items = [q for q in items if q.per_unit is None and q.derivation is None and q.number is not None]
    units = {q.unit for q in plain_items}
    if len(plain_items) < 2 or len(units) != 1:
        return None
    total = sum((q.number for q in plain_items if q.number is not None), Decimal(0))
    how = " + ".join(f"{q.object}{q.shown}" for q in plain_items) + f" = {plain(total)}{plain_items[0].unit}"
    first = plain_items[0]
    return Statement(
        Kind.COUNT,
        total,
        first.unit,
        "≥",
        first.verb,
        _common_head([q.object for q in plain_items]),
        label,
        clause,
        how,
        approx=any(q.approx for q in plain_items),
        derivation=how,
        parts=tuple(plain_items),
    )


def _common_head(objects: list[str]) -> str:
    """The shared ending of the items' objects (困难党员 / 老党员 → 党员), else the first object."""
    first = objects[0]
    for k in range(len(first), 0, -1):
        if all(o.endswith(first[-k:]) for o in objects):
            return first[-k:]
    return first


# -- standards, rates, deadlines, zero targets ----------------------------------------------------------------


def _standards(part: str, label: str, clause: str, taken: list[tuple[int, int]]) -> list[Statement]:
    """每人500元, 每批次约350元, 约0.55元/页: money per unit the brief states."""
    found = []
    for m in _STANDARD.finditer(part):
        n = "1" if m["num1"] else "2"
        per = m[f"per{n}"]
        number = _number(m[f"num{n}"], m[f"wan{n}"])
        if m["times"] == "每次" and per in {"人", "名"}:
            per = "人次"  # 每人每次750元
        before = part[: m.start()] + (m["middle"] or "")
        subject = clean_object(re.sub(r"(?:为|是|按|按照)$", "", before))
        verb, obj = phrase(before, "")
        taken.append(m.span())
        found.append(
            Statement(
                Kind.STANDARD,
                number,
                f"元/{per}",
                "≤" if m[f"approx{n}"] else "=",
                verb,
                obj,
                label,
                clause,
                m.group(0),
                approx=bool(m[f"approx{n}"]),
                subject=subject if subject.endswith(("标准", "单价", "费用", "成本", "价格")) else "",
                per_unit=per,
            )
        )
    return found


def _rates(part: str, label: str, clause: str, taken: list[tuple[int, int]]) -> list[Statement]:
    found = []
    for m in _RATE.finditer(part):
        op_word, tail = m["op"] or "", m["tail"] or ""
        number = Decimal(m["num"])
        op = "≤" if op_word in _AT_MOST or op_word == "≤" or tail in {"以下", "以内"} else "≥"
        op = "=" if number == 100 and op == "≥" else op
        subject = clean_object(re.sub(r"(?:要|应|须|需|均|要求)+$", "", part[: m.start()]))
        subject = re.sub(r"(?:不低于|不少于|达到|达|保持|控制在|为|在)+$", "", subject)
        taken.append(m.span())
        verb, obj = phrase(part[: m.start()], "")
        found.append(
            Statement(Kind.RATE, number, "%", op, verb, obj, label, clause, m.group(0).strip(), subject=subject)
        )
    return found


def _deadlines(part: str, label: str, clause: str, taken: list[tuple[int, int]]) -> list[Statement]:
    """3个工作日内出具检测报告 / 检测报告在抽样后10个工作日内出具 / 当日出具."""
    found = []
    for m in _DEADLINE.finditer(part):
        if _NOT_BEFORE.search(part[: m.start()]):
            continue
        taken.append(m.span())
        before = re.sub(r"(?:在|于)[\u4e00-\u9fff]{0,4}?后$", "", part[: m.start()])
        verb, obj = _deadline_phrase(before, part[m.end() :])
        unit = m["unit"]
        found.append(Statement(Kind.DEADLINE, _number(m["num"], None), unit, "≤", verb, obj, label, clause, m.group(0)))
    for m in _SAME_DAY.finditer(part):
        later = tagged(STOP.split(part[m.start("verb") :], maxsplit=1)[0])
        verb = next((w for w, tag in later if is_verb(w, tag)), m["verb"][:2])
        obj = phrase(part[: m.start()], "")[1] or clean_object(part[: m.start()])
        found.append(Statement(Kind.DEADLINE, Decimal(1), "天", "≤", verb, obj, label, clause, m["word"]))
    return found


def _deadline_phrase(before: str, after: str) -> tuple[str, str]:
    after_words = tagged(STOP.split(after, maxsplit=1)[0])
    verb = next((w for w, tag in after_words if is_verb(w, tag)), "")
    rest = "".join(w for w, _ in after_words[[w for w, _ in after_words].index(verb) + 1 :]) if verb else ""
    obj = clean_object(rest) or clean_object(before)
    return verb, obj


def _zeros(part: str, label: str, clause: str) -> list[Statement]:
    """不发生食品安全事故, 纸质档案零损毁, 不重不漏: targets of zero (or of everything)."""
    found = []
    for m in _ZERO.finditer(part):
        what = m["what1"] or m["what2"]
        obj = clean_object(m["obj1"] or "") if m["what1"] else clean_object(phrase(part[: m.start()], "")[1])
        found.append(Statement(Kind.ZERO, Decimal(0), "", "=", what, obj, label, clause, m.group(0)))
    for m in _COMPLETE.finditer(part):
        obj = clean_object(part[: m.start()])
        found.append(Statement(Kind.COMPLETE, None, "", "=", m.group(0), obj, label, clause, m.group(0)))
    return found


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in taken)
