"""Rule-based reading of a Chinese question into `Cues`, and of cues into a validated `Query`.

Deterministic: the same question and corpus give the same query. The order matters: policy numbers
and declaration ids first (they contain years), then units (人大 is also part of a project name), then
the project by longest common substring, then the remaining vocabulary from `lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from assistant.qa.blank_rule import take_blank_rule
from assistant.qa.by_description import take_described
from assistant.qa.change_years import year_before
from assistant.qa.conditions import qualified_kind, take_condition, take_kind
from assistant.qa.counted_names import take_measure_count
from assistant.qa.cues import CUT as _CUT
from assistant.qa.cues import SAME_VALUE, STILL, Cues
from assistant.qa.cues import cut as _cut
from assistant.qa.existence import settle_existence
from assistant.qa.follow_clauses import opens_as_follow_up
from assistant.qa.funding_givers import take_giver_line
from assistant.qa.homophones import correct, correct_terms
from assistant.qa.indicator_names import take_indicator_name, take_indicator_word
from assistant.qa.intents import DEMONSTRATIVE, intent_words
from assistant.qa.it_kinds import it_kind_named
from assistant.qa.kind_phrases import take_kind_phrase
from assistant.qa.lexicon import Lexicon, terms, vocabulary, written_text
from assistant.qa.models import Target
from assistant.qa.name_conditions import lists_by_words, names_indicator_words, take_name_condition
from assistant.qa.normalise import normalise
from assistant.qa.policy_cues import take_ids_and_policies
from assistant.qa.qualifiers import take_qualifiers
from assistant.qa.question_typos import correct_asking
from assistant.qa.question_words import (
    ASPECTS,
    BOUND,
    COMMON,
    COMPARE,
    COUNT,
    EXAMPLE_WORDS,
    FILLER,
    FOCUS_WORDS,
    FOLLOW_UP_START,
    GENERIC_NAMES,
    HOW,
    IT,
    IT_PROJECTS,
    LACKS,
    LEVEL_STEMS,
    LIST_PROJECTS,
    LIST_SAID,
    RATE,
    SUM,
    TYPICAL,
    UNSURE_REST,
    USUAL_ONLY,
    any_word,
)
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
from assistant.qa.subject_chunk import subject_chunk
from assistant.qa.targets import intent_of
from assistant.qa.term_cues import take_project_type, take_terms
from assistant.qa.thresholds import take_amount_condition, take_count_condition
from assistant.qa.unit_names import take_misspelt_unit, take_units
from assistant.qa.years import YEAR_RANGE, full_year, take_years


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
    text, in_terms = correct_terms(normalise(question), terms(lexicon), known, written_text(lexicon))
    text, corrected = correct(text, (*lexicon.projects, *lexicon.units), vocabulary(lexicon), written_text(lexicon))
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
    text, cues = take_project_type(text, cues, explicit=True)
    if it_projects := IT_PROJECTS.search(text):
        before = text[: it_projects.start()]
        cues, text = replace(cues, it_only=True), _cut(text, it_projects.group())
        text, cues = it_kind_named(before, text, cues, lexicon)  # 建设类信息化项目: the one whose name says 建设
    text, cues = take_project_type(text, cues, projects=lexicon.projects)
    text, cues = take_named_line(text, cues, lexicon)
    asks_value = TYPICAL.search(text) is not None or BOUND.search(text) is not None or RATE.search(text) is not None
    text, cues = take_kind_phrase(text, cues)  # 带时间要求的指标: the indicators whose names write 时间
    text, cues = take_indicator_name(text, cues, lexicon, asks_value=asks_value, level_stems=LEVEL_STEMS)
    text, cues = take_indicator_word(text, cues, lexicon, level_stems=LEVEL_STEMS)
    text, cues = take_measure_count(text, cues, lexicon)  # 一年培训多少人 → 全年培训人数 (before names take 人)
    text, cues = take_fields(text, cues)
    text, cues = take_terms(text, cues, lexicon.projects)
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
    one = cues.project or cues.declaration_id or cues.refers_to_focus  # 23年的项目都设了…没有: which lack it
    lacks = has_level and any_word(asked_whether, LACKS) and not (one and _WHETHER_SET.search(question))
    cues = replace(cues, rest=text, lacks_level=lacks)
    target, cues = intent_of(text, cues, masked(full, cues, lexicon))
    # 别人都写了啥, 往年怎么定的: usual ones asked for (a synthesis), not a list of every such indicator (都有哪些, 列出来)
    usual = target is Target.COMMON_INDICATORS and USUAL_ONLY.search(text) and not LIST_SAID.search(full)
    if by_words and lists_by_words(target, full) and not HOW.search(text) and not usual:
        # 名称里带“满意度”的指标一共多少条, 带“故障”两个字的指标都有哪些: those indicators counted or listed, every one
        counted = any_word(DEMONSTRATIVE.sub("◇", full), COUNT) and not TYPICAL.search(text)
        target = Target.COUNT_INDICATORS if counted else Target.LIST_INDICATORS  # 带“故障”的指标有几条/哪些
    listed = target is Target.LIST_INDICATORS and not (cues.project or cues.declaration_id or cues.mentions)
    if listed and EXAMPLE_WORDS.search(full) and not LIST_SAID.search(full):  # 增长类的指标有没有现成的例子: a few
        target = Target.COMMON_INDICATORS  # cited examples of such indicators, not every one of them listed
    if target is None and (cues.mentions or cues.exists):  # 有没有…项目, 用了第三方支付的项目: the projects
        target = Target.LIST_PROJECTS
    named = cues.project or cues.declaration_id
    if cues.exists and cues.mentions and target is Target.LIST_INDICATORS and not named:
        target = Target.LIST_PROJECTS  # 档案数字化有人报过没, the name of an indicator: whether forms hold it, which
    if target in (Target.TYPICAL_VALUES, Target.COMMON_INDICATORS):  # 老年助餐服务的满意度一般写多少
        cues = qualified_kind(cues, project_names(lexicon), lexicon.indicator_names)
    return who_set(year_before(replace(cues, target=target), lexicon), full)  # 26年砍了几条: against the filing before


def _is_follow_up(text: str) -> bool:
    body = text.rstrip("？。！!")
    if SAME_VALUE.search(body) or STILL.search(body):  # X也是她吗 after a 负责人 answer; 26年还报了吗
        return True
    if _PICKED.match(body):  # 成本的是哪条 after a count of a project's indicators: one of those just counted
        return True
    short = body.endswith("呢") and len(body) <= 16
    return body.startswith(FOLLOW_UP_START) or short or opens_as_follow_up(body)  # 26年那个呢 申请多少


# 它设了成本指标没 写的哪条, 有时效指标没有: 没(有) after what one project set asks whether it is, no filter of the
# projects that lack it (the spaces normalise drops end that clause: 没 写的 is no 没写)
_WHETHER_SET = re.compile(r"(?:设|有|定|写|列|填)了?[^\s，,。？?!！哪的但却]{1,12}?没有?(?=[\s，,。？?!！吗呢]|$)")


# 时效的有哪两个, 质量的是哪三条: a number written instead of 几 picks as well
_PICKED = re.compile(r"^[\u4e00-\u9fff]{1,8}的(?:是|有)?哪(?:[几一二两三四五六七八九十]?(?:条|个|项)|些|俩|仨)$")
