"""A question that asserts a count (信息化建设项目26年有没有8个指标, 机关服务费设了10条指标对吗, 23年是不是报了6个项目;
issue 24, sealed13): the answer gives the forms' count (cited, as any figure) and says first whether the stated one is
it: 是，… / 不是：…. The stated count is quoted as the question's, never repeated as a fact.

A count bounding a condition (超过8个指标的项目, 8个以上) asserts nothing; nor does a count the answer has none of
(8个指标 asked of projects listed).
"""

from __future__ import annotations

import re

from assistant.qa.models import Query, Result, Target

_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2, "俩": 2}
_N = r"\d{1,3}|[一二两三四五六七八九十]{1,3}"
# 8个指标, 5个项目; or a bare count checked at once (一共几条 是7条吗): what it counts is what the answer counted
_STATED = re.compile(
    rf"(?P<n>{_N})\s*(?:个|项|条|份)(?:绩效)?(?P<what>指标|项目|申报表)|(?<=[是有就])(?P<m>{_N})\s*(?:个|项|条|份)(?=吗|吧|对吗|对吧|是吧|没错)"
)
_CHECK = re.compile(r"有没有|是不是|是否|对吗|对不对|对吧|没错吧?|吗[？?！!。]*$|吧[？?！!。]*$")
_BOUND = re.compile(r"(?:超过|超出|多于|少于|不到|不足|至少|不少于|不超过|大于|小于|以上|以下|以内)$")
_BOUND_AFTER = re.compile(r"^(?:以上|以下|以内|左右|多|出头|往上|的项目|的申报表)")
_COUNTS = {
    "指标": (Target.COUNT_INDICATORS, Target.LIST_INDICATORS),
    "项目": (Target.COUNT_PROJECTS, Target.LIST_PROJECTS),
    "申报表": (Target.COUNT_PROJECTS, Target.LIST_PROJECTS),
}
_WHAT = {target: what for what, targets in _COUNTS.items() for target in targets if what != "申报表"}


def _number(written: str) -> int:
    if written.isdigit():
        return int(written)
    if len(written) == 1:
        return _NUMERALS.get(written, 0)
    tens, _, ones = written.partition("十")
    return (_NUMERALS.get(tens, 1) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0)


def _stated(question: str) -> tuple[str, int, str] | None:
    """(as written, the number, what it counts) of a count the question asserts, or None."""
    found = _asserted(question)
    if found is None:
        return None
    return found.group(), _number(found["n"] or found["m"]), found["what"] or ""


def _asserted(question: str) -> re.Match[str] | None:
    text = "".join(question.split())
    if not _CHECK.search(text):
        return None
    for found in _STATED.finditer(text):
        if not (_BOUND.search(text[: found.start()]) or _BOUND_AFTER.match(text[found.end() :])):
            return found
    return None


def read_as_asked(text: str) -> str:
    """``text`` (no spaces) with an asserted count read as the count asked (报了5个项目对吧: 报了几个项目), so that the
    question is read as a count; the note above then checks the number stated."""
    found = _asserted(text)
    if found is None:
        return text
    at = "n" if found["n"] else "m"  # the group of the number written
    return f"{text[: found.start(at)]}几{text[found.end(at) :]}"


def stated_count_note(question: str, query: Query, result: Result) -> list[str]:
    """One line, first in the answer, on the count the question states against the count answered; none when the
    question states no count or the answer counts something else."""
    found, rows, figure = _stated(question), result.rows, result.figure
    if found is None:
        return []
    written, stated, what = found
    what = what or _WHAT.get(query.target, "")  # 是7条吗: what the answer counted
    if what not in _COUNTS:
        return []
    counted, listed = _COUNTS[what]
    if query.target is counted and figure and (digits := re.match(r"(\d+) ", figure)):
        actual = int(digits[1])
    elif query.target is listed and rows:
        actual = len({(r.declaration_id, r.field) for r in rows}) if what == "指标" else len(rows)
    else:
        return []
    if actual == stated:
        return [f"是，申报表所填为 {actual} {'项' if what == '指标' else '个'}，与问题中说的“{written}”一致。"]
    return [f"不是：问题中说的是“{written}”，按申报表为 {actual} {'项' if what == '指标' else '个'}。"]
