"""A follow-up said in an opening clause of its own (issue 24, sealed13): 26年那个呢 申请多少, 党建中心那份呢，联系人是谁.

The usual follow-up starts with 那/还有 or is a short question ending in 呢 (那2026年的呢？). An officer also opens with
the changed subject ending in 呢 and then asks the question: the clause before 呢 names what changes (a year, a unit,
a project), the rest what is asked; everything left unsaid stays as the question before had it.
"""

from __future__ import annotations

import re

# The opening clause: up to ten characters ending in 呢, followed by the question proper
_OPENING = re.compile(r"^(?P<head>[^？?。！!，,]{1,10}?)呢[？?，,。！!]*(?P<rest>[^？?。！!]{2,})")
# An opening clause that asks something itself (多少呢, 哪个呢) is a question, not a change of subject
_ASKING = re.compile(r"多少|几|哪|什么|啥|谁|怎么|如何|吗|是否")


def opens_as_follow_up(body: str) -> bool:
    """Whether ``body`` (the question without spaces) opens with a clause ending in 呢 that asks nothing itself."""
    found = _OPENING.match(body)
    return found is not None and _ASKING.search(found["head"]) is None
