"""Names for the new project: a template's precedent name, or the template filled with the brief's object.

A template's object is filled from the brief only where the precedents' objects named their own
project (``老干部综合信息管理系统建设完成率`` in the 老干部综合信息管理系统 project); objects that
name a group of people or a thing many projects have (``管理人员``, ``IPTV平台``) are kept as written,
and taken verbatim where the brief mentions them.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.domain.brief import Brief
from assistant.domain.framework import Level2
from assistant.suggest.bank import BankEntry, IndicatorBank, Template
from assistant.suggest.models import Naming
from assistant.suggest.text import core_name, grams, merge, short_object, specific_grams, strip_activity

MENTION_SHARE = 0.8  # share of an object's specific bigrams the brief must contain to mention it


@dataclass(frozen=True)
class BriefNames:
    """What naming reads of a brief: its text's bigrams, its core name and object, the bank's activities."""

    grams: frozenset[str]
    core: str
    object: str
    activities: tuple[str, ...]
    fillable: bool
    short: str = ""  # the object, short (short_object): what a long core or object gives way to in a name

    @classmethod
    def of(cls, brief: Brief, bank: IndicatorBank) -> BriefNames:
        core = core_name(brief.name)
        subject = strip_activity(core, bank.activities)
        # An object that is part of a project kind (信息化 in 信息化建设) names no particular project.
        fillable = bool(specific_grams(subject)) and not any(subject in term for term in bank.kind_terms)
        return cls(frozenset(grams(brief.text())), core, subject, bank.activities, fillable, short_object(brief.name))

    def mentions(self, text: str) -> bool:
        """Whether the brief names ``text``'s specific part: IPTV平台 yes, 工作 or 远程教育直播路线 no."""
        own = specific_grams(text)
        return bool(own) and len(own & self.grams) / len(own) >= MENTION_SHARE


def name_for(template: Template, brief: BriefNames, sims: dict[str, float]) -> tuple[str, Naming] | None:
    """The name to suggest for ``template`` in the brief's project; None where every name is another project's."""
    found = _name(template, brief, sims)
    if found[1] is Naming.PRECEDENT and _foreign(found[0], template, brief):
        return None
    return found


def _foreign(name: str, template: Template, brief: BriefNames) -> bool:
    """A precedent name that names its own project (老干部…) in words the brief does not use."""
    words = specific_grams(name) - brief.grams
    return any(words & specific_grams(core_name(e.project_name)) for e in template.entries if e.name == name)


def _name(template: Template, brief: BriefNames, sims: dict[str, float]) -> tuple[str, Naming]:
    if not template.slotted:
        return template.pattern, Naming.PRECEDENT
    closest = sorted(template.entries, key=lambda e: (-sims.get(e.declaration_id, 0.0), e.name))
    mentioned = [e for e in closest if brief.mentions(template.object_of(e))]
    if mentioned:
        return mentioned[0].name, Naming.PRECEDENT
    own = [e for e in closest if names_own_project(template, e)]
    if own and brief.fillable and template.level2 is not Level2.SATISFACTION:
        return merge(_filler(template.object_of(own[0]), brief), template.pattern), Naming.FILLED
    generic = [e for e in closest if not template.object_of(e)]
    return (generic or closest)[0].name, Naming.PRECEDENT


def names_own_project(template: Template, entry: BankEntry) -> bool:
    """Whether the entry's object names its own project (shares a specific bigram with the project name)."""
    return bool(specific_grams(template.object_of(entry)) & specific_grams(core_name(entry.project_name)))


def _filler(precedent_object: str, brief: BriefNames) -> str:
    """The brief's core name where the precedent's object ended in an activity (…系统建设), else its object; a long
    one gives way to the short object (社区长者食堂及老年助餐服务 → 老年助餐服务): a row repeats no whole name."""
    with_activity = any(precedent_object.endswith(a) for a in brief.activities)
    filler = brief.core if with_activity else brief.object
    return filler if len(filler) <= MAX_FILLER or not brief.short else brief.short


MAX_FILLER = 8  # characters of a core name or object put into a precedent's name as it stands
