"""Question kinds read from the question's own shape, before the general route (issue 24, held-out set 6).

Each reader takes the question and its pattern cues (years, unit, project, indicator category or name as
`assistant.qa.parse` read them) and returns an `Answer` computed exactly from the corpus, or None where the question
is not of its kind:

- ``nth_place``: 第二多 / 排第三 / 倒数第二: that place alone of a ranking (money or indicator count), with its figure;
- ``both_years``: 23年和26年都报了的项目: the project names declared in each of the years asked (none: 语料库中没有);
- ``indicator_change``: 信息化运维26年比23年少了/新增了哪些指标: the indicator names one year of a project has and
  the other year of it lacks;
- ``by_value``: 满意度目标定在90%以上的项目: the projects one of whose indicators (a category or a name) sets a
  percentage at least / below the number written (none: 语料库中没有);
- ``by_stage`` / ``document_stages`` (`safeguard_stages.py`): 党费系统哪些制度保障在实施阶段不适用, 专款专用制度在哪几个
  阶段适用: the 制度保障 rows by a stage's tick, a document's stages.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from difflib import SequenceMatcher

from assistant.domain.model import Declaration
from assistant.domain.refs import header_citation, indicator_citation
from assistant.qa.analytics import rank
from assistant.qa.cost_levels import cost_level
from assistant.qa.cues import SAME_VALUE, Cues
from assistant.qa.execute import execute
from assistant.qa.header_filter import header_filter
from assistant.qa.homophones import sounds
from assistant.qa.indicator_kinds import indicator_kind
from assistant.qa.indicator_sets import common_indicators_of, unframed, written_level
from assistant.qa.listings import indicator_row
from assistant.qa.measured_values import at_most_said, bound_said, compared_as, measured, named_part
from assistant.qa.models import Answer, Filters, FundingField, Measure, Query, Route, Row, Target, structured
from assistant.qa.named_sides import count_and_sum, named_list, ratio
from assistant.qa.question_words import EXAMPLE_WORDS
from assistant.qa.row_sums import row_sum
from assistant.qa.row_synthesis import rows_written_usually
from assistant.qa.safeguard_cells import safeguard_cell
from assistant.qa.safeguard_stages import by_stage, document_stages
from assistant.qa.same_sides import same_field_of_two
from assistant.qa.scope import Scope, forms_in_scope
from assistant.qa.select import indicators_of
from assistant.qa.set_aside import lost_checkbox, set_aside
from assistant.qa.thresholds import number
from assistant.qa.time_rank import time_rank
from assistant.qa.unit_rank import unit_rank
from assistant.qa.value_change import value_change
from assistant.qa.version_changes import against_first, lacking_year
from assistant.qa.year_sides import unit_year_sides

_NUMERALS = {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# 第三多, 排第三, 从高往低数第三是哪家, 第三个是谁: a place in a ranking (the word after the number: a noun or 是)
_NTH = re.compile(
    r"(倒数)?(?:第|老)([二三四五六七八九十]|[2-9])(?:名|位|大|高|多|少|低|小|的|是|个|家|项|笔|份|条|$|[？?，,。])"
)
_FEWEST = re.compile(r"倒数|少|低|小")
# 指标少的排第二, 钱低的那头数第三: the fewest side named before the place (从高往低数第二 names a direction)
_FEWEST_BEFORE = re.compile(
    r"(?<![多往到向至])(?:少|低|小)(?:的|得)?(?:那头|那边|那些|里面?|当中|中)?(?:排|数|排在|算)?$"
)
# 从低往高数, 由少到多排, 升序: the ranking counted from the least
# 第三个是哪家 names a place only where the question orders something (排, 数, 多/少/高/低…), not 第三个项目是什么
_ORDERED = re.compile(r"排|数第|[从由自].{0,2}[往到向至]|[多少高低大小贵]")
_UPWARD = re.compile(r"[从由自](?:低|少|小)(?:往|到|向|至)(?:高|多|大)|升序|倒着数|从后往前|从末尾")
_BOTH = re.compile(r"(?:都|均|同时)(?:有|报|申报|申请|做)|(?:两|几)年都")
_GONE = r"(?:少|去掉|去除|删|删掉|删除|删减|减|减少|减掉|取消|没|砍|砍掉|拿掉|撤|撤掉|撤销|剔除|丢|丢掉|不要|不设)了?"
_NEW = r"(?:新增|新加|多|增加|增设|新设|加|添|添加|补充|补)了?"
_WHICH = r"(?:哪些|哪几个|哪几条|哪几项|什么|啥)(?:绩效)?指标"
# 砍掉了哪些指标, 哪些指标被删了: the indicators one year has and the other lacks
_REMOVED = re.compile(rf"{_GONE}{_WHICH}|{_WHICH}(?:被|给)?{_GONE}")
_ADDED = re.compile(rf"{_NEW}{_WHICH}|{_WHICH}(?:是)?{_NEW}")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(%|％|个点)")
_AT_LEAST = re.compile(r"以上|不低于|不少于|至少|高于|超过|大于|及以上|或以上|≥")
_BELOW = re.compile(
    r"以下|低于|不到|不足|少于|小于|未达|没到|<|(?:没有?|未)(?:定|设|写|要求)?(?:到|满|达到)|不满|达不到"
)
_EXACT = re.compile(r"只定|只设|只写|只填|就定|就设|定的是|设的是|写的是|恰好|正好|刚好|等于|=")


def same_value_line(question: str, previous: Query | None, result: Answer, scope: Scope) -> str | None:
    """党费系统也是她吗 after 组织力平台谁负责: 是/不是, comparing the field's value with the one answered before."""
    if previous is None or not SAME_VALUE.search(question) or result.refused or result.query is None:
        return None
    if previous.target is not Target.SHOW_FIELD or result.query.target is not Target.SHOW_FIELD:
        return None
    # 联系电话跟它一样吗 after 联系人叫啥: the field asked now, of the form asked before
    earlier = previous.model_copy(update={"header_fields": result.query.header_fields or previous.header_fields})
    before = {row.value for row in execute(earlier, question, scope).rows}
    now = {row.value for row in result.rows}
    if not before or not now:
        return None
    field = result.rows[0].field
    blank = [all("未填写" in v for v in values) for values in (now, before)]
    if any(blank):  # a blank field is no value: neither the same nor another
        which = "两份申报表的" if all(blank) else ("这份申报表的" if blank[0] else "前面所问申报表的")
        return f"无法判断是否相同：{which}{field}未填写。"
    if now <= before:
        return f"是，{field}同为{'、'.join(sorted(now))}。"
    return f"不是：这里的{field}是{'、'.join(sorted(now))}，前面所问的是{'、'.join(sorted(before))}。"


def special_answer(question: str, cues: Cues, scope: Scope, today: date | None = None) -> Answer | None:
    """The answer of the first reader whose kind the question is, or None; ``today``: the clock a side read apart
    counts 今年/去年 from."""
    staged = by_stage(question, cues, scope, today) or against_first(question, cues, scope, today)
    staged = staged or unit_year_sides(question, cues, scope, today)
    staged = staged or named_list(question, cues, scope) or ratio(question, cues, scope, today)
    staged = staged or count_and_sum(question, cues, scope)
    staged = staged or same_field_of_two(question, cues, scope, today or date.today())  # A跟B 类别是不是一样
    if staged is not None:
        return staged
    for reader in (
        header_filter,
        row_sum,
        safeguard_cell,
        unit_rank,
        time_rank,
        document_stages,
        lost_checkbox,
        set_aside,
        unframed,
        written_level,
        common_indicators_of,
        cost_level,
        indicator_kind,
        section_examples,
        rows_written_usually,
        lacking_year,
        indicator_change,
        both_years,
        by_value,
        nth_place,
        misspelt_indicator,
    ):
        found = reader(question, cues, scope)
        if found is not None:
            return found
    return None


def _title(decl: Declaration) -> str:
    return f"{decl.header.name}（{decl.header.year or '年度不详'}）"


def _none(question: str, line: str) -> Answer:
    return Answer(question=question, text=line, route=Route.STRUCTURED, refused=True)


def section_examples(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """项目实施计划这栏 有没有范文看看: the section's aspects across the forms in scope, each with one cited example
    (`synthesis.section_aspects`); None where a project is named or no example is asked for."""
    if cues.section is None or cues.project or cues.declaration_id or not EXAMPLE_WORDS.search(question):
        return None
    if cues.target not in (None, Target.SHOW_SECTION, Target.LIST_PROJECTS):
        return None
    filters = Filters(years=cues.years, unit=cues.unit, more_units=cues.more_units, tier=cues.tier)
    found = execute(Query(target=Target.SECTION_ASPECTS, filters=filters, section=cues.section), question, scope)
    return None if found.refused else found


def nth_place(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """第二多的项目: the ranking's place ``n`` alone (ties at that place are said, not cut)."""
    found = _NTH.search(question)
    if found is None or cues.project or cues.declaration_id:
        return None
    if found.group().endswith(tuple("是个家项笔份条")) and not _ORDERED.search(question.replace("多少", "")):
        return None
    place = _NUMERALS.get(found[2]) or int(found[2])
    decls = forms_in_scope(cues, scope)
    if not decls or cues.unknown_unit or cues.unknown_district:
        return None
    indicators = "指标" in question
    fewest = bool(found[1]) or _FEWEST.search(question[found.end() - 1 : found.end() + 2]) is not None
    fewest = fewest or _UPWARD.search(question) is not None
    fewest = fewest or _FEWEST_BEFORE.search(question[: found.start()]) is not None
    query = Query(
        target=Target.RANK,
        filters=Filters(years=cues.years, unit=cues.unit, level1=cues.level1, level2=cues.level2),
        funding_field=None if indicators else (cues.funding_field or FundingField.TOTAL),
        measure=Measure.INDICATORS if indicators else Measure.FUNDING,
        descending=not fewest,
        top=0,
    )
    ranked = rank(query, decls)
    if len(ranked.rows) < place:
        return None
    row = ranked.rows[place - 1]
    tied = [r for r in ranked.rows if r.amount == row.amount]
    order = "倒数" if fewest else ""
    head = f"按{row.field}排，{order}第 {place} 名是{row.project}（{row.year}）：{row.value} {row.citation.label}"
    if len(tied) > 1:
        head += f"（与{'、'.join(r.project for r in tied if r is not row)}并列）"
    lines = [*ranked.notes, head, "完整排序："]
    lines += [f"{i}. {r.project}（{r.year}）：{r.value}" for i, r in enumerate(ranked.rows, 1)]
    return structured(question, lines, [row], figure=row.value)


def both_years(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """23年和26年都报了的项目: the names declared in every year asked."""
    if len(cues.years) < 2 or not _BOTH.search(question) or "项目" not in question or cues.project:
        return None
    decls = forms_in_scope(cues, scope)
    names = set.intersection(*({d.header.name for d in decls if d.header.year == y} for y in cues.years))
    years = "和".join(f"{y}年" for y in cues.years)
    if not names:
        return _none(question, f"语料库中没有{years}都申报的项目（同名项目）。")
    rows = [
        Row.for_project(d, f"{d.header.year}年", header_citation(d)) for d in decls if d.header.name in sorted(names)
    ]
    lines = [f"{years}都申报的项目共 {len(names)} 个（按项目名称相同计）："]
    for name in sorted(names):
        held = [r for r in rows if r.project == name]
        lines.append(f"- {name}：" + "；".join(f"{r.year}年 {r.citation.label}" for r in held))
    return structured(question, lines, rows)


def indicator_change(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """信息化运维26年比23年少了哪些指标: the names one year of the project has that the other lacks."""
    removed, added = _REMOVED.search(question), _ADDED.search(question)
    if not cues.project or not (removed or added):
        return None
    forms = sorted((d for d in scope.corpus.declarations if d.header.name == cues.project), key=lambda d: d.id)
    if cues.years:
        later = max(cues.years)
        earlier = [y for y in cues.years if y < later]
        chosen = [d for d in forms if d.header.year == later]
        before = [d for d in forms if d.header.year in earlier] or [d for d in forms if (d.header.year or 0) < later]
        if not chosen or not before:
            return None
        old, new = before[-1], chosen[0]
    elif len(forms) >= 2:
        old, new = forms[-2], forms[-1]
    else:
        return None
    source, other = (old, new) if removed else (new, old)
    kept = {i.name for i in other.indicators}
    gone = [i for i in source.indicators if i.name not in kept]
    verb = "不再有" if removed else "新增"
    head = f"{cues.project}：{new.header.year}年比{old.header.year}年{verb}的绩效指标（按指标名称比对）"
    if not gone:
        return structured(question, [f"{head}：没有。"], [])
    rows = [indicator_row(source, i) for i in gone]
    lines = [f"{head}共 {len(rows)} 项（{len(old.indicators)} 项 → {len(new.indicators)} 项）："]
    lines += [f"- {r.field}：{r.value} {r.citation.label}" for r in rows]
    return structured(question, lines, rows)


_WHICH_PROJECTS = re.compile(r"的(?:都|分别)?(?:有|是)?(?:哪些|哪几个|哪几家)")
# 有没有满意度定在90以下的, 满意度有定在九十以下的没: whether any form sets such a value
_WHETHER = re.compile(r"有没有|有无|是否有|有.{0,16}?的?(?:没有?|吗|么)[？?]?$")


def by_value(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """满意度目标定在90%以上的项目: projects one of whose selected indicators sets a percentage ≥ / < the number."""
    question = _percent_written(re.sub(r"百分之?百|满分", "100%", question))  # 验收合格率定百分百的项目
    found, unit = measured(question, _PERCENT)  # 90%, 365天: the number and the unit of the values compared
    # 满意度目标不低于90%的有哪些: projects asked without the word 项目
    projects = "项目" in question or _WHICH_PROJECTS.search("".join(question.split())) is not None
    whether = cues.exists or _WHETHER.search("".join(question.split())) is not None  # 有定在九十以下的没: 有 or 没有
    projects = projects or whether
    if found is None or not projects or cues.project or cues.declaration_id:
        return None
    after = question[found.end() : found.end() + 5]
    before = question[max(0, found.start() - 4) : found.start()]
    at_most = at_most_said(before, after)  # 不超过30分钟: the number itself included
    at_least = not at_most and (_AT_LEAST.search(after) or _AT_LEAST.search(before))
    below = not (at_least or at_most) and (_BELOW.search(after) or _BELOW.search(before))
    exact = not (at_least or below or at_most) and _EXACT.search(before) is not None  # 只定80%的: equal to
    if not (below or at_least or at_most) and not bound_said(before):
        return None
    level1, level2, name = cues.level1, cues.level2, cues.indicator_name
    names = scope.lexicon.indicator_names
    name = name or _indicator_word(question[: found.start()], names) or named_part(question[: found.start()], names)
    if not (level1 or level2 or name):
        return None
    number = Decimal(found[1])
    filters = Filters(level1=level1, level2=level2, indicator_name=name)
    rows = []
    for decl in forms_in_scope(cues, scope):
        for indicator in indicators_of(decl, filters):
            value = indicator.value
            if value.number is None or value.unit != unit:
                continue
            target = Decimal(value.number)
            if target == number if exact else (target < number) if below else _within(target, number, at_most):
                rows.append(Row.for_project(decl, f"{indicator.name} {value.raw}", indicator_citation(decl, indicator)))
                break
    asked = name or level2 or level1
    bound = f"恰为{found[1]}{unit}" if exact else f"低于{found[1]}{unit}" if below else f"不低于{found[1]}{unit}"
    bound = f"不超过{found[1]}{unit}" if at_most else bound
    if len(cues.years) == 2 and cues.target is Target.COMPARE_YEARS:  # 26年比19年少几个: each year counted
        year_of = {d.id: d.header.year for d in forms_in_scope(cues, scope)}
        return value_change(question, cues.years, rows, year_of, f"{asked}目标值{bound}")
    if not rows:
        no = "没有。" if whether else ""
        return _none(question, f"{no}语料库中没有{asked}目标值{bound}的项目（按各表填写的{compared_as(unit)}比对）。")
    lines = [f"{asked}目标值{bound}的项目共 {len(rows)} 个（按各表填写的{compared_as(unit)}比对）："]
    if whether:
        lines[0] = f"有。语料库中有{lines[0]}"
    lines += [f"{i}. {_title_of(r)}：{r.value} {r.citation.label}" for i, r in enumerate(rows, 1)]
    counted = re.search(r"几个|多少个|几项|多少项|数量", question) is not None  # 满意度90%以上的项目有几个
    return structured(question, lines, rows, figure=f"{len(rows)} 个" if counted else None)


def _within(target: Decimal, number: Decimal, at_most: bool) -> bool:
    return target <= number if at_most else target >= number


# 百分之九十 / 不到九十 / 低于95 (the bound word before it): a percentage written without % or in Chinese numerals
_CN_PERCENT = re.compile(
    r"百分之([零一二两三四五六七八九十]{1,4})|(?<=到|于|在|过|为|定|设)([一二三四五六七八九]十[一二三四五六七八九]?)"
)
_BARE_PERCENT = re.compile(
    r"(?:(?<=不到)|(?<=低于)|(?<=高于)|(?<=以下)|(?<=没到)|(?<=达到)|(?<=定在)|(?<=设在)|(?<=未达)|(?<=少于)|(?<=大于)|(?<=超过))"
    r"(\d{2,3}(?:\.\d+)?)(?![\d.%％万元个项条天次人分])"
)


def _percent_written(question: str) -> str:
    """低于95的项目 → 低于95%; 不到九十 → 不到90%: the number of a bound on a percentage, written with %."""
    question = _CN_PERCENT.sub(lambda m: f"{number(m[1] or m[2]):g}%", question)
    return _BARE_PERCENT.sub(lambda m: f"{m[1]}%", question)


_WORD_BEFORE_VALUE = re.compile(
    r"([\u4e00-\u9fff]{2,8}?)(?:的?目标值?|指标)?(?:都|一般)?(?:没有?|未)?(?:定|设|写|要求|为|是|不低于|低于|不到|达到)"
)


def _indicator_word(text: str, names: tuple[str, ...]) -> str | None:
    """完成率定的100%: the words before the value when two or more indicator names hold them."""
    found = _WORD_BEFORE_VALUE.search(re.sub(r"^(?:请问|帮我查下|哪些项目的?|哪些|哪几个项目的?)", "", text))
    word = found[1] if found else ""
    return word if len(word) >= 2 and sum(word in n for n in names) >= 2 else None


def _title_of(row: Row) -> str:
    return f"{row.project}（{row.year or '年度不详'}）"


# What asks for an indicator's value, and words that are no part of its name
_ASKS_VALUE = re.compile(r"(?:定|设|写|填|是|为)(?:的|了|成|在|为)?(?:多少|啥|什么|几)|多少|目标值|指标值")
_NOT_NAME = re.compile(
    r"(?:定|设|写|填)(?:的|了|成|在|为)?(?:多少|啥|什么|几)?.*$|多少.*$|目标值|指标值|[^\u4e00-\u9fffA-Za-z]|那个|这个|的"
)
SIMILAR = 0.75  # the words' sounds against an indicator name's (difflib ratio) for a name with a typo in it


def misspelt_indicator(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """机关服务费驾驶员到为率定的多少: a named project's indicator written with a character left out, added or typed
    for one of the same sound; the one name whose sounds are close (``SIMILAR``) and clearly closest, said how it was
    read. Where a part of the words was read as a name (开发完成率 of 第三方接口开发完成率), this answers only when that
    part fits several of the project's indicators or not the closest one."""
    if not (cues.project or cues.declaration_id) or cues.level1 or cues.level2:
        return None
    if cues.header_fields or cues.section or cues.rows or cues.target not in (None, Target.LIST_INDICATORS):
        return None
    text = question
    for written in (*(w for w, _ in cues.matched), cues.project or ""):
        text = text.replace(written, " ") if written else text
    words = _NOT_NAME.sub("", re.sub(r"\d{2,4}年|今年|去年|前年", " ", text))
    if len(words) < 3 or cues.indicator_name is None and not _ASKS_VALUE.search(question) and len(words) < 4:
        return None
    decls = [d for d in scope.corpus.declarations if d.id == cues.declaration_id or d.header.name == cues.project]
    decls = [d for d in decls if not cues.years or d.header.year in cues.years]
    heard = sounds(words)
    scored = sorted(
        ((SequenceMatcher(None, heard, sounds(i.name)).ratio(), d, i) for d in decls for i in d.indicators),
        key=lambda s: -s[0],
    )
    if not scored or scored[0][0] < SIMILAR or len(scored) > 1 and scored[1][0] > scored[0][0] - 0.1:
        return None
    if cues.indicator_name in scope.lexicon.indicator_names:
        return None  # a whole name read (非工作日故障响应时间 read in order as …及抵达现场时间): kept
    if cues.indicator_name is not None:
        holders = [i for d in decls for i in d.indicators if cues.indicator_name in i.name]
        if holders == [scored[0][2]]:
            return None  # the part read fits the closest indicator alone: the usual answer
    _, decl, indicator = scored[0]
    cite = indicator_citation(decl, indicator)
    row = Row(
        declaration_id=decl.id,
        project=decl.header.name,
        year=decl.header.year,
        field=indicator.name,
        value=indicator.value.raw.strip(),
        citation=cite,
    )
    lines = [
        f"问题中的“{words}”按指标“{indicator.name}”理解。",
        f"{_title(decl)} 的{indicator.name}：{row.value or '（空白，原表未填写目标值）'} {cite.label}",
    ]
    found = Filters(years=(decl.header.year,), project=decl.header.name, indicator_name=indicator.name)
    result = structured(question, lines, [row])
    result.query = Query(target=Target.LIST_INDICATORS, filters=found)  # 运维那个呢 next: this indicator of another
    return result
