"""Whether two projects named side by side write the same header value (issue 24): ``23年A跟23年B 项目类别是不是一样``,
``A和B的负责人是同一个吗``.

Each side is read alone (its year and its project). A side whose short name fits several forms of its year
(``26年运维``: two 2026 forms have 运维 in their names) is settled by the other side where exactly one of them
shares the longest head with the other side's name (``信息化建设跟运维``: 信息化 is said once for both, so 信息化运维项目);
else the question is not read here. The field of both forms is then shown; `alike.alike_line` says 一样 / 不一样.
"""

from __future__ import annotations

import re
from datetime import date
from os.path import commonprefix

from assistant.domain.model import Declaration
from assistant.qa.alike import ASKS_SAME
from assistant.qa.cues import Cues
from assistant.qa.execute import execute
from assistant.qa.lexicon import HEADER_TERMS
from assistant.qa.models import Answer, Filters, Query, Target
from assistant.qa.scope import Scope
from assistant.qa.select import select

_JOIN = re.compile(r"跟|和|与|同")
_EDGE = re.compile(r"[\s，,。？?、：:]")
_FIELD_WORDS = tuple(sorted((term for term, _ in HEADER_TERMS), key=len, reverse=True))
_LEAST_HEAD = 2  # the shared head that settles a side: at least two characters (信息化, 党员)


def same_field_of_two(question: str, cues: Cues, scope: Scope, today: date) -> Answer | None:
    """Both forms' header field where the question names two sides and asks whether they write the same; None where
    it does not, or a side is not one form."""
    if not cues.header_fields or cues.versus is not None or not ASKS_SAME.search(question):
        return None
    names = scope.lexicon.projects
    inside = [(m.start(), m.end()) for name in names for m in re.finditer(re.escape(name), question)]
    for join in _JOIN.finditer(question):
        if any(a <= join.start() < b for a, b in inside):  # the 和 of 组织部门建设和管理工作经费
            continue
        first, second = _before(question[: join.start()]), _after(question[join.end() :])
        sides = [_read(first, scope, today), _read(second, scope, today)]
        if any(not side for side in sides):
            continue
        a, b = _settle(sides[0], sides[1]), _settle(sides[1], sides[0])
        if a is None or b is None or a.id == b.id:
            continue
        filters = Filters(project=a.header.name, declaration_id=a.id)
        query = Query(
            target=Target.SHOW_FIELD,
            filters=filters,
            header_fields=cues.header_fields,
            versus=b.header.name,
            versus_id=b.id,
        )
        found = execute(query, question, scope)
        return None if found.refused else found
    return None


def _before(text: str) -> str:
    parts = _EDGE.split(text)
    return parts[-1] if parts else ""


def _after(text: str) -> str:
    side = _EDGE.split(text)[0]
    at = min((side.find(word) for word in _FIELD_WORDS if word in side), default=len(side))
    return side[:at].removesuffix("的")


def _read(phrase: str, scope: Scope, today: date) -> list[Declaration]:
    """The forms a side may be: the one its name and year select, or each form its short name fits in that year."""
    from assistant.qa.parse import read_question  # parse reads the whole question through this package

    if len(phrase) < 2:
        return []
    side = read_question(phrase, scope.lexicon, today=today)
    names = [side.project] if side.project else list(side.ambiguous)
    found = []
    for name in names:
        filters = Filters(years=side.years, unit=side.unit, project=name)
        found += select(scope.corpus, filters, scope.lexicon.policies)
    return found


def _settle(side: list[Declaration], other: list[Declaration]) -> Declaration | None:
    """The one form of ``side``; of several, the one sharing the longest head (≥ two characters) with the other
    side's one form."""
    if len(side) == 1:
        return side[0]
    if len(other) != 1:
        return None
    heads = sorted(((len(commonprefix([d.header.name, other[0].header.name])), d) for d in side), key=lambda h: -h[0])
    best = heads[0][0]
    if best < _LEAST_HEAD or sum(1 for length, _ in heads if length == best) > 1:
        return None
    return heads[0][1]
