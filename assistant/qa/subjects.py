"""What a question was read as, in one short Chinese line, and the refusals for subjects the corpus lacks.

A project, unit, district or year the corpus does not hold is refused with “语料库中没有…” and the nearest
real candidates; nothing is ever computed from other projects in its place.
"""

from __future__ import annotations

from assistant.qa.execute import Scope, holdings
from assistant.qa.models import Answer, Query, Route
from assistant.qa.parse import Cues
from assistant.qa.select import describe

DIGEST = 6  # project names listed when nothing is near


def unknown_subject(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """A refusal when the question names a district, unit or project the corpus lacks; else None."""
    lexicon = scope.lexicon
    if cues.unknown_district:
        districts = sorted({d for d in ("闵行区", "浦东新区", "徐汇区") if any(d in n for n in lexicon.projects)})
        held = f"语料库中的区级申报表只有：{'、'.join(districts)}。" if districts else "语料库中没有区级申报表。"
        return _refusal(question, cues, [f"语料库中没有{cues.unknown_district}的申报表。", held], scope)
    if cues.unknown_unit and cues.unit is None:
        return _refusal(question, cues, [f"语料库中没有单位“{cues.unknown_unit}”的申报表。"], scope)
    # An open question (为什么要建设…平台) may name a project by what it does: retrieval answers it, and says so.
    if cues.unknown_project and cues.project is None and cues.declaration_id is None and cues.target is not None:
        lines = [f"语料库中没有“{cues.unknown_project}”这个项目的申报表，不以其他项目的数字代答。"]
        if cues.candidates:
            lines.append("名称最接近的项目：" + "、".join(_with_years(name, scope) for name in cues.candidates) + "。")
        else:
            lines.append(f"现有项目 {len(lexicon.projects)} 个，例如：{'、'.join(lexicon.projects[:DIGEST])}。")
        return _refusal(question, cues, lines, scope)
    return None


def _with_years(name: str, scope: Scope) -> str:
    years = scope.lexicon.years_of(name)
    return f"“{name}”（{'、'.join(f'{y}年' for y in years)}）" if years else f"“{name}”"


def _refusal(question: str, cues: Cues, lines: list[str], scope: Scope) -> Answer:
    route = Route.STRUCTURED if cues.target else Route.RETRIEVAL
    return Answer(question=question, text="\n".join([*lines, *holdings(None, scope)]), route=route, refused=True)


def ambiguous_answer(question: str, cues: Cues) -> Answer:
    written = next((w for w, _ in cues.matched), cues.project or "")
    lines = [
        f"问题中的“{written}”可能指以下项目，请写出其中一个的名称再问：",
        *(f"- {name}" for name in cues.ambiguous),
    ]
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, refused=True)


def scope_line(cues: Cues, query: Query, scope: Scope) -> str | None:
    """``范围：2019年 · “上海人大…经费”（问题中的“信访平台”）``: what the answer is about, and how a short
    name was matched; None for questions across every declaration with nothing matched."""
    described = describe(query.filters, scope.policies)
    if query.versus:
        described += f" 与 “{query.versus}”"
    matched = "；".join(f"由问题中的“{written}”匹配" for written, _ in cues.matched)
    if described == "全部申报表" and not matched:
        return None
    return f"范围：{described}" + (f"（{matched}）" if matched else "")
