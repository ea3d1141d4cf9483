"""A 自评表's project name where its 项目名称 cell is scanning noise and its title names the project (原州).

An OCR'd page may read the name cell as characters that stand nowhere else on the page (``碟令薯樽轴示施项目``)
while the title above it names the project plainly (``马铃薯冲薯繁育示范推广项目绩效目标自评表(2022年度)``). The
title's name is taken only when the two differ, the title's is a specific name (not ``项目支出`` or a year's
generic title) and at least half of the cell's own characters occur nowhere else on the page; the cell is then
noted. Any other name cell is kept as written.
"""

from __future__ import annotations

import re

from assistant.domain.model import NoteLevel, ParseNote

_TITLE_NAME = re.compile(r"^(?:附件\s*\d*\s*[:：]?)?(?P<name>.+?)(?:绩效目标|项目支出绩效|绩效)自评表")
_YEARS = re.compile(r"[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?")
_GENERIC = re.compile(r"项目支出|专项资金|部门|单位|财政|县级|市级|区级|省级")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def named_by_title(cell_name: str, title: str, page: str, line: int | None) -> tuple[str, ParseNote] | None:
    """(the title's project name, a note) where ``cell_name`` is noise the title corrects; None to keep the cell."""
    found = _TITLE_NAME.match(_YEARS.sub("", title).strip())
    if found is None or not cell_name:
        return None
    name = found["name"].strip(" -—:：")
    if len(name) < 4 or name == cell_name or _GENERIC.search(name) or not name.endswith(("项目", "经费", "资金")):
        return None
    own = [c for c in _CJK.findall(cell_name.removesuffix("项目")) if c not in name]
    rest = page.replace(cell_name, "", 1)
    stray = [c for c in own if c not in rest]
    if not own or 2 * len(stray) < len(_CJK.findall(cell_name.removesuffix("项目"))):
        return None
    note = ParseNote(
        level=NoteLevel.WARNING,
        code="selfeval.name_from_title",
        message=f"项目名称栏「{cell_name}」与标题中的项目名称「{name}」不同，且其中多数字在页面别处都没有出现"
        "（疑为扫描识别错误），按标题读取；请对照原表核对",
        line=line,
        fragment=cell_name,
    )
    return name, note


_YEAR_CELL = re.compile(r"^(?:19|20)\d{2}$")


def name_after_year(tokens: list, at: int, value: str) -> tuple[str, int]:
    """(the name, the index after it) for a name cell that is a bare year (``2020``) followed on its row by a cell
    starting with 年 (``年市级服务贸易发展资金``): a Word or PDF text puts a space between a year's digits and 年, and a
    copy that parts cells at spaces cut the name there; the two are one name, kept as written (with the space).
    Unchanged otherwise."""
    nxt = tokens[at] if at < len(tokens) else None
    if not _YEAR_CELL.match(value.strip()) or nxt is None or not nxt.text.startswith("年") or len(nxt.text) < 3:
        return value, at
    return f"{value.strip()} {nxt.text.strip()}", at + 1


def with_year_before(tokens: list, at: int) -> str:
    """The title cell ``tokens[at]`` with a bare year cell right before it on its line (``2023`` / ``年社区…项目自评表``:
    the space a Word text puts between a year's digits and 年 parted them); the title alone otherwise."""
    title = tokens[at]
    before = tokens[at - 1] if at >= 1 else None
    if before is not None and before.line == title.line and _YEAR_CELL.match(before.text) and title.text[:1] == "年":
        return before.text + title.text
    return title.text
