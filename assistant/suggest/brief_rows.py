"""Candidate rows from the brief's own statements: named from their phrase, placed in 一级/二级 by what
they measure, with 计划标准 and the clause as their ground.

    statement_rows(statements) -> list[IndicatorSuggestion]

``划分选区约180个`` → 选区划分数量 ≥180(个) (数量指标); ``登记选民约78万人`` → 选民登记人数 ≥78(万人);
``3个工作日内出具检测报告`` → 检测报告出具时限 ≤3(个工作日) (时效指标); ``纸质档案零损毁`` → 纸质档案损毁数
=0(卷) (质量指标); ``数据准确率不低于99.5%`` → 数据准确率 ≥99.5(%); ``满意度不低于90%`` → 满意度指标.
Money per unit (STANDARD) is the cost step's (costs.py); staff put in (INPUT) becomes a row only where a standard
per person pays them (聘用督导员255名，每人每月补贴600元 → 督导员人数).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain.brief import Brief
from assistant.domain.framework import PARENT, Level2
from assistant.domain.project_types import catalogue
from assistant.domain.ranges import range_note
from assistant.domain.statements import Kind, Statement, brief_texts, plain, read_statements
from assistant.domain.values import ValueKind, parse_value
from assistant.review.checks_defects import UNBOUNDED
from assistant.review.reasons import reason_kind, without_lead
from assistant.suggest.models import Ground, IndicatorSuggestion, Naming, Origin, ValueProposal
from assistant.suggest.per_item import per_object
from assistant.suggest.row_names import COUNT_SUFFIX, count_name, in_order, object_words
from assistant.suggest.scope import area_facility, is_scope
from assistant.suggest.years import earlier_note, earlier_year, later_year, whole_total, year_measure, year_of

DURATIONS = {"分钟", "小时", "课时", "学时"}
BRIEF_SCORE = 10.0  # the brief's own figure outranks any template row or precedent
SOURCE = "F2021"

_BENEFIT = re.compile(r"覆盖|受益|惠及|服务群众|服务对象|参与|知晓")
_LEVEL_WORDS = (
    (re.compile(r"满意"), Level2.SATISFACTION),
    (re.compile(r"及时|按期|按时|时限|时效|响应|办结"), Level2.TIMELINESS),
    (re.compile(r"合格|准确|正确|达标|通过|优良|优秀|完好|差错|规范|完整"), Level2.QUALITY),
    (re.compile(r"覆盖|知晓|参与|提升|采纳|转化|受益|使用|利用|解决|化解|回应"), Level2.SOCIAL_BENEFIT),
    (re.compile(r"完成"), Level2.QUANTITY),
)


# Words of a clause that plans or targets something: a figure there is an output even in a sentence of reasons.
_PLANNED = re.compile(
    r"完成|开展|提供|新增|新建|建设|更换|购置|采购|培训|举办|组织|实施|设立|设置|服务|计划|拟|需(?!求)|力争|确保|不低于|不少于|"
    r"达到|不超过|不多于|不高于|控制在"
)
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")


def output_statements(brief: Brief) -> list[Statement]:
    """The brief's statements less the figures that describe how things are now (现状 or the needs of the people
    served: 全区失能老年人约8000人，家庭助浴困难; 目前老年人口占比超过38%): those are reasons, not outputs; a figure
    in a reason sentence whose own clause plans something (需更换20台) stays."""
    sentences = {label: _SENTENCE_END.split(text) for label, text in brief_texts(brief).items()}
    every = [year_measure(s, brief.name) for s in read_statements(brief)]
    return [
        s
        for s in every
        if not _describes_now(s, sentences.get(s.field, []), brief.year)
        and not is_scope(s)
        and not is_background(s)
        and not later_year(s, brief.year)  # 2028年完成60万页 in a 2027 table: the later year's (years.py)
        and not earlier_year(s, brief.year)  # 2026年3月开展培训12场 in a 2027 table: what was done (years.py)
        and not whole_total(s, every, brief.year)
    ]


# A count or share of the people who live in the area or are on a register (辖区持证残疾人约1.2万人, 全区共有困难家庭
# 300户, 截至2025年底全区户籍老年人口58.3万人, 老年人口占比38%): why the project exists, not what it delivers; it may be
# cited in 必要性 or 概况, or be a 覆盖率's denominator, never a 数量 target. A clause that does something to the people
# (为…提供, 开展评估300户, 培训…) is an output, whatever it counts.
_PEOPLE_UNITS = {"人", "万人", "名", "位", "户", "万户"}
_POPULATION = re.compile(
    r"人口|居民|老年人|老人|残疾人|儿童|青少年|未成年人|妇女|农民|职工|患者|低保|低收入|特困|困难家庭|困难群众|失能|"
    r"独居|孤老|退役军人|优抚对象|流动人口|育龄|家庭|户籍|常住"
)
_FRAMED = re.compile(
    r"^(?:截至|截止)?[^，,]{0,12}?(?:全区|辖区|全市|全县|全镇|全街道|本区|本市|本县|区内|市内|我区|我市|该区)|"
    r"共有|现有|目前有|尚有|约有|总数|总量|在册|持证|户籍|常住|截至|截止"
)
_SHARE = re.compile(r"占比|比例|比重|占(?:全区|全市|全县|总|户籍|常住|辖区)|老龄化率|老龄化程度")
_DOES = re.compile(
    r"提供|开展|完成|培训|举办|组织|实施|新增|新建|覆盖|惠及|受益|补贴|补助|救助|资助|适配|发放|慰问|走访|体检|筛查|"
    r"评估|上门|入户|服务|安置|帮扶|招募|吸纳|接受|参加|参与|招收|录取|确保|力争|计划|拟"
)


def is_background(s: Statement) -> bool:
    """A figure that counts (or gives the share of) the people of the area or of a register, with nothing done to
    them in its clause, or that states the problem as it is now (`is_baseline`): context for 必要性, not an output
    (see `background_notes`)."""
    return is_baseline(s) or _counts_people(s)


# Words that say a figure is the problem as it stands, not a plan: 覆盖率仅为58%, 不足60%, 只有3名, 3所食堂被提出整改意见,
# 存在安全隐患的5处, 检查中发现问题12个, 去年完成…. A comparison with last year (较去年提高5%) is a target, not a baseline.
_BASELINE = re.compile(
    r"(?<!不)仅[为有占达是剩]?\d|(?<!不)仅(?:为|有|占|达|是|剩)|只有|只占|只达|尚不足|不足|不到|尚未达到|尚未覆盖|"
    r"被[\u4e00-\u9fff]{0,8}?(?:整改|通报|约谈|处罚|处分|问责|批评|曝光|查处|投诉|举报|退回)|"
    r"存在[\u4e00-\u9fff]{0,10}?(?:问题|隐患|风险|缺陷|短板|不足)|(?:检查|排查|督查|巡查|审计)(?:中|时)?(?:有|发现)|"
    r"(?<![较比])(?:去年|上年|上一年|前年|往年|历年)"
)
_PLAN_WORDS = re.compile(r"计划|拟|力争|确保|提高到|提升至|提高至|达到|不低于|不少于|实现")


def is_baseline(s: Statement) -> bool:
    """A count or rate its clause gives as the present problem or last year's figure (体检覆盖率仅为58%, 2025年检查中
    有3所食堂被提出整改意见): the baseline a target is measured against, never itself a target."""
    if s.kind not in {Kind.COUNT, Kind.RATE, Kind.INPUT}:
        return False
    at = s.clause.find(s.words)
    if at > 0 and _BASELINE.search(s.clause[max(0, at - 8) : at]):
        return True  # 由去年的58%提高到75%: the words right before the figure make it the baseline
    if s.kind is Kind.RATE and _FIXING.search(s.subject):
        return False  # 检查发现问题整改率100%: the share of the problems put right is a target
    if _PROBLEM_FIGURE.match(s.words) and not _PLAN_WORDS.search(s.clause) and not _PLANNED.search(s.clause):
        return True  # 就餐高峰排队时间超过20分钟: how bad things are now, never a target (≥20分钟 would ask for it)
    return _BASELINE.search(s.clause) is not None and not _PLAN_WORDS.search(s.clause)


_FIXING = re.compile(r"整改|处置|办结|处理|化解|销号|回复|答复")
# A figure said as an excess (超过20分钟, 长达3小时, 高达40%, 多达200件) in a clause that plans nothing: the problem.
_PROBLEM_FIGURE = re.compile(r"(?:超过|长达|高达|多达|逾|超)\d")


def _counts_people(s: Statement) -> bool:
    if _DOES.search(s.clause) or not _POPULATION.search(s.clause):
        return False
    if s.kind is Kind.RATE:
        return _SHARE.search(s.clause) is not None
    if s.kind in {Kind.COUNT, Kind.INPUT} and s.unit in _PEOPLE_UNITS:
        return _FRAMED.search(s.clause) is not None
    return False


def background_notes(brief: Brief) -> list[str]:
    """One note per background figure left out of the table (Chinese), so the officer sees why it has no row: the
    people of the area, a baseline, or a figure a sentence of reasons gives as how things run now (`_describes_now`:
    查档利用年均8600人次)."""
    sentences = {label: _SENTENCE_END.split(text) for label, text in brief_texts(brief).items()}
    notes = []
    for s in read_statements(brief):
        if s.kind is Kind.INPUT:
            continue
        if is_baseline(s):
            notes.append(_baseline_note(s))
        elif is_background(s):
            notes.append(
                f"简报{s.field}“{s.clause}”中的{s.words}是项目的背景情况（服务对象或人口的总量、占比），不是项目的产出，"
                "未设数量指标；可在“项目设立的必要性”或“项目概况”中引用，如需考核覆盖面，可把它作为覆盖率的分母"
            )
        elif _describes_now(s, sentences.get(s.field, []), brief.year) and not is_scope(s):
            notes.append(
                f"简报{s.field}“{s.clause}”中的{s.words}是现状（目前的情况或以往的数值），不是本项目的产出，未设指标；"
                "可在“项目设立的必要性”中引用"
            )
        elif earlier_year(s, brief.year) and brief.year is not None:
            notes.append(earlier_note(s, brief.year))
    return notes


def _baseline_note(s: Statement) -> str:
    """体检覆盖率仅为58% → a note that 58% is where things stand now: a reason in 必要性 and the base of the 覆盖率 row."""
    measure = _measure_name(s.subject) if s.kind is Kind.RATE else ""
    base = f"，可作为“{measure}”指标的基数（历史标准）" if len(measure) >= 3 else ""
    return (
        f"简报{s.field}“{s.clause}”中的{s.words}是现状（存在的问题或以往的数值），不是本项目的目标，未设指标；"
        f"可在“项目设立的必要性”中引用{base}，目标值请按本年计划另行填写"
    )


def _describes_now(s: Statement, sentences: list[str], year: int | None = None) -> bool:
    """A figure of 主要内容 whose own clause tells how things are (目前…占比超过38%), or that no verb makes an output in
    a sentence of reasons (全区失能老年人约8000人，家庭助浴困难), or that a sentence dates before the budget ``year``
    (2026年辖区发生火灾42起 in a 2027 brief: what happened, not what the project delivers)."""
    if s.field != "主要内容" or s.kind not in {Kind.COUNT, Kind.RATE} or _PLANNED.search(s.clause):
        return False  # a deadline, a zero target or a standard is a target wherever it is said
    if impossible_rate(s):
        return False  # 数据备份率150%: no state of things can be; a target written wrong, kept as a row with its note
    sentence = next((x for x in sentences if s.clause in x), "")
    if s.kind is Kind.RATE and reason_kind(sentence) == "mandate" and not _DATED.match(without_lead(s.clause)):
        return (
            False  # 河长制考核要求…居民投诉办结率100%: a rate the level above requires is a target, not how things are
        )
    if reason_kind(s.clause) in _NOW:
        return True
    own = _DATED.match(without_lead(s.clause).strip())
    if year is not None and own is not None and int(own["year"]) < year:
        return True  # 2025年全区分类实效达标率为91%，…需持续督导: the clause itself gives an earlier year's figure
    if year is not None and _dated_before(s, sentence, year):
        return True
    if reason_kind(sentence) not in _NOW:
        return False
    return not s.verb or bool(_HABITUAL.search(s.clause)) or bool(_NOW_LEAD.match(sentence.strip()))


def _dated_before(s: Statement, sentence: str, year: int) -> bool:
    """A sentence that opens on an earlier year, or on its source (据2025年抽样, 根据2024年统计, 经2025年调查), and
    plans nothing up to the figure's clause: a past measurement (据2025年抽样，…检出率约为5%，…需要全面筛查), however
    the sentence goes on after the figure."""
    opening = without_lead(sentence).strip()
    dated = _DATED.match(opening) or _SOURCED.match(opening)
    if dated is None or int(dated["year"]) >= year:
        return False
    at = sentence.find(s.clause)
    return not _PLANNED.search(sentence[: at + len(s.clause)] if at >= 0 else sentence)


_NOW = {"situation", "need"}
_DATED = re.compile(r"(?:截至|截止|在)?(?P<year>(?:19|20)\d{2})年")
# The source of a measurement before its year (据2025年抽样, 根据2024年统计, 经2025年调查, 从2025年监测看).
_SOURCED = re.compile(r"(?:据|根据|依据|另据|经|按|从|通过)(?P<year>(?:19|20)\d{2})年")
# How things run every year now (查档利用年均8600人次, 每年接待来访约3000人次), or a sentence that opens on the present
# (目前馆藏纸质档案老化严重，查档利用年均8600人次): in a sentence of reasons, a figure with no planning word is the
# situation the project answers, whatever its verb.
_HABITUAL = re.compile(r"年均|平均每年|每年平均|近年来?|近\d+年|历年|常年")
_NOW_LEAD = re.compile(r"(?:目前|当前|现阶段|现状|截至|截止|近年来?|近\d+年)")


def statement_rows(statements: list[Statement]) -> list[IndicatorSuggestion]:
    """One candidate per measurable statement (a listing's parts rather than its total), in reading order."""
    rows: list[IndicatorSuggestion] = []
    seen: dict[tuple[object, str], str] = {}
    kept = _kept(statements)
    stated = {(s.field, s.number, s.unit) for s in kept if not s.derivation}
    for s in kept:
        row = _row(s, statements)
        figure = (s.number, s.unit)
        if row is None or any(r.name == row.name for r in rows) or seen.get(figure, s.field) != s.field:
            continue  # 项目构成 restating a figure of 主要内容 (120台打印终端) adds no row
        if s.derivation and (s.field, s.number, s.unit) in stated:
            continue  # 8期 × 每期50人 = 400人次 where the brief says 共培训400人次 itself: one figure, one row
        seen.setdefault(figure, s.field)
        rows.append(_with_range_note(row, s))
    return rows


def _with_range_note(row: IndicatorSuggestion, s: Statement) -> IndicatorSuggestion:
    """培训10～15场 → ≥10(场) with a note saying the lower end was taken, and why (ranges.py)."""
    note = range_note(s.words, s.clause, s.derivation, row.value.value)
    return row.model_copy(update={"notes": [*row.notes, note]}) if note else row


def _kept(statements: list[Statement]) -> list[Statement]:
    """Counts per unit (每期约60人) stand in their product; a listing's total only where a part names nothing."""
    kept = []
    for s in statements:
        duration = s.kind is Kind.COUNT and (s.unit in DURATIONS or _person_days(s))
        if s.kind is Kind.INPUT and _paid_staff(s, statements):
            s = replace(s, kind=Kind.COUNT)  # 聘用督导员255名，每人每月补贴600元: the staff are what the money buys
        if s.kind in {Kind.INPUT, Kind.STANDARD} or (s.per_unit and s.kind is Kind.COUNT and not duration):
            continue
        if s.parts and all(p.object for p in s.parts):
            continue
        kept.append(s)
    return kept


def _paid_staff(staff: Statement, statements: list[Statement]) -> bool:
    """Staff the brief engages whom a standard per person of the same text pays (聘用第三方督导员255名，每人每月补贴
    600元): the money buys their work, so their number is an output the form counts (督导员人数), not an input."""
    return staff.unit in _PEOPLE_UNITS and any(
        s.kind is Kind.STANDARD and s.field == staff.field and s.unit.removeprefix("元/").split("·")[0] == "人"
        for s in statements
    )


def _row(s: Statement, every: list[Statement]) -> IndicatorSuggestion | None:
    match s.kind:
        case Kind.COUNT if _person_days(s):  # 每人训练15天 → 人均训练天数 ≥15(天)
            name, level2, value = f"人均{s.verb}天数", Level2.QUANTITY, f"{s.op}{plain(s.number)}({s.unit})"
        case Kind.COUNT if s.unit in TAUGHT:  # 共480课时 → 非遗课程课时数 ≥480(课时): hours taught are an output
            name, level2, value = _taught_name(s), Level2.QUANTITY, f"≥{plain(s.number)}({s.unit})"
        case Kind.COUNT if s.unit in DURATIONS:  # 每门课程约45分钟 → 单门课程时长 ≥45(分钟)
            per = f"单{s.per_unit}" if s.per_unit else ""
            name, level2, value = f"{per}{object_words(s.object)}时长", Level2.QUALITY, f"≥{plain(s.number)}({s.unit})"
        case Kind.COUNT:
            facility = area_facility(s)  # 在8个村居设立老年助餐服务点 → 老年助餐服务点数量
            s, per = per_object(s)  # 年故障停梯次数每台不超过2次 → 年故障停梯次数 ≤2(次/台)
            name = f"{object_words(facility)}数量" if facility else count_name(s)
            unit = f"{s.unit}/{per}" if per else s.unit
            level2, value = _count_level(s), f"{s.op}{plain(s.number)}({unit})"
        case Kind.RATE:
            name = _measure_name(s.subject)
            if not name:
                return None
            name = name if name.endswith(("率", "度")) else f"{name}达标率"
            level2, value = rate_level(name), f"{s.op}{plain(s.number)}(%)"
            return brief_row(name, level2, value, s, note=_over_hundred(name, s)) if len(name) >= 3 else None
        case Kind.DEADLINE:
            dated = year_of(s)  # 2028年12月底前 keeps its year: in a 2027 table 12月底前 reads as December 2027
            value = (
                f"{dated or ''}{'年' if dated else ''}{s.words}" if s.unit == "月" else f"≤{plain(s.number)}({s.unit})"
            )
            name, level2 = f"{in_order(object_words(s.object), s.verb, s.clause)}时限", Level2.TIMELINESS
        case Kind.ZERO:
            name, level2, value = _zero(s, every)
        case Kind.COMPLETE:
            name, level2 = commitment_name(s)
            value = "=100(%)"
        case _:
            return None
    if len(name) < 3:
        return None
    return brief_row(name, level2, value, s)


TAUGHT = {"课时", "学时"}
_COURSE = re.compile(r"[\u4e00-\u9fff]{1,8}(?:课程|培训|讲座|教学)")
_HOURS_PER = re.compile(r"每(?:校|所|班|门|人|期)每?(?:学期|学年|周|月)?$|^每")


def _taught_name(s: Statement) -> str:
    """课时/学时 counted (全年两个学期共480课时 → 非遗课程课时数; 每校每学期16课时 → 每校每学期课时数): the course the
    sentence names, else the object; a figure per school or term says so, a total never carries 每."""
    course = _COURSE.search(s.clause.split(s.words)[0]) or _COURSE.search(s.clause)
    obj = s.object if _HOURS_PER.search(s.object) else ""
    what = course.group(0) if course and not obj else obj
    return f"{object_words(what)}{COUNT_SUFFIX[s.unit]}" if what else f"授课{COUNT_SUFFIX[s.unit]}"


def _person_days(s: Statement) -> bool:
    return s.per_unit == "人" and s.unit in {"天", "个工作日"}


# Words that may trail a rate's subject before its figure (覆盖率仅为, 合格率均达, 满意度需达到): never part of a name.
_SUBJECT_TAIL = re.compile(r"(?:仅|只|尚|均|需|要|应|将|已|须|必须|要求|力争|确保|不足|不到|达|为|在|保持)+$")


def _measure_name(subject: str) -> str:
    """A rate's subject without an adverb or verb the reading left at its end (体检覆盖率仅 → 体检覆盖率); a subject
    that names no rate before such words (公文送达) is kept whole."""
    cut = _SUBJECT_TAIL.sub("", subject)
    return cut if cut.endswith(("率", "度")) else subject


def impossible_rate(s: Statement) -> bool:
    """A rate above 100% that no growth word allows (数据备份率150%): a typo in the brief, never how things are (the
    review's VAL-IMPOSSIBLE, with its words for a rate of change, `checks_defects.UNBOUNDED`)."""
    return (
        s.kind is Kind.RATE
        and s.unit in {"%", "％"}
        and s.number is not None
        and s.number > 100
        and not UNBOUNDED.search(s.subject + s.clause)
    )


def _over_hundred(name: str, s: Statement) -> str | None:
    """A note for a brief's own rate target above 100% (利用者满意度达到105%): the row keeps the brief's figure and
    says why the review will send it back, rather than a precedent's value silently taking its place."""
    if s.number is None or s.number <= 100 or UNBOUNDED.search(name):
        return None
    return (
        f"简报写明“{s.clause}”：比率的目标值不能超过100%，{plain(s.number)}%不可能实现，"
        "请核对简报后改正（审核规则 VAL-IMPOSSIBLE）"
    )


def brief_row(name: str, level2: Level2, value: str, s: Statement, *, note: str | None = None) -> IndicatorSuggestion:
    """A row of the brief: 计划标准 quoting the statement's clause (and the arithmetic, where there is any)."""
    return IndicatorSuggestion(
        level1=PARENT[level2],
        level2=level2,
        name=name,
        template=name,
        family=name,
        naming=Naming.FILLED,
        value=plan_value(value, basis(s), fields=[s.field], arithmetic=s.derivation),
        evidence=[],
        score=BRIEF_SCORE,
        origin=Origin.BRIEF,
        source=catalogue().sources[SOURCE],
        notes=[note] if note else [],
    )


def basis(s: Statement) -> str:
    how = f"，{s.derivation}" if s.derivation else ""
    return f"计划标准：简报{s.field}写明“{s.clause}”{how}"


def plan_value(text: str, why: str, *, fields: list[str], arithmetic: str | None = None) -> ValueProposal:
    value = parse_value(text)
    return ValueProposal(
        value=value.render() if value.kind is ValueKind.QUANTITATIVE else value.raw,
        kind=value.kind,
        operator=value.operator,
        number=value.number,
        unit=value.unit,
        ground=Ground.PLAN,
        basis=why,
        fields=fields,
        arithmetic=arithmetic,
    )


def _count_level(s: Statement) -> Level2:
    if s.op == "≤":
        return Level2.QUALITY  # a ceiling on a count (故障停梯不超过2次, 投诉不超过3件) bounds a failure, not an output
    return Level2.SOCIAL_BENEFIT if _BENEFIT.search(f"{s.object}{s.verb}") else Level2.QUANTITY


def rate_level(name: str) -> Level2:
    """Where a rate belongs: the catalogue's rate groups first (合格率 → 质量), then its words."""
    group = catalogue().rate_group(name)
    if group is not None:
        return group.level2
    return next((level2 for pattern, level2 in _LEVEL_WORDS if pattern.search(name)), Level2.QUALITY)


def commitment_name(s: Statement) -> tuple[str, Level2]:
    """发放到人、不重不漏 → 慰问金发放准确率; 全覆盖 → …覆盖率; 依法确认并公告 → …依法公告率; 按期办结 → …按期办结率."""
    obj, words = object_words(s.object), s.words
    if "覆盖" in words or "尽检" in words:
        return f"{obj}覆盖率", Level2.SOCIAL_BENEFIT
    if "依法" in words:
        return f"{obj}依法{'公告' if '公告' in words else '确认'}率", Level2.QUALITY
    if "按期" in words or "按时" in words:
        return f"{obj}{words[:4]}率", Level2.TIMELINESS
    if not obj and "发" in words:  # 专款专用、应发尽发
        return "资金发放准确率", Level2.QUALITY
    return f"{obj}{'发放' if '发放' in words else ''}准确率", Level2.QUALITY


def _zero(s: Statement, every: list[Statement]) -> tuple[str, Level2, str]:
    """事故/事件/投诉 → …发生次数 =0(起); 损毁/丢失/差错 → …数 =0 in the unit the brief counts the object in."""
    obj, what = object_words(s.object), s.verb
    if what in {"事故", "事件", "投诉", "泄密", "失密"}:
        return f"{obj}{what}发生次数", Level2.QUALITY, "=0(起)"
    counted = next((q for q in every if q.kind is Kind.COUNT and len(obj) >= 2 and obj[-2:] in q.object), None)
    unit = counted.unit.removeprefix("万") if counted else "次"
    return f"{obj}{what}数", Level2.QUALITY, f"=0({unit})"
