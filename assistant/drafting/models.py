"""A draft declaration: every field says what it drew on; the draft carries its own review."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.brief import Brief
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
from assistant.domain.refs import SourceRef
from assistant.review.models import ReviewReport
from assistant.suggest.models import Evidence, Naming, ValueProposal

_MODEL = ConfigDict(extra="forbid")
DRAFT_FORMAT = "shenbao-draft/1"
STAMP = {"draft_id", "version"}  # where a written file says the draft is stored: not part of its content
RULES_MODEL = "rules"  # the model name of a draft, section or writer that used no language model


class DraftSection(BaseModel):
    model_config = _MODEL

    kind: SectionKind
    text: str
    citations: list[SourceRef] = Field(default_factory=list)
    generated_by: str = Field(description="model name, or 'rules' when no language model was used")


class BasisEntry(BaseModel):
    """One 立项依据 entry: always a policy of corpus/policies or one the user supplied."""

    model_config = _MODEL

    title: str
    doc_number: str | None = None
    policy_id: str | None = Field(default=None, description="corpus/policies id; None for a user-supplied policy")
    user_supplied: bool = False


class DraftIndicator(BaseModel):
    model_config = _MODEL

    level1: Level1
    level2: Level2
    name: str
    value: ValueProposal = Field(description="operator, number, unit, 取值依据 (ground) and its basis sentence")
    evidence: list[Evidence] = Field(default_factory=list)
    citations: list[SourceRef] = Field(default_factory=list)
    naming: Naming | None = Field(
        default=None, description="how the suggested name was obtained (a model's renaming: 改写名称); None: unknown"
    )


class DraftSafeguard(BaseModel):
    """One row of the 制度保障 table: the kind of rule, the document, and what it makes happen."""

    model_config = _MODEL

    category: str = Field(description="制度类别，如 项目管理制度")
    document: str = Field(description="文件名称")
    measures: str = Field(default="", description="具体措施")


class NoteKind(StrEnum):
    DROPPED_REFERENCE = "dropped_reference"
    UNGROUNDED_FIGURE = "ungrounded_figure"
    UNGROUNDED_TITLE = "ungrounded_title"
    DROPPED_CITATION = "dropped_citation"
    NO_PRECEDENT = "no_precedent"
    RULES_ONLY = "rules_only"
    TRUNCATED = "truncated"
    BORROWED_TEXT = "borrowed_text"
    UNSUPPORTED_CLAIM = "unsupported_claim"  # a political or background claim no source makes
    INJECTION = "injection"  # text addressing the model, found in the input and ignored
    FROM_FILE = "from_file"  # what a draft started from an uploaded declaration carried over, changed or left out
    ROLLOVER = "rollover"  # last year's dates or years moved to the new budget year (proposed, then accepted)
    RETRIEVAL_FALLBACK = "retrieval_fallback"  # the hybrid index could not be used; precedents from the bank
    SAME_AS_TOTAL = "same_as_total"  # 年度绩效目标 taken over from 项目总目标 (a project inside one budget year)
    CONFLICTING_FIGURES = "conflicting_figures"  # a brief's figures that contradict or use no measure's unit
    FOREIGN_DOMAIN = "foreign_domain"  # a sentence about another project's domain, removed
    NEGATED_TARGET = "negated_target"  # a sentence that made a harm of the brief's own target (避免…零损毁)
    GOAL_REWRITTEN = "goal_rewritten"  # a goal that repeated the brief, composed from the indicator rows
    NECESSITY_REWRITTEN = "necessity_rewritten"  # a 必要性 that restated the work plan or a precedent, by rules
    NO_BASIS = "no_basis"  # no policy of the project's subject: 立项依据 left for the user to give
    NO_REASONS = "no_reasons"  # the brief says no 现状/问题/上级要求/需要: 必要性 asks for them
    SCOPE_FIGURE = "scope_figure"  # a figure of the areas the project covers (13个街镇): scope, no 数量 row


class GroundingNote(BaseModel):
    """What grounding removed or could not confirm, in Chinese."""

    model_config = _MODEL

    kind: NoteKind
    section: SectionKind | None = None
    message: str
    fragment: str | None = None


class SectionUsage(BaseModel):
    model_config = _MODEL

    section: str
    prompt_tokens: int
    completion_tokens: int
    seconds: float
    attempts: int


class Draft(BaseModel):
    model_config = _MODEL

    format: str = DRAFT_FORMAT
    draft_id: int | None = Field(default=None, description="草稿库中的草稿编号：写出文件时填入（库中保存的内容不含它）")
    version: int | None = Field(default=None, description="草稿库中的版本号：写出文件时填入")
    brief: Brief
    provider: str = Field(description="local / openai / none")
    model: str = Field(description="model name, or 'rules'")
    sections: list[DraftSection]
    basis: list[BasisEntry]
    indicators: list[DraftIndicator]
    safeguards: list[DraftSafeguard] = Field(
        default_factory=list, description="制度保障 rows, as written or carried over"
    )
    notes: list[GroundingNote] = Field(default_factory=list)
    usage: list[SectionUsage] = Field(default_factory=list)
    review: ReviewReport | None = None

    def section(self, kind: SectionKind) -> DraftSection | None:
        return next((s for s in self.sections if s.kind is kind), None)

    def stamped(self, draft_id: int, version: int) -> Draft:
        """The draft as a file written from the store carries it: with the draft's id and version number."""
        return self.model_copy(update={"draft_id": draft_id, "version": version})

    def unstamped(self) -> Draft:
        """The draft's content without where a file said it was stored (what the store keeps and compares)."""
        return self.model_copy(update={"draft_id": None, "version": None})


def stored_payload(draft: Draft) -> dict[str, Any]:
    """``draft`` as the store keeps it: its content, without a written file's draft id and version."""
    return draft.model_dump(mode="json", exclude=STAMP)
