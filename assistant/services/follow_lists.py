"""The brief's 实施计划 and 政策依据, once a person edits them, followed into what rules wrote from them.

    follow_plan(stored, draft, followed) -> tuple[Draft, dict[str, Origin]]
    follow_policies(stored, draft, library, followed) -> tuple[Draft, dict[str, Origin]]
    stale_notes(stored, draft, library) -> list[str]

项目实施计划 is the brief's steps as written (``时间：内容`` a line); 立项依据 lists the policies the person gave first. An
edit of ``plan.2.work`` or ``policies`` changes the brief only, so without these steps the shown text and both exports
kept the old plan and still cited a policy the person deleted (red team rt12 #2). Only what rules or a model wrote and
nobody locked follows (`renames.FOLLOWING`); a person's own 项目实施计划, 立项依据 or section is never changed, and
`stale_notes` says where it still differs from the edited list.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from assistant.domain.model import SectionKind
from assistant.domain.policy import PolicyReference, policy_label
from assistant.domain.provenance import Origin
from assistant.domain.refs import BRIEF_REF, POLICY_PREFIX, policy_title
from assistant.drafting.context import find_written, safe_copy_of_brief
from assistant.drafting.models import RULES_MODEL, BasisEntry, Draft, DraftSection
from assistant.drafting.necessity import NECESSITY_POLICIES, rules_necessity
from assistant.drafting.relevance import split_reference
from assistant.services.renames import FOLLOWING
from assistant.store.fields import section_path
from assistant.store.records import StoredVersion

PLAN = section_path(SectionKind.PLAN)
BASIS = "basis"


def plan_text(draft: Draft) -> str:
    """项目实施计划 as rules write it from the brief: each step ``时间：内容`` on its own line (drafting/chain)."""
    return "\n".join(f"{step.period or ''}：{step.work or ''}".strip("：") for step in draft.brief.plan)


def _follows(stored: StoredVersion, path: str) -> bool:
    """Whether the field at ``path`` is rules' or a model's text, or the brief's as written (项目实施计划), that nobody
    locked (absent: a field rules add)."""
    record = stored.fields.get(path)
    return record is None or (record.origin in {*FOLLOWING, Origin.BRIEF} and not record.locked)


def follow_plan(stored: StoredVersion, draft: Draft, followed: Collection[str] = ()) -> tuple[Draft, dict[str, Origin]]:
    """``draft`` with 项目实施计划 written again from its edited brief's 实施计划 (added where the draft had none,
    taken out where the plan is now empty), unless a person wrote or locked it or this edit rewrote it."""
    if stored.draft.brief.plan == draft.brief.plan or not _follows(stored, PLAN):
        return draft, {}
    before, now = stored.draft.section(SectionKind.PLAN), draft.section(SectionKind.PLAN)
    if before is not None and now is not None and before.text != now.text and PLAN not in followed:
        return draft, {}  # the person rewrote the section in this same edit
    text = plan_text(draft)
    section = DraftSection(kind=SectionKind.PLAN, text=text, citations=[BRIEF_REF], generated_by=RULES_MODEL)
    sections = [
        section if s.kind is SectionKind.PLAN else s for s in draft.sections if text or s.kind is not SectionKind.PLAN
    ]
    if text and now is None:
        sections.append(section)  # where a first draft puts it (drafting/chain)
    return draft.model_copy(update={"sections": sections}), {PLAN: Origin.BRIEF}


def _key(written: str, library: Sequence[PolicyReference]) -> str:
    """One policy however it is written: its library id, else its title without 《》 and number."""
    found = find_written(library, written)
    return POLICY_PREFIX + found.id if found is not None else f"user:{split_reference(written)[0]}"


def _entry_key(entry: BasisEntry) -> str:
    return POLICY_PREFIX + entry.policy_id if entry.policy_id else f"user:{entry.title}"


def removed_policies(stored: StoredVersion, draft: Draft, library: Sequence[PolicyReference]) -> set[str]:
    """The keys of the policies the edit took out of the brief's 政策依据."""
    now = {_key(w, library) for w in draft.brief.policies}
    return {k for w in stored.draft.brief.policies if (k := _key(w, library)) not in now}


def follow_policies(
    stored: StoredVersion, draft: Draft, library: Sequence[PolicyReference], followed: Collection[str] = ()
) -> tuple[Draft, dict[str, Origin]]:
    """``draft`` with 立项依据 following the edited 政策依据 (a deleted policy out, an added one first, in the brief's
    order) and every section rules or a model wrote no longer citing a deleted policy (its 《题名》（文号） taken out of
    the text, with the 、 beside it, and out of the section's 出处); a person's 立项依据 or text is never changed."""
    if stored.draft.brief.policies == draft.brief.policies:
        return draft, {}
    gone = removed_policies(stored, draft, library)
    origins: dict[str, Origin] = {}
    update: dict[str, object] = {}
    if _follows(stored, BASIS) and stored.draft.basis == draft.basis:
        basis = _followed_basis(draft, library, gone)
        if basis != draft.basis:
            update["basis"], origins[BASIS] = basis, _origin(stored, BASIS)
    labels = _labels(stored.draft, gone)
    sections = []
    for section in draft.sections:
        path = section_path(section.kind)
        before = stored.draft.section(section.kind)
        edited = before is not None and before.text != section.text and path not in followed
        if not labels or edited or not _follows(stored, path) or path not in stored.fields:
            sections.append(section)
            continue
        new = _without_policies(section, labels, gone)
        if section.kind is SectionKind.NECESSITY and section.generated_by == RULES_MODEL:
            new = _rules_necessity(new, draft, library)
        if new != section:
            origins[path] = _origin(stored, path)
        sections.append(new)
    update["sections"] = sections
    return draft.model_copy(update=update), origins


def _origin(stored: StoredVersion, path: str) -> Origin:
    record = stored.fields.get(path)
    return record.origin if record is not None else Origin.TEMPLATE


def _followed_basis(draft: Draft, library: Sequence[PolicyReference], gone: set[str]) -> list[BasisEntry]:
    """The 立项依据 without the deleted policies, with the brief's 政策依据 first in its order (each found in the
    library as a draft finds it (`context.find_written`), else the person's own as written: never a number added)."""
    own: list[BasisEntry] = []
    for written in draft.brief.policies:
        title, number = split_reference(written)
        found = find_written(library, written)
        entry = (
            BasisEntry(title=found.title, doc_number=found.doc_number, policy_id=found.id)
            if found is not None
            else BasisEntry(title=title, doc_number=number, user_supplied=True)
        )
        if all(_entry_key(e) != _entry_key(entry) for e in own):
            own.append(entry)
    keys = {_entry_key(e) for e in own}
    rest = [e for e in draft.basis if _entry_key(e) not in gone and _entry_key(e) not in keys]
    return [*own, *rest]


def _labels(before: Draft, gone: set[str]) -> list[str]:
    """How the old draft writes each deleted policy: ``《题名》（文号）`` and ``《题名》``, longest first."""
    titles = [policy_label(e.title, e.doc_number) for e in before.basis if _entry_key(e) in gone]
    titles += [f"《{e.title}》" for e in before.basis if _entry_key(e) in gone]
    titles += [f"《{k.removeprefix('user:')}》" for k in gone if k.startswith("user:")]
    for section in before.sections:
        titles += [c.project for c in section.citations if c.ref in gone and c.project.startswith("《")]
    return sorted(set(titles), key=len, reverse=True)


_EMPTY_LIST = [
    (re.compile(r"本项目依据等(?:规定|要求|文件)实施。"), ""),
    (re.compile(r"为落实等(?:规定|要求|文件)，"), "为"),
    (re.compile(r"(依据|根据|按照|落实)等(?:规定|要求|文件)[，,]?"), ""),
]


def _without_policies(section: DraftSection, labels: Sequence[str], gone: set[str]) -> DraftSection:
    text = section.text
    for label in labels:
        escaped = re.escape(label)
        text = re.sub(rf"{escaped}[、和及]|[、和及]{escaped}|{escaped}", "", text)
    for pattern, repl in _EMPTY_LIST:
        text = pattern.sub(repl, text)
    citations = [c for c in section.citations if c.ref not in gone]
    if text == section.text and citations == section.citations:
        return section
    return section.model_copy(update={"text": text, "citations": citations})


_LABEL = re.compile(r"《[^《》]+》(?:（[^（）]+）)?")


def _rules_necessity(section: DraftSection, draft: Draft, library: Sequence[PolicyReference]) -> DraftSection:
    """A rules 必要性 written again (`necessity.rules_necessity`) naming every policy the person now gives (政策依据
    first, as the library writes it) and the library's that it named before, up to `NECESSITY_POLICIES` in all."""
    own = [_written_label(w, library) for w in draft.brief.policies]
    before = [m for m in _LABEL.findall(section.text) if m not in own]
    titles = list(dict.fromkeys([*own, *before[: max(NECESSITY_POLICIES - len(own), 0)]]))
    text = rules_necessity(safe_copy_of_brief(draft.brief, []), titles)
    return section if text == section.text else section.model_copy(update={"text": text})


def _written_label(written: str, library: Sequence[PolicyReference]) -> str:
    found = find_written(library, written)
    return policy_title(found) if found is not None else policy_label(*split_reference(written))


def stale_notes(stored: StoredVersion, draft: Draft, library: Sequence[PolicyReference]) -> list[str]:
    """Where a person's own text still differs from the list they edited: a person's 项目实施计划 beside a changed
    实施计划, a person's 立项依据 or section still naming a deleted policy (for the saved message)."""
    notes = []
    plan = draft.section(SectionKind.PLAN)
    if stored.draft.brief.plan != draft.brief.plan and plan is not None and plan.text != plan_text(draft):
        notes.append("项目实施计划为人工撰写或已锁定，未随实施计划更新，请核对")
    gone = removed_policies(stored, draft, library)
    labels = _labels(stored.draft, gone)
    still = [e.title for e in draft.basis if _entry_key(e) in gone]
    still += [s.kind.label for s in draft.sections if any(label in s.text for label in labels)]
    if still:
        notes.append(
            f"{'、'.join(dict.fromkeys(still))}仍引用已从政策依据删除的政策（人工撰写或已锁定，未改动），请核对"
        )
    return notes
