"""The project type of a brief or a declaration: which fields the type rules read (project_types.py)."""

from __future__ import annotations

from assistant.domain.brief import Brief
from assistant.domain.model import Declaration, SectionKind
from assistant.domain.project_types import ProjectType, TypeVerdict, classify

# What a declaration says it does; its indicators are left out on purpose: a carried-over indicator
# must not make a training project look like an IT one.
_DECLARATION_SECTIONS = (SectionKind.OVERVIEW, SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL, SectionKind.PLAN)


def brief_fields(brief: Brief) -> dict[str, str]:
    """Field label → text, as the type rules read a brief."""
    return {
        "项目名称": brief.name,
        "项目类别": brief.category or "",
        "资金用途": brief.fund_use or "",
        "主要内容": brief.content,
        "实施计划": "；".join(step.work for step in brief.plan),
        "项目构成": "；".join(f"{c.part}{c.detail or ''}" for c in brief.composition),
    }


def brief_type(brief: Brief) -> TypeVerdict:
    """The brief's type; its ``项目类型`` field, where given, overrides the rules."""
    override = ProjectType(brief.project_type) if brief.project_type else None
    return classify(brief_fields(brief), override=override)


def declaration_fields(decl: Declaration) -> dict[str, str]:
    h = decl.header
    boxes = [*(h.project_type.selected if h.project_type else []), *(h.fund_use.selected if h.fund_use else [])]
    fields = {"项目名称": h.name, "项目类别": h.category or "", "勾选项": "、".join(boxes)}
    fields.update({kind.label: decl.section_text(kind) for kind in _DECLARATION_SECTIONS})
    fields["预算明细"] = "；".join(f"{b.name}{b.content or ''}" for b in decl.budget_lines)
    return fields


def declaration_type(decl: Declaration) -> TypeVerdict:
    return classify(declaration_fields(decl))


def own_text(decl: Declaration) -> str:
    """Everything a declaration says of itself except its indicators."""
    return "\n".join(declaration_fields(decl).values())
