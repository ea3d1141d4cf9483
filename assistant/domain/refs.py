"""`SourceRef`: the one reference from a draft field or an answer to what it rests on, which a page can open.

A ref names one source in a grammar every consumer shares:

- ``<declaration>#<section>`` (``2023-003-06#necessity``), ``<declaration>#header``;
- ``<declaration>#indicator-<n>`` (the indicator at position n), ``<declaration>#funding.<field>``;
- ``policy:<id>`` (an entry of ``corpus/policies``), ``brief`` (the user's own brief).

`source_text` is the one resolver: it turns a ref back into its source text, so a quote can be checked
(`verify`) and a page can show or open the source. Drafts saved before this type existed
(``{"kind", "ref", "label"}``, a policy ref without ``policy:``, an indicator ref by name) still load.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator, model_validator

from assistant.domain.amounts import unsigned_zero
from assistant.domain.model import Declaration, Indicator, SectionKind, TextSection
from assistant.domain.policy import PolicyReference
from assistant.errors import InputError

BLANK = "（空白）"
BRIEF = "brief"
POLICY_PREFIX = "policy:"
POLICY_PART = "政策库"
BRIEF_TITLE = "项目简报"
REF = re.compile(r"^(?P<decl>[^#]+)#(?:(?P<ind>indicator-(?P<pos>\d+))|funding\.(?P<fund>\w+)|(?P<section>.+))$")
_SECTION_VALUES = frozenset(kind.value for kind in SectionKind)


class SourceKind(StrEnum):
    SECTION = "section"  # a section of a past declaration
    HEADER = "header"
    INDICATOR = "indicator"
    FUNDING = "funding"
    POLICY = "policy"
    BRIEF = "brief"  # the user's own brief


def kind_of(ref: str) -> SourceKind:
    """What a ref points at; an unknown name after ``#`` is an indicator named in a draft saved earlier."""
    if ref == BRIEF:
        return SourceKind.BRIEF
    if ref.startswith(POLICY_PREFIX):
        return SourceKind.POLICY
    match = REF.match(ref)
    if match is None or match["ind"]:  # None: not a ref at all, which SourceRef refuses before it exists
        return SourceKind.INDICATOR
    if match["fund"]:
        return SourceKind.FUNDING
    if match["section"] == "header":
        return SourceKind.HEADER
    return SourceKind.SECTION if match["section"] in _SECTION_VALUES else SourceKind.INDICATOR


def is_ref(ref: str) -> bool:
    return (
        ref == BRIEF or (ref.startswith(POLICY_PREFIX) and len(ref) > len(POLICY_PREFIX)) or REF.match(ref) is not None
    )


class SourceRef(BaseModel):
    """One source: ``ref`` to resolve or open, a readable label ``[项目名称 · 年度 · 部分]``, and the quoted text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ref: str = Field(
        description="<declaration>#<section>, <declaration>#indicator-<n>, <declaration>#funding.<field>, policy:<id>, brief"
    )
    project: str = Field(description="项目名称; 《题名》（文号） for a policy; 项目简报 for the brief")
    year: int | None = None
    part: str = Field(default="", description="部分：段落名、绩效指标第n项（或 指标名（值））、资金字段、政策库")
    quote: str | None = Field(default=None, description="Text of the source, verbatim, where the source is quoted.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def kind(self) -> SourceKind:
        return kind_of(self.ref)

    @property
    def caption(self) -> str:
        """``项目名称 · 2023 · 项目总目标``: the label without its brackets, for running text."""
        return " · ".join(p for p in (self.project, str(self.year) if self.year else None, self.part) if p)

    @property
    def label(self) -> str:
        return f"[{self.caption}]"

    @property
    def declaration_id(self) -> str | None:
        """The declaration a page opens for this source; None for a policy or the brief."""
        match = REF.match(self.ref)
        return match["decl"] if match and not self.ref.startswith(POLICY_PREFIX) else None

    @model_validator(mode="before")
    @classmethod
    def _saved_earlier(cls, data: Any) -> Any:
        """A drafting citation saved before this type (``kind``, ``ref``, ``label``) read into its parts;
        ``kind`` (derived from the ref) is dropped from any saved form."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        kind = data.pop("kind", None)
        if "label" in data and "project" not in data:
            data.update(_parts_of_label(data.pop("label"), kind))
        if kind == SourceKind.POLICY and not str(data.get("ref", "")).startswith(POLICY_PREFIX):
            data["ref"] = POLICY_PREFIX + str(data.get("ref", ""))
        return data

    @field_validator("ref")
    @classmethod
    def _resolvable(cls, ref: str) -> str:
        if not is_ref(ref):
            raise ValueError(f"出处引用“{ref}”格式不对，应为 <申报表编号>#<部分>、policy:<编号> 或 brief")
        return ref


def _parts_of_label(label: str, kind: str | None) -> dict[str, Any]:
    """``项目 · 2023 · 部分`` (the year may read ``None``) → project, year, part; a policy's label is its title."""
    if kind in (SourceKind.POLICY, SourceKind.BRIEF) or " · " not in label:
        return {"project": label, "part": POLICY_PART if kind == SourceKind.POLICY else ""}
    project, _, rest = label.partition(" · ")
    year, _, part = rest.partition(" · ")
    if not year.isdigit() and year != "None":
        return {"project": project, "part": rest}
    return {"project": project, "year": int(year) if year.isdigit() else None, "part": part}


BRIEF_REF = SourceRef(ref=BRIEF, project=BRIEF_TITLE)


# -- making refs -------------------------------------------------------------------------------------


def yuan(amount: Decimal) -> str:
    """Exact, as the form wrote it, with thousands separators: 26,413,037.00 元."""
    return f"{unsigned_zero(amount):,.2f} 元"


def units_of(decl: Declaration) -> list[str]:
    header = decl.header
    return [unit for unit in (header.department, header.applicant, header.implementer) if unit]


def header_text(decl: Declaration) -> str:
    """The header's text a ``#header`` citation may quote: the name, year and units first, then every other header
    field's text as written (项目负责人, 联系电话, dates, ticked options…)."""
    fields = [str(value) for value in _strings(decl.header.model_dump(mode="json"))]
    return " ".join([decl.header.name, str(decl.header.year or ""), *units_of(decl), *fields])


def _strings(value: object) -> Iterator[object]:
    """Every scalar inside a JSON-shaped value, depth first (a header's nested option lists included)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None and value != "":
        yield value


def indicator_line(indicator: Indicator) -> str:
    return f"{indicator.name}：{indicator.value.raw.strip() or BLANK}"


def header_citation(decl: Declaration) -> SourceRef:
    return SourceRef(
        ref=f"{decl.id}#header", project=decl.header.name, year=decl.header.year, part="表头", quote=decl.header.name
    )


def section_citation(decl: Declaration, section: TextSection, quote: str | None = None) -> SourceRef:
    return SourceRef(
        ref=f"{decl.id}#{section.kind.value}",
        project=decl.header.name,
        year=decl.header.year,
        part=section.kind.label,
        quote=section.text.strip() if quote is None else quote,
    )


def indicator_citation(decl: Declaration, indicator: Indicator) -> SourceRef:
    return SourceRef(
        ref=f"{decl.id}#indicator-{indicator.position}",
        project=decl.header.name,
        year=decl.header.year,
        part=f"绩效指标第{indicator.position}项",
        quote=indicator_line(indicator),
    )


def funding_citation(decl: Declaration, field: str, label: str) -> SourceRef:
    """The funding cell ``field`` (a `Funding` attribute), labelled ``label`` (项目资金总额…)."""
    amount: Decimal | None = getattr(decl.funding, field)
    return SourceRef(
        ref=f"{decl.id}#funding.{field}",
        project=decl.header.name,
        year=decl.header.year,
        part=label,
        quote=BLANK if amount is None else yuan(amount),
    )


def policy_title(policy: PolicyReference) -> str:
    """``《题名》（文号）``."""
    return policy.citation()


def policy_citation(policy: PolicyReference) -> SourceRef:
    return SourceRef(
        ref=POLICY_PREFIX + policy.id,
        project=policy_title(policy),
        year=policy.cited_year,  # the year of the number shown (国务院令第721号 → 2019), never a contradicting one
        part=POLICY_PART,
        quote=policy.title,
    )


def policy_id(ref: str) -> str | None:
    return ref.removeprefix(POLICY_PREFIX) if ref.startswith(POLICY_PREFIX) else None


# -- the resolver ------------------------------------------------------------------------------------


class Declarations(Protocol):
    """Where refs are resolved: the corpus (`assistant.corpus.store.Corpus`), raising `InputError` for an unknown id."""

    def get(self, declaration_id: str) -> Declaration: ...


def source_text(declarations: Declarations, policies: Sequence[PolicyReference], ref: str) -> str | None:
    """The full text a ref points to, or None when it points nowhere (the brief is not in the corpus)."""
    if (pid := policy_id(ref)) is not None:
        policy = next((p for p in policies if p.id == pid), None)
        return None if policy is None else f"{policy.title} {policy.doc_number or ''} {policy.description}"
    match = REF.match(ref)
    if match is None:
        return None
    try:
        decl = declarations.get(match["decl"])
    except InputError:
        return None
    return _declaration_part(decl, match)


def _declaration_part(decl: Declaration, match: re.Match[str]) -> str | None:
    if match["section"] == "header":
        return header_text(decl)
    if match["ind"]:
        return _indicator_text(decl, lambda i: i.position == int(match["pos"]))
    if match["fund"]:
        if match["fund"] not in type(decl.funding).model_fields:
            return None
        amount = getattr(decl.funding, match["fund"])
        return BLANK if amount is None else yuan(amount)
    if match["section"] not in _SECTION_VALUES:  # an indicator by name, as drafts saved earlier name it
        return _indicator_text(decl, lambda i: squash(i.name) == squash(match["section"]))
    section = decl.section(SectionKind(match["section"]))
    return None if section is None else section.text


def _indicator_text(decl: Declaration, wanted: Any) -> str | None:
    found = next((i for i in decl.indicators if wanted(i)), None)
    return None if found is None else indicator_line(found)


def verify(declarations: Declarations, policies: Sequence[PolicyReference], source: SourceRef) -> bool:
    """True when the ref resolves and its text contains the quote (whitespace ignored)."""
    text = source_text(declarations, policies, source.ref)
    return text is not None and squash(source.quote or "") in squash(text)


def squash(text: str) -> str:
    return "".join(text.split())
