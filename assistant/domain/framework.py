"""The indicator framework: current categories, legacy vocabulary, and the mapping between them (primer §3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Level1(StrEnum):
    OUTPUT = "产出指标"
    COST = "成本指标"
    BENEFIT = "效益指标"
    SATISFACTION = "满意度指标"


class Level2(StrEnum):
    QUANTITY = "数量指标"
    QUALITY = "质量指标"
    TIMELINESS = "时效指标"
    ECONOMIC_COST = "经济成本指标"
    SOCIAL_COST = "社会成本指标"
    ECOLOGICAL_COST = "生态环境成本指标"
    ECONOMIC_BENEFIT = "经济效益指标"
    SOCIAL_BENEFIT = "社会效益指标"
    ECOLOGICAL_BENEFIT = "生态效益指标"
    SUSTAINABILITY = "可持续影响指标"
    SATISFACTION = "服务对象满意度指标"


FRAMEWORK: dict[Level1, tuple[Level2, ...]] = {
    Level1.OUTPUT: (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS),
    Level1.COST: (Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST),
    Level1.BENEFIT: (
        Level2.ECONOMIC_BENEFIT,
        Level2.SOCIAL_BENEFIT,
        Level2.ECOLOGICAL_BENEFIT,
        Level2.SUSTAINABILITY,
    ),
    Level1.SATISFACTION: (Level2.SATISFACTION,),
}

PARENT: dict[Level2, Level1] = {l2: l1 for l1, children in FRAMEWORK.items() for l2 in children}

# Level-2 categories every current-framework declaration is expected to carry (primer §3).
REQUIRED_LEVEL2: tuple[Level2, ...] = (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS)

LEGACY_INPUT_LEVEL1 = "投入和管理目标"


@dataclass(frozen=True)
class Placement:
    """Where a written category lands on the current framework; ``None`` where it has no counterpart."""

    level1: Level1 | None
    level2: Level2 | None
    note: str | None = None


# A form's instruction after a category (数量指标（必填硬性指标）, 经济效益指标（选填）) is no part of its name.
_INSTRUCTION = re.compile(r"[（(](?:必填|选填|可选填?)[^()（）]{0,8}[)）]$")


def _key(text: str) -> str:
    key = _INSTRUCTION.sub("", re.sub(r"\s+", "", text))
    return _as_indicator(key) or key


def spelled_with_value(text: str) -> str | None:
    """The framework's wording of a category written with 值 for 指标 (``产出值`` → 产出指标), else None."""
    return _as_indicator(_INSTRUCTION.sub("", re.sub(r"\s+", "", text)))


def _as_indicator(key: str) -> str | None:
    """A category some regions write with 值 for 指标 (临邑: 产出值/数量值/质量值/时效值/效益值) as the framework's
    wording (产出指标), else None."""
    if not key.endswith("值"):
        return None
    term = key.removesuffix("值") + "指标"
    return term if term in _LEVEL1_TERMS or term in _LEVEL2_TERMS else None


# A first column some regions write above the 一级 categories (宝坻: 实施效果指标 over 产出指标 / 效益指标): it groups
# them and is no 一级 category itself; the 一级 categories are written in the column beside it.
_UMBRELLAS = frozenset({"实施效果指标", "项目实施效果指标", "实施效果", "实施效果目标"})


def is_umbrella(text: str) -> bool:
    """Whether a category cell is a group above the 一级 categories (实施效果指标), not a category."""
    return _key(text) in _UMBRELLAS


def _umbrella_over(l1_key: str | None, level2_written: str) -> bool:
    """A 一级 that is an umbrella over the 二级 written with it: a known one over any 一级 category, or one outside the
    framework (any name: 建设成效指标) over a category that is only ever a 一级 (产出指标 …)."""
    if l1_key in _UMBRELLAS:
        return is_level1_term(level2_written)
    return l1_key is not None and not is_level_term(l1_key) and is_level1_only(level2_written)


def is_level1_only(text: str) -> bool:
    """A 一级 category that is never written at 二级 (产出指标, 效益指标, 满意度指标; not 成本指标)."""
    return is_level1_term(text) and not is_level2_term(text)


def category_key(text: str) -> str:
    """A category as the framework compares it: no spaces, no instruction after it (（必填）)."""
    return _key(text)


# Written 一级 labels (current and legacy) and their current counterpart.
_LEVEL1_TERMS: dict[str, Level1 | None] = {
    "产出指标": Level1.OUTPUT,
    "产出目标": Level1.OUTPUT,
    "成本指标": Level1.COST,
    "效益指标": Level1.BENEFIT,
    "效果目标": Level1.BENEFIT,
    "效果指标": Level1.BENEFIT,
    "影响力目标": Level1.BENEFIT,
    "满意度指标": Level1.SATISFACTION,
    "满意度目标指标": Level1.SATISFACTION,
    # Sichuan's 项目支出绩效目标申报表 (2021): 项目完成指标 holds 数量/质量/时效/成本, 项目效益指标 the 效益 ones.
    "项目完成指标": Level1.OUTPUT,
    "项目效益指标": Level1.BENEFIT,
    LEGACY_INPUT_LEVEL1: None,
    "投入管理目标": None,
}

# Written 二级 labels (current and legacy) and their current counterpart.
_LEVEL2_TERMS: dict[str, Level2 | None] = {
    **{l2.value: l2 for l2 in Level2},
    "数量": Level2.QUANTITY,
    "数量目标": Level2.QUANTITY,
    "质量": Level2.QUALITY,
    "质量目标": Level2.QUALITY,
    "时效": Level2.TIMELINESS,
    "时效目标": Level2.TIMELINESS,
    "成本": Level2.ECONOMIC_COST,
    "成本目标": Level2.ECONOMIC_COST,
    "成本指标": Level2.ECONOMIC_COST,
    "经济效益": Level2.ECONOMIC_BENEFIT,
    "经济效益目标": Level2.ECONOMIC_BENEFIT,
    "社会效益": Level2.SOCIAL_BENEFIT,
    "社会效益目标": Level2.SOCIAL_BENEFIT,
    "生态效益": Level2.ECOLOGICAL_BENEFIT,
    "生态效益目标": Level2.ECOLOGICAL_BENEFIT,
    "可持续影响": Level2.SUSTAINABILITY,
    "可持续影响目标": Level2.SUSTAINABILITY,
    "可持续目标": Level2.SUSTAINABILITY,
    "长效管理": Level2.SUSTAINABILITY,
    "配套设施": Level2.SUSTAINABILITY,
    "满意度": Level2.SATISFACTION,
    "满意度目标": Level2.SATISFACTION,
    "服务对象满意度": Level2.SATISFACTION,
    "社会公众或服务对象满意度": Level2.SATISFACTION,
    "社会公众或服务对象满意度指标": Level2.SATISFACTION,
    # Legacy 投入和管理目标 sub-categories: management of inputs, no current counterpart.
    "财务管理": None,
    "资金投入管理": None,
    "项目实施管理": None,
    "投入管理": None,
    "项目管理": None,
}

# Written at 二级 in transitional forms (成本指标 under 产出指标) and at 一级 in current ones.
AMBIGUOUS_TERMS = frozenset({"成本指标"})


def level_terms() -> list[str]:
    """Every 一级/二级 wording the framework knows (current and legacy), longest first."""
    return sorted({*_LEVEL1_TERMS, *_LEVEL2_TERMS}, key=len, reverse=True)


def is_level1_term(text: str) -> bool:
    return _key(text) in _LEVEL1_TERMS


def is_level2_term(text: str) -> bool:
    return _key(text) in _LEVEL2_TERMS


def is_level_term(text: str) -> bool:
    return is_level1_term(text) or is_level2_term(text)


def is_legacy_input(level1_written: str | None) -> bool:
    return level1_written is not None and _key(level1_written) in {LEGACY_INPUT_LEVEL1, "投入管理目标"}


def normalise(level1_written: str | None, level2_written: str | None) -> Placement:
    """Map the categories a form wrote onto the current framework.

    The 二级 label decides where it is known, since legacy 一级 labels (影响力目标) span several
    current 一级 categories; the 一级 label decides otherwise.
    """
    l1_key = _key(level1_written) if level1_written else None
    l2_key = _key(level2_written) if level2_written else None
    if level2_written is not None and _umbrella_over(l1_key, level2_written):
        inner = normalise(level2_written, None)
        umbrella = f"「{level1_written}」是一级指标之上的总类，按「{level2_written}」作一级指标"
        return Placement(inner.level1, inner.level2, f"{umbrella}；{inner.note}" if inner.note else umbrella)
    if l1_key in {LEGACY_INPUT_LEVEL1, "投入管理目标"}:
        return Placement(None, None, "旧框架“投入和管理目标”反映投入管理，现行框架无对应类别")
    if l2_key is not None and l2_key in _LEVEL2_TERMS:
        return _place_level2(l2_key)
    if l1_key is not None and l1_key in _LEVEL2_TERMS and _LEVEL2_TERMS[l1_key] is not None:
        return _place_level2(l1_key)
    level1 = _LEVEL1_TERMS.get(l1_key) if l1_key else None
    if level1 is None:
        return Placement(None, None, "未能识别指标类别")
    children = FRAMEWORK[level1]
    if len(children) == 1:
        return Placement(level1, children[0])
    if level1 is Level1.COST:
        return Placement(level1, Level2.ECONOMIC_COST, "成本指标未细分二级，按经济成本指标归类")
    return Placement(level1, None, "未填写二级指标")


def _place_level2(l2_key: str) -> Placement:
    level2 = _LEVEL2_TERMS[l2_key]
    if level2 is None:
        return Placement(None, None, "旧框架投入管理类指标，现行框架无对应类别")
    note = None
    if l2_key in {"成本", "成本目标", "成本指标"}:
        note = "成本指标未细分二级，按经济成本指标归类"
    return Placement(PARENT[level2], level2, note)


def _with_suffix(*stems: str) -> frozenset[str]:
    return frozenset(s + suffix for s in stems for suffix in ("", "目标", "指标"))


# Valid 一级 → 二级 pairs of the legacy framework (2019/2020 forms), as they were written.
LEGACY_PAIRS: dict[str, frozenset[str]] = {
    "产出目标": _with_suffix("数量", "质量", "时效", "成本"),
    "效果目标": _with_suffix("经济效益", "社会效益", "生态效益", "可持续影响"),
    "影响力目标": _with_suffix(
        "可持续影响", "可持续", "长效管理", "配套设施", "满意度", "服务对象满意度", "社会公众或服务对象满意度"
    ),
    LEGACY_INPUT_LEVEL1: frozenset({"财务管理", "资金投入管理", "项目实施管理", "投入管理", "项目管理"}),
}


def is_written_pair_valid(level1_written: str | None, level2_written: str | None, *, current: bool) -> bool:
    """Whether a form's 一级/二级 pair as written is valid in its framework (a missing 二级 is judged elsewhere)."""
    if not level1_written or not level2_written:
        return True
    l1, l2 = _key(level1_written), _key(level2_written)
    if not current:
        return l2 in LEGACY_PAIRS.get(l1, frozenset())
    try:
        level1 = Level1(l1)
    except ValueError:
        return False
    level2 = next((c for c in Level2 if l2 in {c.value, c.value.removesuffix("指标")}), None)
    return level2 is not None and PARENT[level2] is level1
