"""Drafting as the shells use it: every draft and every regeneration is saved as a version in the store,
unless it holds exactly what the latest version holds: then nothing is stored and the result says so.

Regenerating never clobbers a person's work: a human-edited or locked section is not rewritten
unless ``force`` is given, and regenerating the indicator table keeps every row with a protected
cell. Whatever is replaced stays readable in the previous version. The command line saves a
regeneration at once; the web workspace makes it a proposal (``propose_*``) that the person
accepts (saved as the next version) or rejects (kept on record, the draft unchanged).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from assistant.domain.brief import Brief
from assistant.domain.model import SectionKind
from assistant.drafting.as_declaration import reviewed
from assistant.drafting.chain import DraftEvent, failed_sections
from assistant.drafting.context import DraftContext
from assistant.drafting.models import Draft
from assistant.errors import InputError
from assistant.llm.runtime import LLMRuntime
from assistant.retrieval.finder import Finder, LazyFinder
from assistant.review.checks_relevance import ReviewContext
from assistant.services.derived import money_changed, rolled_over
from assistant.services.edit_follow import follow_edit
from assistant.services.editing import FieldEdit, apply_edits
from assistant.services.protect import (
    ProtectedFieldError,
    apply_proposal,
    keep_sections,
    protected_error,
)
from assistant.services.retry import Retry, labels
from assistant.services.saved import ModelRequiredError, Rewrite, SavedDraft
from assistant.services.scope import CorpusScope
from assistant.services.table_rewrites import costs_rewrite, indicators_rewrite
from assistant.services.text_policy import refuse_control_characters
from assistant.services.writing import (
    draft_brief,
    draft_context,
    fallback_reason,
    keep_if_same_text,
    model_for,
    model_gave_nothing,
    regenerate_section,
    retry_sections,
    section_kind,
    section_origin,
)
from assistant.settings import Settings
from assistant.store import (
    INDICATOR_TABLE,
    Action,
    DraftStore,
    Origin,
    Proposal,
    ProposalStatus,
    StoredVersion,
)
from assistant.store.fields import (
    INDICATOR_TABLE_LABEL,
    ROLLOVER_TARGET,
    same_content,
    section_path,
)
from assistant.store.files import read_draft_file

ROLLOVER_INSTRUCTION = "顺延到新年度：日期、正文中的年份和时限类指标值"
__all__ = [
    "DraftEvent",
    "DraftingService",
    "ModelRequiredError",
    "ProtectedFieldError",
    "Retry",
    "Rewrite",
    "SavedDraft",
    "section_kind",
]


def _ignore(_: DraftEvent) -> None:
    return None


class DraftingService:
    def __init__(
        self,
        settings: Settings,
        scope: CorpusScope,
        runtime: LLMRuntime,
        store: DraftStore,
        *,
        author: str,
        open_finder: Callable[[], Finder] | None = None,
    ) -> None:
        """``open_finder``: the hybrid search (opened on a model-written draft's first search); None: the bank's precedents."""
        self.settings = settings
        self.scope = scope
        self.runtime = runtime
        self.store = store
        self.author = author
        self.open_finder = open_finder

    def _model(self) -> LLMRuntime | None:
        return self.runtime if self.runtime.enabled else None

    def _context(self, brief: Brief) -> tuple[DraftContext, ReviewContext]:
        finder = LazyFinder(self.open_finder) if self.open_finder and self._model() else None
        return draft_context(brief, self.scope.current(), finder=finder)

    def draft(self, brief: Brief, *, on_event: Callable[[DraftEvent], None] = _ignore) -> SavedDraft:
        """Draft ``brief`` and save it as version 1 of a new draft owned by the current user."""
        draft = draft_brief(brief, self.settings, self._model(), on_event=on_event, context=self._context(brief))
        return SavedDraft(info=self.store.create(draft, owner=self.author), draft=draft)

    def import_file(self, path: Path) -> SavedDraft:
        """A draft JSON file saved earlier (``shenbao-draft/1``) as a new draft in the store."""
        info = self.store.import_file(path, owner=self.author)
        return SavedDraft(info=info, draft=self.store.get(info.draft_id, info.number).draft)

    def open_file(self, path: Path) -> int:
        """`own_draft_of_file`, else the file imported as a new draft of the user's; its id."""
        found = self.own_draft_of_file(path)
        return found if found is not None else self.import_file(path).info.draft_id

    def own_draft_of_file(self, path: Path) -> int | None:
        """The user's own draft whose latest version a JSON file is (as ``draft -o`` wrote it), never another's."""
        return self.store.find_latest(read_draft_file(path), owner=self.author)

    def edit(self, draft_id: int, draft: Draft, *, base: int) -> SavedDraft:
        """A person's edit of version ``base``: the changed fields are marked human-edited (the history names them);
        an edit that changes nothing in the latest version is not stored. A renamed indicator row is renamed too in
        the sections rules or a model wrote, and a changed value written anew there (services/renames.py); those
        sections keep their origin."""
        current = self.store.get(draft_id, base)
        if self._same_as_latest(current, draft):
            return _unchanged(current)
        refuse_control_characters(current.draft, draft)
        followed = follow_edit(current, draft, self.scope.current())
        info = self.store.save(
            draft_id,
            followed.draft,
            expected_parent=base,
            author=self.author,
            changed=Origin.HUMAN,
            origins=followed.origins,
            section=followed.section,
        )
        return SavedDraft(info=info, draft=followed.draft)

    def edit_fields(
        self, draft_id: int, edits: list[FieldEdit], *, base: int | None = None
    ) -> tuple[SavedDraft, Proposal | None]:
        """Any fields of version ``base`` (default the latest) changed by a person, reviewed and saved as the next
        version; when the funding or 项目构成 changed, the cost figures computed again as a proposal (or None)."""
        current = self._version(draft_id, base)
        return self.save_edited(current, apply_edits(current.draft, edits, self.scope.current().policies))

    def save_edited(self, current: StoredVersion, edited: Draft) -> tuple[SavedDraft, Proposal | None]:
        """``edited`` (a person's change of ``current``) reviewed and saved as the next version; a change of the
        funding or 项目构成 also proposes the cost figures computed again."""
        draft_id = current.info.draft_id
        saved = self.edit(draft_id, reviewed(edited, self.scope.current().review_context), base=current.number)
        if saved.unchanged or not money_changed(current.draft, saved.draft):
            return saved, None
        return saved, self.propose_costs(draft_id, base=saved.info.number, before=current.draft.brief)

    def propose_costs(self, draft_id: int, *, base: int | None = None, before: Brief | None = None) -> Proposal | None:
        """The cost indicators computed again from the brief's funding and 项目构成, as a proposal on the indicator
        table (None when no figure changes). With ``before`` (the brief before the edit), a 年度申请/财政资金 that equalled
        the old 总额 and was left as it was follows the new 总额 here (`tied_funding`), and the proposal says so."""
        current = self._version(draft_id, base)
        found = costs_rewrite(self.store, current, self.scope.current(), before)
        if found is None:
            return None
        rewrite, note = found
        return self._propose(current, INDICATOR_TABLE, rewrite, note)

    def propose_rollover(
        self,
        draft_id: int,
        *,
        old_year: int,
        dates: tuple[date | None, date | None] = (None, None),
        base: int | None = None,
    ) -> tuple[Proposal | None, list[str]]:
        """Last year's dates and the years written in the text moved to the draft's budget year, as a proposal
        (None when nothing names ``old_year``), with each change described in Chinese."""
        current = self._version(draft_id, base)
        moved, changes = rolled_over(current.draft, old_year=old_year, dates=dates)
        if not changes:
            return None, []
        draft = reviewed(moved, self.scope.current().review_context)
        rewrite = Rewrite(draft, [], Origin.TEMPLATE, {})
        return self._propose(
            current, ROLLOVER_TARGET, rewrite, ROLLOVER_INSTRUCTION + "：" + "；".join(changes)
        ), changes

    def regenerate_section(
        self,
        draft_id: int,
        kind: SectionKind,
        *,
        instruction: str = "",
        base: int | None = None,
        force: bool = False,
        on_event: Callable[[DraftEvent], None] = _ignore,
    ) -> SavedDraft:
        """Rewrite one section of version ``base`` (default the latest) and save the result as the next version.

        An instruction needs a language model: without one (``--llm none``, or a model that could not start)
        `ModelRequiredError` is raised and nothing is saved, rather than a rules text that ignores it."""
        current = self._version(draft_id, base)
        rewrite = self._rewrite_section(current, kind, instruction, force, on_event)
        if self._same_as_latest(current, rewrite.draft):
            return _unchanged(current, rewrite.kept)
        info = self.store.save(
            draft_id,
            rewrite.draft,
            expected_parent=current.number,
            author=self.author,
            action=Action.REGENERATE,
            changed=rewrite.origin,
            section=kind.label,
            instruction=instruction or None,
        )
        return SavedDraft(info=info, draft=rewrite.draft, kept=rewrite.kept)

    def retry_failed(
        self, draft_id: int, *, base: int | None = None, on_event: Callable[[DraftEvent], None] = _ignore
    ) -> Retry:
        """重试失败的部分: ask the model again for the sections of version ``base`` (default the latest) that rules
        wrote after a model fault or timeout (`failed_sections`), and save what it writes as one next version;
        every other field, and a failed section a person has since edited or locked, stays as it is.

        `InputError` when no section failed; `ModelRequiredError` when no model is in use. A section the model
        fails again keeps its rules text (`Retry.failed` says why); when none succeeds nothing is saved."""
        current = self._version(draft_id, base)
        protected = current.protected_paths()
        failed = failed_sections(current.draft)
        todo = [kind for kind in failed if section_path(kind) not in protected]
        kept = [kind for kind in failed if section_path(kind) in protected]
        if not todo:
            where = f"草稿 {draft_id} 第 {current.number} 版"
            raise InputError(
                f"{where}没有需要重试的部分" + (f"（{labels(kept)} 已人工修改或锁定）" if kept else ""),
                hint="只有模型出错或超时、改用规则起草的部分可以重试；要重写某一部分请用“重新生成”",
            )
        if not self.runtime.enabled:
            raise ModelRequiredError(
                f"重试失败的部分（{labels(todo)}）需要语言模型，当前没有使用语言模型：未重试，也未保存新版本",
                hint="请改用内置模型（--llm local）或已配置的接口（--llm openai）后重试",
            )
        retried = retry_sections(
            current.draft,
            todo,
            self.settings,
            self._model(),
            context=self._context(current.draft.brief),
            on_event=on_event,
        )
        if not retried.written:
            return Retry(_unchanged(current), [], retried.failed, kept)
        draft, _ = keep_sections(current.draft, retried.draft, protected)
        info = self.store.save(
            draft_id,
            draft,
            expected_parent=current.number,
            author=self.author,
            action=Action.REGENERATE,
            changed=Origin.AI,
            section=("重试：" + labels(retried.written))[:40],
        )
        return Retry(SavedDraft(info=info, draft=draft), retried.written, retried.failed, kept)

    def regenerate_indicators(self, draft_id: int, *, base: int | None = None, force: bool = False) -> SavedDraft:
        """Suggest the indicator table again; rows with a human-edited or locked cell stay unless ``force``."""
        current = self._version(draft_id, base)
        rewrite = self._rewrite_indicators(current, force)
        if self._same_as_latest(current, rewrite.draft):
            return replace(_unchanged(current, rewrite.kept), withheld=rewrite.withheld)
        info = self.store.save(
            draft_id,
            rewrite.draft,
            expected_parent=current.number,
            author=self.author,
            action=Action.REGENERATE,
            changed=rewrite.origin,
            origins=rewrite.origins,
            section=INDICATOR_TABLE_LABEL,
        )
        return SavedDraft(info=info, draft=rewrite.draft, kept=rewrite.kept, withheld=rewrite.withheld)

    def _rewrite_section(
        self,
        current: StoredVersion,
        kind: SectionKind,
        instruction: str,
        force: bool,
        on_event: Callable[[DraftEvent], None],
    ) -> Rewrite:
        protected = set() if force else current.protected_paths()
        if section_path(kind) in protected:
            raise protected_error(current, [section_path(kind)])
        self.require_model(instruction)
        context = self._context(current.draft.brief)
        rewritten = regenerate_section(
            current.draft, kind, instruction, self.settings, self._model(), on_event=on_event, context=context
        )
        if instruction.strip() and model_gave_nothing(rewritten, kind):
            raise ModelRequiredError.for_instruction(instruction, why=fallback_reason(rewritten))
        rewritten = keep_if_same_text(current.draft, rewritten, kind)
        before = {s.kind: s.text for s in current.draft.sections}
        changed = {section_path(s.kind) for s in rewritten.sections if before.get(s.kind) != s.text}
        rewritten, kept = keep_sections(current.draft, rewritten, protected)
        kept = [path for path in kept if path in changed]  # a section the rewrite never touched was not "kept"
        return Rewrite(rewritten, kept, section_origin(rewritten.section(kind), instruction), {})

    def require_model(self, instruction: str) -> None:
        """`ModelRequiredError` when ``instruction`` is given and no model can follow it (`writing.model_for`)."""
        model_for(self.runtime, instruction)

    def _rewrite_indicators(self, current: StoredVersion, force: bool) -> Rewrite:
        return indicators_rewrite(self.store, current, self.scope.current(), self._model(), force=force)

    # -- proposals: a rewrite the person accepts or rejects ---------------------------------------

    def propose_section(
        self,
        draft_id: int,
        kind: SectionKind,
        *,
        instruction: str = "",
        base: int | None = None,
        force: bool = False,
        on_event: Callable[[DraftEvent], None] = _ignore,
    ) -> Proposal:
        """Rewrite one section of version ``base`` as a proposal: nothing is saved as a version until it is accepted."""
        current = self._version(draft_id, base)
        rewrite = self._rewrite_section(current, kind, instruction, force, on_event)
        return self._propose(current, section_path(kind), rewrite, instruction)

    def propose_indicators(self, draft_id: int, *, base: int | None = None, force: bool = False) -> Proposal:
        """The indicator table suggested again, as a proposal; rows with a human-edited or locked cell stay unless ``force``."""
        current = self._version(draft_id, base)
        rewrite = self._rewrite_indicators(current, force)
        return self._propose(current, INDICATOR_TABLE, rewrite, rewrite.withheld)

    def _propose(self, current: StoredVersion, target: str, rewrite: Rewrite, instruction: str) -> Proposal:
        return self.store.propose(
            current.info.draft_id,
            rewrite.draft,
            base=current.number,
            target=target,
            author=self.author,
            origin=rewrite.origin,
            origins=rewrite.origins,
            kept=rewrite.kept,
            instruction=instruction or None,
        )

    def accept(self, draft_id: int, proposal_id: int, *, base: int | None = None) -> SavedDraft:
        """The proposal applied to version ``base`` (default the latest) and saved as the next version.

        Refused when the proposed part, or a field it changes, was edited, locked or saved since the proposal was made.
        """
        proposal = self._pending(draft_id, proposal_id)
        head = self._version(draft_id, base)
        draft = apply_proposal(self.store.get(draft_id, proposal.base), head, proposal)
        draft = reviewed(draft, self.scope.current().review_context)
        if self._same_as_latest(head, draft):
            self.store.accept_unchanged(proposal, version=head.number)
            return _unchanged(head, proposal.kept)
        info = self.store.accept_proposal(
            proposal, draft, expected_parent=head.number, author=self.author, section=proposal.label
        )
        return SavedDraft(info=info, draft=draft, kept=proposal.kept)

    def reject(self, draft_id: int, proposal_id: int) -> Proposal:
        """The proposal set aside: the draft keeps its text, and the proposal stays readable in the draft's record."""
        return self.store.reject_proposal(self._pending(draft_id, proposal_id))

    def pending(self, draft_id: int) -> Proposal | None:
        """The draft's undecided proposal, if any (at most one: a new one supersedes it); a reloaded page shows it again."""
        return next((p for p in self.store.proposals(draft_id) if p.status is ProposalStatus.PENDING), None)

    def _pending(self, draft_id: int, proposal_id: int) -> Proposal:
        proposal = self.store.proposal(draft_id, proposal_id)
        if proposal.status is not ProposalStatus.PENDING:
            raise InputError(f"这条建议已处理（{proposal.status.label}）", hint="如需新的建议，请重新生成")
        return proposal

    def restore(self, draft_id: int, number: int, *, base: int | None = None) -> SavedDraft:
        """Version ``number`` again as the latest version (on top of ``base``, default the latest)."""
        parent = self.store.head(draft_id) if base is None else base
        info = self.store.restore(draft_id, number, expected_parent=parent, author=self.author)
        return SavedDraft(info=info, draft=self.store.get(draft_id, info.number).draft)

    def lock(self, draft_id: int, paths: list[str], *, locked: bool = True, base: int | None = None) -> SavedDraft:
        """Lock (or unlock) fields, e.g. ``section.necessity`` or ``indicator.3.value``."""
        current = self._version(draft_id, base)
        info = self.store.set_locked(draft_id, paths, expected_parent=current.number, author=self.author, locked=locked)
        return SavedDraft(info=info, draft=current.draft)

    def _version(self, draft_id: int, base: int | None) -> StoredVersion:
        return self.store.latest(draft_id) if base is None else self.store.get(draft_id, base)

    def _same_as_latest(self, current: StoredVersion, draft: Draft) -> bool:
        """Whether ``draft`` holds what ``current`` does and ``current`` is still the latest version (a stale
        base goes on to the store, which reports the conflict)."""
        return same_content(current.draft, draft) and self.store.head(current.info.draft_id) == current.number


def _unchanged(current: StoredVersion, kept: list[str] | None = None) -> SavedDraft:
    return SavedDraft(info=current.info, draft=current.draft, kept=list(kept or []), unchanged=True)
