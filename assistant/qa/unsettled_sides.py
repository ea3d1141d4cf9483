"""A comparison whose second side fits several projects (issue 24): ``A比B多拨了多少`` where B's words are in
the names of two projects of that year. `scope_pairs.lone_side` pairs a side that names one project and refuses one
that names none; a side that fits several is neither, and answering with the one project read would give a one-sided
figure as the difference. `unsettled_side` answers it instead: which projects the side fits, and that the difference
is not computed until the side is named.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.qa.conditions import kind_phrase
from assistant.qa.entities import match as match_name
from assistant.qa.fillers import without_fillers
from assistant.qa.intents import intent_words
from assistant.qa.models import Answer, Route, Target
from assistant.qa.reading import project_names, without_chatter
from assistant.qa.scope_pairs import _ASKED, _ASKS, _JOIN, PAIRED

if TYPE_CHECKING:
    from assistant.qa.cues import Cues
    from assistant.qa.scope import Scope

_LISTED = 6  # names listed in the answer at most
_VERB = re.compile(r"(?:给|拨|批|要|花|报|申请)+$")  # 比B多给多少: the money's verb, no part of the side


def unsettled_side(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """The answer to a comparison of one project read with a side that fits several projects of the years asked;
    None where the question is no such comparison (or its other side is settled, or names nothing)."""
    named = cues.project is not None or cues.declaration_id is not None
    if not named or cues.versus or cues.versus_id or cues.unknown_project or len(cues.years) >= PAIRED:
        return None
    if cues.target in (Target.SHARE, Target.AVERAGE) or not _ASKS.search(cues.rest) or not _JOIN.search(cues.rest):
        return None
    for side, fits in _sides(cues, scope):
        return _answer(question, cues, side, fits)
    return None


def _sides(cues: Cues, scope: Scope) -> list[tuple[str, list[str]]]:
    names = project_names(scope.lexicon)
    held = {d.header.name for d in scope.corpus.declarations if not cues.years or d.header.year in cues.years}
    found = []
    for segment in _JOIN.split(cues.rest):
        core = without_fillers(without_chatter(intent_words(without_fillers(segment))))
        kind = kind_phrase(_VERB.sub("", _ASKED.sub("", core)))
        if kind is None or len(kind) < PAIRED:
            continue
        one, tied = match_name(names.trim(kind), names)
        fits = [n for n in tied if n != cues.project and n in held]
        if one is None and len(fits) >= PAIRED:
            found.append((kind, fits))
    return found


def _answer(question: str, cues: Cues, side: str, fits: list[str]) -> Answer:
    years = "、".join(f"{y}年" for y in cues.years)
    listed = "；".join(f"“{n}”" for n in fits[:_LISTED]) + ("等" if len(fits) > _LISTED else "")
    lines = [
        f"问题比较的另一方“{side}”对应{years}的不止一个项目：{listed}。",
        f"无法确定与“{cues.project}”比较的是哪一个，因此不给出差额（只给一方的数字会误导）。",
        "请写明要比较的项目全称再问。",
    ]
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, refused=True)
