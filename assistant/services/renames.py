"""A renamed indicator row, or one whose value changed, followed by the text that names it.

    renames(old_rows, new_rows) -> dict[str, str]
    follow_renames(stored, draft) -> tuple[Draft, dict[str, Origin]]
    follow_values(stored, draft) -> tuple[Draft, dict[str, Origin]]
    follow_funding(stored, draft) -> tuple[Draft, dict[str, Origin]]
    follow_deletions(stored, draft) -> tuple[Draft, dict[str, Origin]]
    follow_additions(stored, draft) -> tuple[Draft, dict[str, Origin]]

A person renames row 3 (``drafts edit … --field indicator.3.name 季度食品安全检查次数``, or the page's row editor):
the goals the rules (or the model) wrote name the row by its old name (``助餐点检查次数不少于168次``), and the export
prints those sections as they stand. Every section that no person wrote and nobody locked follows the rename; a
section a person wrote (or locked, or took from an uploaded form) is left as it is, and review's GOAL-NAME-STALE says
where its name no longer matches the table. A changed value is followed the same way (``满意度不低于90%`` becomes
``满意度不低于95%`` once the row reads ≥95(%)): in the same sections, never in a person's, where review's
GOAL-VALUE-MISMATCH says the goal and the table disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal

from assistant.domain.model import SectionKind
from assistant.domain.provenance import Origin
from assistant.domain.values import ValueKind
from assistant.drafting.goals import goal_from_rows, goal_phrase, value_phrase
from assistant.drafting.models import RULES_MODEL, Draft, DraftIndicator, DraftSection
from assistant.drafting.necessity import money_sentence
from assistant.services.stated_prices import restate_prices
from assistant.store.fields import section_path
from assistant.store.records import StoredVersion

GOALS = (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL)
FOLLOWING = {
    Origin.TEMPLATE,
    Origin.POLICY,
    Origin.AI,
    Origin.AI_REVISED,
}  # written by rules or a model, never a person


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
        if same_place is not None and same_place in fresh and _same_measure(row, same_place):
            found[row.name] = same_place.name
            continue
        like = [r for r in fresh if r.level2 == row.level2 and r.value.value == row.value.value]
        if len(like) == 1:
            found[row.name] = like[0].name
    return found


def _same_measure(old: DraftIndicator, new: DraftIndicator) -> bool:
    """Whether ``new`` (at ``old``'s place, under a new name) is ``old`` renamed: the same value, or the same 一级/二级
    and unit with a new figure (群众举报接报后处置时限 ≤2(小时) → 接报到场时限 ≤1.5(小时), renamed and revalued in one
    edit), or a deadline of the same 一级/二级 given another date (…完成时限 12月底前 → 补贴资金拨付完成时限 2027年11月30日前), or of the same 一级/二级 counted anew in another unit (全年培训人数 ≥8(期) → 培训参训人次 ≥400(人次): the
    person put the row right in place). A row of another 二级 put in its place is a new row, not a rename."""
    if new.value.value == old.value.value:
        return True
    counted = old.value.unit is not None and new.value.unit is not None
    dated = old.value.kind is ValueKind.DEADLINE and new.value.kind is ValueKind.DEADLINE  # 12月底前 → 2027年11月30日前
    return (counted or dated) and (old.level1, old.level2) == (new.level1, new.level2)


def follow_renames(stored: StoredVersion, draft: Draft) -> tuple[Draft, dict[str, Origin]]:
    """``draft`` (a person's edit of ``stored``) with each renamed row's old name replaced by its new one in every
    section written by rules or a model and not locked; with the origins those sections keep (their text changed
    only because the person renamed the row, so they stay 模板/规则 or 模型起草)."""
    names = renames(stored.draft.indicators, draft.indicators)
    if not names:
        return draft, {}
    others = [r.name for r in draft.indicators]

    def rename(text: str) -> str:
        for old, new in names.items():
            text = replace_name(text, old, new, others)
        return text

    return _follow(stored, draft, rename)


def follow_values(
    stored: StoredVersion, draft: Draft, followed: Collection[str] = ()
) -> tuple[Draft, dict[str, Origin]]:
    """``draft`` (a person's edit of ``stored``, renames already followed) with each changed row value followed in
    every section written by rules or a model and not locked: the rules' own phrase for the row (``{name}不低于90%``)
    is written again from the new value (``{name}达到95%`` for =95(%)); elsewhere a figure given right after the row's
    name (``满意度保持在90%以上``) takes the new number where the operator and unit stay. With the origins those
    sections keep. A section a person wrote is never changed; ``followed`` (section paths) are those the rename step
    already changed, still rules' or a model's text (a row renamed and revalued in one edit)."""
    changed = _changed_values(stored.draft.indicators, draft.indicators)
    if not changed:
        return draft, {}
    others = [r.name for r in draft.indicators]

    def revalue(text: str) -> str:
        for old, new in changed:
            text = _revalue(text, old, new, others)
        return text

    return _follow(stored, draft, revalue, followed)


def follow_funding(
    stored: StoredVersion, draft: Draft, followed: Collection[str] = ()
) -> tuple[Draft, dict[str, Origin]]:
    """``draft`` with the money sentence the rules wrote (``项目资金96万元。``) written again from the edited funding
    (``项目资金98万元，本年度申请96万元。``), and a stated price that priced the old money whole computed again from the
    new (`stated_prices`), in every section rules or a model wrote and nobody locked; with the origins those sections
    keep. A person's text is never changed (review's FUND-* and COST-* checks read the table)."""
    old, new = money_sentence(stored.draft.brief), money_sentence(draft.brief)
    if not old or not new or old == new:
        return draft, {}
    before, after = stored.draft.brief.funding, draft.brief.funding

    def refund(text: str) -> str:  # the money sentence, and a price that priced the old money whole (stated_prices)
        return restate_prices(text.replace(old, new), before, after)

    return _follow(stored, draft, refund, followed)


def follow_deletions(
    stored: StoredVersion, draft: Draft, followed: Collection[str] = ()
) -> tuple[Draft, dict[str, Origin]]:
    """``draft`` with the phrase the rules wrote for each deleted row (``培训期数不少于8期``) taken out of every section
    rules or a model wrote and nobody locked, with the comma before it (or after it, at the start of a list); with the
    origins those sections keep. A person's text is never changed (review's GOAL-NAME-STALE says where)."""
    names = renames(stored.draft.indicators, draft.indicators)
    kept = {r.name for r in draft.indicators}
    gone = [r for r in stored.draft.indicators if r.name not in kept and r.name not in names]
    phrases = [p for r in gone if (p := value_phrase(r.name, r.value.value)) and p != r.name]
    if not phrases:
        return draft, {}

    def drop(text: str) -> str:
        for phrase in phrases:
            text = re.sub(rf"[，,]{re.escape(phrase)}(?=[，,；;。]|$)|{re.escape(phrase)}[，,]", "", text)
        return text

    return _follow(stored, draft, drop, followed)


def follow_additions(
    stored: StoredVersion, draft: Draft, followed: Collection[str] = ()
) -> tuple[Draft, dict[str, Origin]]:
    """``draft`` (a person's edit of ``stored``) with the goals rules or a model wrote, nobody locked and this edit left
    as they were, saying the rows the person added: a goal the rules composed from the table is composed again from
    the edited table (the added rows first, `goals.goal_from_rows`); a model's goal gets the added rows' phrases before
    its full stop, where it does not name them yet. With the origins those goals keep (a person's goal is never
    changed: review's checks of the goals against the table say where it lags)."""
    names = renames(stored.draft.indicators, draft.indicators)
    before = {names.get(r.name, r.name) for r in stored.draft.indicators}
    added = [r for r in draft.indicators if r.name not in before]
    if not added:
        return draft, {}
    leading = {r.name for r in added}

    def rewrite(section: DraftSection) -> str:
        if section.kind not in GOALS:
            return section.text
        if section.generated_by == RULES_MODEL:
            annual = section.kind is SectionKind.GOAL_ANNUAL
            return goal_from_rows(draft.brief, draft.indicators, annual=annual, leading=leading) or section.text
        new = [p for r in added if r.name not in section.text and (p := goal_phrase(r))]
        text = section.text.rstrip()
        if not new or not text:
            return section.text
        end = text[-1] if text[-1] in "。；;" else ""
        return f"{text[: len(text) - len(end)]}，{'，'.join(new)}{end or '。'}"

    return _follow(stored, draft, lambda text: text, followed, rewrite=rewrite)


def _follow(
    stored: StoredVersion,
    draft: Draft,
    change: Callable[[str], str],
    followed: Collection[str] = (),
    *,
    rewrite: Callable[[DraftSection], str] | None = None,
) -> tuple[Draft, dict[str, Origin]]:
    """``draft`` with ``change`` applied to each section that rules or a model wrote, nobody locked, and this edit
    left as it was (or changed only by an earlier follow step: ``followed``); with the origins of the sections it
    changed. ``rewrite``, where given, writes a section from the whole of it (its kind, its writer) instead."""
    sections, origins = [], {}
    for section in draft.sections:
        record = stored.fields.get(section_path(section.kind))
        before = next((s for s in stored.draft.sections if s.kind is section.kind), None)
        own = record is not None and record.origin in FOLLOWING and not record.locked
        edited = before is not None and before.text != section.text and section_path(section.kind) not in followed
        if not own or before is None or edited:
            sections.append(section)  # a person's text, or one this same edit rewrites
            continue
        text = rewrite(section) if rewrite is not None else change(section.text)
        if text != section.text and record is not None:
            origins[section_path(section.kind)] = record.origin
        sections.append(section.model_copy(update={"text": text}))
    return draft.model_copy(update={"sections": sections}), origins


def _changed_values(
    old: Sequence[DraftIndicator], new: Sequence[DraftIndicator]
) -> list[tuple[DraftIndicator, DraftIndicator]]:
    """(row before, row after) for each row whose value changed: the row at the same place in a table of the same
    length with the same name or renamed to it (renames are followed first), else the one row of that name."""
    pairs = []
    names = renames(old, new)
    for n, row in enumerate(new):
        same = [o for o in old if names.get(o.name, o.name) == row.name]
        here = len(old) == len(new) and names.get(old[n].name, old[n].name) == row.name
        before = old[n] if here else same[0] if len(same) == 1 else None
        if before is not None and before.value.value != row.value.value:
            pairs.append((before, row))
    return pairs


def _revalue(text: str, old: DraftIndicator, new: DraftIndicator, names: Sequence[str]) -> str:
    """``text`` with row ``new.name``'s figure written for ``new``'s value where it was written for ``old``'s."""
    before, after = value_phrase(new.name, old.value.value), value_phrase(new.name, new.value.value)
    longer = [n for n in names if new.name in n and n != new.name]
    if before and after and before != new.name:
        text = _replace_at_name(text, before, after, new.name, longer)
    same_form = (old.value.operator, old.value.unit) == (new.value.operator, new.value.unit)
    if not same_form or old.value.number is None or new.value.number is None or not old.value.unit:
        return text
    unit = r"[%％]" if old.value.unit in ("%", "％") else re.escape(old.value.unit)
    pattern = re.compile(
        rf"(?P<lead>{re.escape(new.name)}{BRIDGE})(?<![\d.])(?P<number>{_number(old.value.number)})(?![\d.])(?={unit})"
    )
    out, at = [], 0
    for match in pattern.finditer(text):
        if any(_covers(text, n, match.start(), len(new.name)) for n in longer):
            continue
        out.append(text[at : match.start("number")] + _plain(new.value.number))
        at = match.end("number")
    return "".join(out) + text[at:]


BRIDGE = r"[^\d，,；;。：:、\n]{0,8}?"  # 达到、不低于、保持在… between a name and its figure (review/checks_goals)


def _number(number: Decimal) -> str:
    """A pattern for ``number`` as a goal may write it: 90, 90.0, 90.00."""
    plain = _plain(number)
    return re.escape(plain) + (r"0*" if "." in plain else r"(?:\.0+)?")


def _plain(number: Decimal) -> str:
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _replace_at_name(text: str, old: str, new: str, name: str, longer: Sequence[str]) -> str:
    """``text`` with the phrase ``old`` (which starts with ``name``) replaced by ``new``, except where ``name`` is part
    of a longer row name (满意度 inside 老年人就餐满意度)."""
    out, at = [], 0
    while (found := text.find(old, at)) >= 0:
        inside = any(_covers(text, n, found, len(name)) for n in longer)
        out.append(text[at:found] + (old if inside else new))
        at = found + len(old)
    return "".join(out) + text[at:]


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
