"""A count said per item after its measure (年故障停梯次数每台不超过2次 → 年故障停梯次数 ≤2(次/台)).

per_object(s) -> (statement with its object cut, the item it is counted per or "")
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain.statements import Statement

# The object of a count said per item after it (年故障停梯次数每台), and a time phrase before it (电梯投入使用后).
_PER_TAIL = re.compile(r"每(?P<per>[\u4e00-\u9fff])$")
_AFTER_EVENT = re.compile(r"^.*?(?:使用|运行|建成|改造|实施|完成|投用|竣工|验收|开通|上线)后(?=[\u4e00-\u9fff]{3})")


def per_object(s: Statement) -> tuple[Statement, str]:
    """(the statement with its object cut, the item it is counted per): ``电梯投入使用后年故障停梯次数每台`` →
    (年故障停梯次数, 台); a statement with no 每X after its object is returned as it is, with ""."""
    before = s.clause[: s.clause.find(s.words)] if s.words in s.clause else s.object
    tail = _PER_TAIL.search(before)
    if tail is None or s.per_unit or not before.endswith(s.object):
        return s, ""
    obj = _AFTER_EVENT.sub("", before[: tail.start()])  # the whole measure, its verb too (设施年故障维修次数)
    return replace(s, object=obj, verb=""), tail["per"]
