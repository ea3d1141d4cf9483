"""The indicator table written again for a stored version, never undoing a person's work: a row with a human-edited
or locked cell stays (unless forced), and a row a person changed or deleted is not brought back as suggested
before (services/touched.py); what was left out for that is said in the rewrite (`Rewrite.withheld`).

    indicators_rewrite(store, current, snapshot, model, *, force) -> Rewrite   the whole table suggested again
    costs_rewrite(store, current, snapshot, before) -> tuple[Rewrite, str] | None   the cost rows computed again

`DraftingService` saves the first (``regenerate_indicators``) or proposes either (``propose_*``).
"""

from __future__ import annotations

from assistant.domain.brief import Brief
from assistant.domain.framework import Level1
from assistant.drafting.as_declaration import reviewed
from assistant.drafting.models import DraftIndicator, GroundingNote, NoteKind
from assistant.drafting.table import draft_indicators
from assistant.llm.runtime import LLMRuntime
from assistant.services.derived import recomputed_costs, tied_funding, tied_note
from assistant.services.protect import keep_indicator_rows
from assistant.services.saved import Rewrite
from assistant.services.scope import CorpusSnapshot
from assistant.services.touched import describe_withheld, touched_rows, withheld, without_touched
from assistant.services.writing import asker
from assistant.store import DraftStore, Origin, StoredVersion
from assistant.store.fields import indicator_path, initial_origins
from assistant.suggest.model_step import suggest_table
from assistant.suggest.suggest import suggest

COSTS_INSTRUCTION = "资金或项目构成已修改：按修改后的金额重算成本指标"


def indicators_rewrite(
    store: DraftStore, current: StoredVersion, snapshot: CorpusSnapshot, model: LLMRuntime | None, *, force: bool
) -> Rewrite:
    """The table suggested again for ``current``'s brief (the draft's own path: rules, then ``model`` where given);
    rows a person edited or locked, and rows a person changed or deleted, stay as the person left them unless
    ``force``."""
    found = suggest_table(current.draft.brief, snapshot.bank, asker(model))
    fresh = draft_indicators(found)
    protected = set() if force else current.protected_paths()
    touched = [] if force else touched_rows(store, current)
    left_out = describe_withheld(withheld(fresh, touched))
    table, kept = keep_indicator_rows(current.draft.indicators, without_touched(fresh, touched), protected)
    notes = [
        *current.draft.notes,
        *(GroundingNote(kind=NoteKind.UNGROUNDED_FIGURE, message=n) for n in found.notes),
    ]
    draft = reviewed(current.draft.model_copy(update={"indicators": table, "notes": notes}), snapshot.review_context)
    return Rewrite(draft, kept, Origin.TEMPLATE, initial_origins(draft), withheld=left_out)


def costs_rewrite(
    store: DraftStore, current: StoredVersion, snapshot: CorpusSnapshot, before: Brief | None
) -> tuple[Rewrite, str] | None:
    """The cost indicators of ``current`` computed again from its brief's funding and 项目构成, and the proposal's
    instruction; None when no figure changes. With ``before`` (the brief before the edit), a 年度申请/财政资金 that
    equalled the old 总额 and was left as it was follows the new 总额 (`tied_funding`), and the instruction says so."""
    brief = tied_funding(before, current.draft.brief) if before is not None else current.draft.brief
    fresh = draft_indicators(suggest(brief, snapshot.bank))
    touched = touched_rows(store, current)
    table = recomputed_costs(
        current.draft.indicators, without_touched(fresh, touched), brief, current.protected_paths()
    )
    if table == current.draft.indicators:
        return None
    draft = reviewed(current.draft.model_copy(update={"indicators": table}), snapshot.review_context)
    changed = [n for n, row in enumerate(table, start=1) if row not in current.draft.indicators]
    origins = {indicator_path(n, "value"): Origin.BRIEF for n in changed}
    left_out = describe_withheld(withheld(_added_costs(fresh, current.draft.indicators), touched))
    note = COSTS_INSTRUCTION + tied_note(current.draft.brief, brief) + (f"；{left_out}" if left_out else "")
    return Rewrite(draft, [], Origin.TEMPLATE, origins), note


def _added_costs(fresh: list[DraftIndicator], current: list[DraftIndicator]) -> list[DraftIndicator]:
    """The fresh cost rows a cost proposal would add (`recomputed_costs`): computed from the money, not in the table."""
    names = {row.name for row in current}
    return [r for r in fresh if r.level1 is Level1.COST and r.value.arithmetic and r.name not in names]
