"""What a question was read as, in one short Chinese line, and the refusals for subjects the corpus lacks.

A project, unit, district or year the corpus does not hold is refused with “语料库中没有…” and the nearest
real candidates; nothing is ever computed from other projects in its place.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain.model import Declaration
from assistant.domain.refs import units_of
from assistant.qa.entities import informative
from assistant.qa.execute import holdings
from assistant.qa.models import Answer, Query, Route, Target
from assistant.qa.parse import Cues
from assistant.qa.question_words import RANKED_ONE
from assistant.qa.reading import project_names
from assistant.qa.scope import Scope
from assistant.qa.select import describe

DIGEST = 6  # project names listed when nothing is near
NEAR_UNITS = 3  # units offered beside a unit the corpus lacks
NEAR = 0.3  # share of a kind's weight a project name must explain to be offered as a near name


_NAME_CHARS = r"\u4e00-\u9fffA-Za-z0-9（）()《》〈〉、·—\-"
_NAME_RUN = re.compile(f"[{_NAME_CHARS}]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
UNREADABLE = "问题中要查的名称无法读取（只有符号或零散的字母），不以其他项目或单位的数字代答；请用中文写明项目、单位或资金名称后再问。"


def readable(fragment: str) -> str | None:
    """What of ``fragment`` (a name cut from the question) may be quoted back: all of it when it is made only of
    name characters (汉字, letters, digits, brackets, 、·—); else its longest run of them holding two or more 汉字;
    None when there is none (``//x}``, ``+$``), so that no arbitrary cut of symbols is quoted as a name."""
    text = fragment.strip()
    if text and _NAME_RUN.fullmatch(text) and (_HAN.search(text) or len(text) >= 2 and text.isalpha()):
        return text
    runs = [run for run in _NAME_RUN.findall(text) if len(_HAN.findall(run)) >= 2]
    return max(runs, key=len) if runs else None


def unknown_subject(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """A refusal when the question names a district, unit, project or purpose of money the corpus lacks; else None.
    Every absent subject the question names is said, with the nearest real candidates; nothing is computed."""
    lines: list[str] = []
    if cues.amount_condition:
        lines += _amount_lines(cues.amount_condition)
    if cues.unknown_district:
        lines += _district_lines(cues.unknown_district, scope)
    if cues.unknown_unit and cues.unit is None:
        lines += _unit_lines(cues, scope)
    if cues.unknown_subject:
        lines += _purpose_lines(cues.unknown_subject, scope)
    if cues.unknown_kind:
        lines += kind_lines(cues.unknown_kind, scope)
    # An open question (为什么要建设…平台) may name a project by what it does: retrieval answers it, and says so.
    named = cues.project is not None or cues.declaration_id is not None
    if cues.unknown_project and not named and (cues.target is not None or _asks_a_fact(cues)):
        lines += _project_lines(cues, scope)  # 立法信息平台建设经费 总额: a figure of it, never a passage of another
    elif cues.unknown_project and cues.project is not None:  # 信息化运维项目和换届选举经费: one side of a pair absent
        lines += _project_lines(cues, scope)
        lines.append(f"问题中的另一个项目“{cues.project}”语料库中有，可单独问它；不以它一个项目的数字代答两者的比较。")
    return _refusal(question, cues, lines, scope) if lines else None


def _asks_a_fact(cues: Cues) -> bool:
    """A question asking money, a header field, a section or indicators (of the project named), not an open one."""
    asked = (cues.funding_field, cues.header_fields, cues.section, cues.level1, cues.level2, cues.indicator_name)
    return any(value for value in asked)


def _amount_lines(condition: str) -> list[str]:
    return [
        f"问答还不能按金额条件（“{condition}”）筛选项目，不列出未经该条件筛选的项目或数字。",
        "可以这样问：2023年资金排前三的是哪几个项目？ / 2023年哪个项目资金最多？ / 2023年各项目资金总额是多少？",
    ]


def _district_lines(district: str, scope: Scope) -> list[str]:
    held = sorted({d for d in ("闵行区", "浦东新区", "徐汇区") if any(d in n for n in scope.lexicon.projects)})
    found = f"语料库中的区级申报表只有：{'、'.join(held)}。" if held else "语料库中没有区级申报表。"
    return [f"语料库中没有{district}的申报表。", found]


def _unit_lines(cues: Cues, scope: Scope) -> list[str]:
    assert cues.unknown_unit is not None
    if readable(cues.unknown_unit) is None:
        return [UNREADABLE]
    lines = [f"语料库中没有单位“{cues.unknown_unit}”的申报表，不以其他单位的数字代答。"]
    if (
        not cues.unit_level
    ):  # another city's unit (北京市委组织部) or one no form names (市教委): the nearest real units
        near = cues.unit_candidates or nearest_units(cues.unknown_unit, scope.lexicon.units)
        if near:
            lines.append("语料库中名称最接近的单位：" + "、".join(near[:NEAR_UNITS]) + "。")
        return lines
    if cues.unit_candidates:
        meant, *same_level = cues.unit_candidates
        if meant:
            lines.append(f"语料库中名称相近的是“{meant}”，但它不是{cues.unit_level}单位。")
        found = "、".join(same_level) if same_level else "无"
        lines.append(f"语料库中的{cues.unit_level}单位：{found}。")
    return lines


def nearest_units(written: str, units: tuple[str, ...]) -> tuple[str, ...]:
    """The corpus's units sharing the most characters with ``written`` (市教委 → units with 市, 委), best first."""
    scored = sorted(((len(set(written) & set(unit)), unit) for unit in units), key=lambda s: (-s[0], s[1]))
    return tuple(unit for shared, unit in scored if shared)


def _purpose_lines(written: str, scope: Scope) -> list[str]:
    subject = readable(written)
    if subject is None:
        return [UNREADABLE]
    lines = [f"语料库中没有关于“{subject}”的项目或资金明细，不以其他项目或单位的合计代答。"]
    found = mentions(subject, scope)
    if found:
        lines.append("相关的字词只出现在这些申报表的正文里（不是该项资金）：" + "、".join(found) + "。")
    return lines


def kind_lines(kind: str, scope: Scope) -> list[str]:
    """老年助餐: no declaration is of that kind, so there is no precedent; where its words occur, and the nearest names."""
    said = readable(kind)
    if said is None:
        return [UNREADABLE]
    kind = said
    lines = [f"语料库中没有“{kind}”类项目的申报表，没有可引用的先例，不以其他项目的内容代答。"]
    if found := mentions(kind, scope):
        lines.append("相关的字词只出现在这些申报表的正文里（不是这类项目）：" + "、".join(found) + "。")
    near = [name for share, _, name in project_names(scope.lexicon).best(kind)[:3] if share > NEAR]
    if near:
        lines.append("名称最接近的项目：" + "、".join(_with_years(name, scope) for name in near) + "。")
    else:
        projects = scope.lexicon.projects
        lines.append(f"语料库中没有名称相近的项目；现有项目 {len(projects)} 个，例如：{'、'.join(projects[:DIGEST])}。")
    return lines


def _project_lines(cues: Cues, scope: Scope) -> list[str]:
    said = readable(cues.unknown_project or "")
    if said is None:
        return [UNREADABLE]
    lines = [f"语料库中没有“{said}”这个项目的申报表，不以其他项目的数字代答。"]
    if cues.candidates:
        lines.append("名称最接近的项目：" + "、".join(_with_years(name, scope) for name in cues.candidates) + "。")
    else:
        projects = scope.lexicon.projects
        lines.append(f"现有项目 {len(projects)} 个，例如：{'、'.join(projects[:DIGEST])}。")
    return lines


def mentions(subject: str, scope: Scope, limit: int = 3) -> list[str]:
    """The declarations whose text holds the subject or most of its two-character words (换届, 选举), best first,
    as ``“名称”（年度，“换届”“选举”）``; empty when none holds an informative one."""
    pairs = [subject[i : i + 2] for i in range(len(subject) - 1)]
    pairs = [
        p for p in dict.fromkeys(pairs) if informative(p + "之") and not any(c in _FUNCTION or c.isdigit() for c in p)
    ]
    scored = []
    for decl in scope.corpus.declarations:
        text = _text_of(decl)
        held = [p for p in pairs if p in text]
        if subject in text or held:
            scored.append((subject in text, len(held), decl, held))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2].id))
    return [
        f"“{d.header.name}”（{d.header.year or '年度不详'}年，{''.join(f'“{p}”' for p in held or [subject])}）"
        for _, _, d, held in scored[:limit]
    ]


_FUNCTION = set("的了是在和与及或之其")


def _text_of(decl: Declaration) -> str:
    parts = [decl.header.name, *(s.text for s in decl.sections), *(i.name for i in decl.indicators)]
    return "\n".join([*parts, *(line.name for line in decl.budget_lines)])


def _with_years(name: str, scope: Scope) -> str:
    years = scope.lexicon.years_of(name)
    return f"“{name}”（{'、'.join(f'{y}年' for y in years)}）" if years else f"“{name}”"


def _refusal(question: str, cues: Cues, lines: list[str], scope: Scope) -> Answer:
    route = Route.STRUCTURED if cues.target else Route.RETRIEVAL
    return Answer(question=question, text="\n".join([*lines, *holdings(None, scope)]), route=route, refused=True)


def ambiguous_answer(question: str, cues: Cues, scope: Scope) -> Answer:
    """Which of the projects a short name fits is meant, each with its years and units: never a figure for all."""
    written = next((w for w, _ in cues.matched), cues.project or "")
    fits = [f"- {name}（{_filed(name, scope)}）" for name in cues.ambiguous]
    if cues.target in (Target.LIST_PROJECTS, Target.COUNT_PROJECTS):  # 运维的项目有哪些: the projects are the answer
        head = f"与问题中的“{written}”相符的项目有 {len(fits)} 个："
        return Answer(question=question, text="\n".join([head, *fits]), route=Route.STRUCTURED)
    lines = [
        f"问题中的“{written}”{f'（{cues.matched_how}）' if cues.matched_how else ''}可能指以下项目，"
        "请问是哪个项目？请写出其中一个的名称（或年度、单位）再问：",
        *fits,
    ]
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, refused=True)


def _filed(name: str, scope: Scope) -> str:
    """``2023年、2026年；中共上海市委组织部``: the years and units of the forms filed under a project's name."""
    decls = [d for d in scope.corpus.declarations if d.header.name == name]
    years = "、".join(f"{y}年" for y in sorted({d.header.year for d in decls if d.header.year}))
    units = "、".join(dict.fromkeys(u for d in decls for u in units_of(d))) or "单位未填"
    return f"{years or '年度未填'}；{units}"


def settled(cues: Cues, scope: Scope) -> Cues:
    """组织部的运维联系人是谁, 26年运维 运维工作完成及时率: of the projects a short name fits, the one whose forms (in
    the years asked) the unit filed or the indicator named is on; the cues as they are where none or several are."""
    if not cues.ambiguous or (cues.unit is None and cues.indicator_name is None):
        return cues
    held = [
        name
        for name in cues.ambiguous
        if any(
            (cues.unit is None or cues.unit in units_of(d))
            and (cues.indicator_name is None or any(cues.indicator_name in i.name for i in d.indicators))
            for d in _forms(name, cues, scope)
        )
    ]
    if len(held) != 1:
        return replace(cues, ambiguous=tuple(held)) if len(held) > 1 else cues
    return replace(cues, project=held[0], ambiguous=(), project_years=len(scope.lexicon.years_of(held[0])))


def _forms(name: str, cues: Cues, scope: Scope) -> list[Declaration]:
    return [
        d
        for d in scope.corpus.declarations
        if d.header.name == name and (not cues.years or d.header.year in cues.years)
    ]


# 这个项目, 该项目, 那个项目, 这个的, 它: a pointer at one project (其它 is "other", 它们 several).
_POINTER = re.compile(r"[这那该此本]个?项目|上述项目|这个的|那个的|(?<![其])它(?!们)")


def points_nowhere(question: str, cues: Cues) -> bool:
    """这个项目有几个指标 with no project named and none discussed before: it points at nothing."""
    named = (cues.project, cues.declaration_id, cues.versus, cues.unit, cues.mentions, cues.project_type, cues.category)
    described = cues.unknown_project or cues.ambiguous  # 档案馆改造那个项目: absent; 阵地建设那个项目: which of them
    unranked = RANKED_ONE.sub(r"\1的", "".join(question.split()))  # 最多的那个项目: the ranking's winner
    return _POINTER.search(unranked) is not None and not any(named) and not described


def which_project(question: str, scope: Scope) -> Answer:
    """The answer to a pointer at nothing: which project is meant, never a figure for all of them."""
    written = found.group() if (found := _POINTER.search(question)) else "这个项目"
    lines = [
        f"问题中的“{written}”没有指明是哪个项目（前面也没有谈到某个项目），不以全部项目代答。",
        ask_which(scope, "有几个指标？"),
        *holdings(None, scope),
    ]
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, refused=True)


def ask_which(scope: Scope, asked: str) -> str:
    """请问是哪个项目？, with an example question on a project the corpus holds (its first), never a fixed name."""
    projects = scope.lexicon.projects
    example = f"，例如“{projects[0]}{asked}”" if projects else ""
    return f"请问是哪个项目？请写出项目名称再问{example}。"


def scope_line(cues: Cues, query: Query, scope: Scope) -> str | None:
    """``范围：2019年 · “上海人大…经费”（问题中的“信访平台”）``: what the answer is about, and how a short
    name was matched; None for questions across every declaration with nothing matched."""
    described = describe(query.filters, scope.policies)
    if query.versus_id and query.filters.declaration_id:  # two forms named apart (qa/sides.py): by id, with year
        titles = {d.id: f"{d.header.name}（{d.header.year}，{d.id}）" for d in scope.corpus.declarations}
        described = f"{titles.get(query.filters.declaration_id)} 与 {titles.get(query.versus_id)}"
    elif query.versus:
        described += f" 与 “{query.versus}”"
    matched = cues.matched_how or "；".join(f"由问题中的“{written}”匹配" for written, _ in cues.matched)
    if described == "全部申报表" and not matched:
        return None
    return f"范围：{described}" + (f"（{matched}）" if matched else "")
