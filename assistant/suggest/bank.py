"""The indicator bank: every past indicator on the current framework, grouped into templates.

A template is a measure suffix that at least two declarations share (``验收合格率``, ``平台运维服务完成率``);
each name joins the longest template it ends with, and the part before it is the project-specific
object (``IPTV`` in ``IPTV平台运维服务完成率``). A name that recurs verbatim is its own template with
no object (``管理人员满意度``). A name that starts with its own project's name takes the rest as its
template when that is longer (``老干部综合信息管理系统建设`` + ``竣工及时性``). Project kinds come from
the data as well: the header's checkboxes and labels, and the words that end the names of projects
and recur in two or more of them (建设, 运维, 信息化建设…).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from assistant.domain.classify import declaration_type
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import Declaration, Indicator, Layout, SectionKind
from assistant.domain.project_types import ProjectType
from assistant.domain.values import IndicatorValue
from assistant.errors import InputError
from assistant.review import lexicon
from assistant.suggest.text import TfIdf, core_name, sentences, specific_grams, strip_activity

MIN_DECLARATIONS = 2  # a suffix shared by this many declarations is a template
MIN_PATTERN_CHARS = 3  # shorter suffixes (率, 数量) are measures, not templates
PROFILE_CHARS = 200  # characters of each text section a declaration's profile keeps
_ENTRY = ConfigDict(frozen=True, extra="forbid")
_PROFILE_SECTIONS = (SectionKind.OVERVIEW, SectionKind.GOAL_ANNUAL, SectionKind.GOAL_TOTAL)


class BankEntry(BaseModel):
    """One past indicator, with what the bank knows of its declaration."""

    model_config = _ENTRY

    declaration_id: str
    project_name: str
    year: int | None
    department: str | None
    kinds: tuple[str, ...]
    level1: Level1
    level2: Level2
    name: str
    value: IndicatorValue
    position: int | None = None


class Template(BaseModel):
    """A measure shared across declarations, and the past indicators that used it."""

    model_config = ConfigDict(extra="forbid")

    pattern: str
    parent: str | None = None
    entries: list[BankEntry]

    @property
    def slotted(self) -> bool:
        return any(e.name != self.pattern for e in self.entries)

    @property
    def label(self) -> str:
        return f"{{对象}}{self.pattern}" if self.slotted else self.pattern

    def object_of(self, entry: BankEntry) -> str:
        return entry.name[: len(entry.name) - len(self.pattern)]

    @property
    def declaration_ids(self) -> list[str]:
        return sorted({e.declaration_id for e in self.entries})

    @property
    def support(self) -> int:
        return len(self.declaration_ids)

    @property
    def level2(self) -> Level2:
        return Counter(e.level2 for e in self.entries).most_common(1)[0][0]

    @property
    def values(self) -> Counter[str]:
        """Values as the forms wrote them, in canonical form (≥90(%)), with how often each was used."""
        return Counter(e.value.render().strip() for e in self.entries)

    @property
    def years(self) -> Counter[int]:
        return Counter(e.year for e in self.entries if e.year is not None)

    @property
    def departments(self) -> Counter[str]:
        return Counter(e.department or "（未填）" for e in self.entries)

    @property
    def kinds(self) -> Counter[str]:
        return Counter(k for e in self.entries for k in e.kinds)


class DeclarationProfile(BaseModel):
    """What similarity to a brief reads of one past declaration."""

    model_config = _ENTRY

    declaration_id: str
    project_name: str
    year: int | None
    department: str | None
    implementer: str | None
    nature: str | None
    category: str | None
    labels: tuple[str, ...]
    kinds: tuple[str, ...]
    current: bool
    text: str
    level2_counts: dict[Level2, int]
    project_types: tuple[ProjectType, ...] = ()  # its type, and the runner-up where it is mixed


class IndicatorBank(BaseModel):
    model_config = ConfigDict(extra="forbid")

    templates: list[Template]
    profiles: list[DeclarationProfile]
    kind_terms: tuple[str, ...]
    activities: tuple[str, ...]

    @cached_property
    def _by_pattern(self) -> dict[str, Template]:
        return {t.pattern: t for t in self.templates}

    @cached_property
    def _shared(self) -> list[str]:
        return sorted((t.pattern for t in self.templates if t.support >= MIN_DECLARATIONS), key=len, reverse=True)

    @cached_property
    def tfidf(self) -> TfIdf:
        return TfIdf(p.text for p in self.profiles)

    @cached_property
    def vectors(self) -> dict[str, dict[str, float]]:
        return {p.declaration_id: self.tfidf.vector(p.text) for p in self.profiles}

    def template(self, pattern: str) -> Template:
        try:
            return self._by_pattern[pattern]
        except KeyError:
            raise InputError(
                f"指标库中没有模板“{pattern}”", hint="模板由语料库中至少两份申报表共有的指标名称归纳而来"
            ) from None

    def pattern_for(self, name: str) -> str:
        """The longest shared template a name ends with; the name itself when none fits."""
        key = "".join(name.split())
        return next((p for p in self._shared if key.endswith(p)), key)

    def root(self, template: Template) -> Template:
        """The most general template a template refines: 完成率 for {对象}系统建设完成率."""
        while template.parent is not None and template.parent in self._by_pattern:
            template = self._by_pattern[template.parent]
        return template

    def family(self, pattern: str) -> list[BankEntry]:
        """Every past indicator whose name ends with ``pattern``, whichever template it joined."""
        return [e for t in self.templates for e in t.entries if e.name.endswith(pattern)]

    def profile(self, declaration_id: str) -> DeclarationProfile:
        return next(p for p in self.profiles if p.declaration_id == declaration_id)

    @property
    def size(self) -> int:
        return sum(len(t.entries) for t in self.templates)


def build_bank(declarations: Iterable[Declaration]) -> IndicatorBank:
    """Group every current-framework indicator of the declarations into templates (deterministic)."""
    decls = sorted(declarations, key=lambda d: d.id)
    if not decls:
        raise InputError("没有可用于建立指标库的申报表", hint="请先运行 assistant corpus build")
    terms = derive_kind_terms({d.id: core_name(d.header.name) for d in decls})
    profiles = [_profile(d, terms) for d in decls]
    kinds = {p.declaration_id: p.kinds for p in profiles}
    entries = [_entry(d, i, kinds[d.id]) for d in decls for i in d.indicators if i.level1 and i.level2]
    activities = activity_words(terms)
    return IndicatorBank(
        templates=_templates(entries, activities), profiles=profiles, kind_terms=terms, activities=activities
    )


def derive_kind_terms(cores: dict[str, str]) -> tuple[str, ...]:
    """The words that say what kind of project a name is (运维, 信息化建设, 党建服务), from the names.

    A term is a substring (2–6 characters) of two or more core names, maximal (no longer shared
    substring has the same declarations) and the last word of at least one core name.
    """
    support: dict[str, set[str]] = defaultdict(set)
    for decl_id, core in cores.items():
        for size in range(2, 7):
            for start in range(len(core) - size + 1):
                support[core[start : start + size]].add(decl_id)
    shared = {s: ids for s, ids in support.items() if len(ids) >= MIN_DECLARATIONS}
    maximal = [s for s, ids in shared.items() if not any(s != t and s in t and shared[t] == ids for t in shared)]
    heads = [s for s in maximal if any(core.endswith(s) for core in cores.values())]
    return tuple(sorted(heads, key=lambda s: (-len(s), s)))


def activity_words(terms: tuple[str, ...]) -> tuple[str, ...]:
    """Two-character terms that never start a longer term: 建设, 运维 (平台 starts 平台建设, so it is an object)."""
    return tuple(t for t in terms if len(t) == 2 and not any(u != t and u.startswith(t) for u in terms))


def _labels(decl: Declaration) -> tuple[str, ...]:
    h = decl.header
    boxes = [*(h.project_type.selected if h.project_type else []), *(h.fund_use.selected if h.fund_use else [])]
    return tuple(dict.fromkeys(x for x in (h.nature, h.category, *boxes) if x))


def _profile(decl: Declaration, terms: tuple[str, ...]) -> DeclarationProfile:
    h = decl.header
    core = core_name(h.name)
    labels = _labels(decl)
    # What a project does shows in its indicators (培训班次, 运维报告) as much as in its overview.
    names = "；".join(i.name for i in decl.indicators if i.level1 is not None)
    text = "\n".join([h.name, *(sentences(decl.section_text(k), PROFILE_CHARS) for k in _PROFILE_SECTIONS), names])
    counts = Counter(i.level2 for i in decl.indicators if i.level2 is not None)
    return DeclarationProfile(
        declaration_id=decl.id,
        project_name=h.name,
        year=h.year,
        department=h.department or h.applicant,
        implementer=h.implementer,
        nature=h.nature,
        category=h.category,
        labels=labels,
        kinds=(*labels, *(t for t in terms if t in core)),
        current=decl.layout is Layout.MUNICIPAL_2021,
        text=text,
        level2_counts=dict(counts),
        project_types=declaration_type(decl).plausible(),
    )


def _entry(decl: Declaration, ind: Indicator, kinds: tuple[str, ...]) -> BankEntry:
    assert ind.level1 is not None and ind.level2 is not None
    return BankEntry(
        declaration_id=decl.id,
        project_name=decl.header.name,
        year=decl.header.year,
        department=decl.header.department or decl.header.applicant,
        kinds=kinds,
        level1=ind.level1,
        level2=ind.level2,
        name="".join(ind.name.split()),
        value=ind.value,
        position=ind.position,
    )


def shared_patterns(entries: list[BankEntry]) -> set[str]:
    """Suffixes of names that at least two declarations share and that name a measure."""
    support: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for size in range(MIN_PATTERN_CHARS, len(e.name) + 1):
            support[e.name[-size:]].add(e.declaration_id)
    return {s for s, ids in support.items() if len(ids) >= MIN_DECLARATIONS and lexicon.has_measure(s)}


def own_prefix(name: str, project_name: str, activities: tuple[str, ...]) -> str:
    """The start of an indicator name that is its own project's name: 老干部综合信息管理系统建设(完成率).

    Generic words (系统, 平台) do not count as a project's name.
    """
    core = core_name(project_name)
    subject = strip_activity(core, activities)
    for size in range(len(name) - MIN_PATTERN_CHARS, 1, -1):
        prefix = name[:size]
        named = core.endswith(prefix) or subject.endswith(prefix)
        if named and specific_grams(prefix) and lexicon.has_measure(name[size:]):
            return prefix
    return ""


def _pattern(entry: BankEntry, longest_first: list[str], activities: tuple[str, ...]) -> str:
    """The longer of the shared suffix and the part after the project's own name; the name when neither."""
    shared = next((p for p in longest_first if entry.name.endswith(p)), "")
    own = entry.name[len(own_prefix(entry.name, entry.project_name, activities)) :]
    found = max(shared, own if own != entry.name else "", key=len)
    return found or entry.name


def _templates(entries: list[BankEntry], activities: tuple[str, ...]) -> list[Template]:
    longest_first = sorted(shared_patterns(entries), key=len, reverse=True)
    groups: dict[str, list[BankEntry]] = defaultdict(list)
    for e in entries:
        groups[_pattern(e, longest_first, activities)].append(e)
    keys = sorted(groups, key=len, reverse=True)
    return [
        Template(pattern=p, parent=next((q for q in keys if q != p and p.endswith(q)), None), entries=members)
        for p, members in sorted(groups.items())
    ]
