"""A form copied from a PDF column by column (永兴: ``专项资金绩效目标表`` / ``专项名称`` / ``部门名称`` / … then
``重大动物疫病防控专项属性延续专项√新增专项□`` / ``县动物卫生监督所资金总额(万元)50`` / …): the labels of the first
column come first, one short line each, then the rows' remaining text.

The order allows a reading only at the start: the first value lines that hold a label of their own (专项属性,
资金总额(万元) — the same table row's next cell) begin with the value of the first labels, one line each, in order.
Those pairs and the labels written with their value above the labels (``填报单位(盖章):…``) are read; from the
first value line without a label of its own the order is lost (a wrapped cell takes two lines), so every later line
is kept in a warning, and the indicator rows are not read (their cells are scattered over lines). Nothing is
paired by guess."""

from __future__ import annotations

import re

from assistant.domain.model import Declaration, Layout
from assistant.errors import NotADeclarationError
from assistant.ingest.titles import year_line
from assistant.ingest.web_pdf_column_rows import column_rows
from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes
from assistant.office.reader import find_label, label_words

_TITLE = re.compile(r"^[^，。；;:：]{0,30}绩效目标(?:申报|批复|审批|审核|设定)?表$")
_LABEL_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{1,12}$")
_LABELS = [w for w in label_words() if len(w) >= 4]
_KEPT_MAX = 3000


def read_pdf_columns(lines: list[str], name: str, sha256: str) -> list[Declaration]:
    """The declaration of a form whose labels were copied before its values (module docstring); [] when the text
    after the form's title is not of that shape."""
    from assistant.office.importer import read_declaration  # the office importer imports the text parsers

    title_at = next((i for i, line in enumerate(lines) if _TITLE.match(line.strip())), None)
    if title_at is None:
        return []
    title = lines[title_at].strip()
    i = title_at + 1
    rows: list[GridRow] = []
    while i < len(lines) and (not lines[i].strip() or _inline_pair(lines[i]) or year_line(lines[i])):
        if (year := year_line(lines[i])) is not None:
            title = f"{title}（{year}年度）"
        elif pair := _inline_pair(lines[i]):
            rows.append(_grid(i + 1, list(pair)))
        i += 1
    labels: list[str] = []
    while i < len(lines) and _LABEL_LINE.match(lines[i].strip()):
        labels.append(lines[i].strip())
        i += 1
    if len(labels) < 3:
        return []
    notes = OfficeNotes()
    pairs = 0
    while i < len(lines) and pairs < len(labels) and find_label(labels[pairs], Layout.MUNICIPAL_2021) is not None:
        split = _value_then_label(lines[i].strip())
        if split is None:
            break
        value, rest = split
        rows.append(_grid(i + 1, [labels[pairs], value]))
        rows.extend(_grid(i + 1, [label, text]) for label, text in rest)
        pairs += 1
        i += 1
    if pairs == 0:
        return []
    left = [line.strip() for line in lines[i:] if line.strip()]
    table = column_rows(left)
    if table is not None:
        header, end, found = table
        rows.append(_grid(i + 1, ["二级指标", "三级指标", "指标值"]))
        rows.extend(_grid(i + 1, [level2 or "", name, value]) for level2, name, value in found)
        notes.info(
            "web.pdf_column_rows",
            f"指标表中 {len(found)} 行按 PDF 文字的上下顺序读出（名称、其行的数值、以“及/和/与”等开头的名称后半）；请核对",
            line=i + 1,
        )
        left = left[: header + 1] + left[end:]
    kept = " / ".join(left)
    kept = kept if len(kept) <= _KEPT_MAX else kept[:_KEPT_MAX] + "……（以下略，见原文件）"
    notes.warn(
        "web.pdf_columns",
        f"从 PDF 复制的文字：先列出了第一列的 {len(labels)} 个栏目名称，再列出各行其余的内容；只有前 {pairs} 行的内容"
        f"能按顺序对应到栏目（{'、'.join(labels[:pairs])}）"
        + (f"，指标表读出 {len(table[2])} 行" if table else "")
        + f"；其余 {len(left)} 行的文字换行后已无法对应到栏目，"
        f"未读取（不猜测），原文：{kept}；请直接导入原 PDF 或 Word 文件，或对照原表补录",
        line=i + 1,
    )
    try:
        decl = read_declaration([_grid(title_at + 1, [title]), *rows], source_file=name, sha256=sha256, notes=notes)
    except NotADeclarationError:
        return []
    return [decl] if decl.header.name else []


def _inline_pair(line: str) -> tuple[str, str] | None:
    """(label, value) of ``填报单位(盖章):永兴县畜牧兽医水产局``, else None."""
    match = re.match(r"^\s*([^:：]{2,20})[:：]\s*(\S.*)$", line)
    if match is None or find_label(match[1], Layout.MUNICIPAL_2021) is None:
        return None
    return match[1].strip(), match[2].strip()


def _value_then_label(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """(value, [(label, its value), …]) of a value line that holds the next cell's label after its value
    (``县动物卫生监督所资金总额(万元)50``), else None."""
    key = re.sub(r"\s+", "", text)
    cuts = [(j, label) for j in range(1, len(key)) if (label := _label_at(key, j))]
    if not cuts:
        return None
    out: list[tuple[str, str]] = []
    for n, (j, label) in enumerate(cuts):
        end = cuts[n + 1][0] if n + 1 < len(cuts) else len(key)
        out.append((label, key[j + len(label) : end]))
    return key[: cuts[0][0]], out


def _label_at(key: str, j: int) -> str | None:
    label = next((w for w in _LABELS if key.startswith(w, j)), None)
    if label is None:
        return None
    unit = re.match(r"[（(](?:万元|元)[)）]", key[j + len(label) :])
    return label + unit[0] if unit else label


def _grid(number: int, texts: list[str]) -> GridRow:
    cells = tuple(GridCell(t, number - 1, col, f"第 {number} 行") for col, t in enumerate(texts) if t)
    return GridRow("网页", number - 1, cells)
