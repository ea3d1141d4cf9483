"""Where an indicator belongs when its form gives no 一级/二级 (a flat list 指标/权重/单位/性质/值).

The row is placed by what it measures, from words in its name and its unit, checked in order from the
most telling (满意度, 成本) to the most general (社会效益); the caller notes the placement so a person can
move the row. Nothing here invents a category the words do not support: a row no rule fits is placed
under 社会效益指标, the broadest effect, and the note says that it was a default.
"""

from __future__ import annotations

import re

from assistant.domain.framework import PARENT, Level1, Level2

_RULES: tuple[tuple[Level2, re.Pattern[str], str], ...] = (
    (Level2.SATISFACTION, re.compile(r"满意"), "名称含“满意”"),
    (Level2.ECONOMIC_COST, re.compile(r"(成本|费用|单价|造价|标准[（(]?元|预算控制|控制在预算)"), "名称讲成本或费用"),
    (
        Level2.TIMELINESS,
        re.compile(r"(及时|按时|时限|时间|期限|进度|完成时|周期|到位率|工作日|天内|月底)"),
        "名称讲时间或进度",
    ),
    (Level2.ECOLOGICAL_BENEFIT, re.compile(r"(生态|环境|绿化|减排|节能|污染|空气|水质|垃圾)"), "名称讲生态环境"),
    (Level2.SUSTAINABILITY, re.compile(r"(持续|长效|长期|可持续)"), "名称讲持续影响"),
    (Level2.ECONOMIC_BENEFIT, re.compile(r"(经济|收入|增收|产值|效益|税收|就业)"), "名称讲经济效益"),
    (Level2.QUALITY, re.compile(r"(率|合格|达标|质量|规范|准确|足额|完好|验收)"), "名称讲质量或达标"),
    (Level2.QUANTITY, re.compile(r"(数量|人数|人次|个数|户数|次数|场次|面积|长度|[数量]$|覆盖)"), "名称讲数量"),
    (Level2.SOCIAL_BENEFIT, re.compile(r"(社会|和谐|稳定|权益|保障|安全|服务|群众|民生|公共)"), "名称讲社会效益"),
)
_COUNT_UNITS = re.compile(r"^(个|人|人次|次|场|项|户|家|所|名|辆|台|套|件|份|期|批|条|处|座|块|平方米|公里|亩|人数)$")


def place_by_content(name: str, unit: str | None) -> tuple[Level1, Level2, str]:
    """(一级, 二级, why in Chinese) for a row with no category written, from its ``name`` and ``unit``."""
    for level2, pattern, why in _RULES:
        if pattern.search(name):
            if level2 is Level2.QUANTITY or level2 is not Level2.SOCIAL_BENEFIT or not _counted(unit):
                return PARENT[level2], level2, why
    if _counted(unit):
        return Level1.OUTPUT, Level2.QUANTITY, f"计量单位“{unit}”是计数单位"
    return Level1.BENEFIT, Level2.SOCIAL_BENEFIT, "名称中没有可判断类别的字词，暂归入社会效益指标"


def _counted(unit: str | None) -> bool:
    return bool(unit and _COUNT_UNITS.match(unit.strip()))
