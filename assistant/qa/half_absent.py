"""One real and one absent project asked each (issue 24, red team rt13 #7): 机关服务费和某卫健委项目的资金总额分别是多少
answers the real one, cited, and says the other is not in the corpus; a comparison of the two (A比B多多少) stays refused,
since one side has no figure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.qa.cues import Cues
from assistant.qa.execute import execute
from assistant.qa.models import Answer, Target
from assistant.qa.queries import to_query

if TYPE_CHECKING:
    from assistant.qa.scope import Scope

# 分别是多少, 各是多少, 各自, 各有几个, 每个项目: each side asked apart, no comparison
_EACH = re.compile(r"分别|各是|各为|各自|各有|各填|各设|各报|各申请|各(?:是|为|有)?(?:多少|几|什么|啥)|每个项目")
_COMPARES = re.compile(r"比较|对比|相比|比.{0,12}(?:多|少|高|低)|差(?:多少|几)|相差|差额|哪个(?:多|少|高|低)")
_OTHER_LINE = "问题中的另一个项目"


def each_real_side(question: str, cues: Cues, scope: Scope, refused: Answer) -> Answer | None:
    """The refusal of the absent side, with the real project's answer after it; None where the question is no
    'each' question about one real and one absent project, or the real side has no structured answer."""
    text = "".join(question.split())
    if not (cues.unknown_project and cues.project) or not _EACH.search(text) or _COMPARES.search(text):
        return None
    if cues.unknown_district or cues.unknown_subject or cues.unknown_kind or cues.amount_condition:
        return None
    absent_unit = cues.unknown_unit and cues.unknown_unit in cues.unknown_project
    if cues.unknown_unit and not absent_unit:
        return None
    kind = cues.project_type
    typed_absent = kind is not None and any(part in cues.unknown_project for part in kind.value.split("/"))
    real = replace(
        cues,
        unknown_project=None,
        unknown_unit=None if absent_unit else cues.unknown_unit,
        candidates=(),
        project_type=None if typed_absent else kind,  # 河道保洁 of the absent 河道保洁项目 types no real one
    )
    if real.target is Target.COMPARE_PROJECTS or (query := to_query(real)) is None:
        return None
    found = execute(query, question, scope)
    if found.refused or not found.rows:
        return None
    said = [line for line in refused.text.splitlines() if not line.startswith(_OTHER_LINE) and "语料库现有" not in line]
    head = f"问题中的“{cues.project}”语料库中有，它的答案如下（另一个项目不在语料库中，不以它的数字代答）："
    found.text = "\n".join([*said, head, found.text])
    return found
