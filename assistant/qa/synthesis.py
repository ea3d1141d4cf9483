"""Answers across declarations, computed in code: the values forms used, their common indicators, the aspects of a section.

Values are grouped by their canonical form (≥90.00(%) and ≥90% are the same ≥90%), indicator names by
the measure they end with (及时性, 满意度…), section sentences by the aspect words they contain
(`aspects`). Each group says how many declarations use it and cites one example, newest first; the
text stays within ``ANSWER_LIMIT`` characters, so no single declaration is ever pasted whole.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from assistant.domain.model import Declaration, Indicator, SectionKind, TextSection
from assistant.domain.values import IndicatorValue, ValueKind
from assistant.qa.aspects import Aspect, aspects_for, sentences
from assistant.qa.lexicon import MEASURE
from assistant.qa.listings import indicator_row
from assistant.qa.models import Citation, Filters, Result, Row
from assistant.qa.select import describe, indicators_of, level_label, measures_asked, section_of
from assistant.qa.sources import BLANK, section_citation

ANSWER_LIMIT = 600  # characters of a synthesis answer, head included
SHOWN = 6  # groups listed before "另有…"
EXAMPLE_CHARS = 50  # characters of a quoted example sentence
T = TypeVar("T")


@dataclass(frozen=True)
class Group(Generic[T]):
    key: str
    members: list[tuple[Declaration, T]]

    @property
    def declarations(self) -> int:
        return len({decl.id for decl, _ in self.members})

    @property
    def example(self) -> tuple[Declaration, T]:
        return max(self.members, key=lambda member: (member[0].header.year or 0, member[0].id))


def group_by(items: Iterable[tuple[Declaration, T]], key: Callable[[T], str]) -> list[Group[T]]:
    """Groups, the most widely used first (declarations, then members, then key)."""
    found: dict[str, list[tuple[Declaration, T]]] = defaultdict(list)
    for decl, item in items:
        found[key(item)].append((decl, item))
    groups = [Group(key=k, members=members) for k, members in found.items()]
    return sorted(groups, key=lambda g: (-g.declarations, -len(g.members), g.key))


def value_key(value: IndicatorValue) -> str:
    """≥90.00(%) → ≥90%; a qualitative or deadline value as written."""
    if value.kind is ValueKind.QUANTITATIVE and value.number is not None:
        operator = value.operator.value if value.operator else ""
        return f"{operator}{format(value.number.normalize(), 'f')}{value.unit or ''}"
    return value.raw.strip() or BLANK


def value_keys(values: Sequence[IndicatorValue]) -> list[str]:
    """``value_key`` of each value, a number written without an operator (80%) counted with the same number
    and unit where the other forms write it with one operator (≥80%); with none or several, it stays as written."""
    keys = [value_key(value) for value in values]
    operators: dict[str, set[str]] = defaultdict(set)
    for value, key in zip(values, keys, strict=True):
        if value.operator is not None:
            operators[key.removeprefix(value.operator.value)].add(value.operator.value)
    return [
        f"{next(iter(operators[key]))}{key}"
        if value.kind is ValueKind.QUANTITATIVE and value.operator is None and len(operators.get(key, ())) == 1
        else key
        for value, key in zip(values, keys, strict=True)
    ]


def writings(group: Group[Indicator]) -> str:
    """How a group's value was written, most used first: ≥90.00(%)×8、≥90(%)×6."""
    counts = Counter(indicator.value.raw.strip() or BLANK for _, indicator in group.members)
    return "、".join(raw if n == 1 else f"{raw}×{n}" for raw, n in counts.most_common())


def measure_of(name: str) -> str:
    endings = [m for m in MEASURE.finditer(name) if m.end() == len(name)] or list(MEASURE.finditer(name))
    return endings[0].group() if endings else name


def typical_values(filters: Filters, decls: Sequence[Declaration]) -> Result:
    """The target values used for the indicators the filters pick, most common first, with how each was written."""
    items, left_out = _indicators(filters, decls)
    if not items:
        return Result(lines=[], rows=[], notes=left_out)
    keys = dict(zip((id(i) for _, i in items), value_keys([i.value for _, i in items]), strict=True))
    groups = group_by(items, lambda indicator: keys[id(indicator)])
    top = groups[0]
    head = (
        f"{_scope(filters)}{level_label(filters)}的目标值（{_count(items)} 份申报表、{len(items)} 项）："
        f"最常见的是 {top.key}（{top.declarations} 份申报表、{len(top.members)} 项）。"
    )
    names = "、".join(f"{g.key}（{g.declarations} 份）" for g in group_by(items, lambda i: i.name)[:3])
    entries = [
        (
            indicator_row(*g.example),
            f"- {g.key}：{g.declarations} 份申报表、{len(g.members)} 项（写作 {writings(g)}）",
            _short(g),
        )
        for g in groups
    ]
    if len(groups) < 3:  # one or two values everywhere (=100%): the usual one shown in up to three forms, not one
        others = [m for m in top.members if m[0].id != top.example[0].id]
        picked = list({decl.id: (decl, i) for decl, i in others}.values())[:2]
        entries += [(indicator_row(*m), _ANOTHER, m[1].name) for m in picked]
    return _bounded([head, f"常见写法：{names}。"], entries, figure=top.key, notes=left_out)


def common_indicators(filters: Filters, decls: Sequence[Declaration]) -> Result:
    """The indicators the filters pick, grouped by what they measure, most widely used first."""
    items, left_out = _indicators(filters, decls)
    if not items:
        return Result(lines=[], rows=[], notes=left_out)
    groups = group_by(items, lambda indicator: measure_of(indicator.name))
    if len(groups) == 1:  # every one measures the same (满意度): group by the name itself (管理人员满意度…)
        groups = group_by(items, lambda indicator: indicator.name)
    head = f"{_scope(filters)}{_count(items)} 份申报表共设 {len(items)} 项{level_label(filters)}，按所衡量的内容归类，常见的有："
    entries = [
        (indicator_row(*g.example), f"- “{g.key}”类：{g.declarations} 份申报表、{len(g.members)} 项", _short(g))
        for g in groups
    ]
    if len(groups) < 3:  # one or two kinds (故障响应): more examples, from forms not cited yet
        cited = {g.example[0].id for g in groups}
        others = {m[0].id: m for g in groups for m in g.members if m[0].id not in cited}
        entries += [(indicator_row(*m), _ANOTHER, m[1].name) for m in list(others.values())[: 3 - len(groups)]]
    return _bounded([head], entries, figure=groups[0].key, notes=left_out)


def section_aspects(kind: SectionKind, filters: Filters, decls: Sequence[Declaration]) -> Result:
    """The aspects a section covers across the declarations, how many cover each, one quoted example each."""
    written = [(decl, section) for decl in decls if (section := section_of(decl, kind)) is not None]
    if not written:
        return Result(lines=[], rows=[])
    said = [(decl, (section, sentence)) for decl, section in written for sentence in sentences(section.text)]
    covered = [(aspect, [m for m in said if aspect.hits(m[1][1])]) for aspect in aspects_for(kind)]
    covered = sorted(((a, m) for a, m in covered if m), key=lambda found: -_count(found[1]))
    entries = []
    shown: set[str] = set()
    for aspect, members in covered:
        label = f"{aspect.name}（{_count(members)}/{len(written)} 份）"
        fresh = [m for m in members if m[0].id not in shown] or members  # examples from different forms
        row = _aspect_row(aspect, fresh)
        shown.add(row.declaration_id or "")
        entries.append((row, f"- {label}", label))
    head = f"{_scope(filters)}{len(written)} 份申报表的{kind.label}一般从以下方面来写（括号内为写到该方面的申报表数）："
    return _bounded([head], entries)


def _aspect_row(aspect: Aspect, members: list[tuple[Declaration, tuple[TextSection, str]]]) -> Row:
    """The example: a short sentence with several of the aspect's words, newest declaration on a tie."""
    decl, (section, sentence) = max(members, key=lambda m: (_fit(aspect, m[1][1]), m[0].header.year or 0, m[0].id))
    citation = section_citation(decl, section, quote=_excerpt(sentence, aspect))
    return Row(
        declaration_id=decl.id,
        project=decl.header.name,
        year=decl.header.year,
        field=aspect.name,
        value=citation.quote,
        citation=citation,
    )


def _fit(aspect: Aspect, sentence: str) -> tuple[int, bool, int]:
    return min(aspect.hits(sentence), 2), len(sentence) <= 2 * EXAMPLE_CHARS, -len(sentence)


def _excerpt(sentence: str, aspect: Aspect) -> str:
    """The sentence's start when the aspect's first word is there, else a verbatim window around that word."""
    if len(sentence) <= EXAMPLE_CHARS:
        return sentence
    first = min(pos for word in aspect.words if (pos := sentence.find(word)) >= 0)
    start = 0 if first < EXAMPLE_CHARS - 10 else max(0, min(first - 10, len(sentence) - EXAMPLE_CHARS))
    return sentence[start : start + EXAMPLE_CHARS]


def _indicators(
    filters: Filters, decls: Sequence[Declaration]
) -> tuple[list[tuple[Declaration, Indicator]], tuple[str, ...]]:
    """The indicators that measure the asked category, and a note naming those filed under it that do not."""
    picked = [(decl, indicator) for decl in decls for indicator in indicators_of(decl, filters)]
    kept = [(decl, indicator) for decl, indicator in picked if measures_asked(indicator, filters)]
    other = [indicator for _, indicator in picked if not measures_asked(indicator, filters)]
    if not other:
        return kept, ()
    shown = "、".join(f"“{i.name}” {i.value.raw.strip() or BLANK}" for i in other[:3]) + (
        "等" if len(other) > 3 else ""
    )
    note = f"另有 {len(other)} 项归在{level_label(filters)}下、但从名称看不衡量该类，未计入：{shown}。"
    return kept, (note,)


def _count(items: Sequence[tuple[Declaration, object]]) -> int:
    return len({decl.id for decl, _ in items})


def _scope(filters: Filters) -> str:
    scope = describe(filters.model_copy(update={"indicator_name": None}), ())
    return "历年" if scope == "全部申报表" else f"{scope}："


def _short(group: Group[Indicator]) -> str:
    return f"{group.key}（{group.declarations} 份）"


def _bounded(
    head: list[str], entries: list[tuple[Row, str, str]], figure: str | None = None, notes: tuple[str, ...] = ()
) -> Result:
    """The head and as many entries (line + cited example) as fit in ``ANSWER_LIMIT`` characters; the rest named."""
    lines, rows = list(head), []
    for row, line, _ in entries[:SHOWN]:
        # another example of a kind shown above: "  又如 “…” [出处]", never "如 X，如 “X：…”"
        full = f"{line} {_example(row.citation)}" if line == _ANOTHER else f"{line}，如 {_example(row.citation)}"
        if len("\n".join([*lines, full])) > ANSWER_LIMIT - 60:
            break
        lines.append(full)
        rows.append(row)
    rest = [label for _, _, label in entries[len(rows) :]]
    if rest:
        more = f"另有 {len(rest)} 种：{'、'.join(rest)}"
        lines.append(more if len(more) <= 60 else more[:59] + "…")
    return Result(lines=lines, rows=rows, figure=figure, notes=notes)


_ANOTHER = "  又如"  # the line of one more example of a kind already shown (from a form not cited yet)


def _example(citation: Citation) -> str:
    return f"“{citation.quote}” {citation.label}"


FAMILY_LEAST = 3  # indicators a usage answer needs before it rests on a measure's family rather than its whole name
_FAMILY_SHORTEST = 3  # characters of a family's name (故障响应, not 响应 or 时间)


USAGE = re.compile(r"一般|通常|常见|普遍|大多|往往|往年|以往|历年|别人|大家|各家|参考|借鉴|举例|例子")


def family(filters: Filters, decls: Sequence[Declaration], question: str) -> Filters:
    """故障响应时间一般承诺多快: where fewer than ``FAMILY_LEAST`` indicators across projects hold the name asked, the
    longest part of it (``_FAMILY_SHORTEST`` characters or more) that ``FAMILY_LEAST`` or more hold, most held on a tie
    (故障响应); the filters unchanged for one project's question, a value asked with no word of usage (26年运维工作完成
    及时率是多少) or where no part is held more widely."""
    name = filters.indicator_name
    if not name or filters.project or filters.declaration_id or not USAGE.search(question):
        return filters
    names = [i.name for d in decls for i in d.indicators]
    if sum(name in n for n in names) >= FAMILY_LEAST:
        return filters
    parts = {name[a:b] for a in range(len(name)) for b in range(a + _FAMILY_SHORTEST, len(name))}
    held = [(len(p), sum(p in n for n in names), p) for p in parts if not MEASURE_ONLY.fullmatch(p)]
    held = [h for h in held if h[1] >= FAMILY_LEAST]
    return filters.model_copy(update={"indicator_name": max(held)[2]}) if held else filters


MEASURE_ONLY = re.compile(r"时间|及时性|及时率|完成率|完成及时|合格率|满意度|数量|次数|人数|天数|建设|系统|管理|工作")
