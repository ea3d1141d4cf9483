"""The columns of an indicator table, named by its header row: which cell heads 一级/二级/三级指标, the value, the
operator, the unit, and which head columns the model keeps only in 备注 (权重, 长期指标值, 依据…), in any region's
wording (``三级指标（年度）``, ``全年指标值``, ``指标值类型``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, auto

from assistant.ingest.cells import label_key
from assistant.office.grid import GridCell, GridRow


class Role(Enum):
    GROUP = auto()  # the 绩效指标 cell merged down the table's left edge
    SEQ = auto()
    LEVEL1 = auto()
    LEVEL2 = auto()
    NAME = auto()
    VALUE = auto()
    LONG_VALUE = auto()
    OPERATOR = auto()
    UNIT = auto()
    NATURE = auto()  # 指标性质: an operator (≥) in some systems, 正向/定性 in others
    WEIGHT = auto()
    BASIS = auto()
    REMARK = auto()
    LONG_TERM = auto()  # 二级/三级指标（长期） beside the 年度 ones: kept in the row's 备注
    PLACE = auto()  # one place's value in a table with a value column per place (各地指标值（西坪镇尧山村）): 备注


_EXACT = {
    "一级指标": Role.LEVEL1,
    "一级目标": Role.LEVEL1,
    "一级": Role.LEVEL1,
    "二级指标": Role.LEVEL2,
    "二级目标": Role.LEVEL2,
    "二级": Role.LEVEL2,
    "三级指标": Role.NAME,
    "三级目标": Role.NAME,
    "三级": Role.NAME,
    "指标名称": Role.NAME,
    "三级指标名称": Role.NAME,
    "三级指标内容": Role.NAME,
    "指标": Role.NAME,
    "指标内容": Role.NAME,
    "具体指标": Role.NAME,
    "绩效指标名称": Role.NAME,
    "绩效指标": Role.GROUP,
    "序号": Role.SEQ,
    "编号": Role.SEQ,
    "运算符": Role.OPERATOR,
    "符号": Role.OPERATOR,
    "比较符": Role.OPERATOR,
    "指标值符号": Role.OPERATOR,
    "计算符号": Role.OPERATOR,
    "单位": Role.UNIT,
    "计量单位": Role.UNIT,
    "度量单位": Role.UNIT,
    "指标值单位": Role.UNIT,
    "性质": Role.NATURE,
    "指标性质": Role.NATURE,
    "指标方向": Role.NATURE,
    "权重": Role.WEIGHT,
    "指标权重": Role.WEIGHT,
    "权重分值": Role.WEIGHT,
    "指标分值": Role.WEIGHT,
    "指标方向性": Role.NATURE,
    "方向": Role.NATURE,
    "指标属性": Role.NATURE,
    "权重(%)": Role.WEIGHT,
    "权重（%）": Role.WEIGHT,
    "分值": Role.WEIGHT,
    "备注": Role.REMARK,
    "说明": Role.REMARK,
    "值": Role.VALUE,
    # Hunan's tables (目标值 | 度量单位 beside them): 指标值类型 holds ≥ or 定性, 指标值内容 says what the value shows.
    "指标值类型": Role.NATURE,
    "指标值内容": Role.BASIS,
}
_LONG = re.compile(r"(长期|中长期|中期|实施期|项目期|整体|总体)")
_PART_YEAR = re.compile(r"(?<!全)(半年|季度|1[-—~至]6月)")  # a value for part of the year, kept in 备注
_VALUE = re.compile(r"(指标值|目标值|年度目标|年度指标|(?:年度|指标|目标)数值)")  # 临邑: 年度数值
_BASIS = re.compile(r"(依据|标准|评分|计算方法|指标解释)")
_HEADER_MAX, _SENTENCE = 24, re.compile(r"[，。,；;！!]")  # a longer cell with a sentence's stops is text


PLACE_VALUE = "各地指标值"  # the title the page readers give a place's own value column after the first
_QUALIFIER = re.compile(r"[（(]\s*(年度|长期|中长期|中期|实施期|项目期)\s*[)）]$")


def role_of(text: str) -> Role | None:
    """The column a header cell names; ``二级指标（年度）`` is the 二级 column, ``三级指标（长期）`` a 长期 one kept
    in 备注 (a table with 长期 and 年度 categories side by side)."""
    key = label_key(text)
    if key.startswith(PLACE_VALUE):
        return Role.PLACE
    if len(key) > _HEADER_MAX and _SENTENCE.search(key):  # 到2024年底…高标准农田…: a 年度目标's text, no header
        return None
    qualified = _QUALIFIER.search(key)
    if qualified and key[: qualified.start()] in _EXACT:
        base = _EXACT[key[: qualified.start()]]
        if qualified[1] == "年度" or base not in {Role.LEVEL1, Role.LEVEL2, Role.NAME}:
            return base if base is not Role.VALUE or qualified[1] == "年度" else Role.LONG_VALUE
        return Role.LONG_TERM
    if key in _EXACT:
        return _EXACT[key]
    if _BASIS.search(key):  # 指标值设定依据 names the ground, not the value
        return Role.BASIS
    if _VALUE.search(key):
        if _PART_YEAR.search(key):  # 半年(程)指标值 beside 全年(程)指标值 (镇江): the year's value is the 全年 one
            return Role.LONG_VALUE
        return Role.LONG_VALUE if _LONG.search(key) and "年度" not in key else Role.VALUE
    return None


@dataclass(frozen=True)
class Column:
    role: Role
    title: str
    cell: GridCell


def header_columns(row: GridRow) -> list[Column] | None:
    """The columns when ``row`` is an indicator table's header, else None."""
    columns = [Column(role, c.text.strip(), c) for c in row.filled if (role := role_of(c.text)) is not None]
    roles = {c.role for c in columns}
    if Role.NAME not in roles and Role.GROUP in roles and roles & {Role.VALUE, Role.LONG_VALUE}:
        columns = [Column(Role.NAME, c.title, c.cell) if c.role is Role.GROUP else c for c in columns]
        roles = {c.role for c in columns}
    named = Role.NAME in roles and bool(roles & {Role.VALUE, Role.LONG_VALUE})
    levels = len(roles & {Role.LEVEL1, Role.LEVEL2, Role.NAME}) >= 2
    if not (named or levels) or len(columns) < len(row.filled) - 1:
        return None
    return columns
