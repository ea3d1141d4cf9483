"""The indicator framework: required categories, cost indicators, valid pairs, misplaced indicators."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.domain.framework import Level1, Level2, is_written_pair_valid
from assistant.domain.model import Declaration, Indicator, Layout
from assistant.review import lexicon
from assistant.review.base import at_field, at_indicator, finding, quoted
from assistant.review.models import Finding, Location

COST_EXPECTED_FROM = 2025  # Shanghai's 2025 guidance: every project should in principle carry a cost indicator.


def is_current(decl: Declaration) -> bool:
    return decl.layout is Layout.MUNICIPAL_2021


def check_completeness(decl: Declaration) -> Iterator[Finding]:
    if not decl.indicators:
        yield finding("FW-MISSING-L2", "没有任何绩效指标。", at_field("indicators"))
        return
    present = {i.level2 for i in decl.indicators}
    for required in (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS):
        if required not in present:
            yield finding("FW-MISSING-L2", f"产出指标缺少“{required.value}”。", at_field("indicators"))
    if not any(i.level1 is Level1.BENEFIT for i in decl.indicators):
        yield finding(
            "FW-MISSING-L2", "缺少效益指标（社会效益、经济效益、生态效益或可持续影响）。", at_field("indicators")
        )
    if Level2.SATISFACTION not in present:
        yield finding("FW-MISSING-L2", "缺少满意度指标（服务对象满意度）。", at_field("indicators"))
    year = decl.header.year or 0
    if year >= COST_EXPECTED_FROM and not any(i.level1 is Level1.COST for i in decl.indicators):
        yield finding(
            "FW-COST",
            f"{year} 年度申报表没有成本指标；按上海市现行指引，项目原则上应设置成本指标。",
            at_field("indicators"),
        )


def check_pairs(decl: Declaration) -> Iterator[Finding]:
    seen: set[tuple[str | None, str | None]] = set()
    for ind in decl.indicators:
        pair = (ind.level1_written, ind.level2_written)
        if pair in seen:
            continue
        seen.add(pair)
        if not is_written_pair_valid(*pair, current=is_current(decl)):
            framework = "现行框架" if is_current(decl) else "该年度表样的指标框架"
            yield finding(
                "FW-PAIR",
                f"“{pair[0]} / {pair[1]}”不是{framework}中的一级/二级搭配。",
                at_indicator(ind),
                fix=_pair_fix(ind),
            )
        elif ind.level2_written is None and ind.level1 is not Level1.SATISFACTION:
            under = f"一级指标“{ind.level1_written}”下的" if ind.level1_written else ""
            yield finding("FW-L2-BLANK", f"{under}指标{quoted(ind)}未填写二级指标。", at_indicator(ind))


def _pair_fix(ind: Indicator) -> str:
    if ind.level1 and ind.level2:
        return f"按现行框架应填写为“{ind.level1.value} / {ind.level2.value}”。"
    return "按框架选择一级/二级指标。"


def check_misplaced(decl: Declaration) -> Iterator[Finding]:
    for ind in decl.indicators:
        if ind.level2 is None:
            continue
        target = _misplacement(ind)
        if target is not None and target is not ind.level2:
            yield finding(
                "FW-MISPLACED",
                f"指标{quoted(ind)}归在“{ind.level2.value}”下，但从名称和取值看更像“{target.value}”。",
                at_indicator(ind),
                fix=f"把该指标移到“{target.value}”下，或改写名称使其符合“{ind.level2.value}”的含义。",
                suggested=target,
            )


def _misplacement(ind: Indicator) -> Level2 | None:
    name, value, level2 = ind.name, ind.value, ind.level2
    predicted = lexicon.likely_level2(name, value)
    if predicted is Level2.SATISFACTION:
        return predicted
    if level2 is Level2.SATISFACTION and not lexicon.SATISFACTION.search(name) and "投诉" not in name:
        return predicted or Level2.SOCIAL_BENEFIT
    if level2 is Level2.QUANTITY and predicted in {Level2.QUALITY, Level2.TIMELINESS}:
        return predicted
    if level2 in {Level2.ECOLOGICAL_BENEFIT, Level2.ECOLOGICAL_COST} and not lexicon.is_ecological(name):
        return Level2.QUALITY if predicted is Level2.QUALITY else Level2.SOCIAL_BENEFIT
    if level2 is Level2.TIMELINESS and not lexicon.is_time_measure(name, value):
        return predicted if predicted is not None else Level2.QUALITY
    if level2 is Level2.QUALITY and predicted is Level2.TIMELINESS:
        return predicted
    return None


def check_legacy_inputs(decl: Declaration) -> Iterator[Finding]:
    legacy = [i for i in decl.indicators if i.level1 is None and i.level1_written]
    if is_current(decl) or not legacy:
        return
    names = "、".join(i.name for i in legacy[:3])
    yield finding(
        "FW-LEGACY-INPUT",
        f"旧框架“投入和管理目标”下有 {len(legacy)} 项指标（如 {names}），现行框架不再把投入和过程管理作为绩效指标。",
        Location(indicator=at_indicator(legacy[0]).indicator, line=legacy[0].line),
    )
