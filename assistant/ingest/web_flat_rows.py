"""The cells of one indicator row of a run-together table (``产出指标数量指标补贴企业≥25个``): the categories it starts
with, then its name and value, cut where the words show the edge (`web_flat` reads the tables; this module cuts rows).

The value is found at the row's end (a figure, a date, ``≥90%``), else after a name ending such as 率/情况/标准
(a short wording); a longer wording is cut by `wording_cells` only where exactly one place fits."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.domain import framework
from assistant.domain.framework import level_terms
from assistant.office.notes import OfficeNotes

ROW_LEVEL = [t for t in level_terms() if t.endswith(("指标", "目标"))] + ["社会公众或服务对象满意度指标"]
_VALUE_END = re.compile(
    r"(?P<value>(?:[≥≤><=＝≧≦]|>=|<=|大于等于|小于等于|不低于|不少于|不高于|不超过|大于|小于)?\s*"
    r"(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:前|之前|以前|底前)?"
    r"|\d[\d,]*(?:\.\d+)?\s*(?:%|％|[\u4e00-\u9fffA-Za-z/·.]{0,6}?)(?:以上|以下|以内)?))$"
)
_NAME_END = re.compile(r"(?:率|度|数|量|情况|水平|时间|标准|成本|效益|影响|能力|条件|质量|时限|人数|次数)")


def leading_levels(text: str) -> list[str] | None:
    """[一级, 二级, '', ''] of the categories a row starts with, or None when it starts with none."""
    levels: list[str] = []
    while len(levels) < 2 and (term := next((t for t in ROW_LEVEL if text.startswith(t)), None)):
        levels.append(term)
        text = text[len(term) :]
    if not levels:
        return None
    return [*levels, "", ""] if len(levels) == 2 else [*one_level(levels[0]), "", ""]


def indicator_cells(text: str, split_value: Callable[[str], list[str] | None] | None = None) -> list[str] | None:
    """[一级, 二级, 三级, 指标值] of a run-together row (categories blank where the row has none); None when the
    name and the value cannot be told apart (by ``split_value``, else `_split_value`)."""
    levels: list[str] = []
    rest = text
    while len(levels) < 2:
        term = next((t for t in ROW_LEVEL if rest.startswith(t)), None)
        if term is None:
            break
        levels.append(term)
        rest = rest[len(term) :]
    if len(levels) == 1 and (stem := _bare_level2(rest)):
        levels.append(stem)  # 服务对象满意度 for 服务对象满意度指标: a 二级 written without its 指标
        rest = rest[len(stem) :]
    if not rest:
        return [*levels, "", "", ""][:2] + ["", ""] if levels else None
    split = (split_value or _split_value)(rest)
    if split is None:
        return None
    first, second = (levels + ["", ""])[:2] if len(levels) == 2 else one_level(levels[0]) if levels else ("", "")
    return [first, second, *split]


_BARE_LEVEL2 = sorted(
    {t.removesuffix("指标") for t in ROW_LEVEL if t.endswith("指标") and framework.is_level2_term(t)},
    key=len,
    reverse=True,
)


def _bare_level2(text: str) -> str | None:
    """A 二级 category of at least five characters written without its 指标 at the start of ``text``, with the
    row's name and value after it (嘉峪关: ``服务对象满意度服务对象满意度%=99百分比``), else None."""
    stem = next((t for t in _BARE_LEVEL2 if len(t) >= 5 and text.startswith(t)), None)
    return stem if stem is not None and _split_value(text[len(stem) :]) is not None else None


OCR_EQUALS = "二"  # an OCR'd = before a figure (资金使用效率二100百分比)


def one_level(term: str) -> tuple[str, str]:
    """(一级, 二级) of a row that names one category: a 一级 that is never a 二级 (满意度指标) heads it as 一级."""
    only_first = framework.is_level1_term(term) and not framework.is_level2_term(term)
    return (term, "") if only_first else ("", term)


# Words that tie what follows to the noun before them: a text after a name ending that starts so is that name's
# continuation (…符合条件 | 的困难残疾人 is one phrase), never a value of its own.
_BOUND_WORDS = ("的", "之", "和", "及", "与", "或", "等")


def _split_value(text: str) -> list[str] | None:
    """[name, value] of ``农村义务教育学校改造覆盖率100%`` or ``义务教育优质均衡发展情况稳步提高``."""
    found = _VALUE_END.search(text)
    name = text[: found.start() - 1] if found and found.start() > 1 else ""
    if found and text[found.start() - 1] == OCR_EQUALS and re.search(f"{_NAME_END.pattern}$", name):
        return [name, text[found.start() - 1 :]]  # 资金使用效率 | 二100百分比: kept as written, noted by the caller
    if found and found.start() > 0 and found["value"].strip():
        # a % run onto the name's end is the value's unit column (各项工作完成及时率%=99百分比), not the name's
        return [text[: found.start()].rstrip("%％") or text[: found.start()], found["value"]]
    ends = list(_NAME_END.finditer(text))
    if ends:
        value = text[ends[-1].end() :]
        if 2 <= len(value) <= 8 and not value.startswith(_BOUND_WORDS):
            return [text[: ends[-1].end()], value]
    return None


# A wording value's first word after the name: a figure (补贴期限 | 2020年疫情期间…) or a word opening the clause that
# states the target (补贴标准 | 对…予以适当补助, 按…发放, 符合…, 不超过…).
_WORDING_START = re.compile(r"\d|对|按|依据|根据|参照|执行|符合|达到|严格|确保|不|无|在|于|每")
_WORDING_NAME_END = re.compile(r"(?:率|度|数|量|情况|水平|时间|标准|成本|时限|期限|范围|对象|方式|周期)")
_WORDING_NAME = re.compile(r"[^，,。；;：:、（）()]{2,20}")  # a name: no sentence marks, at most 20 characters


def worded_cells(text: str, notes: OfficeNotes, line: int) -> list[str] | None:
    """[一级, 二级, 三级, 指标值] of a run-together row whose value is a wording of any length (西青:
    ``成本指标补贴标准对国有企业…予以适当补助``), cut after a name ending (标准, 期限, 率 …) that a value's opening word
    (a figure, 对, 按, 符合 …) follows — only where exactly one such place exists in the name's first 20 characters;
    a warning gives the cut. None where no place or several fit (the caller warns that the row was not read)."""
    cells = indicator_cells(text, _wording_split)
    if cells is not None and cells[3]:
        notes.warn(
            "web.flat_wording",
            f"网页复制时单元格连在了一起，「{text[:40]}」的指标值是一段文字：在唯一可分之处分开，读作指标名称「{cells[2]}」、"
            f"指标值「{cells[3][:40]}」；请对照原表核对",
            line=line,
        )
    return cells


def _wording_split(text: str) -> list[str] | None:
    cuts = {
        end
        for found in _WORDING_NAME_END.finditer(text)
        if _WORDING_NAME.fullmatch(text[: (end := found.end())])
        and _WORDING_START.match(text, end)
        and len(text) > end + 1
    }
    if len(cuts) != 1:
        return None
    end = cuts.pop()
    return [text[:end], text[end:]]
