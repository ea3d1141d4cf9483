"""How published 自评表 word their title, their header fields and their rows' numbering (issue 25, batch 7).

The self-evaluation reader (``selfeval``) asks these about a cell's label key (``label_key``: no spaces, no
trailing colon). They cover the wordings real pages use beside the template's:

* the title: ``…项目支出绩效自评表``, also ``…绩效目标自评表`` (旺苍's 转移支付区域(项目)绩效目标自评表) and
  杨楼's ``…项目资金使用情况``;
* the project's name: ``项目名称``, ``转移支付(项目)名称`` and its short form ``转移(项目)名称``, ``专项资金名称``,
  ``项目支出名称``, ``资金名称`` — never ``单位名称``;
* the units: a 主管部门 with its level (``地方主管部门``, ``市县主管部门``), an 实施单位 and a transfer's
  ``资金使用单位``;
* a row's ``指标1：`` numbering (also glued to the name: ``指标1工程资金金额``), which is no part of the indicator's name (the declaration readers drop it too).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TITLE = re.compile(r"自评表|项目资金使用情况$")
_NAME = re.compile(r"^(?:转移(?:支付)?[(（]项目[)）]|项目支出|专项资金|专项|资金|项目)名称$")
_DEPARTMENT = re.compile(
    r"^(?:项目|中央|省级|自治区|市级|县级|区级|市县|区县|地方)?主管(?:部门|单位)(?:及(?:代码|编码|编号))?$"
)
_IMPLEMENTER = re.compile(r"^(?:项目)?实施(?:[(（]主管[)）])?单位|^资金使用单位$")  # 河北: 实施(主管)单位
# 指标1：名称, and 廊坊's 指标1工程资金金额 (the number glued to the name, no colon)
_NUMBERING = re.compile(r"^指标\s*\d{1,2}\s*(?:[:：]|(?=[\u4e00-\u9fff]))\s*")


def is_title(text: str) -> bool:
    """``text`` is (or holds) a 自评表's title."""
    return bool(_TITLE.search(text))


def is_name_label(key: str) -> bool:
    """``key`` labels the project's name."""
    return bool(_NAME.match(key))


def is_department_label(key: str) -> bool:
    """``key`` labels the 主管部门 (at any level)."""
    return bool(_DEPARTMENT.match(key))


def is_implementer_label(key: str) -> bool:
    """``key`` labels the 实施单位 (``实施单位 (盖章)`` included) or a transfer's 资金使用单位."""
    return bool(_IMPLEMENTER.match(key))


def is_header_label(key: str) -> bool:
    """``key`` labels one of the header fields above: a field left empty is followed by the next such label."""
    return is_name_label(key) or is_department_label(key) or is_implementer_label(key)


def without_numbering(name: str) -> str:
    """An indicator's name without its ``指标1：`` numbering (``指标1:禁毒舞台剧宣传的场次`` → 禁毒舞台剧宣传的场次)."""
    return _NUMBERING.sub("", name)


def keep_first(header: dict[str, object], key: str, value: str | None) -> None:
    """The first filled value of a header field: a field left empty (旺苍's 中央主管部门) does not hold the place of a
    later label of the same field (地方主管部门 | 旺苍县卫生健康局)."""
    if not header.get(key):
        header[key] = value


def paired_value(key: str, value: str | None, is_field: Callable[[str], bool]) -> str | None:
    """The value of one field of a label that names two (``实施单位/项目负责人`` over ``某区农技中心/张某``): the
    part of ``value`` in the place of the label's part that ``is_field``; ``value`` whole where the label names one
    field or the value's parts do not match the label's."""
    labels = key.split("/")
    parts = (value or "").split("/")
    if len(labels) < 2 or len(parts) != len(labels):
        return value
    at = next((k for k, label in enumerate(labels) if is_field(label)), None)
    return parts[at].strip() or None if at is not None else value
