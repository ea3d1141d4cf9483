"""Which column each cell of a copied indicator row belongs to, when the copy lost the grid.

A page copied as text keeps the cells of a row in order but may drop its empty ones (spaces as
separators) or the cells merged from the rows above (一级/二级). The columns after the categories come
from the table's header; when a row has exactly as many cells as those columns they are read in order,
otherwise each cell goes to the next column whose kind of content it fits (an operator to 指标性质 or
运算符, a number to 分值/权重, a short word to 单位), so a lost empty cell does not shift the rest.
"""

from __future__ import annotations

import re

from assistant.domain import framework
from assistant.office.indicators import Role, operator_of

# 指标性质/方向 written as words: the sense of the comparison, or the kind of indicator.
NATURE_WORDS = frozenset(
    {"正向", "反向", "正向指标", "反向指标", "定性", "定量", "中性", "中性指标", "定性指标", "定量指标", "递增", "递减"}
)
_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?$|^[+-]?\d+(?:\.\d+)?%?$")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[.、．])\s*")


_SCORE_RANGE = re.compile(r"[（(][\d.\-—~～至]+分?[)）]分?$")  # 成本指标(0-20)分: the points the category may carry
SCORE_ONLY = re.compile(r"^[（(]?[\d.\-—~～至]+分?[)）]?分$")


def level_term(text: str) -> str | None:
    """The framework category a cell names (``一、产出指标``, ``社会公众或服务对象满意度指标``, ``成本指标(0-20)分``,
    ``数量指标(或建筑规模指标)``, ``预期产出指标``), else None."""
    key = _SCORE_RANGE.sub("", _NUMBERING.sub("", re.sub(r"\s+", "", text)))
    if not key:
        return None
    if _known(key) or _known(_plain_category(key)) or _qualified_category(key) or framework.is_umbrella(key):
        return key
    return None


def _known(key: str) -> bool:
    return framework.is_level_term(key) or (key.endswith("指标") and framework.is_level_term(key.removesuffix("指标")))


_QUALIFIER = re.compile(r"[（(][^()（）]{1,16}[)）]")
_STEMS = re.compile(r"(产出|效益|效果|满意度|数量|质量|时效|成本|预算|投资)")


def _plain_category(key: str) -> str:
    """A category without the qualifiers some regions add: ``数量指标(或建筑规模指标)`` → 数量指标, ``预期产出指标`` →
    产出指标, ``服务对象满意度指标等`` → 服务对象满意度指标."""
    return _QUALIFIER.sub("", key).removeprefix("预期").removesuffix("等")


def _qualified_category(key: str) -> bool:
    """A category outside the framework written with a qualifier or a list (``预算(或投资规模)控制指标``,
    ``社会、经济、生态效益指标``): kept as written, the reader notes it is outside the framework."""
    plain = _plain_category(key)
    marked = plain != key or "、" in key
    return marked and plain.endswith("指标") and len(plain) <= 14 and bool(_STEMS.search(plain))


# The 绩效评价 共性指标体系 (财预〔2020〕10号) that some published target tables use for their rows (镇江: 决策 /
# 项目立项 / 立项程序规范性): its 一级 决策/过程 and their 二级. Outside the declaration framework: read as the row's
# categories where a table stands, kept as written and noted by the indicator reader, never as a 三级 name.
EVALUATION_LEVEL1 = frozenset({"决策", "过程", "项目决策", "项目过程"})
EVALUATION_LEVEL2 = frozenset({"项目立项", "绩效目标", "资金投入", "资金管理", "组织实施"})


def evaluation_level(text: str) -> str | None:
    """``"1"`` / ``"2"`` for a cell naming a 决策/过程 category of the evaluation framework, else None."""
    key = _NUMBERING.sub("", re.sub(r"\s+", "", text)).removesuffix("指标")
    return "1" if key in EVALUATION_LEVEL1 else "2" if key in EVALUATION_LEVEL2 else None


def is_level1(text: str) -> bool:
    key = _SCORE_RANGE.sub("", _NUMBERING.sub("", re.sub(r"\s+", "", text)))
    key = framework.category_key(_plain_category(key) if not _known(key) else key)
    return (framework.is_level1_term(key) and key not in framework.AMBIGUOUS_TERMS) or framework.is_umbrella(key)


def fits(role: Role, text: str, value: str | None) -> bool:
    """Whether ``text`` can stand in a column of ``role``; ``value``: the row's value so far (a unit column
    that repeats the value, as some exports do with dates, takes the repeat)."""
    if role is Role.OPERATOR:
        return operator_of(text) is not None
    if role is Role.NATURE:
        return operator_of(text) is not None or text in NATURE_WORDS
    if role is Role.WEIGHT:
        return bool(_NUMBER.match(text.replace(" ", "")))
    if role is Role.UNIT:
        if value is not None and text == value:
            return True
        return len(text) <= 8 and not re.search(r"\d", text) and text not in NATURE_WORDS and operator_of(text) is None
    if role is Role.SEQ:
        return bool(re.fullmatch(r"\d{1,3}", text))
    return text not in NATURE_WORDS and operator_of(text) is None


def slot(texts: list[str], roles: list[Role], *, split_by_spaces: bool) -> list[int | None]:
    """For each of ``texts`` (a row's cells after its categories, blanks included) the index in ``roles``
    of the column it belongs to, or None for a cell no column takes.

    ``split_by_spaces``: the row's cells were separated by spaces, so a name written with spaces arrives
    as several cells; extra leading cells are then the name's (same index as the name).
    """
    if len(texts) == len(roles):
        return [*range(len(texts))]
    if not roles:
        return [None] * len(texts)
    extra = len(texts) - len(roles)
    if split_by_spaces and extra > 0 and roles[0] is Role.NAME and all(t for t in texts):
        return [*([0] * (extra + 1)), *range(1, len(roles))]
    return _greedy(texts, roles)


def _greedy(texts: list[str], roles: list[Role]) -> list[int | None]:
    placed: list[int | None] = []
    pointer = 0
    value: str | None = None
    for position, text in enumerate(texts):
        if not text:
            placed.append(None)
            continue
        if position == 0 and roles[0] is Role.NAME:
            placed.append(0)
            pointer = 1
            continue
        found = next((j for j in range(pointer, len(roles)) if fits(roles[j], text, value)), None)
        placed.append(found)
        if found is not None:
            pointer = found + 1
            if roles[found] is Role.VALUE:
                value = text
    return placed
