"""Regeneration never clobbers a person's work: protected fields (human-edited or locked) are carried
over from the current draft into the regenerated one, unless the caller forces a full rewrite; and a
proposal is applied only to the text it was made from.
"""

from __future__ import annotations

import re

from assistant.domain.framework import Level1
from assistant.domain.model import SectionKind
from assistant.drafting.models import Draft, DraftIndicator
from assistant.errors import InputError
from assistant.store import INDICATOR_TABLE, Proposal, StoredVersion
from assistant.store.fields import (
    INDICATOR_COLUMNS,
    ROLLOVER_TARGET,
    brief_texts,
    field_label,
    field_texts,
    indicator_path,
    section_path,
)


class ProtectedFieldError(InputError):
    """A regeneration would overwrite a human-edited or locked field and was not forced."""


def protected_error(current: StoredVersion, paths: list[str]) -> ProtectedFieldError:
    """The refusal to rewrite ``paths`` of ``current`` (a person's or locked fields), saying how to force it."""
    return ProtectedFieldError(
        f"“{describe_kept(paths)}”已人工修改或已锁定（草稿 {current.info.draft_id} 第 {current.number} 版），重写会覆盖它",
        hint="如确需重写，请加 --force；原文会保留在当前版本中，可用 assistant drafts restore 恢复",
    )


def keep_sections(current: Draft, regenerated: Draft, protected: set[str]) -> tuple[Draft, list[str]]:
    """``regenerated`` with every protected section's text taken back from ``current``."""
    kept = [s.kind for s in current.sections if section_path(s.kind) in protected]
    old = {s.kind: s for s in current.sections}
    sections = [old[s.kind] if s.kind in kept else s for s in regenerated.sections]
    return regenerated.model_copy(update={"sections": sections}), [section_path(k) for k in kept]


def keep_indicator_rows(
    current: list[DraftIndicator], fresh: list[DraftIndicator], protected: set[str]
) -> tuple[list[DraftIndicator], list[str]]:
    """A new indicator table: a row with any protected cell stays as it is, at its position; the other
    positions take the fresh rows in order (skipping one that a kept row already covers, `covers`); fresh rows
    left over are appended. Returns the table and the paths of the kept cells."""
    kept = {n: row for n, row in enumerate(current, start=1) if _row_protected(n, protected)}
    queue = [row for row in fresh if not any(covers(old, row) for old in kept.values())]
    table: list[DraftIndicator] = []
    for n in range(1, len(current) + 1):
        if n in kept:
            table.append(kept[n])
        elif queue:
            table.append(queue.pop(0))
    table.extend(queue)
    paths = [indicator_path(n, c) for n in kept for c in INDICATOR_COLUMNS if indicator_path(n, c) in protected]
    return table, paths


_QUOTED = re.compile(r"“([^”]+)”")


def covers(kept: DraftIndicator, fresh: DraftIndicator) -> bool:
    """Whether a row a person kept already measures what ``fresh`` would: the same 三级指标, or the same figure of
    the same clause of the brief in the same 二级 — a row the person renamed (委托单位满意度 → 学生家长满意度) still
    covers the clause it was grounded on (its 取值依据 quotes it), and a renamed row taken from precedents (历史标准)
    still covers the row suggested from the same precedents with the same value. Two figures of one clause
    (专题讲座6场、履职辅导8场) are two rows."""
    if kept.name == fresh.name:
        return True
    if _same_price(kept, fresh):
        return True
    if kept.level2 is not fresh.level2 or kept.value.value != fresh.value.value:
        return False
    if kept.value.sources and set(kept.value.sources) == set(fresh.value.sources):
        return True
    a, b = _QUOTED.search(kept.value.basis), _QUOTED.search(fresh.value.basis)
    return a is not None and b is not None and a[1] == b[1]


def _same_price(kept: DraftIndicator, fresh: DraftIndicator) -> bool:
    """A 成本指标 row of the same figure in the same unit per item (单样次检测成本 ≤1200(元/样次) and 检测费标准
    =1200(元/样次)) is the same price under another name: a person who deleted or renamed one kept the other out."""
    a, b = kept.value, fresh.value
    return (
        kept.level1 is Level1.COST
        and kept.level2 is fresh.level2
        and a.number is not None
        and a.number == b.number
        and bool(a.unit)
        and "/" in (a.unit or "")
        and a.unit == b.unit
    )


def _row_protected(n: int, protected: set[str]) -> bool:
    return any(indicator_path(n, column) in protected for column in INDICATOR_COLUMNS)


def describe_kept(paths: list[str]) -> str:
    """``必要性、指标 3 · 指标值`` — the kept fields, for a message."""
    return "、".join(field_label(p) for p in paths)


def apply_proposal(base: StoredVersion, head: StoredVersion, proposal: Proposal) -> Draft:
    """``head`` with the part ``proposal`` rewrote taken from it (its section, or the indicator table).

    ``base`` is the version the proposal was made from. Refused (`InputError`) when that part has changed since,
    and (`ProtectedFieldError`) when a field it would change has been edited by a person or locked since."""
    if proposal.target == ROLLOVER_TARGET:
        return _with_fields(base, head, proposal)
    if proposal.target == INDICATOR_TABLE:
        _check_unchanged(base.draft.indicators == head.draft.indicators, head, proposal)
        _check_unprotected(base, head, proposal)
        return head.draft.model_copy(update={"indicators": proposal.draft.indicators})
    kind = SectionKind(proposal.target.removeprefix("section."))
    _check_unchanged(_text(base.draft, kind) == _text(head.draft, kind), head, proposal)
    _check_unprotected(base, head, proposal)
    return _with_section(head.draft, proposal.draft, kind)


def _with_fields(base: StoredVersion, head: StoredVersion, proposal: Proposal) -> Draft:
    """``head`` with each field ``proposal`` changes (from ``base``) taken from it; refused where such a field was
    changed since ``base`` or a person edited or locked it since."""
    before, after, now = field_texts(base.draft), field_texts(proposal.draft), field_texts(head.draft)
    changed = [p for p in after if before.get(p) != after.get(p)]
    stale = [p for p in changed if now.get(p) != before.get(p)]
    if stale:
        raise InputError(
            f"“{describe_kept(stale)}”在这条建议生成（基于第 {proposal.base} 版）之后已被修改，现为第 {head.number} 版；"
            "采纳会覆盖该修改，未采纳",
            hint="请在当前版本上重新生成这条建议；或选择不采纳",
        )
    _check_unprotected(base, head, proposal)
    draft, new = head.draft, proposal.draft
    brief_paths = set(brief_texts(new))
    update: dict[str, object] = {}
    if any(p in brief_paths for p in changed):
        data = draft.brief.model_dump()
        for path in (p for p in changed if p in brief_paths and p != "safeguards"):
            head_name, _, key = path.partition(".")
            if head_name == "header":
                data[key] = getattr(new.brief, key)
            elif head_name == "funding":
                data["funding"][key] = getattr(new.brief.funding, key)
            else:
                data[head_name] = [
                    item.model_dump() if hasattr(item, "model_dump") else item for item in getattr(new.brief, head_name)
                ]
        update["brief"] = type(draft.brief).model_validate(data)
    if "safeguards" in changed:
        update["safeguards"] = new.safeguards
    kinds = [SectionKind(p.removeprefix("section.")) for p in changed if p.startswith("section.")]
    result = draft.model_copy(update=update)
    for kind in kinds:
        result = _with_section(result, new, kind)
    rows = sorted({int(p.split(".")[1]) for p in changed if p.startswith("indicator.")})
    if rows:
        table = list(result.indicators)
        for n in rows:
            if n <= len(table) and n <= len(new.indicators):
                table[n - 1] = new.indicators[n - 1]
        result = result.model_copy(update={"indicators": table})
    return result


def _text(draft: Draft, kind: SectionKind) -> str | None:
    section = draft.section(kind)
    return section.text if section is not None else None


def _with_section(head: Draft, proposed: Draft, kind: SectionKind) -> Draft:
    """The proposed section, its notes and usage, in ``head``; everything else as ``head`` has it."""
    new = proposed.section(kind)
    sections = [new if s.kind is kind else s for s in head.sections]
    if new is not None and head.section(kind) is None:
        sections.append(new)
    notes = [n for n in head.notes if n.section is not kind] + [n for n in proposed.notes if n.section is kind]
    usage = [u for u in head.usage if u.section != kind.label] + [u for u in proposed.usage if u.section == kind.label]
    return head.model_copy(update={"sections": sections, "notes": notes, "usage": usage})


def _check_unchanged(same: bool, head: StoredVersion, proposal: Proposal) -> None:
    if not same:
        raise InputError(
            f"“{proposal.label}”在这条建议生成（基于第 {proposal.base} 版）之后已被修改，现为第 {head.number} 版；采纳会覆盖该修改，未采纳",
            hint="如仍需要模型改写，请在当前版本上重新生成；或选择不采纳",
        )


def _check_unprotected(base: StoredVersion, head: StoredVersion, proposal: Proposal) -> None:
    """A field the proposal changes that a person has edited or locked since (its record moved on and protects it)."""
    before, after = field_texts(base.draft), field_texts(proposal.draft)
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    touched = sorted(
        p for p in changed if (r := head.fields.get(p)) is not None and r.protected and r != base.fields.get(p)
    )
    if touched:
        raise ProtectedFieldError(
            f"“{describe_kept(touched)}”在这条建议生成之后已人工修改或锁定，采纳会覆盖它，未采纳",
            hint="如仍需要模型改写，请在当前版本上重新生成；或选择不采纳",
        )
