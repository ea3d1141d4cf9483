"""A 专项资金绩效目标表 whose PDF text lists a block of labels before any value (广东 2021: ``资金名称 省级业务主管部`` /
``门 资金类型 实施周期`` / ``战略领域 财政事权 政策任务`` / ``教育发展专项资金`` / ``… 广东省教育厅 专项资金 2020年-2022年``
/ ``一般公共预算安排77300万元`` / ``资金需求(万`` / ``2021年金额`` / … / ``三级指标 新建高校(校区) 工程质量达标率(%)`` /
``开工率(%)`` / ``年度目标值`` / ``7 100% 100%``).

The labels' own order does not pair them with the values, so only what the text proves is read, each noted:

* the name: the first line after the label block when it is one cell and the block's first label is the fund's or
  project's name (the first cell of the table's first row);
* the 主管部门: the one value shaped like an organisation (…厅/局/委员会/办公室/中心) among the basic information
  (the lines before the first amount; a policy document's issuers come later) where the block has a 主管部门 label;
* the amount: the one figure in 万元 on the page (``安排77300万元``), the year's where a ``20XX年金额`` label stands;
* the indicator rows: the 三级指标 names listed after their label, paired in order with the values on the line under
  ``年度目标值`` only where the counts agree (else noted, no row).

Every other value line is kept in one warning; nothing is paired by guess.
"""

from __future__ import annotations

import re

from assistant.domain.model import Declaration, Layout
from assistant.errors import NotADeclarationError
from assistant.ingest.web_cells import WebRow, web_rows
from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes
from assistant.office.reader import find_label

_TITLE = re.compile(r"^[^，。；;:：]{0,30}绩效目标表$")
_NAME_LABELS = frozenset({"资金名称", "专项资金名称", "项目名称", "专项名称"})
_ORGANISATION = re.compile(r"^[\u4e00-\u9fff]{2,20}(?:厅|局|委员会|委|办公室|中心|院|署)$")
_WAN = re.compile(r"(\d+(?:\.\d+)?)万元")
_YEAR_AMOUNT = re.compile(r"^((?:19|20)\d{2})年(?:度)?金额$")
_TARGET_LABEL = "年度目标值"
_VALUE = re.compile(r"^(?:[≥≤><=]?\d+(?:\.\d+)?%?|[\u4e00-\u9fff]{1,6})$")
_KEPT_MAX = 2000


def read_fund_form(lines: list[str], name: str, sha256: str) -> list[Declaration]:
    """The declaration such a page holds (module docstring); [] where the text is not of that shape."""
    from assistant.office.importer import read_declaration  # the office importer imports the text parsers

    _, rows = web_rows(lines)
    texts = [[c.text for c in row.cells] for row in rows]
    title_at = next((k for k, t in enumerate(texts) if len(t) == 1 and _TITLE.match(t[0])), None)
    if title_at is None:
        return []
    k = title_at + 1
    labels: list[str] = []
    while k < len(texts) and all(_is_label(cell) for cell in texts[k]):
        labels += texts[k]
        k += 1
    if len(labels) < 3 or labels[0] not in _NAME_LABELS or len(texts[k:]) < 2 or len(texts[k]) != 1:
        return []
    notes = OfficeNotes()
    grid = [_grid(rows[title_at], [texts[title_at][0]]), _grid(rows[k], ["项目名称", texts[k][0]])]
    read = [f"{labels[0]}「{texts[k][0]}」（标签块后第一行，只有一格）"]
    body = rows[k + 1 :]
    cells = [c.text for row in body for c in row.cells]
    money = next((n for n, row in enumerate(body) if any(_WAN.search(c.text) for c in row.cells)), len(body))
    organisations = [c.text for row in body[:money] for c in row.cells if _ORGANISATION.match(c.text)]
    if any("主管部门" in label for label in labels) and len(set(organisations)) == 1:
        grid.append(_grid(rows[k], ["主管部门", organisations[0]]))
        read.append(f"主管部门「{organisations[0]}」（唯一像单位名称的值）")
    figures = {m[1] for c in cells for m in _WAN.finditer(c)}
    years = {y[1] for c in cells if (y := _YEAR_AMOUNT.match(c))}
    if len(figures) == 1:
        label = "年度金额(万元)" if len(years) == 1 else "资金总额(万元)"
        grid.append(_grid(rows[k], [label, next(iter(figures))]))
        read.append(f"金额 {next(iter(figures))} 万元（页面上唯一的万元金额）")
    title = texts[title_at][0] + (f"（{next(iter(years))}年度）" if len(years) == 1 else "")
    grid[0] = _grid(rows[title_at], [title])
    indicators = _indicators(body, notes)
    grid += indicators
    kept = " / ".join(" ".join(t) for t in texts[k + 1 :])
    kept = kept if len(kept) <= _KEPT_MAX else kept[:_KEPT_MAX] + "……（以下略，见原文件）"
    notes.warn(
        "web.pdf_label_block",
        f"从 PDF 复制的文字：先列出了 {len(labels)} 个栏目名称（{'、'.join(labels)}），再列出内容，栏目与内容的对应顺序已丢失；"
        f"只读取了能确定的：{'；'.join(read)}；其余内容未对应到栏目（不猜测），原文：{kept}；请对照原表核对、补录",
        line=rows[k].line,
    )
    grid = [GridRow(row.grid, index, row.cells) for index, row in enumerate(grid)]  # one row each, in order
    try:
        decl = read_declaration(grid, source_file=name, sha256=sha256, notes=notes)
    except NotADeclarationError:
        return []
    return [decl] if decl.header.name else []


def _is_label(cell: str) -> bool:
    return find_label(cell, Layout.MUNICIPAL_2021) is not None or cell in {
        "资金类型",
        "战略领域",
        "财政事权",
        "政策任务",
    }


def _indicators(body: list[WebRow], notes: OfficeNotes) -> list[GridRow]:
    """Header and rows of the indicator table: the names after ``三级指标`` (over one or more lines) paired with the
    values on the line under ``年度目标值`` where the counts agree; [] (noted where names were found) otherwise."""
    texts = [[c.text for c in row.cells] for row in body]
    start = next((k for k, t in enumerate(texts) if t and t[0] == "三级指标"), None)
    if start is None:
        return []
    names = texts[start][1:]
    k = start + 1
    while k < len(texts) and texts[k] != [_TARGET_LABEL]:
        names += texts[k]
        k += 1
    values = texts[k + 1] if k + 1 < len(texts) else []
    values = values if all(_VALUE.match(v) for v in values) else []
    if not names or len(values) != len(names):
        notes.warn(
            "web.pdf_label_block_rows",
            f"指标表的三级指标（{'、'.join(names)}）与「{_TARGET_LABEL}」下的数值个数对不上，指标行未读取（不猜测）；请对照原表补录",
            line=body[start].line,
        )
        return []
    line = body[start].line
    header = _grid(body[start], ["三级指标", "指标值"])
    return [header, *(GridRow("网页", line - 1, _cells(line, [n, v])) for n, v in zip(names, values, strict=True))]


def _grid(row: WebRow, texts: list[str]) -> GridRow:
    return GridRow("网页", row.line - 1, _cells(row.line, texts))


def _cells(number: int, texts: list[str]) -> tuple[GridCell, ...]:
    return tuple(GridCell(t, number - 1, col, f"第 {number} 行") for col, t in enumerate(texts) if t)
