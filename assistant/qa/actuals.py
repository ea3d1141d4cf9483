"""Questions about what was actually achieved (实际完成值, 自评得分, 实际执行): the corpus holds declarations, whose
indicator values are the year's TARGETS (目标值), never results. Such an answer says so first and labels what it shows
as 目标值, and keeps no headline figure, so that a target is never passed off as an actual (red team rt10 #3).

The results themselves live in the year cycle's forms (绩效自评表, 运行监控表: `assistant selfeval ask`, `selfeval
show`, `monitor show`); the answer points there. The 上年 fields of a form (上年预算执行数) are recorded figures of
the year before and are not caught here.
"""

from __future__ import annotations

import re

from assistant.qa.models import Answer

# 实际完成值 / 实际达到 / 自评得分 / 完成得怎么样 / 有没有完成 / 评了多少分: what was achieved, not what was set.
_ACTUAL = re.compile(
    r"实际(?:是|为|有|完成|达到|达成|执行|支出|花|用|使用|发生|拨付|到位|效果|情况|值|数|结果|得分|满意度|完成率)"
    r"|实(?:际)?完成(?:值|数|情况)|完成(?:得|的)?(?:怎么样|如何|咋样)"
    r"|(?:有没有|是否|有无)(?:完成|达到|达标|达成)|(?:完成|达到|达标|达成)了(?:吗|没|没有|么)"
    r"|自评(?:得分|分数|分|结果|等级|情况|打了|评了|评分)|绩效评价(?:得分|结果|分数|等级)|评价(?:得分|结果|分数)"
    r"|评(?:了|的)?(?:多少|几)分|得(?:了)?(?:多少|几)分|支出进度|超额完成|偏差原因"
)
# 上年预算执行数 and the other 上年 fields are written on the declaration itself.
_LAST_YEAR_FIELD = re.compile(r"上年|上一年度?")

TARGETS_ONLY = (
    "注意：申报表记录的是年度绩效目标（目标值）和申报的资金，不记录实际完成值、实际执行数或自评得分；"
    "以下为申报表中的目标值，不是实际完成情况。"
    "实际完成情况见项目的绩效自评表或运行监控表（已导入本系统的，可在“绩效自评”“运行监控”中查看和提问）。"
)


def asks_actual(question: str) -> bool:
    """Whether ``question`` asks what was achieved or scored rather than what was set."""
    return bool(_ACTUAL.search(question)) and not _LAST_YEAR_FIELD.search(question)


def targets_labelled(question: str, result: Answer) -> Answer:
    """``result`` with the targets-only line first and no headline figure when ``question`` asks for an actual."""
    if not asks_actual(question) or TARGETS_ONLY in result.text:
        return result
    return result.model_copy(update={"text": f"{TARGETS_ONLY}\n{result.text}", "figure": None})


__all__ = ["TARGETS_ONLY", "asks_actual", "targets_labelled"]
