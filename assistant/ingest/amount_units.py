"""The unit a form names for its amounts, away from the figures themselves.

Published forms write plain figures (``1568.00``) and say once where the unit is: at the end of a label
(``资金总额（万元）``, ``项目资金/万元``), in a row-group label whose rows hold the amounts (``项目资金（万元） |
资金总额 | 1568.00`` then ``| | 其中：财政拨款 | 1568.00``), in a column header (``金额（万元）``) or in a line of
its own (``单位：万元``, ``金额单位：元``). These helpers find that unit; the readers apply it to the plain
figures under it (a figure written with its own unit, ``86万元``, keeps its own).

Lines under a table that explain it (``注：…``, ``说明：…``, ``填表说明：…``, ``备注：…``) are footnotes, never rows
(a form reader keeps a ``备注：…`` line as the form's 备注 section).
"""

from __future__ import annotations

import re

from assistant.ingest.cells import label_key

_UNIT_SUFFIX = re.compile(r"(?:[（(]\s*(?:(?:金额)?单位\s*[：:]\s*)?(万元|元)\s*[)）]|[/／]\s*(万元|元))$")
_UNIT_MARKER = re.compile(r"(?:单位[：:]|^[（(]|^金额[（(]|^金额[/／])(?P<unit>万元|元)[)）]?$")
_MARKER_MAX = 24  # a longer cell naming a unit is a sentence, not a marker
FOOTNOTE = re.compile(r"^(?:注|说明|填表说明|附注|备注)\s*\d?\s*[:：]")
REMARK = re.compile(r"^备注\s*[:：]\s*(?P<text>\S.*)$")


def unit_of(label: str) -> str | None:
    """The unit a label names at its end: ``资金总额（万元）`` → 万元, ``项目资金/元`` → 元, else None."""
    found = _UNIT_SUFFIX.search(label_key(label))
    return (found[1] or found[2]) if found else None


def without_unit(key: str) -> str:
    """A label key without the unit at its end (``项目资金（万元）`` → ``项目资金``)."""
    return _UNIT_SUFFIX.sub("", key)


def unit_marker(text: str) -> str | None:
    """万元 or 元 for a cell that only names the unit of the amounts after or under it (``单位：万元``,
    ``金额单位:元``, ``（万元）``, ``金额（万元）``); None for anything else."""
    key = label_key(text)
    found = _UNIT_MARKER.search(key)
    if found is None or (len(key) > _MARKER_MAX and not key.startswith(("填报单位", "编制单位"))):
        return None
    return found["unit"]


def is_footnote(text: str) -> bool:
    """``注：…``, ``注1：…``, ``说明：…``, ``备注：…``: a line explaining the table above it."""
    return bool(FOOTNOTE.match(text.strip()))
