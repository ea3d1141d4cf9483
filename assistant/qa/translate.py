"""The model's reading of a question the patterns did not read with confidence.

The model gets the question, the corpus vocabulary (projects, units, years, categories, sections,
funding fields) and the previous query of the conversation, and answers with one small JSON object
(`ModelReading`). The reply is freed of code fences and repaired with json-repair before pydantic
reads it; every name is then checked against the corpus vocabulary, and a reply with an unknown name
is sent back once with the exact problem. The accepted reading becomes `Cues`, so the conversation
and the executor treat it exactly like a pattern reading: the model never computes an answer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, TypeVar, cast

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
from assistant.domain.project_types import ProjectType
from assistant.errors import AssistantError, ModelError
from assistant.llm.chat import json_payload
from assistant.llm.runtime import LLMRuntime
from assistant.prompts import load_prompt
from assistant.qa.lexicon import FUNDING_TERMS, SECTION_TERMS, Lexicon
from assistant.qa.models import FundingField, Query, Target
from assistant.qa.parse import Cues
from assistant.qa.queries import to_query

_PRIME_MARK = "\x00"  # a question no user writes: the prompt before it is the fixed part
log = logging.getLogger("assistant.qa.translate")
OPEN = "open"  # the model's word for a question no query answers (it goes to retrieval)
MAX_TOKENS = 160
MIN_CALL_SECONDS = 1.5  # a reading call on a warm server with the prompt's fixed part cached takes about 2 s
E = TypeVar("E")


class ModelReading(BaseModel):
    """What the model is asked to fill; every name is still free text until `check` resolves it."""

    model_config = ConfigDict(extra="ignore")

    target: str
    years: list[int] = Field(default_factory=list)
    unit: str | None = None
    project: str | None = None
    level1: str | None = None
    level2: str | None = None
    indicator_name: str | None = None
    section: str | None = None
    funding_field: str | None = None
    lacks_level: bool = False
    it_only: bool = False
    project_type: str | None = None


@dataclass(frozen=True)
class Translation:
    """The cues the model's reading gave (None when it gave none valid), its raw replies and problems."""

    cues: Cues | None
    raw: tuple[str, ...]
    problems: tuple[str, ...] = ()


def parse_reply(text: str) -> ModelReading:
    """A reply as ModelReading: fences stripped, JSON repaired (json-repair), then validated.

    Raises ValueError with a Chinese message when no JSON object can be read or it lacks ``target``.
    """
    loaded = json_payload(text).value  # the model layer's one reader: fences, prose, repair
    try:
        return ModelReading.model_validate(loaded)
    except ValidationError as exc:
        raise ValueError(f"JSON 字段不合格：{_first_error(exc)}") from exc


def check(reading: ModelReading, lexicon: Lexicon, question: str) -> tuple[Cues | None, list[str]]:
    """The reading resolved against the corpus vocabulary, or the problems that stop it."""
    problems: list[str] = []
    target = _resolve(reading.target, {t.value: t for t in Target} | {OPEN: None}, "target", problems)
    values = {
        "project": _project(reading.project, lexicon, question, problems),
        "unit": _unit(reading.unit, lexicon, problems),
        **_levels(reading, problems),
        "section": _resolve(reading.section, _section_names(), "section", problems),
        "funding_field": _resolve(reading.funding_field, _funding_names(), "funding_field", problems),
        "indicator_name": _indicator_name(reading.indicator_name, lexicon, problems),
        "project_type": _resolve(reading.project_type, {t.value: t for t in ProjectType}, "project_type", problems),
    }
    if problems:
        return None, problems
    cues = Cues(
        target=target,
        years=tuple(y for y in reading.years if 1990 <= y <= 2100),
        lacks_level=reading.lacks_level,
        it_only=reading.it_only,
        **cast(dict[str, Any], values),  # each value resolved to its field's type above
    )
    if cues.target is not None and (problem := _query_problem(cues) or _ungrounded(cues, question)):
        return None, [problem]
    return cues, []


def translate(
    question: str,
    pattern: Cues,
    previous: Query | None,
    lexicon: Lexicon,
    runtime: LLMRuntime,
    *,
    deadline: float | None = None,
) -> Translation:
    """Ask the model once, and once more with the problems if its reply does not check; with ``deadline`` (a
    ``time.monotonic()`` value) each call gets only the time left, and no call starts with under
    ``MIN_CALL_SECONDS`` left."""
    messages: list[BaseMessage] = [HumanMessage(content=_prompt(question, previous, lexicon))]
    raw: list[str] = []
    problems: list[str] = []
    for _ in range(2):
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left < MIN_CALL_SECONDS:
            return Translation(cues=None, raw=tuple(raw), problems=(*problems, f"剩余时间不足 {MIN_CALL_SECONDS} 秒"))
        try:
            reply = runtime.complete(messages, max_tokens=MAX_TOKENS, seconds=left).text
        except (ModelError, AssistantError) as error:
            return Translation(cues=None, raw=tuple(raw), problems=(*problems, error.message))
        raw.append(reply)
        cues, problems = _checked(reply, lexicon, question)
        if cues is not None:
            return Translation(cues=ground(cues, pattern), raw=tuple(raw))
        messages += [AIMessage(content=reply), HumanMessage(content=_feedback(problems))]
    return Translation(cues=None, raw=tuple(raw), problems=tuple(problems))


def prime(lexicon: Lexicon, runtime: LLMRuntime) -> None:
    """Have the model server read the prompt's fixed part (instructions, the corpus vocabulary, examples) now.

    llama.cpp's server keeps the last prompt in its KV cache and reuses the longest common prefix (``cache_prompt``),
    so the next question pays only for its own words and the reply: on this 2-core machine a doubted question's call
    took 9.1 s with a cold prefix and 1.9 s with it cached (772 prompt tokens, 63 reply tokens). A draft in between
    replaces the cache; then the next question pays once more. A failure is logged, never raised."""
    fixed = _prompt(_PRIME_MARK, None, lexicon).split(_PRIME_MARK)[0]
    try:
        runtime.complete([HumanMessage(content=fixed)], max_tokens=1)
    except (ModelError, AssistantError) as error:
        log.info("问答提示的固定部分未能预读：%s", error.message)


def ground(model: Cues, pattern: Cues) -> Cues:
    """The model's reading with what the patterns read for certain: ids, policies, years, unit, follow-up flags."""
    return replace(
        model,
        years=pattern.years or (model.years if pattern.follow_up else ()),
        relative_year=pattern.relative_year,
        unit=pattern.unit or model.unit,
        project=pattern.project or model.project,
        declaration_id=pattern.declaration_id,
        policy_id=pattern.policy_id,
        policy_text=pattern.policy_text,
        follow_up=pattern.follow_up,
        refers_to_focus=pattern.refers_to_focus,
        unknown_unit=pattern.unknown_unit,
        unknown_project=pattern.unknown_project if model.project is None and pattern.project is None else None,
        it_only=pattern.it_only or model.it_only,
        project_type=pattern.project_type or model.project_type,
        unknown_district=pattern.unknown_district,
        candidates=pattern.candidates,
        matched=pattern.matched if model.project in (None, pattern.project) else (),
        versus=pattern.versus,
        category=pattern.category,
        header_fields=pattern.header_fields,
        rows=pattern.rows,
        row_name=pattern.row_name,
        project_years=pattern.project_years,
        measure=pattern.measure,
        descending=pattern.descending,
        top=pattern.top,
        mentions=pattern.mentions,
        exists=pattern.exists,
        unknown_kind=pattern.unknown_kind,
    )


def _checked(reply: str, lexicon: Lexicon, question: str) -> tuple[Cues | None, list[str]]:
    try:
        reading = parse_reply(reply)
    except ValueError as error:
        return None, [str(error)]
    return check(reading, lexicon, question)


def _resolve(written: str | None, names: Mapping[str, E], field: str, problems: list[str]) -> E | None:
    if written is None or not written.strip() or written.strip().lower() in ("null", "none"):
        return None
    key = written.strip()
    if key in names:
        return names[key]
    problems.append(f"{field} 的取值“{key}”无效，可选：{'、'.join(k for k in names if k)}")
    return None


def _project(written: str | None, lexicon: Lexicon, question: str, problems: list[str]) -> str | None:
    """A known project, written whole or as a part no other project shares, and named in the question."""
    if not written or not written.strip():
        return None
    name = written.strip()
    found = [p for p in lexicon.projects if p == name] or [p for p in lexicon.projects if name in p or p in name]
    if len(found) != 1:
        problems.append(
            f"语料库中没有名为“{name}”的项目；project 只能是问题中提到的下列项目之一，或 null：{'、'.join(lexicon.projects)}"
        )
        return None
    if not _named_in(found[0], question):
        problems.append(f"问题中没有提到项目“{found[0]}”，project 应为 null")
        return None
    return found[0]


def _named_in(project: str, question: str) -> bool:
    """The question shares at least four consecutive characters of the name, or half of a short name."""
    longest = max(
        (
            len(project[i:j])
            for i in range(len(project))
            for j in range(i + 1, len(project) + 1)
            if project[i:j] in question
        ),
        default=0,
    )
    return longest >= 4 or 2 * longest >= len(project)


def _unit(written: str | None, lexicon: Lexicon, problems: list[str]) -> str | None:
    if not written or not written.strip():
        return None
    aliases = dict(lexicon.unit_aliases())
    if written.strip() in aliases:
        return aliases[written.strip()]
    problems.append(f"语料库中没有单位“{written.strip()}”，unit 可选：{'、'.join(lexicon.units)}")
    return None


def _indicator_name(written: str | None, lexicon: Lexicon, problems: list[str]) -> str | None:
    if not written or not written.strip():
        return None
    if any(written.strip() in name for name in lexicon.indicator_names):
        return written.strip()
    problems.append(f"没有任何指标名称含“{written.strip()}”，indicator_name 应为指标名称中的词或 null")
    return None


def _levels(reading: ModelReading, problems: list[str]) -> dict[str, Level1 | Level2 | None]:
    """level1 and level2; a category written in the other field is taken where it belongs (the names are disjoint)."""
    written = [
        w for w in (reading.level1, reading.level2) if w and w.strip() and w.strip().lower() not in ("null", "none")
    ]
    level1 = [_level1_names()[w.strip()] for w in written if w.strip() in _level1_names()]
    level2 = [_level2_names()[w.strip()] for w in written if w.strip() in _level2_names()]
    unknown = [w for w in written if w.strip() not in _level1_names() and w.strip() not in _level2_names()]
    if unknown:
        both: dict[str, Level1 | Level2] = {**_level1_names(), **_level2_names()}
        _resolve(unknown[0], both, "level1/level2", problems)
    return {"level1": level1[0] if level1 else None, "level2": level2[0] if level2 else None}


def _level1_names() -> dict[str, Level1]:
    return {level.value: level for level in Level1} | {level.value.removesuffix("指标"): level for level in Level1}


def _level2_names() -> dict[str, Level2]:
    return {level.value: level for level in Level2} | {level.value.removesuffix("指标"): level for level in Level2}


def _section_names() -> dict[str, SectionKind]:
    return {kind.value: kind for kind in SectionKind} | {kind.label: kind for kind in SectionKind} | dict(SECTION_TERMS)


def _funding_names() -> dict[str, FundingField]:
    return {f.value: f for f in FundingField} | {f.label: f for f in FundingField} | dict(FUNDING_TERMS)


def _query_problem(cues: Cues) -> str | None:
    if to_query(cues) is not None:
        return None
    match cues.target:
        case Target.SUM_FUNDING | Target.COMPARE_YEARS:
            return "资金类问题需要 funding_field"
        case Target.SHOW_SECTION | Target.SECTION_ASPECTS:
            return "段落类问题需要 section"
        case _:
            return f"target {cues.target} 缺少必要字段"


def _ungrounded(cues: Cues, question: str) -> str | None:
    """A structured target needs its subject in the question's own words; else the question is open.

    (The embedded model read 为什么要建设…平台？ and 党费缴纳移动端包括哪些功能？ as indicator lists.)
    """
    assert cues.target is not None
    words = _GROUNDS[cues.target] + ((cues.indicator_name,) if cues.indicator_name else ())
    if any(word in question for word in words):
        return None
    return f"问题中没有提到{_GROUND_LABELS[cues.target]}，target 应为 {OPEN}"


_INDICATOR_WORDS = ("指标", "目标值", "满意", "时效", "及时", "成本", "效益", "合格率", "完成率", "达标")
_MONEY_WORDS = ("资金", "钱", "预算", "经费", "金额", "拨款", "元", "申请")
_SECTION_WORDS = (*(term for term, _ in SECTION_TERMS), "目标", "措施", "计划", "构成")
_GROUNDS: dict[Target, tuple[str, ...]] = {
    Target.LIST_PROJECTS: ("项目", "申报表"),
    Target.COUNT_PROJECTS: ("项目", "申报表"),
    Target.LIST_INDICATORS: _INDICATOR_WORDS,
    Target.COUNT_INDICATORS: _INDICATOR_WORDS,
    Target.TYPICAL_VALUES: _INDICATOR_WORDS,
    Target.COMMON_INDICATORS: _INDICATOR_WORDS,
    Target.SUM_FUNDING: _MONEY_WORDS,
    Target.COMPARE_YEARS: _MONEY_WORDS,
    Target.SHOW_SECTION: _SECTION_WORDS,
    Target.SECTION_ASPECTS: _SECTION_WORDS,
    Target.CITING_POLICY: ("《", "号", "引用"),
    Target.SHOW_FIELD: ("负责", "联系", "电话", "日期", "类别", "性质", "类型", "用途", "单位", "部门", "填表"),
    Target.LIST_ROWS: ("构成", "明细", "制度", "保障"),
    Target.COUNT_ROWS: ("构成", "明细", "制度", "保障"),
    Target.RANK: ("最", "前", "排"),
    Target.AVERAGE: ("平均", "均"),
    Target.SHARE: ("占", "比例", "比重"),
    Target.COMPARE_PROJECTS: ("比", "差", "和", "跟", "与"),
}
_GROUND_LABELS = {target: "指标" for target in _GROUNDS} | {
    Target.SHOW_FIELD: "表头字段",
    Target.LIST_ROWS: "项目构成或制度保障",
    Target.COUNT_ROWS: "项目构成或制度保障",
    Target.RANK: "排序",
    Target.AVERAGE: "平均",
    Target.SHARE: "占比",
    Target.COMPARE_PROJECTS: "比较",
    Target.LIST_PROJECTS: "项目",
    Target.COUNT_PROJECTS: "项目",
    Target.SUM_FUNDING: "资金",
    Target.COMPARE_YEARS: "资金",
    Target.SHOW_SECTION: "申报表的段落",
    Target.SECTION_ASPECTS: "申报表的段落",
    Target.CITING_POLICY: "政策文件",
}


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return f"{'.'.join(str(p) for p in error['loc'])}：{error['msg']}"


def _feedback(problems: list[str]) -> str:
    return "上面的 JSON 有问题：\n" + "\n".join(f"- {p}" for p in problems) + "\n请改正后只输出 JSON。"


def _prompt(question: str, previous: Query | None, lexicon: Lexicon) -> str:
    context = previous.model_dump_json(exclude_defaults=True) if previous else "无"
    return load_prompt("qa_translate").render(
        question=question,
        projects="、".join(lexicon.projects),
        units="、".join(lexicon.units),
        years="、".join(str(y) for y in lexicon.years),
        types="、".join(t.value for t in ProjectType),
        previous=context,
    )
