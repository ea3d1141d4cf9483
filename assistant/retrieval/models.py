"""What retrieval returns: the kinds of indexed documents and a search result a shell can show."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from assistant.index.documents import Metadata, SearchMode


class DocKind(StrEnum):
    SECTION = "section"
    INDICATOR = "indicator"
    POLICY = "policy"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {DocKind.SECTION: "申报表段落", DocKind.INDICATOR: "绩效指标", DocKind.POLICY: "政策文件"}


class SearchResult(BaseModel):
    rank: int = Field(description="1-based position in the list.")
    score: float | None = Field(
        description="Fused score (hybrid), cosine similarity (vector) or BM25 score (bm25); "
        "None for an exactly named document that the ranking itself did not reach."
    )
    kind: DocKind
    source: str = Field(description="项目名称 · 年度 · 部分, or 《政策题名》 and its number.")
    declaration_id: str | None = Field(default=None, description="The declaration a section or indicator belongs to.")
    policy_id: str | None = Field(default=None, description="The policy a policy document describes.")
    ref: str = Field(
        description="Stable reference: <declaration>#<section>, <declaration>#indicator-<n> or policy:<id>."
    )
    snippet: str = Field(description="A short passage of the document around the query's words.")
    same_text: list[str] = Field(
        default_factory=list,
        description="Refs of other documents with exactly this text (the same indicator in other declarations), "
        "folded into this result so that the list shows distinct texts.",
    )
    exact: bool = Field(default=False, description="Placed first because the query names this document exactly.")
    mode: SearchMode = Field(default="hybrid", description="How the list was ranked.")
    metadata: Metadata = Field(default_factory=dict, description="The document's index metadata.")
