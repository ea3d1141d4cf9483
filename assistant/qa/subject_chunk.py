"""The project an officer names in a phrase of its own, set apart by a space (issue 24): ``23年运维 工作日出故障
运维的人多久得到现场``.

The parser reads the question with its spaces removed, so words of two phrases can run together into a part of an
indicator's name (故障 + 运维) and leave the project unread. Where the whole reading names no project, each
space-separated phrase is read alone where an indicator's name was read over a space (the phrases ran together): a
phrase that is nothing but a project (with its year) names the project of the question, and the other phrases are
read without it. Two such phrases, or one naming a project the corpus lacks, change nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from assistant.qa.cues import CUT, Cues
from assistant.qa.lexicon import Lexicon

_JOINING = re.compile(r"[和与及跟的、，,]")


def subject_chunk(question: str, cues: Cues, lexicon: Lexicon, *, today: date) -> Cues:
    """``cues`` with the project a phrase of its own names, where the whole reading named none."""
    from assistant.qa.parse import read_question  # parse calls this module with its own reading

    chunks = question.split()
    if len(chunks) < 2 or cues.project or cues.declaration_id or cues.versus or cues.ambiguous:
        return cues
    if not cues.indicator_name or any(cues.indicator_name in c for c in chunks):
        return cues  # only where a name read ran over a space: the phrases did run together
    if cues.unknown_project or cues.unknown_subject or cues.unknown_unit or cues.unknown_district:
        return cues
    named = []
    for chunk in chunks:
        alone = read_question(chunk, lexicon, today=today)
        left = _JOINING.sub("", alone.rest.replace(CUT, "")).strip()  # 23年和26年的信息化运维: 和, 的 join years
        whole = alone.project and not alone.ambiguous and not left
        if whole and (not alone.years or set(alone.years) <= set(cues.years)):
            named.append((chunk, alone))
    if len(named) != 1:
        return cues
    chunk, alone = named[0]
    rest = " ".join(c for c in chunks if c != chunk)  # the other phrases, read alone
    cues = replace(read_question(rest, lexicon, today=today), years=cues.years)
    return replace(cues, project=alone.project, matched=alone.matched, project_years=alone.project_years)
