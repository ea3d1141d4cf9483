"""组织力平台跟党费系统的联系电话一样吗: one question asking whether two or more forms write the same value.

The answer's rows (one field of two or more forms) are compared as written: ``一样：都是…`` where every form writes the
same value, else ``不一样：…不同，`` with each form's value. Nothing is said where the rows are of several fields, of one form,
or where the question does not ask 一样/相同/一致.
"""

from __future__ import annotations

import re

from assistant.qa.models import Answer

_BLANK = frozenset({"", "（未填写）", "（空白）"})
ASKS_SAME = re.compile(
    r"一样|相同|一致|同一个|是同一|一不一样|同不同|是一个(?:人|单位|部门|号码?|电话)|是不是一[个家]|是否一[个家]|是一家"
)  # 是一个人吗


def alike_line(question: str, result: Answer) -> str | None:
    """``一样：…`` / ``不一样：…`` for ``result``'s rows, or None (see the module)."""
    if not ASKS_SAME.search(question) or result.refused or not result.rows:
        return None
    fields = {row.field for row in result.rows}
    forms = {(row.project, row.year): row.value for row in result.rows}
    if len(fields) != 1 or len(forms) < 2 or len(forms) != len(result.rows):
        return None
    field = fields.pop()
    values = set(forms.values())
    if values & _BLANK:
        return None  # a blank is no value to compare
    if len(values) == 1:
        return f"一样：{len(forms)} 份申报表的{field}都是“{values.pop() or '（空白）'}”。"
    each = "，".join(
        f"{project}（{year or '年度不详'}）是“{value or '（空白）'}”" for (project, year), value in forms.items()
    )
    return f"不一样：{len(forms)} 份申报表的{field}不同，{each}。"
