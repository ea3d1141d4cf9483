"""A person's edit of a draft followed into what rules or a model wrote from the fields it changed, and the line the
history shows for it (`DraftingService.edit` saves the result).

    follow_edit(current, draft, snapshot) -> FollowedEdit

A renamed indicator row is renamed too in the sections rules or a model wrote, a changed value written anew there,
the money sentence written again from the edited funding, a deleted row's phrase taken out, an added row said in the
goals (services/renames.py),
and the edited 实施计划 and 政策依据 followed into 项目实施计划, 立项依据 and the sections that cite them
(services/follow_lists.py); those fields keep their origin. Where a person's own text still differs from a list they
edited, the history line says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.drafting.as_declaration import reviewed
from assistant.drafting.models import Draft
from assistant.services.editing import changed_labels
from assistant.services.follow_lists import follow_plan, follow_policies, stale_notes
from assistant.services.renames import (
    follow_additions,
    follow_deletions,
    follow_funding,
    follow_renames,
    follow_values,
)
from assistant.services.scope import CorpusSnapshot
from assistant.services.stated_prices import stale_prices
from assistant.store import Origin, StoredVersion
from assistant.store.fields import field_label

MAX_SECTION = 200  # characters of the history's 部分 line


@dataclass(frozen=True)
class FollowedEdit:
    """The edited draft with what followed the edit, the fields that followed (they keep these origins), and the
    history's line naming what the person changed and what followed (None when it names nothing)."""

    draft: Draft
    origins: dict[str, Origin]
    section: str | None


def follow_edit(current: StoredVersion, draft: Draft, snapshot: CorpusSnapshot) -> FollowedEdit:
    """``draft`` (a person's edit of ``current``) with every field rules or a model wrote from an edited field
    written again; reviewed again when anything followed."""
    section = "、".join(changed_labels(current.draft, draft)) or None
    draft, renamed = follow_renames(current, draft)
    draft, revalued = follow_values(current, draft, renamed)
    draft, refunded = follow_funding(current, draft, renamed | revalued)
    draft, dropped = follow_deletions(current, draft, renamed | revalued | refunded)
    draft, added = follow_additions(current, draft, renamed | revalued | refunded | dropped)
    library = snapshot.policies
    rows = renamed | revalued | refunded | dropped | added
    draft, planned = follow_plan(current, draft, rows)
    draft, cited = follow_policies(current, draft, library, rows | planned)
    kept = rows | planned | cited
    if kept:
        draft = reviewed(draft, snapshot.review_context)
        followed = "、".join(field_label(path) for path in kept)
        steps = (
            ("指标名称", renamed),
            ("指标值", revalued),
            ("资金", refunded),
            ("删除的指标", dropped),
            ("新增的指标", added),
            ("实施计划", planned),
            ("政策依据", cited),
        )
        what = "、".join(w for w, done in steps if done)
        section = f"{section}（{followed}中的{what}随之更新）"
    stale = stale_notes(current, draft, library) + stale_prices(draft, current.draft.brief.funding)
    if stale:
        section = f"{section}；{'；'.join(stale)}"
    return FollowedEdit(draft, kept, section[:MAX_SECTION] if section else None)
