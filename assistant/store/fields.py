"""The fields of a draft that carry provenance: each section, 立项依据, and each indicator cell.

A field path is ``section.<kind>`` (e.g. ``section.necessity``), ``basis``, or
``indicator.<n>.<column>`` with ``n`` from 1 and column ``level1 | level2 | name | value``; the brief's fields
are ``header.<field>`` (e.g. ``header.start_date``), ``funding.<field>`` (e.g. ``funding.total``), and the lists
``plan`` (实施计划), ``composition`` (项目构成), ``policies`` (政策依据) and ``safeguards`` (制度保障), one record each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from assistant.domain.brief import brief_field_label
from assistant.domain.model import SectionKind
from assistant.domain.policy import policy_label
from assistant.domain.provenance import Origin
from assistant.drafting.models import RULES_MODEL, STAMP, Draft, DraftIndicator, DraftSection
from assistant.suggest.models import Ground, Naming

INDICATOR_COLUMNS = ("level1", "level2", "name", "value")
COLUMN_LABELS = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标", "value": "指标值"}
# The brief's fields a draft keeps provenance for, named as the brief names them (its Chinese aliases).
HEADER_FIELDS = {
    key: brief_field_label(key)
    for key in (
        "name",
        "year",
        "department",
        "implementer",
        "nature",
        "category",
        "fund_use",
        "project_type",
        "start_date",
        "end_date",
        "content",
        "previous_declaration_id",
    )
}
FUNDING_FIELDS = {key: brief_field_label(key) for key in ("total", "fiscal", "other", "annual", "carryover")}
INDICATOR_TABLE = "indicators"  # the whole indicator table, as a proposal's target or a version's section
INDICATOR_TABLE_LABEL = "绩效指标"
ROLLOVER_TARGET = "rollover"  # a proposal that moves a carried-over draft to its new budget year (several fields)
LIST_FIELDS = {**{key: brief_field_label(key) for key in ("plan", "composition", "policies")}, "safeguards": "制度保障"}


@dataclass(frozen=True)
class FieldRecord:
    """Who or what wrote a field, when; ``locked`` keeps it through any regeneration short of ``force``."""

    path: str
    origin: Origin
    locked: bool
    author: str | None
    at: datetime

    @property
    def protected(self) -> bool:
        return self.locked or self.origin is Origin.HUMAN


def section_path(kind: SectionKind) -> str:
    return f"section.{kind.value}"


def indicator_path(n: int, column: str) -> str:
    return f"indicator.{n}.{column}"


def field_texts(draft: Draft) -> dict[str, str]:
    """Every field's text, by path, in the order a reader meets them: the brief's header and funding first."""
    texts = brief_texts(draft)
    texts.update({section_path(s.kind): s.text for s in draft.sections})
    texts["basis"] = "\n".join(policy_label(b.title, b.doc_number) for b in draft.basis)
    for n, indicator in enumerate(draft.indicators, start=1):
        for column, text in indicator_cells(indicator).items():
            texts[indicator_path(n, column)] = text
    return texts


def brief_texts(draft: Draft) -> dict[str, str]:
    """The header, funding and list fields of the draft's brief, by path (a blank is an empty text)."""
    brief = draft.brief
    texts = {f"header.{key}": _text(getattr(brief, key)) for key in HEADER_FIELDS}
    texts.update({f"funding.{key}": _text(getattr(brief.funding, key)) for key in FUNDING_FIELDS})
    texts["plan"] = "\n".join(f"{s.period}｜{s.work}" for s in brief.plan)
    texts["composition"] = "\n".join(f"{c.part}｜{c.detail or ''}｜{c.amount}" for c in brief.composition)
    texts["policies"] = "\n".join(brief.policies)
    texts["safeguards"] = "\n".join(f"{r.category}｜{r.document}｜{r.measures}" for r in draft.safeguards)
    return texts


def _text(value: object) -> str:
    return "" if value is None else str(value)


_ANNOTATIONS = {"notes", "usage", "review", *STAMP}  # how a text was written, what review said, where a file was


def same_content(before: Draft, after: Draft) -> bool:
    """Whether ``after`` holds exactly what ``before`` does (brief, sections with their citations, 立项依据,
    indicator rows); notes, usage and review are annotations, recomputed with every rewrite, and so is how a row's
    name was obtained (``naming``: drafts saved before it was recorded lack it)."""
    return _content(before) == _content(after)


def _content(draft: Draft) -> dict[str, object]:
    dumped = draft.model_dump(mode="json", exclude=_ANNOTATIONS)
    for row in dumped["indicators"]:
        row.pop("naming", None)
    return dumped


def indicator_cells(indicator: DraftIndicator) -> dict[str, str]:
    return {
        "level1": indicator.level1.value,
        "level2": indicator.level2.value,
        "name": indicator.name,
        "value": indicator.value.value,
    }


def field_label(path: str) -> str:
    """``indicator.3.value`` → ``指标 3 · 指标值``; ``section.necessity`` → the section's Chinese name."""
    head, _, rest = path.partition(".")
    if path == ROLLOVER_TARGET:
        return "跨年度顺延（日期、年份）"
    if path == INDICATOR_TABLE:
        return INDICATOR_TABLE_LABEL
    if head == "header":
        return HEADER_FIELDS.get(rest, rest)
    if head == "funding":
        return f"资金 · {FUNDING_FIELDS.get(rest, rest)}"
    if head in LIST_FIELDS:
        return LIST_FIELDS[head]
    if head == "section":
        return SectionKind(rest).label
    if head == "indicator":
        n, _, column = rest.partition(".")
        return f"指标 {n} · {COLUMN_LABELS[column]}"
    return "立项依据"


def initial_origins(draft: Draft) -> dict[str, Origin]:
    """Where each field of a freshly drafted (or imported) draft came from, as it truly is: a section by the model
    that wrote it or by rules, 立项依据 chosen by code (the brief's own policies, else the policy library's), each
    indicator cell by its row's source (`_row_origins`)."""
    origins = dict.fromkeys(brief_texts(draft), Origin.BRIEF)
    origins.update({section_path(s.kind): _section_origin(s) for s in draft.sections})
    origins["basis"] = _basis_origin(draft)
    for n, indicator in enumerate(draft.indicators, start=1):
        for column, origin in _row_origins(indicator).items():
            origins[indicator_path(n, column)] = origin
    return origins


def _basis_origin(draft: Draft) -> Origin:
    """立项依据 is chosen by code, never by a model (drafting/chain `_basis`): the brief's policies as given, the
    library's of the project's subject."""
    if draft.basis and all(b.user_supplied for b in draft.basis):
        return Origin.BRIEF
    return Origin.POLICY if draft.basis else Origin.TEMPLATE


_VALUE_ORIGINS = {Ground.PLAN: Origin.BRIEF, Ground.HISTORY: Origin.PRECEDENT, Ground.TEMPLATE: Origin.TEMPLATE}
_NAME_ORIGINS = {Naming.REPHRASED: Origin.AI, Naming.PRECEDENT: Origin.PRECEDENT}


def _row_origins(indicator: DraftIndicator) -> dict[str, Origin]:
    """A suggested row's cells: the value from its 取值依据 (计划标准: the brief; 历史标准: precedents; 模板参考值:
    the rules' template), the name and its categories from how the name was obtained (a model's renaming or
    proposal: the model; a precedent's name: the precedent; else the rules' template)."""
    named = _NAME_ORIGINS.get(indicator.naming, Origin.TEMPLATE) if indicator.naming else Origin.TEMPLATE
    cells = dict.fromkeys(("level1", "level2", "name"), named)
    cells["value"] = _VALUE_ORIGINS.get(indicator.value.ground, Origin.TEMPLATE)
    return cells


def _section_origin(section: DraftSection) -> Origin:
    if section.generated_by != RULES_MODEL:
        return Origin.AI
    return Origin.BRIEF if section.kind is SectionKind.PLAN else Origin.TEMPLATE


def carry_fields(
    before: dict[str, str],
    after: dict[str, str],
    previous: dict[str, FieldRecord],
    *,
    changed: Origin,
    origins: dict[str, Origin],
    author: str,
    at: datetime,
) -> dict[str, FieldRecord]:
    """The provenance of a new version: a field whose text is unchanged keeps its record (and lock);
    a changed or new field gets ``origins[path]``, else ``changed``, with this author and time. A field a version
    stored before it was recorded (the brief's fields in older drafts) and unchanged counts as taken from the brief."""
    records: dict[str, FieldRecord] = {}
    for path, text in after.items():
        kept = previous.get(path)
        if kept is not None and before.get(path) == text:
            records[path] = kept
        elif kept is None and path in before and before[path] == text and path not in origins:
            records[path] = FieldRecord(path=path, origin=Origin.BRIEF, locked=False, author=None, at=at)
        else:
            locked = kept.locked if kept is not None else False
            records[path] = FieldRecord(
                path=path, origin=origins.get(path, changed), locked=locked, author=author, at=at
            )
    return records


def same_rows(before: Sequence[DraftIndicator], after: Sequence[DraftIndicator]) -> dict[int, int]:
    """Which row of ``before`` each row of ``after`` is: ``{new position: old position}``, positions from 1.

    A row is known by its cells, not its place (a row moved to another block, or rows shifted by a deletion, an
    addition or a reordering, are still themselves): first rows with all four cells equal (in order, for repeats),
    then a row with one cell changed or its 三级指标 kept (the nearest such), and, when the table kept its length,
    the rows left over in order (a row a person rewrote whole). A row of ``after`` left unpaired is new; a row of
    ``before`` left unpaired was deleted."""
    old = [tuple(indicator_cells(r).values()) for r in before]
    new = [tuple(indicator_cells(r).values()) for r in after]
    free = list(range(len(old)))
    pairs: dict[int, int] = {}
    for j, cells in enumerate(new):
        found = next((i for i in free if old[i] == cells), None)
        if found is not None:
            pairs[j] = found
            free.remove(found)
    for j, cells in enumerate(new):
        if j in pairs:
            continue
        near = [(_alike(old[i], cells), -abs(i - j), i) for i in free]
        best = max((n for n in near if n[0] >= 3 or old[n[2]][2] == cells[2]), default=None)
        if best is not None:
            pairs[j] = best[2]
            free.remove(best[2])
    if len(old) == len(new):
        for j, i in zip([j for j in range(len(new)) if j not in pairs], list(free), strict=True):
            pairs[j] = i
    return {j + 1: i + 1 for j, i in pairs.items()}


def _alike(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    return sum(x == y for x, y in zip(a, b, strict=True))


def follow_rows(
    before: Draft, after: Draft, texts: dict[str, str], records: dict[str, FieldRecord]
) -> tuple[dict[str, str], dict[str, FieldRecord]]:
    """``texts`` and ``records`` of ``before`` with each indicator cell's path renumbered to where its row is in
    ``after`` (`same_rows`), so a lock or a person's mark stays on the row it was put on; a deleted row's cells
    are dropped."""
    moved = {old: new for new, old in same_rows(before.indicators, after.indicators).items()}
    out_texts = {p: t for p, t in texts.items() if not p.startswith("indicator.")}
    out_records = {p: r for p, r in records.items() if not p.startswith("indicator.")}
    for old, new in moved.items():
        for column in INDICATOR_COLUMNS:
            was, now = indicator_path(old, column), indicator_path(new, column)
            if was in texts:
                out_texts[now] = texts[was]
            if was in records:
                out_records[now] = replace(records[was], path=now)
    return out_texts, out_records
