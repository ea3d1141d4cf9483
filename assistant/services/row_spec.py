"""An indicator row written on the command line (``assistant drafts edit N --add-row 一级/二级/三级/指标值``) read into
the `IndicatorInput` the web's row editor builds, so both add a row through `WorkspaceService.put_row`."""

from __future__ import annotations

from assistant.domain.framework import FRAMEWORK, Level1, Level2, normalise
from assistant.errors import InputError
from assistant.services.workspace import IndicatorInput

_EXAMPLE = "产出指标/数量指标/收容流浪犬只数量/≥1600只"


def parse_row_spec(text: str) -> IndicatorInput:
    """``一级/二级/三级/指标值`` → `IndicatorInput`. The value is everything after the third ``/`` (a unit such as
    ``元/只`` keeps its slash); 一级/二级 may be written short (产出/数量) or as older forms wrote them (数量目标): they
    are read with the framework's `normalise`. Raises `InputError` (Chinese) for fewer than four parts, a blank
    part, or a category the framework does not know or that does not belong to its 一级."""
    parts = [part.strip() for part in text.split("/", 3)]
    if len(parts) < 4 or not all(parts):
        raise InputError(
            f"--add-row 的内容“{text}”应写成“一级/二级/三级/指标值”四段，每段都不能为空",
            hint=f"如 --add-row {_EXAMPLE}（值中含空格时请加引号）",
        )
    level1_text, level2_text, name, value = parts
    level1 = _level1(level1_text)
    level2 = _level2(level2_text, level1)
    return IndicatorInput(level1=level1, level2=level2, name=name, qualitative=value)


def _level1(text: str) -> Level1:
    for candidate in (text, f"{text}指标"):
        if candidate in {l1.value for l1 in Level1}:
            return Level1(candidate)
    placed = normalise(text, None).level1
    if placed is None:
        raise InputError(
            f"一级指标“{text}”不是绩效指标框架中的类别", hint=f"可选：{'、'.join(l1.value for l1 in Level1)}"
        )
    return placed


def _level2(text: str, level1: Level1) -> Level2:
    allowed = FRAMEWORK[level1]
    for candidate in (text, f"{text}指标"):
        found = next((l2 for l2 in allowed if l2.value == candidate), None)
        if found is not None:
            return found
    placed = normalise(level1.value, text)
    if placed.level2 is None or placed.level2 not in allowed:
        raise InputError(
            f"二级指标“{text}”不属于一级指标“{level1.value}”", hint=f"可选：{'、'.join(l2.value for l2 in allowed)}"
        )
    return placed.level2
