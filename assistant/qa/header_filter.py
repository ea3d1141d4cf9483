"""Projects selected by a header field's value (issue 24): 资金用途勾了信息化建设类的项目有哪些, 项目性质是其他一次性项目
的有几个, 23年项目类别属于特定目标类的.

The value asked is one of the options or texts the forms' 资金用途 / 项目类型 / 项目性质 / 项目类别 hold. Only a
ticked box counts; a form without the field asked is read by the field the field lookups stand in for it (a 2019
form's 项目类型 for 项目性质, with the same options), and the answer says so; a form whose boxes the export lost
(parse note header.checkbox_lost) is neither counted nor left out silently: 无法判断, named.
"""

from __future__ import annotations

import re

from assistant.domain.model import CheckboxField, Declaration
from assistant.domain.refs import header_citation
from assistant.qa.cues import Cues
from assistant.qa.fields import STAND_INS
from assistant.qa.models import Answer, HeaderField, Route, Row
from assistant.qa.scope import Scope, forms_in_scope

_FIELDS = (HeaderField.NATURE, HeaderField.CATEGORY, HeaderField.FUND_USE, HeaderField.PROJECT_TYPE)
# the words a question names a field by (longest first: 项目性质 before 性质)
_NAMED = (
    ("资金用途", HeaderField.FUND_USE),
    ("用途", HeaderField.FUND_USE),
    ("项目类型", HeaderField.PROJECT_TYPE),
    ("项目性质", HeaderField.NATURE),
    ("性质", HeaderField.NATURE),
    ("项目类别", HeaderField.CATEGORY),
    ("类别", HeaderField.CATEGORY),
)
_TICKED = re.compile(r"勾|打钩|打对号|选了|选的|选择了")
_LIST = re.compile(r"哪些|哪几|哪个|有谁|都是|都有|列一?下|列出|清单|名单")
_COUNT = re.compile(r"几个|几项|几份|多少个|多少项|多少份|数量")


def _options(scope: Scope) -> dict[str, set[HeaderField]]:
    """Every value a form's header holds for these fields (a checkbox field: each option's label)."""
    found: dict[str, set[HeaderField]] = {}
    for decl in scope.corpus.declarations:
        for field in _FIELDS:
            value = getattr(decl.header, field.value)
            labels = [o.label for o in value.options] if isinstance(value, CheckboxField) else [value] if value else []
            for label in labels:
                found.setdefault(str(label), set()).add(field)
    return found


def _asked(question: str, scope: Scope) -> tuple[str, HeaderField] | None:
    """(the value asked, the field asked for it), or None where the question names no value with a field word."""
    options = _options(scope)
    values = sorted((v for v in options if len(v) >= 4 and v in question), key=len, reverse=True)
    if not values:
        return None
    value = values[0]
    named = next((f for w, f in _NAMED if w in question), None)
    if named is None and _TICKED.search(question):  # 哪些项目勾选了信息化建设类: the field whose box it is
        named = next((f for f in _FIELDS if f in options[value]), None)
    return (value, named) if named is not None else None


def _read_from(value: str, cues: Cues) -> bool:
    """Whether the project the cues name was read from the value asked (信息化建设类 → 信息化建设项目), not named."""
    written = [w for w, _ in cues.matched] + re.findall(r"“(.+?)”匹配", cues.matched_how or "")
    return any(w and (w in value or value in w) for w in written)


def _read(decl: Declaration, field: HeaderField, asked: str) -> tuple[HeaderField, list[str] | None] | None:
    """(the field read, its ticked labels or text; None: the boxes were lost), or None where the form has neither
    the field nor a stand-in that offers the value asked (a 2019 form's 项目类型 has no 特定目标类 box: its
    勾选 says nothing of 项目类别)."""
    for each in (field, STAND_INS.get(field)):
        if each is None:
            continue
        value = getattr(decl.header, each.value)
        if value is None or value == "":
            continue
        if each is not field and isinstance(value, CheckboxField) and asked not in {o.label for o in value.options}:
            continue
        if isinstance(value, CheckboxField):
            lost = any(n.code == "header.checkbox_lost" and n.field == f"header.{each.value}" for n in decl.parse_notes)
            return each, None if lost else list(value.selected)
        return each, [str(value)]
    return None


def _title(decl: Declaration) -> str:
    return f"{decl.header.name}（{decl.header.year or '年度不详'}）"


def header_filter(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """The projects whose header field holds the value asked, listed or counted; None for other questions."""
    counted = _COUNT.search(question) is not None
    if not (counted or _LIST.search(question)):
        return None
    asked = _asked(question, scope)
    if asked is None:
        return None
    value, field = asked
    if (cues.project or cues.declaration_id) and not _read_from(value, cues):
        return None  # a named project's field (党费系统的项目类型是一次性项目吗): the field lookup answers
    decls = forms_in_scope(cues, scope)
    hits: list[tuple[Declaration, HeaderField]] = []
    lost: list[tuple[Declaration, HeaderField]] = []
    lacking: set[int | None] = set()
    for decl in decls:
        read = _read(decl, field, value)
        if read is None:
            lacking.add(decl.header.year)
            continue
        if read[1] is None:
            lost.append((decl, read[0]))
        elif value in read[1]:
            hits.append((decl, read[0]))
    return _said(question, value, field, hits, lost, counted, lacking)


def _said(
    question: str,
    value: str,
    field: HeaderField,
    hits: list[tuple[Declaration, HeaderField]],
    lost: list[tuple[Declaration, HeaderField]],
    counted: bool,
    lacking: set[int | None],
) -> Answer:
    asked = f"{field.label}为“{value}”"
    if not hits and not lost:
        years = "、".join(f"{y or '年度不详'}年" for y in sorted(lacking, key=lambda y: y or 0))
        why = f"\n{years}的申报表没有“{field.label}”栏，其他栏也没有“{value}”这一选项，无从判断。" if lacking else ""
        return Answer(
            question=question,
            text=f"语料库中没有{asked}的项目（只计勾选或填写了该项的申报表）。{why}",
            route=Route.STRUCTURED,
            refused=True,
        )
    rows = [Row.for_project(d, f"{f.label}：{value}", header_citation(d)) for d, f in hits]
    head = f"{asked}的项目共 {len(hits)} 个（只计勾选或填写了该项的申报表）" + ("：" if hits else "。")
    lines = [head, *(f"{i}. {_title(d)} {header_citation(d).label}" for i, (d, _) in enumerate(hits, 1))]
    stood = sorted({(d.header.year, f) for d, f in [*hits, *lost] if f is not field}, key=lambda p: p[0] or 0)
    for year, used in stood:
        lines.append(f"{year or '年度不详'}年的申报表没有“{field.label}”栏，按其“{used.label}”的勾选计。")
    if lost:
        names = "、".join(f"{_title(d)}（{f.label}）" for d, f in lost)
        lines.append(f"另有 {len(lost)} 份申报表的勾选状态在导出时丢失，无法判断是否为“{value}”，未计入：{names}。")
    citations = list(dict.fromkeys([*(r.citation for r in rows), *(header_citation(d) for d, _ in lost)]))
    return Answer(
        question=question,
        text="\n".join(lines),
        route=Route.STRUCTURED,
        rows=rows,
        citations=citations,
        figure=f"{len(hits)} 个" if counted else None,
    )
