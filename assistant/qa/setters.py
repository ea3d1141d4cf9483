"""Who set a kind of indicator (设社会成本指标的是哪几个, 设了时效指标的有哪些): the projects that did, not the
indicators (issue 24). 的 after 指标 makes the projects the subject asked for, though no 项目 is written."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.cues import Cues
from assistant.qa.models import Target

# 设(了)…指标的是哪几个 / 写了…指标的都有哪些 / 用了…类指标的是谁: those that set them
_WHO_SET = re.compile(
    r"(?:设置了|设置|设了|设有|设|写了|填了|用了|定了)[^，,。？?！!；;]{1,14}?指标的(?:项目|申报表)?(?:都|分别)?(?:是|有)"
    r"(?:哪|谁)"
)

_INDICATORS_ASKED = (Target.LIST_INDICATORS, Target.COUNT_INDICATORS, Target.COMMON_INDICATORS)


def who_set(cues: Cues, full: str) -> Cues:
    """The cues of a question asking who set a kind of indicator, with the projects as the target (no one project
    named); other cues unchanged."""
    if cues.target not in _INDICATORS_ASKED or cues.project or cues.declaration_id:
        return cues
    if cues.refers_to_focus or _WHO_SET.search(full) is None:
        return cues
    return replace(cues, target=Target.LIST_PROJECTS, follow_up=False)  # 设…指标的是哪些 picks no row of before
