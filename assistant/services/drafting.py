"""Drafting as the shells use it: every draft and every regeneration is saved as a version in the store.

Regenerating never clobbers a person's work: a human-edited or locked section is not rewritten
unless ``force`` is given, and regenerating the indicator table keeps every row with a protected
cell. Whatever is replaced stays readable in the previous version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.domain.brief import Brief
from assistant.domain.model import SectionKind
from assistant.drafting.chain import DraftEvent, draft_indicators, reviewed
from assistant.drafting.context import build_context
from assistant.drafting.models import Draft, DraftSection
from assistant.drafting.retrieve import Finder, LazyFinder
from assistant.drafting.service import draft_brief, regenerate_section
from assistant.errors import InputError
from assistant.llm.runtime import LLMRuntime
from assistant.services.protect import describe_kept, keep_indicator_rows, keep_sections
from assistant.services.scope import CorpusScope
from assistant.settings import Settings
from assistant.store import Action, DraftStore, Origin, StoredVersion, VersionInfo
from assistant.store.fields import RULES_MODEL, initial_origins, section_path
from assistant.store.files import read_draft_file
from assistant.suggest.suggest import suggest

INDICATOR_TABLE = "绩效指标"


def _ignore(_: DraftEvent) -> None:
    return None


@dataclass(frozen=True)
class SavedDraft:
    """A draft as saved: its version record, the draft, and the protected fields carried over unchanged."""

    info: VersionInfo
    draft: Draft
    kept: list[str] = field(default_factory=list)


class ProtectedFieldError(InputError):
    """A regeneration would overwrite a human-edited or locked field and was not forced."""


class DraftingService:
    def __init__(
        self, settings: Settings, scope: CorpusScope, runtime: LLMRuntime, store: DraftStore, *, author: str,
        open_finder: Callable[[], Finder] | None = None,
    ) -> None:  # fmt: skip
        """``open_finder``: the hybrid search (opened on a model-written draft's first search); None: the bank's precedents."""
        self.settings = settings
        self.scope = scope
        self.runtime = runtime
        self.store = store
        self.author = author
        self.open_finder = open_finder

    def _model(self) -> LLMRuntime | None:
        return self.runtime if self.runtime.enabled else None

    def _context(self, brief: Brief):  # noqa: ANN202 - (DraftContext, ReviewContext)
        snapshot = self.scope.current()
        finder = LazyFinder(self.open_finder) if self.open_finder and self._model() else None
        ctx = build_context(brief, suggest(brief, snapshot.bank), snapshot.corpus, snapshot.policies, finder=finder)
        return ctx, snapshot.review_context

    def draft(self, brief: Brief, *, on_event: Callable[[DraftEvent], None] = _ignore) -> SavedDraft:
        """Draft ``brief`` and save it as version 1 of a new draft owned by the current user."""
        draft = draft_brief(brief, self.settings, self._model(), on_event=on_event, context=self._context(brief))
        return SavedDraft(info=self.store.create(draft, owner=self.author), draft=draft)

    def import_file(self, path: Path) -> SavedDraft:
        """A draft JSON file saved earlier (``shenbao-draft/1``) as a new draft in the store."""
        info = self.store.import_file(path, owner=self.author)
        return SavedDraft(info=info, draft=self.store.get(info.draft_id, info.number).draft)

    def open_file(self, path: Path) -> int:
        """The stored draft a JSON file is the latest version of (as ``assistant draft -o`` wrote it), else the
        file imported as a new draft; its id."""
        found = self.store.find_latest(read_draft_file(path))
        return found if found is not None else self.import_file(path).info.draft_id

    def edit(self, draft_id: int, draft: Draft, *, base: int) -> SavedDraft:
        """A person's edit of version ``base``: the changed fields are marked human-edited."""
        info = self.store.save(draft_id, draft, expected_parent=base, author=self.author, changed=Origin.HUMAN)
        return SavedDraft(info=info, draft=draft)

    def regenerate_section(
        self, draft_id: int, kind: SectionKind, *, instruction: str = "", base: int | None = None, force: bool = False,
        on_event: Callable[[DraftEvent], None] = _ignore,
    ) -> SavedDraft:  # fmt: skip
        """Rewrite one section of version ``base`` (default the latest) and save the result as the next version."""
        current = self._version(draft_id, base)
        protected = set() if force else current.protected_paths()
        if section_path(kind) in protected:
            raise _protected(current, [section_path(kind)])
        context = self._context(current.draft.brief)
        rewritten = regenerate_section(current.draft, kind, instruction, self.settings, self._model(), on_event=on_event, context=context)
        rewritten, kept = keep_sections(current.draft, rewritten, protected)
        origin = _section_origin(rewritten.section(kind), instruction)
        info = self.store.save(
            draft_id, rewritten, expected_parent=current.number, author=self.author, action=Action.REGENERATE,
            changed=origin, section=kind.label, instruction=instruction or None,
        )  # fmt: skip
        return SavedDraft(info=info, draft=rewritten, kept=kept)

    def regenerate_indicators(self, draft_id: int, *, base: int | None = None, force: bool = False) -> SavedDraft:
        """Suggest the indicator table again; rows with a human-edited or locked cell stay unless ``force``."""
        current = self._version(draft_id, base)
        snapshot = self.scope.current()
        fresh = draft_indicators(suggest(current.draft.brief, snapshot.bank))
        protected = set() if force else current.protected_paths()
        table, kept = keep_indicator_rows(current.draft.indicators, fresh, protected)
        draft = reviewed(current.draft.model_copy(update={"indicators": table}), snapshot.review_context)
        info = self.store.save(
            draft_id, draft, expected_parent=current.number, author=self.author, action=Action.REGENERATE,
            changed=Origin.TEMPLATE, origins=initial_origins(draft), section=INDICATOR_TABLE,
        )  # fmt: skip
        return SavedDraft(info=info, draft=draft, kept=kept)

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


def _section_origin(section: DraftSection | None, instruction: str) -> Origin:
    if section is not None and section.generated_by == RULES_MODEL:
        return Origin.TEMPLATE
    return Origin.AI_REVISED if instruction else Origin.AI


def _protected(current: StoredVersion, paths: list[str]) -> ProtectedFieldError:
    return ProtectedFieldError(
        f"“{describe_kept(paths)}”已人工修改或已锁定（草稿 {current.info.draft_id} 第 {current.number} 版），重写会覆盖它",
        hint="如确需重写，请加 --force；原文会保留在当前版本中，可用 assistant drafts restore 恢复",
    )
