"""A 自评表's indicator table in a PDF's text where each column came as a run of its own (普陀).

The text layer of some PDFs gives the table column by column: the header words with the first row's name among
them, the values row after row (``=100% 100% 10 10 =100% 100% 20 20 及时 及时 20 20 …``), then the categories and
the other names, a name's last character sometimes on a line of its own (``与委托运营方合同完成 率``) and the
vertical ``绩 效 指 标`` one character a cell::

    一级指标 二级指标 数量指标 三级指标 与委托运营方结算完成 年度指标值 实际完成值 分值 得分 =100% 100% 10 10 …
    100 98.62 率 产出指标 质量指标 绩 效 指 标 时效指标 … 场馆开放满意度 总分

The order still pairs them where the counts agree: the value groups (as many cells as the header has value
columns, 分值 and 得分 numbers) in row order, the names in row order, one 二级 category per row; each row's 一级 is
the written 一级 its 二级 belongs to. Where the number of groups, names and 二级 categories differ, nothing is
read here (the caller's reader notes the rows it cannot place).
"""

from __future__ import annotations

from assistant.domain import framework
from assistant.ingest.selfeval_cells import INDICATOR_HEADER, NUMERIC, TEXTS, cell_key
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_slots import level_term

_END = frozenset({"总分", "合计"})
_VALUE_COLUMNS = ("target", "actual", "weight", "score")


def column_runs(tokens: list[WebCell | None], start: int) -> tuple[list[dict[str, str]], int] | None:
    """(rows as {level1, level2, name, target, actual, weight, score}, the index after the table) for the table
    whose header starts at ``tokens[start]`` (一级指标), or None where the columns' runs do not pair one way."""
    span: list[WebCell] = []
    k = start
    while k < len(tokens):
        token = tokens[k]
        k += 1
        if token is None or not token.text:
            continue
        if cell_key(token.text) in _END or cell_key(token.text) in TEXTS:
            k -= 1
            break
        span.append(token)
    header = [i for i, c in enumerate(span) if cell_key(c.text) in INDICATOR_HEADER]
    columns = [INDICATOR_HEADER[cell_key(span[i].text)] for i in header]
    values = [c for c in columns if c not in {"level1", "level2", "name"}]
    if not header or tuple(values) != _VALUE_COLUMNS[: len(values)] or len(values) < 2:
        return None
    groups, after = _groups(span, header[-1] + 1, len(values))
    used = set(header) | set(range(header[-1] + 1, after))
    rest = [(i, c) for i, c in enumerate(span) if i not in used]
    terms = [c.text for _, c in rest if level_term(c.text)]
    names = _names(span, [i for i, c in rest if not level_term(c.text) and not NUMERIC.match(c.text.replace(",", ""))])
    level2 = [t for t in terms if _is_level2(t, terms)]
    if not groups or not len(groups) == len(names) == len(level2):
        return None
    level1 = [t for t in terms if t not in level2]
    rows = []
    for group, name, two in zip(groups, names, level2, strict=True):
        rows.append(
            {
                "level1": written_level1(two, level1),
                "level2": two,
                "name": name,
                **dict(zip(values, group, strict=True)),
            }
        )
    return rows, k


def written_level1(level2: str, terms: list[str]) -> str:
    """The written 一级 (among ``terms``) the framework places ``level2`` under; "" where none is written."""
    placed = framework.normalise(None, level2).level1
    return next((t for t in terms if placed is not None and framework.normalise(t, None).level1 is placed), "")


def _groups(span: list[WebCell], at: int, width: int) -> tuple[list[list[str]], int]:
    """The value groups from ``span[at]``: ``width`` cells each, its 分值 and 得分 (the last two) numbers."""
    groups: list[list[str]] = []
    while at + width <= len(span):
        group = [c.text for c in span[at : at + width]]
        if any(level_term(t) for t in group) or not all(NUMERIC.match(t.replace(",", "")) for t in group[2:]):
            break
        groups.append(group)
        at += width
    return groups, at


def _names(span: list[WebCell], at: list[int]) -> list[str]:
    """The name cells (``span[i]`` for ``i`` in ``at``) in order: a lone character joins the name before it
    (``与委托运营方合同完成`` / ``率``); lone characters standing next to each other in the span (the vertical
    ``绩 效 指 标``) are the table's side label and dropped."""
    names: list[str] = []
    for i in at:
        text = span[i].text
        if len(text) > 1:
            names.append(text)
            continue
        beside = [span[j].text for j in (i - 1, i + 1) if 0 <= j < len(span)]
        if names and not any(len(t) == 1 for t in beside):
            names[-1] += text
    return names


def _is_level2(term: str, terms: list[str]) -> bool:
    if not framework.is_level2_term(term):
        return False
    return not framework.is_level1_term(term) or "产出指标" in terms
