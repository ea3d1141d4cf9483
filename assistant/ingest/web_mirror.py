"""A declaration on a document-mirror page (batch 9: a .doc or .xlsx turned into one line of cells separated by single
spaces, 残联's 区域绩效目标表): what the grid reader leaves after reading its name and year.

The page's grid reader cuts such a line at the labels it knows, so a field whose value is one word (``主管部门 省残联``)
runs on to the next label it does not know and swallows the rest of the form. Here, for a declaration read from a
page whose form stands on one long line with a 三级指标 header, and which has no indicator rows:

* the 主管部门 (or 实施单位) that runs on past its first word up to another label is cut at that word (noted);
* ``资金额度 4623 万`` (the region form's amount, 万 for 万元) is read as the amount where none was read (noted);
* the 三级指标 names that follow the header are read in order: the vertical labels (``绩 效 指 标``, ``产 出 指 标``)
  and category cells (``数量指标``, ``效果指`` / ``标``) are not names; a short piece right after a name that filled its
  cell (``…项目补助`` / ``基地个数``) is that name wrapped. The categories stand where the mirror put them, not beside
  their rows, and the values were cut off, so every row is read without 一级/二级 and without a value, and a note says
  so.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain import framework
from assistant.domain.model import Declaration, Indicator, NoteLevel, ParseNote
from assistant.domain.values import parse_value
from assistant.ingest.web_slots import level_term

_LONG = 200  # a form on one line of a mirror page is at least this long
_AMOUNT = re.compile(r"资金(?:额度|总额)\s*[（(]?\s*(万元|元)?\s*[)）]?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)?")
_LABELS = re.compile(r"资金额度|资金总额|年\s*度\s*总\s*体\s*目\s*标|实施单位|项目负责人|联系电话|一级\s*指标")
_TABLE_END = frozenset({"指标值", "年度指标值", "目标值"})
_WRAP_CELL = 15  # a name this long filled its cell's width: a short piece after it is its wrapped end
_WRAP_TAIL = 4


def mirrored(decl: Declaration, lines: list[str]) -> Declaration:
    """``decl`` with its unit, amount and indicator names read from the page's one long line; ``decl`` unchanged when
    the page has no such line or ``decl`` already has indicator rows."""
    line = next((x for x in lines if len(x) >= _LONG and "三级指标" in x), None)
    if line is None or decl.indicators:
        return decl
    notes: list[ParseNote] = []
    header = decl.header
    for field_name in ("department", "implementer"):
        value = getattr(header, field_name)
        if value and " " in value.strip() and _LABELS.search(value):
            first = value.split()[0]
            header = header.model_copy(update={field_name: first})
            notes.append(_note("web.mirror_unit", f"单位一栏连着其后的栏目和内容，只取第一段「{first}」", "header"))
    funding = decl.funding
    amounts = [v for v in funding.model_dump().values() if v is not None]
    if not amounts and (found := _AMOUNT.search(line)) is not None:
        unit = found[1] or found[3] or ""
        figure = Decimal(found[2].replace(",", ""))
        yuan = figure * 10000 if unit.startswith("万") else figure
        funding = funding.model_copy(update={"total": yuan})
        notes.append(
            _note(
                "web.mirror_amount",
                f"「{found[0].strip()}」读作资金总额 {yuan.normalize():f} 元"
                + ("（“万”按万元换算）" if unit == "万" else ""),
                "funding",
            )
        )
    names = indicator_names(line)
    indicators = [
        Indicator(
            position=k,
            line=decl.provenance.span.start if decl.provenance.span else 1,
            level1_written=None,
            level2_written=None,
            level1=None,
            level2=None,
            name=name,
            name_written=name,
            value=parse_value(""),
        )
        for k, name in enumerate(names, start=1)
    ]
    if indicators:
        notes.append(
            _note(
                "web.mirror_rows",
                f"文档转成网页时表格压成了一行：按顺序读出 {len(indicators)} 个三级指标名称；一级/二级类别的文字不在各行旁边、"
                "指标值已被截去，所以这些行未归类、没有指标值（不猜测）；请对照原表补录",
                "indicators",
            )
        )
    if not notes:
        return decl
    return decl.model_copy(
        update={
            "header": header,
            "funding": funding,
            "indicators": indicators,
            "parse_notes": [*decl.parse_notes, *notes],
        }
    )


def indicator_names(line: str) -> list[str]:
    """The 三级指标 names after the header's ``三级指标`` on ``line``, in order (see the module's docstring)."""
    at = line.find("三级指标")
    tokens = line[at + len("三级指标") :].split()
    names: list[str] = []
    k = 0
    after_name = False  # the token before this one was a name (a wrapped end can only follow its name)
    while k < len(tokens):
        token = tokens[k]
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
        if token in _TABLE_END:
            break
        if token == "指标" or level_term(token) is not None or len(token) == 1 or _category_start(token):
            k, after_name = k + 1, False
            continue
        if nxt and level_term(token + nxt) is not None:
            k, after_name = k + 2, False  # a category wrapped in its cell: 效果指 / 标, 社会效益 / 指标
            continue
        if after_name and len(names[-1]) >= _WRAP_CELL and len(token) <= _WRAP_TAIL:
            names[-1] += token
        else:
            names.append(token)
        k, after_name = k + 1, True
    return names


def _category_start(token: str) -> bool:
    """``token`` is the first part of a category the mirror cut around a name (``服务对象`` … ``满意度指标``)."""
    return len(token) >= 2 and any(t.startswith(token) and t != token for t in framework.level_terms())


def _note(code: str, message: str, field: str) -> ParseNote:
    return ParseNote(level=NoteLevel.WARNING, code=code, message=message, field=field)
