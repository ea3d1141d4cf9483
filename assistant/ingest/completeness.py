"""Is a parsed declaration there at all, and does its file look cut off?

A title with nothing under it (or a blank template) is no declaration: it must not enter the corpus as an
empty one. A file that ends inside its last declaration (an indicator row without its value, or before the
indicator table) was most likely cut short when it was exported or copied: the user is told where.
"""

from __future__ import annotations

from assistant.domain.model import Declaration, NoteLevel, ParseNote

TRUNCATED = "file.truncated"


def is_empty(decl: Declaration) -> bool:
    """Nothing filled in: no name, header field, amount, section text, indicator, budget line or 制度保障 row."""
    header = decl.header.model_dump(exclude={"year"})
    return not (
        any(value not in (None, "") for value in header.values())
        or any(value is not None for value in decl.funding.model_dump().values())
        or any(s.text.strip() for s in decl.sections)
        or decl.indicators
        or decl.budget_lines
        or decl.safeguards
    )


def empty_message(source_file: str, which: str = "", line: int | None = None) -> str:
    """``which``: the title as written (text exports) or ``第 2 份`` (a Word/Excel file's position)."""
    where = f"第 {line} 行的" if line else "中的"
    named = f"申报表「{which}」" if line else f"{which}申报表"
    return f"文件 {source_file} {where}{named}下面没有任何内容：没有找到项目名称、表头栏目、资金、各部分文字和指标表"


EMPTY_HINT = "请确认文件导出或复制完整（不只是标题）；空白表样请填写后再导入"


def truncation_note(decl: Declaration, last_line: int) -> ParseNote | None:
    """A note when ``decl``, the file's last declaration ending on ``last_line``, looks cut off."""
    if not decl.indicators:
        return _note(f"申报表在第 {last_line} 行（文件末尾）就结束了，没有指标表", last_line)
    last = decl.indicators[-1]
    if last.line == last_line and not last.value.raw.strip():
        return _note(
            f"文件在第 {last_line} 行结束，最后一行指标「{last.name}」没有目标值，这一行似乎只导出了一半", last_line
        )
    return None


def cut_page_note(decl: Declaration, last_line: int) -> ParseNote:
    """The note for a web page that ended inside its table: its last row is kept as far as it goes."""
    last = f"最后一行指标「{decl.indicators[-1].name}」按已有内容读取" if decl.indicators else "表格没有读完"
    return _note(f"网页在表格中间结束（没有表格的结束标记），{last}，其后的行可能缺失", last_line)


def _note(what: str, line: int) -> ParseNote:
    return ParseNote(
        level=NoteLevel.WARNING,
        code=TRUNCATED,
        line=line,
        message=f"文件似乎被截断：{what}；请核对原文件是否完整导出，必要时重新导出后再导入",
    )
