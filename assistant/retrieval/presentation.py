"""A search hit as a user sees it: where it comes from (项目名称 · 年度 · 部分) and a snippet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from assistant.domain.policy import policy_label
from assistant.index.documents import Metadata, SearchHit, SearchMode
from assistant.retrieval.models import DocKind, SearchResult

SNIPPET_CHARS = 120
_LEAD = 24  # characters kept before the first query word, for context


def result_from_hit(
    hit: SearchHit,
    *,
    rank: int,
    terms: Sequence[str],
    mode: SearchMode,
    exact: bool,
    scored: bool,
    same: Sequence[SearchHit] = (),
) -> SearchResult:
    kind = DocKind(hit.kind)
    meta = hit.metadata
    return SearchResult(
        rank=rank,
        score=hit.score if scored else None,
        kind=kind,
        source=source_label(kind, meta),
        declaration_id=_text(meta, "declaration_id"),
        policy_id=_text(meta, "policy_id"),
        ref=reference(kind, meta),
        snippet=snippet(body(kind, hit.text), terms),
        same_text=[reference(DocKind(other.kind), other.metadata) for other in same],
        exact=exact,
        mode=mode,
        metadata=meta,
    )


def source_label(kind: DocKind, meta: Metadata) -> str:
    """项目名称 · 年度 · 部分 for a declaration's documents; 《题名》（文号） for a policy."""
    match kind:
        case DocKind.POLICY:
            number = _text(meta, "doc_number")
            return policy_label(str(meta.get("title", "")), number)
        case DocKind.SECTION:
            part = _text(meta, "section_title") or ""
        case DocKind.INDICATOR:
            part = f"绩效指标第{meta.get('position', '?')}项"
        case _:
            assert_never(kind)
    parts = [_text(meta, "project_name"), str(meta["year"]) if "year" in meta else None, part]
    return " · ".join(part for part in parts if part)


def reference(kind: DocKind, meta: Metadata) -> str:
    match kind:
        case DocKind.POLICY:
            return f"policy:{meta.get('policy_id', '')}"
        case DocKind.SECTION:
            return f"{meta.get('declaration_id', '')}#{meta.get('section', '')}"
        case DocKind.INDICATOR:
            return f"{meta.get('declaration_id', '')}#indicator-{meta.get('position', '')}"
        case _:
            assert_never(kind)


def body(kind: DocKind, text: str) -> str:
    """The document's text without the heading line a section document starts with (name｜section)."""
    if kind is DocKind.SECTION and "\n" in text:
        return text.split("\n", 1)[1]
    return text


def snippet(text: str, terms: Sequence[str], *, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` on one line, starting a little before the first query word."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    folded = flat.lower()
    positions = [folded.find(term) for term in terms if len(term) >= 2 and term in folded]
    start = max(0, min(positions, default=0) - _LEAD)
    start = min(start, len(flat) - width)
    return ("…" if start > 0 else "") + flat[start : start + width] + ("…" if start + width < len(flat) else "")


def _text(meta: Metadata, key: str) -> str | None:
    value = meta.get(key)
    return str(value) if value is not None else None
