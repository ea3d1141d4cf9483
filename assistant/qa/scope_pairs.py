"""The sides of a comparison the names alone do not give (issue 24, sealed8).

- ``scoped_pair``: 闵行那俩 当年财政拨款差多少, 20年那两个 哪个指标多. The words 那俩/这两个 (`sides.PAIR`) with a unit, a
  year or a tier and no project named mean the two forms that scope holds, compared with each other, not the scope's
  years against each other (nor the last two projects discussed): the cues comparing them by id (as `sides.pair`).
- ``lone_side``: 换届选举那项比机关服务费多出多少钱. One project read, and the other side of 比/和/跟 words that name no
  project of the corpus: that side is a project the corpus lacks (``unknown_project``), so the comparison is
  refused, never answered with the one project's figure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.qa.conditions import is_known, kind_phrase
from assistant.qa.cues import CUT, MONEY, Cues
from assistant.qa.entities import match as match_name
from assistant.qa.fillers import without_fillers
from assistant.qa.intents import intent_words
from assistant.qa.lexicon import vocabulary
from assistant.qa.models import Filters, Measure, Target
from assistant.qa.reading import project_names, without_chatter
from assistant.qa.select import select
from assistant.qa.sides import PAIR, asks_pair, pair

if TYPE_CHECKING:
    from assistant.qa.scope import Scope

PAIRED = 2  # forms a scope must hold for 那俩 to point at them


def scoped_pair(question: str, cues: Cues, scope: Scope) -> Cues:
    """闵行那俩…差多少: the two forms of the scope written (unit, years, tier, kind), compared; 市政协那俩: words before
    那俩 that name nothing the corpus holds are a subject it lacks (``unknown_subject``: refused); else ``cues``."""
    named = cues.project or cues.declaration_id or cues.versus or cues.versus_id
    if not cues.refers_to_pair or named or _absent(cues):
        return cues
    scoped = cues.unit or cues.years or cues.tier or cues.project_type or cues.category or cues.it_only
    if not scoped and (unknown := _before_pair(question, scope)) is not None:
        return replace(cues, unknown_subject=unknown)
    if not asks_pair(cues) or not scoped:
        return cues  # 这两个哪个钱多 with no scope: the last two projects discussed (`Conversation.resolve`)
    filters = Filters(
        years=cues.years,
        unit=cues.unit,
        more_units=cues.more_units,
        tier=cues.tier,
        project_type=cues.project_type,
        category=cues.category,
        it_only=cues.it_only,
    )
    found = select(scope.corpus, filters, scope.policies)
    if len(found) != PAIRED:
        return cues
    return pair(cues, *found)


# 比, 和, 跟: where the two sides of a comparison meet; what it asks (多少, 哪个, 贵…) after them.
_JOIN = re.compile(f"[{re.escape(CUT + MONEY)}？?。，,！!、：:；;\\s]|对比|相比|比(?![例重率])|和|跟|与|同")
# 留的哪个号, 填的哪个日子: which value of a field, no second side
_ASKS = re.compile(r"比(?![例重率])|哪一?个(?!号|电话|手机|人|单位|部门|日子|日期|时间|月|年|名字)|谁|差|相差")
_ASKED = re.compile(
    r"一下|看看|看下|下|多|少|贵|便宜|高|低|大|小|出|差|额|距|哪个|谁|呢|吗|分别|各自|各|都|还是|一共|总共|又|再|也"
)


def lone_side(cues: Cues, scope: Scope) -> Cues:
    """换届选举和机关服务费哪个贵: a comparison with one project read, whose other side (what is left of the question
    between the words of comparing) names no project, term or indicator of the corpus: ``unknown_project`` set to
    it; else ``cues`` unchanged (two years, two projects, or nothing left beside the one project)."""
    named = cues.project is not None or cues.declaration_id is not None
    if not named or cues.versus or cues.versus_id or cues.unknown_project or len(cues.years) >= PAIRED:
        return cues
    if cues.target in (Target.SHARE, Target.AVERAGE):  # 占…的比例: one project against a total, no second side
        return cues
    if not _ASKS.search(cues.rest) or not _JOIN.search(cues.rest):
        return cues
    if (unknown := _unknown_words(cues.rest, scope)) is not None:
        return replace(cues, unknown_project=unknown, candidates=())
    if (other := _other_project(cues.rest, scope)) is not None and other != cues.project:  # 比党建服务那笔: that one
        measure = Measure.INDICATORS if "指标" in cues.rest else Measure.FUNDING
        written = (*cues.matched, (other[1], other[0]))
        return replace(cues, versus=other[0], target=Target.COMPARE_PROJECTS, measure=measure, matched=written)
    return cues


def _other_project(rest: str, scope: Scope) -> tuple[str, str] | None:
    """The one project (its name, and the words read) a run of ``rest`` names that the reading left unresolved
    (党建服务那笔: 党建服务工作经费), or None."""
    names = project_names(scope.lexicon)
    for segment in _JOIN.split(rest):
        core = without_fillers(without_chatter(intent_words(without_fillers(segment))))
        kind = kind_phrase(_ASKED.sub("", core))
        if kind is None or len(kind) < PAIRED:
            continue
        found, tied = match_name(names.trim(kind), names)
        if found is not None and not tied:
            return found.name, kind
    return None


def _unknown_words(rest: str, scope: Scope) -> str | None:
    """The first run of ``rest`` (between the words of comparing and the cuts) that, less chatter and filler words,
    names no project, term or indicator of the corpus (换届选举, 市政协); None where every run is empty or known."""
    names, known = project_names(scope.lexicon), vocabulary(scope.lexicon)
    for segment in _JOIN.split(rest):
        core = without_fillers(without_chatter(intent_words(without_fillers(segment))))  # 那笔多出来多少: nothing
        kind = kind_phrase(_ASKED.sub("", core))
        if kind is None or len(kind) < PAIRED or any(kind in term for term in known):
            continue
        if not is_known(kind, names):
            return kind
    return None


_RUN_BEFORE = re.compile(r"[\u4e00-\u9fff]+$")


def _before_pair(question: str, scope: Scope) -> str | None:
    """市政协那俩: the words written just before 那俩/这两个 when they name nothing the corpus holds; else None."""
    text = "".join(question.split())
    found = PAIR.search(text)
    run = _RUN_BEFORE.search(text[: found.start()]) if found else None
    return _unknown_words(run.group(), scope) if run else None


def _absent(cues: Cues) -> bool:
    said = (cues.unknown_unit, cues.unknown_district, cues.unknown_subject, cues.unknown_project, cues.unknown_kind)
    return any(said)
