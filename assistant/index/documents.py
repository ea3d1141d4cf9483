"""The generic document the retrieval layer indexes, its content-hash id, and a search hit."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, Field, field_validator

Scalar = str | int | float | bool
Metadata = dict[str, Scalar]
# A filter value: one scalar (equality) or a list of scalars (any of them, chroma's ``$in``).
Wanted = Scalar | list[Scalar]
Where = Mapping[str, Wanted]
SearchMode = Literal["hybrid", "vector", "bm25"]

# chroma stores the kind as a metadata field so that it can filter on it.
KIND_KEY = "kind"


def content_id(kind: str, text: str, metadata: Mapping[str, Scalar]) -> str:
    """A stable id from the content: the same document always gets the same id, a changed one a new id."""
    payload = json.dumps([kind, text, dict(sorted(metadata.items()))], ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return f"{kind}-{digest[:32]}"


class IndexDocument(BaseModel):
    """One retrievable unit: a declaration section, an indicator or a policy passage."""

    id: str = Field(description="Content-hash id, see `content_id`.")
    kind: str = Field(description='"section" | "indicator" | "policy".')
    text: str = Field(description="What is embedded and BM25-indexed.")
    metadata: Metadata = Field(default_factory=dict, description="chroma-compatible scalars used as filters.")

    @field_validator("metadata")
    @classmethod
    def _kind_is_reserved(cls, metadata: Metadata) -> Metadata:
        if KIND_KEY in metadata:
            raise ValueError(f"metadata key {KIND_KEY!r} is reserved: the index stores the document kind there")
        return metadata

    @classmethod
    def build(cls, kind: str, text: str, metadata: Mapping[str, Scalar] | None = None) -> IndexDocument:
        meta = dict(metadata or {})
        return cls(id=content_id(kind, text, meta), kind=kind, text=text, metadata=meta)

    def store_metadata(self) -> Metadata:
        return stored_metadata(self.kind, self.metadata)


def stored_metadata(kind: str, metadata: Mapping[str, Scalar]) -> Metadata:
    """Metadata as stored in the index: the document's own fields plus its kind."""
    return {**metadata, KIND_KEY: kind}


def own_metadata(stored: Mapping[str, Scalar]) -> Metadata:
    """The document's own fields, without the kind the index added."""
    return {key: value for key, value in stored.items() if key != KIND_KEY}


class SearchHit(BaseModel):
    id: str
    kind: str
    score: float = Field(description="Fused score (hybrid), cosine similarity (vector) or BM25 score (bm25).")
    rank: int = Field(description="1-based position in the final list.")
    text: str
    metadata: Metadata
    vector_rank: int | None = Field(default=None, description="1-based rank on the vector side, if found there.")
    bm25_rank: int | None = Field(default=None, description="1-based rank on the BM25 side, if found there.")


def matches(metadata: Mapping[str, Scalar], where: Where) -> bool:
    """Metadata filters as chroma applies them: every key present and equal to the value (or to one of
    the listed values); bool never equal to int."""
    for key, wanted in where.items():
        if key not in metadata:
            return False
        options = wanted if isinstance(wanted, list) else [wanted]
        if not any(_equal(metadata[key], option) for option in options):
            return False
    return True


def _equal(value: Scalar, wanted: Scalar) -> bool:
    return isinstance(value, bool) == isinstance(wanted, bool) and value == wanted


def with_kind(where: Where | None, kind: str | None) -> dict[str, Wanted]:
    merged: dict[str, Wanted] = dict(where or {})
    if kind is not None:
        merged[KIND_KEY] = kind
    return merged
