"""A renamed indicator row followed by the text that names it.

    renames(old_rows, new_rows) -> dict[str, str]
    follow_renames(stored, draft) -> tuple[Draft, dict[str, Origin]]

A person renames row 3 (``drafts edit … --field indicator.3.name 季度食品安全检查次数``, or the page's row editor):
the goals the rules (or the model) wrote name the row by its old name (``助餐点检查次数不少于168次``), and the export
prints those sections as they stand. Every section that no person wrote and nobody locked follows the rename; a
section a person wrote (or locked, or took from an uploaded form) is left as it is, and review's GOAL-NAME-STALE says
where its name no longer matches the table.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.domain.provenance import Origin
from assistant.drafting.models import Draft, DraftIndicator
from assistant.store.fields import section_path
from assistant.store.records import StoredVersion

FOLLOWING = {Origin.TEMPLATE, Origin.AI, Origin.AI_REVISED}  # text written by rules or a model, never a person's


def renames(old: Sequence[DraftIndicator], new: Sequence[DraftIndicator]) -> dict[str, str]:
    """Old name → new name for each row whose name changed and nothing else that identifies it: the row at the same
    place with the same value (a table of the same length), else the one row of the same 二级 and value whose name
    is new. A name still in the new table was not renamed."""
    kept = {r.name for r in new}
    fresh = [r for r in new if r.name not in {o.name for o in old}]
    found: dict[str, str] = {}
    for n, row in enumerate(old):
        if row.name in kept:
            continue
        same_place = new[n] if len(new) == len(old) else None
        if same_place is not None and same_place in fresh and same_place.value.value == row.value.value:
            found[row.name] = same_place.name
            continue
        like = [r for r in fresh if r.level2 == row.level2 and r.value.value == row.value.value]
        if len(like) == 1:
            found[row.name] = like[0].name
    return found


def follow_renames(stored: StoredVersion, draft: Draft) -> tuple[Draft, dict[str, Origin]]:
    """``draft`` (a person's edit of ``stored``) with each renamed row's old name replaced by its new one in every
    section written by rules or a model and not locked; with the origins those sections keep (their text changed
    only because the person renamed the row, so they stay 模板/规则 or 模型起草)."""
    names = renames(stored.draft.indicators, draft.indicators)
    if not names:
        return draft, {}
    others = [r.name for r in draft.indicators]
    sections, origins = [], {}
    for section in draft.sections:
        record = stored.fields.get(section_path(section.kind))
        before = next((s for s in stored.draft.sections if s.kind is section.kind), None)
        own = record is not None and record.origin in FOLLOWING and not record.locked
        if not own or before is None or before.text != section.text:
            sections.append(section)  # a person's text, or one this same edit rewrites
            continue
        text = section.text
        for old, new in names.items():
            text = replace_name(text, old, new, others)
        if text != section.text and record is not None:
            origins[section_path(section.kind)] = record.origin
        sections.append(section.model_copy(update={"text": text}))
    return draft.model_copy(update={"sections": sections}), origins


def replace_name(text: str, old: str, new: str, names: Sequence[str]) -> str:
    """``text`` with ``old`` replaced by ``new`` where it names that row, not where it is part of another row's
    longer name (满意度 inside 老年人就餐满意度)."""
    longer = [n for n in names if old in n and n != old and n != new]
    out, at = [], 0
    while (found := text.find(old, at)) >= 0:
        inside = any(_covers(text, n, found, len(old)) for n in longer)
        out.append(text[at:found] + (old if inside else new))
        at = found + len(old)
    return "".join(out) + text[at:]


def _covers(text: str, name: str, at: int, size: int) -> bool:
    """Whether an occurrence of ``name`` in ``text`` spans ``text[at:at + size]``."""
    start = max(0, at + size - len(name))
    while (hit := text.find(name, start)) >= 0 and hit <= at:
        if hit + len(name) >= at + size:
            return True
        start = hit + 1
    return False
