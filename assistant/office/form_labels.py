"""The labels of a form, wherever a reader meets them: the field a label cell names (Shanghai's wording or a
region's), the form's title, a 项目名称 cell, the layout a title names, and the 一级 categories of the old forms."""

from __future__ import annotations

import re

from assistant.domain import framework
from assistant.domain.model import Layout
from assistant.ingest import amount_units
from assistant.ingest.cells import label_key
from assistant.ingest.labels import FieldSpec, bare_key, field_labels, lookup
from assistant.office.wording import ALIASES, PATTERNS

_TITLE = re.compile(r"绩效目标(?:申报|批复|审批|审核|公开)?表")  # 公开表: Guangxi's 预算项目绩效目标公开表
INLINE = re.compile(r"^([^：:\n]{2,30})[：:]\s*(.+)$", re.DOTALL)  # a label and its value in one cell
_LEVELLED_DEPARTMENT = re.compile(r"^(?:区|县|区县|乡镇)级?主管部门$")  # a transfer's county-level department


def label_words() -> list[str]:
    """Every label wording the readers know (Shanghai's and other regions'), longest first: for text whose cells
    ran together, where a label can only be found by its words."""
    return sorted({*field_labels(), *ALIASES}, key=len, reverse=True)


def find_label(text: str, layout: Layout) -> FieldSpec | None:
    """The field a label cell names, in Shanghai's wording or a regional variant (资金总额（万元）…)."""
    spec = lookup(text, layout)
    if spec is not None:
        return spec
    key = amount_units.without_unit(label_key(text))
    canonical = ALIASES.get(key) or ALIASES.get(bare_key(key), key)
    if _LEVELLED_DEPARTMENT.match(canonical):  # 区级主管部门, 县级主管部门: the project's own level
        canonical = "主管部门"
    for pattern, label in PATTERNS:
        if pattern.match(canonical):
            canonical = label
    return lookup(canonical, layout) if canonical != label_key(text) else None


_LEGACY_LEVEL1 = {"产出目标", "效果目标", "影响力目标", framework.LEGACY_INPUT_LEVEL1}


def is_title_text(text: str) -> bool:
    """A form's title: 财政项目支出绩效目标申报表, 2025年度项目支出绩效目标批复表, …"""
    text = text.strip()
    return bool(_TITLE.search(text)) and len(text) <= 60 and find_label(text, Layout.MUNICIPAL_2021) is None


def names_project(text: str) -> bool:
    """A 项目名称 label, alone or written with its value (项目名称：…)."""
    match = INLINE.match(text.strip())
    spec = find_label(match[1] if match else text, Layout.MUNICIPAL_2021)
    return spec is not None and spec.target == "name"


def layout_of_title(title: str) -> Layout:
    if "上海市财政支出项目" in title:
        return Layout.MUNICIPAL_2019
    if "项目总体情况" in title:
        return Layout.DISTRICT_2020
    return Layout.MUNICIPAL_2021


def is_legacy(level1_written: list[str | None]) -> bool:
    return any(w in _LEGACY_LEVEL1 for w in level1_written if w)
