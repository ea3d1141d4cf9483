"""`answer`: one question answered over one corpus state, given the runtime and the finder (`QAService`,
which the CLI and the web chat call, hands them over).

Structured first: a question the patterns read with confidence is answered in code. One they doubt is
translated by the model (when one is enabled) into the same typed query, validated against the corpus
vocabulary, and answered in code as well. Anything else goes to retrieval; with nothing found, the
answer says what can be asked, with examples. A question about a unit or project the corpus does not
hold is refused with what the corpus holds instead.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from assistant.domain.text import visible
from assistant.errors import InputError
from assistant.qa.actuals import targets_labelled
from assistant.qa.after_refusal import follows_refusal, refused_again
from assistant.qa.alike import alike_line
from assistant.qa.asked_apart import asked_apart, joined, years_apart
from assistant.qa.asked_around import read_around
from assistant.qa.cited_documents import cited_documents
from assistant.qa.conditions import existence_line
from assistant.qa.conversation import Conversation
from assistant.qa.described_reads import read_described
from assistant.qa.execute import absent_years_note, execute, holdings
from assistant.qa.field_share import field_share
from assistant.qa.focus_named import with_focus_document, with_focus_named
from assistant.qa.half_absent import each_real_side
from assistant.qa.mentions import any_verbatim
from assistant.qa.models import Answer, Query, Route, Target
from assistant.qa.name_context import each_listed
from assistant.qa.negated_verbs import without_setting_verb
from assistant.qa.parse import Cues, Reading, read
from assistant.qa.pointed_names import settle_pointed
from assistant.qa.preface import without_preface
from assistant.qa.qualifiers import SELF_LINE, unrecorded_lines
from assistant.qa.queries import to_query
from assistant.qa.retrieve import extractive_answer, find_passages, model_answer
from assistant.qa.scope import Scope
from assistant.qa.scope_pairs import lone_side, scoped_pair
from assistant.qa.script import simplified
from assistant.qa.section_glosses import without_glosses
from assistant.qa.sides import content_sided, each_sided, sided
from assistant.qa.special import same_value_line, special_answer
from assistant.qa.spoken_words import plain_spoken
from assistant.qa.subjects import (
    ambiguous_answer,
    points_nowhere,
    scope_line,
    settled,
    unknown_subject,
    which_project,
)
from assistant.qa.unsettled_sides import unsettled_side
from assistant.qa.usual_check import asked_how, asked_value, usual_check, usual_values
from assistant.qa.written_rows import rescue
from assistant.retrieval.finder import Finder
from assistant.services.clock import clock

if TYPE_CHECKING:  # the model path only: langchain and the model server load with it
    from assistant.llm.runtime import LLMRuntime

log = logging.getLogger("assistant.qa.answering")  # under assistant.qa: `ask --verbose` shows that logger
# Issue #24: a question waits for the model this long at most (target p95 ≤ 5 s on the 2-core machine, leaving 1 s
# for reading, retrieval and the answer); past it the patterns' reading and a quoted answer stand (as `--llm none`).
MODEL_SECONDS = 4.0
MIN_ANSWER_SECONDS = 3.0  # a written answer (≤ 200 tokens) is not started with less time left

# What the service answers, with one example each (shown when a question finds nothing).
CAPABILITIES = (
    "可以这样问（数字由程序从语料库精确计算，并注明出处）：",
    "- 资金：2023年组织部各项目资金合计多少？ / 信息化运维项目2023年和2026年的年度资金申请总额对比",
    "- 指标：2023年机关服务费项目有哪些时效指标？ / 2026年哪些项目没有成本指标？",
    "- 往年写法：满意度指标的目标值一般填多少？ / 常见的时效指标有哪些？",
    "- 段落：人大的信息化项目立项必要性一般从哪些方面来写？ / 2023年信息化运维项目的项目总目标是什么？",
    "- 政策：哪些项目引用了组厅字[2017]7号？",
)


_SYNTHESES = (Target.TYPICAL_VALUES, Target.COMMON_INDICATORS)  # answers that pool the forms of every year asked
MAX_QUESTION_CHARS = 1000  # the officer sets' longest question is under 100; 200k characters took 25 s to read


def require_question(question: str) -> None:
    """Refuse a question with nothing to read (empty, or only spaces and punctuation) or too long to be one."""
    if len(question) > MAX_QUESTION_CHARS:
        raise InputError(
            f"问题太长（{len(question):,} 字，上限 {MAX_QUESTION_CHARS:,} 字），不像是一个问题。",
            hint="请只写要问的内容，例如“2023年组织部各项目资金合计多少？”；要审核整份申报表请用 assistant check。",
        )
    if not any(unicodedata.category(char)[0] in "LN" for char in question):
        raise InputError(
            "问题是空的（只有空格或标点），没有可以回答的内容。",
            hint="请写出要问的内容，例如“2023年组织部各项目资金合计多少？”或“满意度指标的目标值一般填多少？”",
        )


def answer(
    question: str,
    conversation: Conversation,
    runtime: LLMRuntime | None,
    *,
    scope: Scope,
    finder: Finder | None,
    today: date | None = None,
) -> Answer:
    """Answer one question in the conversation and record it there; ``scope``: the corpus and its vocabulary
    (`assistant.services.scope.CorpusSnapshot.qa`, loaded once per corpus state); ``finder``: the hybrid search
    open questions are answered from (the services' `SearchService`), None: a keyword overlap over the corpus.

    Raises InputError for a question with nothing to read (``require_question``).
    """
    question = visible(question)  # 20\u200b26年 (a zero-width space pasted in): the 2026年 it shows
    require_question(question)
    question = simplified(question)  # 組織部的項目有幾個: read as 组织部的项目有几个
    question = plain_spoken(question)  # 手机端, 出故障: read as the forms write them (移动端, 故障)
    question = without_setting_verb(question)  # 没有设置时效指标: 没有时效指标, never a name 设置
    question = without_glosses(question)  # 资源配置（资金、机构人员、制度建设）: the heading, not names
    question, preface = without_preface(question)  # 你现在是财政局官员，请…: an instruction, no part of the question
    parts = asked_apart(question)  # 2019年的…填多少？2026年呢？: each year answered apart
    results = [_answer(part, conversation, runtime, scope=scope, finder=finder, today=today) for part in parts]
    result = results[0] if len(parts) == 1 else joined(question, parts, results)
    pooled = result.query is not None and result.query.target in _SYNTHESES
    if pooled and (apart := years_apart(question, result.query.filters.years if result.query else ())):
        each = [_answer(part, conversation, runtime, scope=scope, finder=finder, today=today) for part in apart]
        years = [f"{year}年" for year in result.query.filters.years] if result.query else apart
        result = joined(question, years, each)  # 2019年和2026年的满意度一般各填多少: each year its own answer
    if preface:
        result.text = "\n".join([*preface, result.text])
        result.notes.extend(preface)
    return result


def _answer(
    question: str,
    conversation: Conversation,
    runtime: LLMRuntime | None,
    *,
    scope: Scope,
    finder: Finder | None,
    today: date | None,
) -> Answer:
    today = today or clock()
    reading = read(question, scope.lexicon, today=today)
    reading = read_around(question, reading, scope.lexicon)  # IPTV平台 哪个项目涉及过: the thing, not the asking words
    reading = read_described(question, reading, scope.lexicon)  # 做安全测评预算了几块钱: a line named by its words
    reading = with_focus_named(question, reading, conversation, scope.lexicon, today=today)  # 那它安全测评咋定的
    reading = with_focus_document(question, reading, conversation, scope, today=today)  # 内部财务管理制度那条 归哪类
    if reading.cues.odd_years:  # checked before any model: a year no form can have is never dropped
        result = _refuse_odd_years(question, reading.cues, scope)
        conversation.record(result)
        return result
    if (draft := _DRAFT.search(question)) is not None:  # 草稿1的资金总额: a draft, no form of the corpus
        result = _refuse_draft(question, draft.group("n"), scope)
        conversation.record(result)
        return result
    deadline = time.monotonic() + MODEL_SECONDS
    previous = conversation.last_query
    cues, notes = understand(question, reading, conversation.last_query, scope, runtime, deadline)
    cues = each_sided(
        question, content_sided(question, sided(question, cues, scope, today), scope, today), scope, today
    )
    cues = lone_side(scoped_pair(question, cues, scope), scope)  # 闵行那俩, 换届选举那项比机关服务费
    if (unsettled := unsettled_side(question, cues, scope)) is not None:  # A比B多多少, B fitting two projects
        conversation.record(unsettled)
        return unsettled
    resolved = each_listed(conversation.resolve(cues))  # 运维那笔 质量指标列一下: each project's, by name
    if (subject := _unread_money_subject(reading, resolved)) is not None:
        resolved = replace(resolved, unknown_subject=subject)  # 远教电教宽带租赁一共花了多少钱: never every form's sum
    if resolved.target in _EVERY_FORM:  # 2019年那个平台建设项目 预算多少: the project so named, or which of them
        resolved, which = settle_pointed(question, resolved, scope)
        if which is not None:
            conversation.record(which)
            return which
    log.info("问题：%s；读作：%s", question, _brief(resolved))
    if points_nowhere(question, resolved):  # 这个项目有几个指标, nothing discussed before
        result = which_project(question, scope)
        conversation.record(result)
        return result
    if follows_refusal(resolved, conversation):  # 联系人呢 after a refusal: never every form's
        result = refused_again(question, scope)
        conversation.record(result)
        return result
    result = (
        field_share(question, resolved, scope)  # 财政资金占项目资金总额的百分之几: two fields of one form
        or cited_documents(question, resolved, scope)  # 立项依据一般引用哪些法律法规: the titles as written
        or special_answer(question, resolved, scope, today)
        or _usual(question, resolved, scope)
        or _route(question, resolved, scope, finder, runtime, deadline)
    )
    unread = result.query is None and ("未找到与该问题相关" in result.text or result.route is Route.RETRIEVAL)
    if unread and (how := _how(question, resolved, scope)) is not None:
        result = how  # 完成率一般咋设: no structured reading; how the forms set indicators named so
    if (written := rescue(question, resolved, scope, result)) is not None:
        result = written  # 内刊一年印几期, 食堂满意度: the rows whose names write the topic, never "没有"
    if not result.refused and result.query is not None and (line := scope_line(resolved, result.query, scope)):
        result.text = f"{line}\n{result.text}"
    if resolved.self_unit and resolved.unit is None and not result.refused:
        result.text = f"{SELF_LINE.format(resolved.self_unit.removesuffix('的'))}\n{result.text}"
    if (same := same_value_line(question, previous, result, scope)) is not None:  # 也是她吗: 是 / 不是
        result.text = f"{same}\n{result.text}"
    elif (alike := alike_line(question, result)) is not None:  # 两个项目的联系电话一样吗: 一样 / 不一样
        result.text = f"{alike}\n{result.text}"
    if not resolved.unrecorded and (yes_or_no := existence_line(resolved, result)) is not None:
        result.text = f"{yes_or_no}\n{result.text}"
    if (said := relative_line(reading.cues, today)) is not None:
        result.text = f"{said}\n{result.text}"
    if changed := [
        (w, m) for w, m in reading.cues.corrected if w != m
    ]:  # 老干布 read as 老干部: said, so that it shows
        read_as = "；".join(f"“{written}”按“{meant}”" for written, meant in changed)
        result.text = f"问题中的{read_as}理解。\n{result.text}"
    result.notes.extend(notes)
    result = targets_labelled(question, result)  # 实际完成值/自评得分: the forms hold targets only, said first
    conversation.record(result)
    if result.query is None and resolved.project and not _names_absent(resolved):  # 机关服务费…？ then 项目性质呢
        conversation.name_focus(resolved.project, resolved.declaration_id, resolved.years)
    return result


def _usual(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """完成率一般都写百分百吗: the counts of forms that write that value (qa/usual_check.py); None for other questions."""
    if _names_absent(cues):
        return None
    if cues.project or cues.declaration_id or (asked := asked_value(question, scope.lexicon.indicator_names)) is None:
        return None
    decls = [d for d in scope.corpus.declarations if not cues.years or d.header.year in cues.years]
    years = "、".join(f"{y}年" for y in cues.years) or "历年"
    return usual_check(question, *asked, decls, years=years)


def _names_absent(cues: Cues) -> bool:
    """老年助餐项目的满意度一般定多少: a subject the corpus lacks is refused, never answered from all forms."""
    absent = (cues.unknown_kind, cues.unknown_project, cues.unknown_subject, cues.unknown_unit, cues.unknown_district)
    return any(absent)


def _how(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """完成率一般咋设: the common target values of indicators named with the word (qa/usual_check.py)."""
    if _names_absent(cues):
        return None
    if cues.project or cues.declaration_id or (word := asked_how(question, scope.lexicon.indicator_names)) is None:
        return None
    decls = [d for d in scope.corpus.declarations if not cues.years or d.header.year in cues.years]
    return usual_values(question, word, decls, years="、".join(f"{y}年" for y in cues.years) or "历年")


def relative_line(cues: Cues, today: date) -> str | None:
    """``“去年”按今天（2026年12月06日）算是2025年。``: how a relative year was read, said in the answer."""
    if not cues.relative_year or not cues.relative_to:
        return None
    years = "、".join(f"{year}年" for year in cues.relative_to)
    return f"“{cues.relative_year}”按今天（{today.year}年{today.month}月{today.day}日）算是{years}。"


_UNREAD = re.compile(r"未理解的词：(.+)")
_ASKING_WORDS = re.compile(r"钱|经费|资金|费用|¤|一共|总共|合计|加起来|有哪几|哪几|哪些|哪|什么|啥|几")
# Answers over every form in scope: with subject words unread and nothing scoping them, they would be every form's
_EVERY_FORM = frozenset(
    {
        Target.SUM_FUNDING,
        Target.COUNT_INDICATORS,
        Target.LIST_INDICATORS,
        Target.COUNT_PROJECTS,
        Target.LIST_PROJECTS,
        Target.SHOW_FIELD,  # 养老院的系统 负责人叫啥: never every form's 负责人
    }
)
_SCOPING = (
    "years",
    "unit",
    "project",
    "declaration_id",
    "category",
    "project_type",
    "mentions",
    "unrecorded",
    "matched",
    "ambiguous",
)  # a subject read, or several projects it may be (asked back: 公务员那个系统), scopes the answer


def _unread_money_subject(reading: Reading, cues: Cues) -> str | None:
    """The words of a sum, count or listing the patterns did not read, where nothing else scopes it (no year, unit,
    project, category or text condition): the answer would be every form's, so the words are taken as its subject,
    which ``unknown_subject`` then refuses with the forms that write them (远教电教宽带租赁一共花了多少钱, 人大老干部信息系统
    财务管理指标有哪几条). None otherwise."""
    if cues.target not in _EVERY_FORM or any(getattr(cues, name) for name in _SCOPING):
        return None
    unread = next((m.group(1) for d in reading.doubts if (m := _UNREAD.match(d))), None)
    if unread is None and (pointed := _POINTED_UNREAD.search(cues.rest)):
        unread = pointed.group(1)  # 食堂阵地那个 (four characters, no doubt): a subject pointed at, not read
    words = _ASKING_WORDS.sub("", unread or "")
    return words if len(words) >= 2 else None


# Words left unread right before a pointer (食堂阵地那个, 无人机那笔): what the question points at
_POINTED_UNREAD = re.compile(r"(?:^|[｜¤])([\u4e00-\u9fff]{2,12}?)的?(?:那个|这个|那笔|这笔|那项|这项|那套|这套|那块)")


def _brief(cues: Cues) -> str:
    shown = {k: v for k, v in vars(cues).items() if v not in (None, (), "", False) and k != "rest"}
    return ", ".join(f"{k}={v}" for k, v in shown.items())


def understand(
    question: str,
    reading: Reading,
    previous: Query | None,
    scope: Scope,
    runtime: LLMRuntime | None,
    deadline: float | None = None,
) -> tuple[Cues, list[str]]:
    """The pattern cues when they are sure or no model is on; else the model's validated reading (within
    ``deadline``, a ``time.monotonic()`` value; past it, the pattern cues)."""
    if reading.confident or runtime is None or not runtime.enabled:
        return reading.cues, []
    log.info("规则读不准（%s），交给模型转写", "；".join(reading.doubts))
    from assistant.qa.translate import translate  # only where the patterns are unsure and a model is on

    translation = translate(question, reading.cues, previous, scope.lexicon, runtime, deadline=deadline)
    if translation.cues is None:  # the problems are diagnostics: the log has them, the answer does not
        log.info("模型未能给出有效的查询：%s；模型原文：%s", "；".join(translation.problems), translation.raw)
        return reading.cues, []
    log.info("模型转写：%s", translation.raw[-1] if translation.raw else "")
    return translation.cues, ["问题由模型转写为查询，答案由程序从语料库计算。"]


def _route(
    question: str, cues: Cues, scope: Scope, finder: Finder | None, runtime: LLMRuntime | None, deadline: float
) -> Answer:
    if (
        cues.unrecorded
    ):  # 重大项目: 重大 is the qualifier, not an unknown subject; 浦东新区的重点项目 stays refused as such
        cues = replace(
            cues, unknown_subject=_beside(cues.unknown_subject, cues), unknown_kind=_beside(cues.unknown_kind, cues)
        )
    refused = unknown_subject(question, cues, scope)
    if refused is not None:  # A和B分别是多少, B absent: A's answer, B said absent
        return each_real_side(question, cues, scope, refused) or refused
    if cues.unrecorded:  # 重点项目: no field of the forms records it; where a form writes it, a condition on the text
        if not any_verbatim(scope.corpus.declarations, cues.unrecorded):
            text = "\n".join(unrecorded_lines(cues.unrecorded, scope.lexicon.categories))
            return Answer(question=question, text=text, route=Route.STRUCTURED, refused=True)
        cues = replace(cues, mentions=cues.unrecorded, target=cues.target or Target.LIST_PROJECTS)
    if (cues := settled(cues, scope)).ambiguous and cues.target is not None:  # 组织部的运维: that unit's one
        return ambiguous_answer(question, cues, scope)
    query = to_query(cues)
    if query is not None:
        return execute(query, question, scope)
    return _retrieval(question, cues, scope, finder, runtime, deadline)


def _beside(word: str | None, cues: Cues) -> str | None:
    """An unknown word that is no part of the unrecorded qualifier (浦东新区), or None (重大 of 重大项目)."""
    return None if word and cues.unrecorded and word in cues.unrecorded else word


# 草稿1, 第2号草稿, 我的草稿, 这份草稿: a draft of the user's (drafts are kept in the draft store, not the corpus)
_DRAFT = re.compile(
    r"草稿\s*(?:第|编号|#|No\.?)?\s*(?P<n>\d+)|第?(?P<m>\d+)号草稿|(?:我的|我们的|这份|那份|这个|那个|当前)草稿"
)


def _refuse_draft(question: str, number: str | None, scope: Scope) -> Answer:
    """A question about a draft: Q&A answers from the corpus of published forms, never with the corpus's figures."""
    show = f"assistant drafts show {number}" if number else "assistant drafts list（再用 assistant drafts show 编号）"
    lines = [
        "问答只按语料库中收录的申报表作答；草稿不在语料库中，不以语料库的数字代答。",
        f"查看草稿：在命令行运行 {show}，或在网页的草稿页打开它。",
        *holdings(None, scope),
    ]
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, refused=True)


def _refuse_odd_years(question: str, cues: Cues, scope: Scope) -> Answer:
    written = "、".join(f"“{year}”" for year in cues.odd_years)
    lines = [
        f"语料库中没有{written}的申报表：{written}不是可识别的预算年度。",
        *holdings(None, scope),
        "请写出四位数的年度，例如“2023年的项目有哪些？”。",
    ]
    route = Route.STRUCTURED if cues.target else Route.RETRIEVAL
    return Answer(question=question, text="\n".join(lines), route=route, refused=True)


def _retrieval(
    question: str, cues: Cues, scope: Scope, finder: Finder | None, runtime: LLMRuntime | None, deadline: float
) -> Answer:
    year = cues.years[0] if len(cues.years) == 1 else None
    passages = find_passages(
        question, scope.corpus, scope.lexicon.policies, finder=finder, year=year, project=cues.project
    )
    absent = absent_years_note(cues.years, scope)
    if not passages:
        lines = ["语料库中未找到与该问题相关的内容。", *absent, *holdings(None, scope), *CAPABILITIES]
        return Answer(question=question, text="\n".join(lines), route=Route.RETRIEVAL, refused=True)
    left = deadline - time.monotonic()
    if runtime is not None and runtime.enabled and left >= MIN_ANSWER_SECONDS:
        found = model_answer(question, passages, runtime, seconds=left)
    else:
        if runtime is not None and runtime.enabled:
            log.info("剩余 %.1f 秒，不足以让模型作答，直接引用原文", left)
        found = extractive_answer(question, passages)
    if cues.unknown_project:  # a name the corpus lacks: the passages are shown for what they say, with their source
        absent = [*absent, f"语料库中没有名为“{cues.unknown_project}”的项目；以下是与问题最相关的原文，请核对出处。"]
    if absent:
        found.text = "\n".join([*absent, found.text])
        found.notes.extend(absent)
    return found
