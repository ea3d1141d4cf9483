"""The generic-RAG baseline: one free-form prompt over the top retrieved chunks, the whole declaration as JSON.

No section-wise generation, no repair, no templates or indicator bank, no review loop: the hybrid
retriever's top chunks for the brief's text, one call to the same model, ``json.loads`` after
stripping a Markdown fence. A reply that does not parse, lacks a field, or puts a row outside the
framework is not schema-valid; whatever parsed is still scored (the benefit of the doubt).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Protocol, cast

from langchain_core.messages import HumanMessage, SystemMessage

from assistant.domain.brief import Brief
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
from assistant.drafting.context import DraftContext
from assistant.drafting.sections import brief_block
from assistant.errors import ModelError
from assistant.evals.candidate import Candidate, Row, SectionCost, failed
from assistant.llm.runtime import LLMRuntime

CHUNKS = 6
CHUNK_CHARS = 200
MAX_TOKENS = 1024
SYSTEM = "你是上海市财政项目支出绩效目标申报表的撰写助手。"
PROMPT = """请根据项目信息和参考资料，写出这个项目完整的绩效目标申报表。
只输出一个 JSON 对象，键为：
"项目概况"（字符串）、"立项依据"（政策文件名称的列表）、"项目实施的必要性"（字符串）、"项目总目标"（字符串）、
"年度绩效目标"（字符串）、"绩效指标"（列表，每项为 {{"一级指标": …, "二级指标": …, "三级指标": …, "指标值": …}}）。

项目信息：
{brief}

参考资料：
{chunks}"""
SECTION_KEYS: dict[str, SectionKind] = {
    "项目概况": SectionKind.OVERVIEW,
    "项目实施的必要性": SectionKind.NECESSITY,
    "项目总目标": SectionKind.GOAL_TOTAL,
    "年度绩效目标": SectionKind.GOAL_ANNUAL,
}
ROW_KEYS = ("一级指标", "二级指标", "三级指标", "指标值")
_FENCE = re.compile(r"```(?:json)?\s*(.*?)(?:```|$)", re.DOTALL)


class Hits(Protocol):
    def __call__(self, query: str, k: int) -> list[tuple[str | None, str]]: ...


def chunks_for(brief: Brief, hits: Hits, *, exclude: str | None) -> list[str]:
    """The top ``CHUNKS`` retrieved texts for the brief, none from declaration ``exclude`` (held out)."""
    found = [text for decl_id, text in hits(brief.text(), CHUNKS * 3) if exclude is None or decl_id != exclude]
    return [re.sub(r"\s+", " ", t)[:CHUNK_CHARS] for t in found[:CHUNKS]]


def messages_for(brief: Brief, chunks: list[str]) -> list:
    listed = "\n".join(f"[{n}] {text}" for n, text in enumerate(chunks, start=1)) or "（无）"
    body = PROMPT.format(
        brief=brief_block(cast(DraftContext, SimpleNamespace(brief=brief, prompt_brief=brief))), chunks=listed
    )
    return [SystemMessage(SYSTEM), HumanMessage(body)]


def run_baseline(brief: Brief, chunks: list[str], runtime: LLMRuntime | None) -> Candidate:
    """One call; with no model the baseline cannot run and counts as failed."""
    if runtime is None or not runtime.enabled:
        return failed("baseline", "未运行：没有语言模型（--llm none）", 0.0)
    started = time.perf_counter()
    try:
        reply = runtime.complete(messages_for(brief, chunks), max_tokens=MAX_TOKENS)
    except ModelError as exc:
        return failed("baseline", f"模型调用失败：{exc.message}", time.perf_counter() - started)
    cost = SectionCost("整表", reply.usage.prompt_tokens, reply.usage.completion_tokens, round(reply.elapsed_s, 2), 1)
    candidate = parse_reply(reply.text)
    candidate.material, candidate.costs, candidate.seconds = chunks, [cost], time.perf_counter() - started
    return candidate


@dataclass(frozen=True)
class _Parsed:
    data: dict
    complete: bool


def parse_reply(text: str) -> Candidate:
    """The reply as a candidate: plain ``json.loads`` after stripping a fence, then the shape checked."""
    fenced = _FENCE.search(text)
    try:
        data = json.loads(fenced.group(1) if fenced else text)
    except json.JSONDecodeError as exc:
        return failed("baseline", f"JSON 解析失败：{exc}", 0.0)
    if not isinstance(data, dict):
        return failed("baseline", "输出不是 JSON 对象", 0.0)
    sections = {
        kind: value for key, kind in SECTION_KEYS.items() if isinstance(value := data.get(key), str) and value.strip()
    }
    basis = (
        [str(b) for b in data.get("立项依据") or [] if isinstance(b, (str, int))]
        if isinstance(data.get("立项依据"), list)
        else []
    )
    rows = [row for item in _list(data.get("绩效指标")) if (row := _row(item)) is not None]
    valid = (
        len(sections) == len(SECTION_KEYS)
        and isinstance(data.get("立项依据"), list)
        and bool(rows)
        and len(rows) == len(_list(data.get("绩效指标")))
        and all(r.level1 and r.level2 for r in rows)
    )
    return Candidate(
        system="baseline",
        schema_valid=valid,
        sections=sections,
        basis=basis,
        rows=rows,
        failure="" if valid else "字段缺失或指标类别不在框架内",
    )


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _row(item: object) -> Row | None:
    if not isinstance(item, dict) or not all(isinstance(item.get(k), (str, int, float)) for k in ROW_KEYS[2:]):
        return None
    return Row(
        _enum(Level1, item.get("一级指标")),
        _enum(Level2, item.get("二级指标")),
        str(item["三级指标"]),
        str(item["指标值"]),
    )


def _enum(kind: type[Level1] | type[Level2], value: object):
    try:
        return kind(str(value).strip())
    except ValueError:
        return None
