"""Rule-based reading of a Chinese question into `Cues`, and of cues into a validated `Query`.

Deterministic: the same question and corpus give the same query. The order matters: policy numbers
and declaration ids first (they contain years), then units (人大 is also part of a project name), then
the project by longest common substring, then the remaining vocabulary from `lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from pydantic import ValidationError

from assistant.domain.model import SectionKind
from assistant.qa.blank_rule import take_blank_rule
from assistant.qa.by_description import take_described
from assistant.qa.change_years import year_before
from assistant.qa.conditions import after_a_condition, qualified_kind, take_condition, take_kind
from assistant.qa.counted_names import take_measure_count
from assistant.qa.cues import CUT as _CUT
from assistant.qa.cues import MONEY, SAME_VALUE, STILL, Cues
from assistant.qa.cues import cut as _cut
from assistant.qa.entities import informative
from assistant.qa.existence import settle_existence
from assistant.qa.follow_clauses import opens_as_follow_up
from assistant.qa.funding_givers import take_giver_line
from assistant.qa.homophones import correct, correct_terms
from assistant.qa.indicator_names import take_indicator_name, take_indicator_word
from assistant.qa.intents import CHANGE_WORDS, DEMONSTRATIVE, classify, counts_something, intent_words, money_field
from assistant.qa.kind_phrases import take_kind_phrase
from assistant.qa.lexicon import (
    FUNDING_TERMS,
    GENERIC_MONEY,
    LEVEL_TERMS,
    SECTION_TERMS,
    TYPE_TERM,
    TYPE_WORDS,
    Lexicon,
    terms,
    vocabulary,
    written_text,
)
from assistant.qa.models import Filters, FundingField, Measure, Query, Target
from assistant.qa.name_conditions import lists_by_words, names_indicator_words, take_name_condition
from assistant.qa.policy_cues import take_ids_and_policies
from assistant.qa.qualifiers import take_qualifiers
from assistant.qa.question_typos import correct_asking
from assistant.qa.question_words import (
    ASPECTS,
    BOUND,
    COMMON,
    COMPARE,
    COUNT,
    FIGURE_WORDS,
    FILLER,
    FOCUS_WORDS,
    FOLLOW_UP_START,
    FULL_WIDTH,
    GENERIC_NAMES,
    HOW,
    IT,
    IT_PROJECTS,
    LACKS,
    LEVEL_STEMS,
    LIST_PROJECTS,
    LIST_SAID,
    PROJECTS_ASKED,
    RANKED_ONE,
    RATE,
    SUM,
    TYPICAL,
    UNSURE_REST,
    USUAL_ONLY,
)
from assistant.qa.rank_words import plain_rank_words
from assistant.qa.reading import (
    masked,
    project_names,
    take_category,
    take_exact_projects,
    take_fields,
    take_money_subject,
    take_named_line,
    take_projects,
    take_row_name,
    take_unknown_places,
)
from assistant.qa.setters import who_set
from assistant.qa.sides import PAIR
from assistant.qa.spoken_words import plain_spoken
from assistant.qa.subject_chunk import subject_chunk
from assistant.qa.thresholds import take_amount_condition, take_count_condition
from assistant.qa.unit_names import take_misspelt_unit, take_units
from assistant.qa.years import YEAR_RANGE, digit_years, full_year, take_years


@dataclass(frozen=True)
class Reading:
    """The cues the patterns read, and whether they read the whole question (``doubts`` empty)."""

    cues: Cues
    doubts: tuple[str, ...] = ()

    @property
    def confident(self) -> bool:
        return not self.doubts


def read(question: str, lexicon: Lexicon, *, today: date) -> Reading:
    """The pattern reading and the reasons to doubt it: no target, an unknown name, words left unexplained."""
    cues = read_question(question, lexicon, today=today)
    cues = subject_chunk(question, cues, lexicon, today=today)  # 23年运维 工作日…: a project in a phrase of its own
    absent = (
        cues.unknown_district or cues.unknown_unit and cues.unit is None or cues.unknown_subject or cues.unknown_kind
    )
    paired = cues.unknown_project and cues.project  # 信息化运维项目和换届选举经费: one side of a pair absent
    absent = absent or cues.amount_condition or paired
    if absent or cues.unknown_project and cues.target:
        return Reading(cues=cues)  # a subject the corpus lacks is refused whatever the other words say
    doubts = []
    if cues.target is None and not cues.follow_up:  # a follow-up takes its target from the conversation
        doubts.append("没有识别出问题类型")
    if cues.unknown_project:
        doubts.append(f"“{cues.unknown_project}”不是已知项目名称")
    if len(left := unexplained(cues.rest)) > UNSURE_REST:
        doubts.append(f"未理解的词：{left}")
    return Reading(cues=cues, doubts=tuple(doubts))


def unexplained(rest: str) -> str:
    """What the patterns did not consume and is not a question or filler word."""
    left = FILLER.sub("", TYPICAL.sub("", ASPECTS.sub("", COMMON.sub("", intent_words(rest)))))
    for words in (COMPARE, COUNT, SUM, LIST_PROJECTS, LACKS, GENERIC_NAMES, FOCUS_WORDS, FOLLOW_UP_START):
        for word in words:
            left = left.replace(word, "")
    return left


def read_question(question: str, lexicon: Lexicon, *, today: date) -> Cues:
    known = (*lexicon.projects, *lexicon.units, *vocabulary(lexicon))  # 体捡 is 体检 (a term's) before any name's
    text, in_terms = correct_terms(_normalise(question), terms(lexicon), known, written_text(lexicon))
    text, corrected = correct(text, (*lexicon.projects, *lexicon.units), vocabulary(lexicon))
    text, asked = correct_asking(text, written_text(lexicon))  # 合记一下: 合计, a sum asked
    corrected = (*asked, *in_terms, *corrected)  # 合哥率 read as 合格率, 老干布 as 老干部: said in the answer
    cues = Cues(
        follow_up=_is_follow_up(text),
        refers_to_focus=any(w in text for w in FOCUS_WORDS) or IT.search(text) is not None,
        refers_to_pair=PAIR.search(text) is not None,
        corrected=corrected,
    )
    text = PAIR.sub(_CUT, text)  # 这两个/两者 name the pair just discussed: no subject of their own (两者差多少钱)
    text, cues = take_qualifiers(text, cues)
    text, cues = take_ids_and_policies(text, cues, lexicon)
    spans = [(int(full_year(m[1])), int(full_year(m[2]))) for m in YEAR_RANGE.finditer(text)]
    text, cues = take_years(text, cues, today)
    if spans:  # 2019到2026年: the years the corpus holds in between as well
        inside = [y for a, b in spans for y in lexicon.years if min(a, b) < y < max(a, b)]
        cues = replace(cues, years=tuple(sorted({*cues.years, *inside})))
    text, cues = take_amount_condition(text, cues)
    text, cues = take_count_condition(text, cues)
    text, cues = take_giver_line(text, cues)  # 市里拨的, 区里拨款: the line named by who gives the money
    text, cues = take_blank_rule(text, cues)  # 申请额空着的按总额算: a blank amount counted with another
    text, cues = take_name_condition(text, cues)
    by_words = cues.indicator_name is not None and names_indicator_words(question)  # 名称带X的指标 (not 项目)
    full = text
    text, exact = take_exact_projects(text, lexicon)
    text, cues = take_units(text, cues, lexicon)
    text, cues = _take_project_type(text, cues, explicit=True)
    if it_projects := IT_PROJECTS.search(text):
        cues, text = replace(cues, it_only=True), _cut(text, it_projects.group())
    text, cues = _take_project_type(text, cues, projects=lexicon.projects)
    text, cues = take_named_line(text, cues, lexicon)
    asks_value = TYPICAL.search(text) is not None or BOUND.search(text) is not None or RATE.search(text) is not None
    text, cues = take_kind_phrase(text, cues)  # 带时间要求的指标: the indicators whose names write 时间
    text, cues = take_indicator_name(text, cues, lexicon, asks_value=asks_value, level_stems=LEVEL_STEMS)
    text, cues = take_indicator_word(text, cues, lexicon, level_stems=LEVEL_STEMS)
    text, cues = take_measure_count(text, cues, lexicon)  # 一年培训多少人 → 全年培训人数 (before names take 人)
    text, cues = take_fields(text, cues)
    text, cues = _take_terms(text, cues, lexicon.projects)
    text, cues = take_category(text, cues, lexicon)
    text, cues = take_condition(
        text, cues, project_names(lexicon), full, (*lexicon.indicator_names, *lexicon.budget_lines), lexicon.contents
    )
    text, cues = take_projects(text, cues, lexicon, exact, full)
    said = cues.indicator_name if by_words else None
    text, cues = take_described(text, cues, lexicon, full)  # 管食堂那笔钱: by content; 信息化运维驻场人数: 驻场人员数量
    if (
        said and cues.indicator_name is None and cues.project
    ):  # X项目里名称带“X”的指标: the words filter its indicators still
        cues = replace(cues, indicator_name=said)
    text, cues = take_money_subject(text, cues, lexicon)
    text, cues = take_misspelt_unit(text, cues, lexicon)
    text, cues = take_unknown_places(text, cues, lexicon)
    text, cues = take_kind(text, cues, project_names(lexicon))
    cues = settle_existence(cues, full, lexicon)  # 虚拟专网运维有先例吗: what the forms write, not a name's part
    if (
        cues.exists and (cues.mentions or cues.unknown_kind) and cues.project is None
    ):  # 做手机移动端的项目有吗: 手机 is no 联系电话
        cues = replace(cues, header_fields=())
    text, cues = take_row_name(text, cues, lexicon)
    has_level = cues.level1 is not None or cues.level2 is not None
    asked_whether = re.sub("有没有|有无|是否有", "", text)  # 有没有成本指标 asks whether it has them, not which lack
    cues = replace(cues, rest=text, lacks_level=has_level and _any(asked_whether, LACKS))
    target, cues = intent_of(text, cues, masked(full, cues, lexicon))
    # 别人都写了啥, 往年怎么定的: usual ones asked for (a synthesis), not a list of every such indicator (都有哪些, 列出来)
    usual = target is Target.COMMON_INDICATORS and USUAL_ONLY.search(text) and not LIST_SAID.search(full)
    if by_words and lists_by_words(target, full) and not HOW.search(text) and not usual:
        # 名称里带“满意度”的指标一共多少条, 带“故障”两个字的指标都有哪些: those indicators counted or listed, every one
        counted = _any(DEMONSTRATIVE.sub("◇", full), COUNT) and not TYPICAL.search(text)
        target = Target.COUNT_INDICATORS if counted else Target.LIST_INDICATORS  # 带“故障”的指标有几条/哪些
    if target is None and (cues.mentions or cues.exists):  # 有没有…项目, 用了第三方支付的项目: the projects
        target = Target.LIST_PROJECTS
    named = cues.project or cues.declaration_id
    if cues.exists and cues.mentions and target is Target.LIST_INDICATORS and not named:
        target = Target.LIST_PROJECTS  # 档案数字化有人报过没, the name of an indicator: whether forms hold it, which
    if target in (Target.TYPICAL_VALUES, Target.COMMON_INDICATORS):  # 老年助餐服务的满意度一般写多少
        cues = qualified_kind(cues, project_names(lexicon), lexicon.indicator_names)
    return who_set(year_before(replace(cues, target=target), lexicon), full)  # 26年砍了几条: against the filing before


def to_query(cues: Cues) -> Query | None:
    """The validated query the cues describe, or None when they describe no structured question."""
    if cues.target is None:
        return None
    filters = Filters(
        years=cues.years,
        unit=cues.unit,
        project=cues.project,
        declaration_id=cues.declaration_id,
        level1=cues.level1,
        level2=cues.level2,
        lacks_level=cues.lacks_level,
        policy_id=cues.policy_id,
        policy_text=cues.policy_text,
        indicator_name=cues.indicator_name,
        it_only=cues.it_only,
        project_type=cues.project_type,
        category=cues.category,
        mentions=cues.mentions,
        mentions_in=cues.mentions_in,
        tier=cues.tier,
        spans_years=cues.spans_years,
        more_units=cues.more_units,
        amount_over=cues.amount_over,
        amount_under=cues.amount_under,
        amount_field=cues.funding_field if cues.amount_written else None,
        amount_written=cues.amount_written,
        name_has=cues.name_has,
        indicators_over=cues.indicators_over,
        indicators_under=cues.indicators_under,
    )
    funding_field, measure = cues.funding_field, cues.measure
    if cues.target is Target.RANK and measure is Measure.FUNDING and funding_field is None and _names_indicator(cues):
        measure = Measure.VALUE  # 满意度最高的项目 asks for the indicator's value, not the money
    if cues.target in (Target.RANK, Target.AVERAGE, Target.SHARE, Target.COMPARE_PROJECTS, Target.COMPARE_YEARS):
        funding_field = money_field(funding_field) if measure is Measure.FUNDING else funding_field
    try:
        return Query(
            target=cues.target,
            filters=filters,
            funding_field=funding_field,
            section=cues.section,
            header_fields=cues.header_fields,
            rows=cues.rows,
            row_name=cues.row_name,
            measure=measure,
            descending=cues.descending,
            top=cues.top,
            versus=cues.versus,
            versus_id=cues.versus_id,
            by_year=cues.by_year,
            fallback_field=cues.fallback_field,
        )
    except ValidationError:
        return None


def _normalise(question: str) -> str:
    """No spaces, ASCII digits and letters (２０２３ → 2023), years in Chinese numerals as digits (二〇二三年 → 2023年),
    花多少 as 花了多少."""
    text = "".join(question.split()).translate(FULL_WIDTH).replace("?", "？")
    text = _SPENT.sub("花了", text)  # 花多少: spoken for 花了多少 (the money, like 花了)
    text = _DEAR.sub(lambda m: f"{m[1]}钱{'多' if m[2] == '贵' else '少'}", text)  # 哪个贵: 哪个钱多
    text = plain_rank_words(text)  # 指标写得最满的表: the most
    text = _ELDEST.sub(lambda m: f"第{m[1]}", text)  # 排老二: spoken for 第二
    text = _WHOLE_CORPUS.sub("", text)  # 全库一共多少条: the whole corpus, no filter
    text = _AVERAGED.sub("平均", text)  # 平均下来每个项目: an average
    text = RANKED_ONE.sub(r"\1的", text)  # 最多的那个项目: the ranking's winner, no pointer
    text = _TOUCHING.sub("沾边", text)  # 沾点边, 沾得上边: related (read before any typo is corrected: 沾 is no 站)
    text = plain_spoken(text)  # 手机端 → 移动端, 出故障 → 故障: as the forms write them
    text = _KIND_OF.sub("类", text)  # 合格率这种指标, 完成率那块的指标: indicators of that kind (合格率类指标)
    return digit_years(_EXAMPLES.sub("举例", text))  # 给几个例子: examples asked for, nothing counted


_SPENT = re.compile(r"花(?=多少|几)")
_TOUCHING = re.compile(r"沾(?:点|上|得上|一点|上点)边|搭(?:点|上|得上)边")
_KIND_OF = re.compile(
    r"(?<=[\u4e00-\u9fffA-Za-z])(?:那一?类|这一?类|那种|这种|那块|这块|一类|之类|那样|这样)的?(?:定性|定量)?的?(?=指标)"
)
_ELDEST = re.compile(r"(?<=排)老([二三四五])|(?<=排)老(二)(?=的)")  # 排老二, 排老三: second, third place
_WHOLE_CORPUS = re.compile(r"(?:整个|全部|全)(?:语料)?库(?:里面?|中)?的?|(?:语料)?库里(?:面|头)?的?")
_AVERAGED = re.compile(r"平均(?:算|摊|分)?下来|平摊下来|均摊下来")
_DEAR = re.compile(r"(哪个|哪一个|哪项|谁)更?(贵|便宜)")
_EXAMPLES = re.compile(
    r"(?:举|给|列|来|说)(?:我|咱|俺|下|一下|出)?(?:几|一|两|三|些)?个?(?:例子|实例|示例|样例|样子|范例|范文|例)(?:说说|看看|吧)?|(?:有什么|有哪些|有啥)(?:例子|实例|示例)"
    # 找几个参考, 举两个, 挑几个看看: a few shown, nothing counted (举 of 选举 is no verb of its own)
    r"|(?:(?<![选推])举|找|挑|拿)(?:我|咱|俺|下|一下|出)?(?:几|一两|两三|三五|两|三|些|一些)个?(?:参考|样本|借鉴|看看|瞧瞧|出来)?"
    r"|(?:参考|借鉴)(?:一下|下)?(?:几|一两|两三|三五|两|三|些|一些)个|(?:几|一两|两三|两|三|些)个(?:参考|样本|范例)"
    r"|(?:给|来|列)(?:我|咱|俺|下|一下|出)?(?:几|一两|两三|两|三|些|一些)[个条项]?(?:参考|样本|借鉴|看看|瞧瞧)"
)


def _any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def _is_follow_up(text: str) -> bool:
    body = text.rstrip("？。！!")
    if SAME_VALUE.search(body) or STILL.search(body):  # X也是她吗 after a 负责人 answer; 26年还报了吗
        return True
    if _PICKED.match(body):  # 成本的是哪条 after a count of a project's indicators: one of those just counted
        return True
    short = body.endswith("呢") and len(body) <= 16
    return body.startswith(FOLLOW_UP_START) or short or opens_as_follow_up(body)  # 26年那个呢 申请多少


# 时效的有哪两个, 质量的是哪三条: a number written instead of 几 picks as well
_PICKED = re.compile(r"^[\u4e00-\u9fff]{1,8}的(?:是|有)?哪(?:[几一二两三四五六七八九十]?(?:条|个|项)|些|俩|仨)$")


def _take_project_type(
    text: str, cues: Cues, *, explicit: bool = False, projects: tuple[str, ...] = ()
) -> tuple[str, Cues]:
    """培训项目, 会议类项目: a kind of project. ``explicit`` (before the names) takes only 类 (信息化运维类项目);
    the plain form is read after them, so that 信息化运维项目 (also written 信息化运维的项目) stays a project's name."""
    for found in TYPE_TERM.finditer(text):
        named = not found.group(2) and found.group(1) + "项目" in projects
        named = named or after_a_condition(text[: found.start()])  # 涉及培训的项目: a condition, read later
        if cues.project_type is None and (not explicit or found.group(2)) and not named:
            return _cut(text, found.group()), replace(cues, project_type=TYPE_WORDS[found.group(1)])
    return text, cues


def _take_terms(text: str, cues: Cues, projects: tuple[str, ...] = ()) -> tuple[str, Cues]:
    for term, level1, level2 in LEVEL_TERMS:
        if _has_term(text, term):
            cues = replace(cues, level1=level1 or cues.level1, level2=level2 or cues.level2)
            text = _cut(text, term)
    if section := next(((t, k) for t, k in SECTION_TERMS if t in text), None):
        cues, text = replace(cues, section=_section(section[1], cues)), _cut(text, section[0])
    written = ((t, f) for t, f in FUNDING_TERMS if t in text and not _in_a_name(text, t, projects))
    if funding := next(written, None):  # 经费, 钱: marked, so that what they are for can be read before them
        mark = MONEY if funding[0] in GENERIC_MONEY else _CUT
        cues, text = replace(cues, funding_field=_funding_field(text, *funding)), text.replace(funding[0], mark)
    return text, cues


def _in_a_name(text: str, term: str, projects: tuple[str, ...]) -> bool:
    """人大智能预算审查平台: 预算 there is part of a project's short name, not money asked about."""
    if term not in GENERIC_MONEY:
        return False
    at = text.find(term)
    around = (
        text[max(at - 2, 0) : at + len(term)],
        text[at : at + len(term) + 2],
        text[max(at - 1, 0) : at + len(term) + 1],
    )
    return any(
        len(span) >= len(term) + 2 and informative(span) and any(span in name for name in projects) for span in around
    )


def _section(kind: SectionKind, cues: Cues) -> SectionKind | None:
    """绩效目标里的满意度: with an indicator category or measure named, the goals only hold the indicators asked for."""
    names_indicators = cues.level1 or cues.level2 or cues.indicator_name
    return None if names_indicators and kind in (SectionKind.GOAL_ANNUAL, SectionKind.GOAL_TOTAL) else kind


def _has_term(text: str, term: str) -> bool:
    """满意度目标 is a category, but not in 满意度目标值 (the value of the 满意度 category)."""
    if not term.endswith("目标"):
        return term in text
    return re.search(re.escape(term) + "(?!值)", text) is not None


_MEASURE_NAMED = re.compile(r".{4,}(?:率|度|性)$")  # a whole measure's name (…培训完成率), not a word of one
_APPLIED = re.compile(r"申请|申报|报了|报的|报多少|报上|报送|要了|要的|要多少")  # 今年报了多少: the amount applied for


def _funding_field(text: str, term: str, field: FundingField) -> FundingField:
    """申请了多少资金, 申请的钱: money a form applies for is its 年度资金申请总额, not the project's total; so is
    money compared between years (a multi-year project's total is no year's money)."""
    compared = _any(text, COMPARE) or CHANGE_WORDS.search(text) is not None
    return FundingField.ANNUAL if term in GENERIC_MONEY and (_APPLIED.search(text) or compared) else field


def _target(text: str, cues: Cues, full: str = "") -> Target | None:
    """The target; sets nothing on ``cues`` (`read_question` applies the intent's details through `intent_of`)."""
    return intent_of(text, cues, full)[0]


def intent_of(text: str, cues: Cues, full: str) -> tuple[Target | None, Cues]:
    if cues.policy_id or cues.policy_text:
        target = Target.CITING_POLICY if cues.section in (None, SectionKind.BASIS) else Target.SHOW_SECTION
        return target, cues
    # 运维项目的驻场人员一般写几个人: usual values, of one project's forms too (平均/最多/占比 are figures, not usage).
    usual_value = COMMON.search(text) and TYPICAL.search(text)
    figures = FIGURE_WORDS.search(full or text) is not None or counts_something(full or text)
    if cues.refers_to_focus and cues.project is None:  # 它一共设了多少个指标: the project just discussed
        figures = True
    if (
        not figures
        and ((cues.project is None and cues.declaration_id is None) or usual_value)
        and (across := _across_projects(text, cues))
    ):
        return across, cues
    projects = len([p for p in (cues.project, cues.versus) if p])
    intent = classify(
        full or text,
        projects=projects,
        years=len(cues.years),
        rows=cues.rows,
        has_fields=bool(cues.header_fields),
        project_years=cues.project_years,
    )
    if intent is not None:
        rows = intent.rows or cues.rows
        updated = replace(
            cues,
            measure=intent.measure,
            descending=intent.descending,
            top=intent.top,
            rows=rows,
            by_year=intent.by_year,
        )
        return intent.target, updated
    return _older_target(text, cues), cues


def _older_target(text: str, cues: Cues) -> Target | None:
    if cues.lacks_level:  # 哪些没有成本指标: projects without the category
        return Target.LIST_PROJECTS
    if _any(text, COMPARE) and cues.funding_field is not None:
        return Target.COMPARE_YEARS
    if cues.section is not None:
        return Target.SHOW_SECTION
    # what is counted was read by `classify`; a bare count
    if _any(DEMONSTRATIVE.sub("◇", text), COUNT) and not cues.indicator_name:
        about_indicators = bool(cues.level1 or cues.level2 or "指标" in text)
        return (
            Target.COUNT_INDICATORS
            if about_indicators and not _any(text, ("项目", "申报表"))
            else Target.COUNT_PROJECTS
        )
    # 组织部门建设经费的时效指标都有啥: 经费 there ends the project's short name; the indicators are asked for.
    # 远教电教经费的管理人员满意度写的多少: the value of an indicator is asked, 多少 there is no sum.
    not_a_sum = not _any(text, SUM) or TYPICAL.search(text) is not None
    # 援派干部人才体检及培训完成率多少 组织部门建设经费: a measure named whole asks its value, 经费 ends the name
    not_a_sum = not_a_sum or cues.indicator_name is not None and _MEASURE_NAMED.search(cues.indicator_name) is not None
    names_indicators = (cues.level1 or cues.level2 or cues.indicator_name) and MONEY in text and not_a_sum
    if cues.funding_field is not None and (_any(text, SUM) or cues.project or cues.declaration_id):
        if not names_indicators:
            return Target.SUM_FUNDING  # 信息化运维项目的预算: a named project's amount
    bare = text.rstrip("？?。！!")
    conditioned = bool(cues.amount_written or cues.name_has or cues.indicator_name and not cues.project)
    conditioned = conditioned or cues.indicators_over is not None or cues.indicators_under is not None
    if bare.endswith("项目") and (
        cues.unit or cues.years or cues.project_type or cues.category or cues.it_only or conditioned
    ):
        return Target.LIST_PROJECTS  # 市人大常委会2023年的项目
    if conditioned and bare.endswith("的") and not cues.project:
        return Target.LIST_PROJECTS  # 特定目标类里指标不到10个的: those (projects) that meet the condition
    about_indicators = bool(cues.level1 or cues.level2 or cues.indicator_name or "指标" in text)
    # 机关服务费项目有哪些时效指标: a named project with a category asks for its indicators, not for projects.
    wants_projects = _any(text, PROJECTS_ASKED) and not (about_indicators and (cues.project or cues.declaration_id))
    if about_indicators and not wants_projects:
        return Target.LIST_INDICATORS
    if wants_projects or _any(text, LIST_PROJECTS):
        return Target.LIST_PROJECTS
    return None


def _across_projects(text: str, cues: Cues) -> Target | None:
    """How past declarations usually write a section or an indicator (no one project named)."""
    about_indicators = cues.level1 or cues.level2 or cues.indicator_name or "指标" in text
    if cues.section is not None and (ASPECTS.search(text) or COMMON.search(text)):
        return Target.SECTION_ASPECTS
    if not about_indicators or cues.lacks_level or _any(text, PROJECTS_ASKED):
        return None
    # 验收合格率怎么写 asks for a measure's value; 时效指标写些什么 for a category's indicators, 时效指标怎么写 for both.
    how = HOW.search(text) and not _any(text, ("有哪些", "哪些指标"))
    if TYPICAL.search(text) or (ASPECTS.search(text) and cues.indicator_name) or how:
        return Target.TYPICAL_VALUES
    if (COMMON.search(text) or ASPECTS.search(text)) and not _any(text, COUNT):
        return Target.COMMON_INDICATORS
    return None


def _names_indicator(cues: Cues) -> bool:
    return cues.level1 is not None or cues.level2 is not None or cues.indicator_name is not None
