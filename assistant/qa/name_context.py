"""Project names read with what else the question says (issue 24, sealed10): a short name that several projects fit
alike (运维: 信息化运维项目 and …网络体系运维) is the one filed in the year asked; a unit's short name, then what the
project does, then 那个平台/系统 (闵行算…那个平台) is the one project whose text holds the described words."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.content_names import match_content
from assistant.qa.cues import Cues
from assistant.qa.entities import Resolution
from assistant.qa.intents import CHANGE_WORDS
from assistant.qa.lexicon import Lexicon
from assistant.qa.models import Target


def changes_between(cues: Cues, full: str) -> bool:
    """Whether the question asks a change between two years or more (26年比23年降了多少)."""
    return len(cues.years) >= 2 and CHANGE_WORDS.search(full) is not None


def one_in_years(
    resolution: Resolution, cues: Cues, lexicon: Lexicon, *, every: bool = False
) -> tuple[str, str] | None:
    """A short name several projects fit alike (运维), with years asked: the one of them filed in those years, with the
    phrase; None where none or several are. ``every``: a change between the years asked (运维那笔26年比23年降了多少),
    which only a project filed in each of them has."""
    if not cues.years or not resolution.alike or resolution.alike_phrase is None:
        return None
    held = [name for name in resolution.alike if set(lexicon.years_of(name)) & set(cues.years)]
    if every and len(held) > 1:
        held = [name for name in held if set(cues.years) <= set(lexicon.years_of(name))]
    return (held[0], resolution.alike_phrase) if len(held) == 1 else None


def unit_then_described(described: re.Match[str] | None, cues: Cues, lexicon: Lexicon) -> Cues | None:
    """闵行算党员先锋指数那个平台: a unit's short name, then what the project does, then 那个平台/系统: the one project
    whose content holds the described words (a clear winner only, never a name's part); None else."""
    if described is None:
        return None
    phrase = described.group(1)
    found = match_content(phrase, lexicon.contents)
    if found is None or found.winner is None:
        return None
    # the unit's short name was taken from the text already: the words left are what was read as the project
    written = next((phrase[len(a) :] for a, _ in lexicon.unit_aliases() if phrase.startswith(a)), phrase)
    return replace(
        cues,
        project=found.winner.name,
        unknown_project=None,
        candidates=(),
        matched=((written, found.winner.name),),
        matched_how=found.how,
        project_years=len(lexicon.years_of(found.winner.name)),
    )


def alike_unsettled(resolution: Resolution, cues: Cues, lexicon: Lexicon) -> Cues | None:
    """运维联系人是谁, 2026年运维花了多少钱: a short name several projects fit alike, and no year asked narrows it to one:
    those projects are offered to choose from (``ambiguous``), never every form's sum, field or list answered; None
    where no phrase fits several alike, or one of them is filed in the years asked (``one_in_years`` took it)."""
    if not resolution.alike or resolution.alike_phrase is None:
        return None
    held = tuple(name for name in resolution.alike if not cues.years or set(lexicon.years_of(name)) & set(cues.years))
    if len(held) < 2:  # one: ``one_in_years`` took it; none (2024年的运维): the year is refused as absent
        return None
    return replace(cues, ambiguous=held, matched=((resolution.alike_phrase, held[0]),))


# What lists rows of a project, for each of two projects a short name fits alike (never a single figure)
# (都有哪些 read before the name as the indicators forms commonly set: with a name, that project's list)
_LISTED = (Target.LIST_INDICATORS, Target.LIST_ROWS, Target.COMMON_INDICATORS)


def each_listed(cues: Cues) -> Cues:
    """运维那笔 质量指标列一下: a list asked of a short name two projects fit alike (in the years asked) lists each
    project's rows under its name (``project`` and ``versus``) rather than asking which; a figure (几条, 多少钱) is
    still asked back, never given for both together. Other cues unchanged."""
    if cues.target not in _LISTED or len(cues.ambiguous) != 2 or cues.versus or cues.versus_id:
        return cues
    first, second = cues.ambiguous
    target = Target.LIST_INDICATORS if cues.target is Target.COMMON_INDICATORS else cues.target
    return replace(cues, project=first, versus=second, ambiguous=(), target=target)
