"""A change asked with one year written (信息化运维效益指标今年去掉了几条, 26年添了几条): the year written is measured
against the one project's filing just before it, the year an officer compares with (issue 24)."""

from __future__ import annotations

from dataclasses import replace

from assistant.qa.cues import Cues
from assistant.qa.lexicon import Lexicon
from assistant.qa.models import Target


def year_before(cues: Cues, lexicon: Lexicon) -> Cues:
    """The cues of a change of one named project with one year asked, with the project's latest filed year before
    it added after it (the year written is measured against it); other cues unchanged, and so where the project was
    filed in no earlier year (the answer then says only one year has a figure)."""
    if cues.target is not Target.COMPARE_YEARS or len(cues.years) != 1 or not cues.project or cues.versus:
        return cues
    earlier = [year for year in lexicon.years_of(cues.project) if year < cues.years[0]]
    return replace(cues, years=(cues.years[0], max(earlier))) if earlier else cues
