"""Which past indicators may be offered to a brief: precedents only where they fit its project type.

A past indicator fits when its declaration is of the same type; or of a compatible type
(project_types.yaml) and the brief shares its specific words; or its name is generic (管理人员满意度,
各项工作完成及时性) and it does not come from an IT form offered to a non-IT project; or its object is
named in the brief; and a past indicator of another type than the brief's only where it suits the
brief's type (`Fit.fits_type`). Never: an IT indicator (系统, 平台, 故障响应…) in a non-IT project whose brief does
not use those words itself; an indicator naming another type's object the brief never mentions; a
cost indicator that states no cost level (成本控制率 =100%, 不超预算: primer, Shanghai 2025 guide on
总成本/单位成本/分项成本). A brief of unknown type keeps every precedent, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.domain.framework import Level1, Level2
from assistant.domain.project_types import ProjectType, TypeVerdict, catalogue, foreign_markers, is_it
from assistant.domain.values import ValueKind
from assistant.suggest.bank import BankEntry, DeclarationProfile, IndicatorBank, Template
from assistant.suggest.naming import BriefNames, names_own_project
from assistant.suggest.text import grams, specific_grams

COST_LEVEL_UNITS = ("元", "万元")  # a cost level is money (per unit or in total), not a percentage
ABOUT_SHARE_DENOMINATOR = 3  # a precedent of a related type must share a third of its specific bigrams with the brief


@dataclass(frozen=True)
class Fit:
    project_type: ProjectType | None
    types: dict[str, tuple[ProjectType, ...]]
    names: BriefNames
    text: str

    @classmethod
    def of(cls, verdict: TypeVerdict, bank: IndicatorBank, names: BriefNames, text: str) -> Fit:
        return cls(verdict.type, {p.declaration_id: p.project_types for p in bank.profiles}, names, text)

    def declaration(self, profile: DeclarationProfile) -> bool:
        """Whether a past declaration is of a type compatible with the brief's."""
        return self._compatible(profile.project_types)

    def _compatible(self, others: tuple[ProjectType, ...]) -> bool:
        if self.project_type is None or not others:
            return True
        return any(catalogue().compatible(self.project_type, other) for other in others)

    def entry(self, template: Template, entry: BankEntry) -> bool:
        """Whether one past indicator may be offered to the brief."""
        if entry.level1 is Level1.COST and not states_cost_level(entry):
            return False
        if self.project_type is None:
            return True
        if not is_it(self.project_type) and _it_words(entry.name, self.text):
            return False
        if foreign_markers(entry.name, self.project_type, self.text):
            return False
        others = self.types.get(entry.declaration_id, ())
        if others and others[0] is self.project_type:
            # A slotted name's object is filled with the brief's (老干部…系统建设完成率 → 人大档案管理系统建设完成率).
            filled = template.slotted and self.names.fillable and template.level2 is not Level2.SATISFACTION
            filled = filled and names_own_project(template, entry)
            return self.names_own_object(template.pattern if filled else entry.name)
        if others and not self.fits_type(entry.name):
            return False
        if self._compatible(others) and self.about_brief(entry.name):
            return True
        from_it = bool(others) and is_it(others[0]) and not is_it(self.project_type)
        if not specific_grams(entry.name) and not from_it:
            return True
        subject = template.object_of(entry) if template.slotted else ""
        return bool(subject) and self.names.mentions(subject)

    def same_type(self, entry: BankEntry) -> bool:
        others = self.types.get(entry.declaration_id, ())
        return self.project_type is None or (bool(others) and others[0] is self.project_type)

    def fits_type(self, name: str) -> bool:
        """Whether another type's indicator suits the brief's type: it names this type's own work (培训,
        学员… in a training brief), or all its wording is the brief's or this type's template rows' (not
        验收合格率 or 安全事故发生次数 in a training brief that never speaks of 验收 or 安全)."""
        if self.project_type is None:
            return False
        spec = catalogue().spec(self.project_type)
        if any(word in name for word in (*spec.markers, *spec.signals)):
            return True
        return self._in_type_rows(name)

    def names_own_object(self, name: str) -> bool:
        """Whether a same-type precedent's object is the brief's: its specific words are shared with the
        brief, or all its wording is the brief's or this type's template rows' (食堂服务满意度 and
        公务用车保障率 from 机关服务费 name things a 公厕保洁 brief never mentions: they are left out)."""
        if not specific_grams(name) or self.about_brief(name):
            return True
        return self._in_type_rows(name)

    def _in_type_rows(self, name: str) -> bool:
        if self.project_type is None:
            return True
        spec = catalogue().spec(self.project_type)
        rows = " ".join(row.name for row in (*spec.indicators, *catalogue().common))
        return set(grams(name)) <= set(grams(f"{self.text}\n{rows}"))

    def about_brief(self, name: str) -> bool:
        """Whether the brief shares the name's specific words (培训学员满意度 in a training brief; not
        基层党组织满意度 or 到村任职选调生在职考核称职率 there)."""
        own = specific_grams(name)
        return len(own & self.names.grams) * ABOUT_SHARE_DENOMINATOR >= len(own)

    def template(self, template: Template) -> Template | None:
        """The template with only the entries that fit; None when none does."""
        kept = [e for e in template.entries if self.entry(template, e)]
        if not kept:
            return None
        return template if len(kept) == len(template.entries) else template.model_copy(update={"entries": kept})


def states_cost_level(entry: BankEntry) -> bool:
    """A cost indicator with a money value (≤20(万元/年)); 成本控制率 =100(%) or 不超预算 states none."""
    value = entry.value
    return value.kind is ValueKind.QUANTITATIVE and value.unit is not None and value.unit.startswith(COST_LEVEL_UNITS)


def _it_words(name: str, brief_text: str) -> bool:
    """Whether ``name`` uses an IT word (系统, 平台, 故障…) that the brief itself never uses."""
    markers = {w for spec in catalogue().types.values() if spec.it for w in spec.markers}
    return any(w in name and w not in brief_text for w in markers)
