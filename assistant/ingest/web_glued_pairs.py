"""Header lines that ran several label/value pairs together when a page was copied (Chongqing's 重点项目绩效目标表,
江津: ``预算单位重庆市…办事处项目主管部门重庆市…办事处项目名称市政日常维护经费``, a row of six cells on one line).

`web_glued_lines` cuts a line after the label it starts with; here the value is cut again before each further known
label, but only the value of a short field (a unit, a name, a date, an amount, a category): a text section's value
(项目概况 …) runs to the end of its line, whatever words it holds. A group label (项目资金 …) is no edge inside a value.

`joined_lines` mends what the copy wrapped before the lines are cut: a label broken over two lines (``项目`` /
``实施进度计划``), and a label that ends its line with its unit and value on the lines below (``…项目申报金额`` /
``(万元)`` / ``2243.02``). Nothing is guessed: a piece no label starts stays one cell of its own.
"""

from __future__ import annotations

import re

from assistant.domain.model import Layout
from assistant.ingest.cells import is_amount
from assistant.ingest.labels import FieldKind
from assistant.office.reader import find_label, label_words

_MAX_LINE = 300  # a header row is short: a longer line is a text, never cut inside its value (bounded work)
_MAX_WRAPPED = 4  # characters of a label's first half left alone on its line (项目)
_MARK = re.compile(r"\s*[（(](?:万元|元|公章|盖章)[)）]")
_UNIT_LINE = re.compile(r"^\s*[（(](?:万元|元)[)）]\s*$")
_EDGE_KINDS = frozenset({FieldKind.GROUP, FieldKind.SUBLABEL, FieldKind.SECTION})
_SPECIAL = {"项目名称", "主管部门", "实施单位"}
LABELS = sorted((w for w in label_words() if len(w) >= 4 or w in _SPECIAL), key=len, reverse=True)


def label_at(text: str, at: int) -> str | None:
    """The longest known label that starts at ``at`` in ``text``, or None."""
    return next((w for w in LABELS if text.startswith(w, at)), None)


def split_pairs(text: str) -> list[str]:
    """``[label, value, label, value, …]`` for a line that starts with a known label, each short field's value cut
    before the next known label it holds; ``[text]`` for a line that starts with none. A value may be empty (a label
    that ends the line)."""
    at = len(text) - len(text.lstrip())
    label = label_at(text, at)
    if label is None:
        return [text]
    pieces: list[str] = []
    while label is not None:
        end = at + len(label)
        if (mark := _MARK.match(text, end)) is not None:  # 项目申报金额(万元): the unit belongs to the label
            label, end = text[at : mark.end()].strip(), mark.end()
        start = end + len(text[end:]) - len(text[end:].lstrip(" :：\t"))
        cut = _next_label(text, start) if _cuttable(label) else None
        pieces += [label, text[start : cut or len(text)].strip()]
        at, label = (cut, label_at(text, cut)) if cut is not None else (len(text), None)
    return pieces


def _cuttable(label: str) -> bool:
    spec = find_label(label, Layout.MUNICIPAL_2021)
    return spec is not None and spec.kind not in _EDGE_KINDS


def _next_label(text: str, start: int) -> int | None:
    """Where the next label that may end a short value starts after ``start`` (its value not empty), or None."""
    if len(text) > _MAX_LINE:
        return None
    for at in range(start + 1, len(text)):
        found = label_at(text, at)
        if found is not None and _edge(found, text, at + len(found)):
            return at
    return None


def _edge(label: str, text: str, end: int) -> bool:
    """``label`` may start a field inside a value: not a group, and an amount's or a date's label only where a figure
    (or the line's end) follows it (``…财政资金监管平台`` is a name's words, ``项目申报金额(万元)2243.02`` a field)."""
    spec = find_label(label, Layout.MUNICIPAL_2021)
    if spec is None or spec.kind in {FieldKind.GROUP, FieldKind.SUBLABEL}:
        return False
    if spec.kind not in {FieldKind.AMOUNT, FieldKind.DATE}:
        return True
    mark = _MARK.match(text, end)
    rest = text[mark.end() if mark else end :].lstrip(" :：\t")
    return not rest or rest[0].isdigit() or label_at(rest, 0) is not None


def joined_lines(lines: list[str], first: int) -> list[tuple[int, str]]:
    """``lines`` (the first numbered ``first``) as (number, text), a label wrapped over two lines joined, and a label
    that ends its line joined with its unit (``(万元)``) and its value on the lines below: a figure, or a line no label
    starts. Only where the join makes a known label or gives one its value; a join keeps its first line's number."""
    out: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number, raw in enumerate(lines, start=first):
        line = raw.strip()
        if pending is not None:
            at, before = pending
            if _wrapped_label(before, line) or (_UNIT_LINE.match(line) and _ends_with_label(before)):
                pending = (at, before + line)
                continue
            if line and _ends_with_label(before) and (is_amount(line) or label_at(line, 0) is None):
                out.append((at, before + line))
                pending = None
                continue
            out.append(pending)
        pending = (number, line)
    return [*out, pending] if pending is not None else out


def _wrapped_label(line: str, nxt: str) -> bool:
    """``项目`` / ``实施进度计划…``: a line too short to be a field, no label itself, that makes one with the next."""
    if not line or len(line) > _MAX_WRAPPED or label_at(line, 0) is not None or not nxt:
        return False
    found = label_at(line + nxt, 0)
    return found is not None and len(found) > len(line)


def _ends_with_label(line: str) -> bool:
    """The line's last label has no value (``…项目申报金额``, ``项目申报金额(万元)``, ``项目实施进度计划``)."""
    pieces = split_pairs(line)
    return len(pieces) >= 2 and not pieces[-1]
