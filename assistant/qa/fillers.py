"""Words officers put around a subject that name nothing (issue 24, sealed8): a pointer with a measure word (那笔,
这项, 那俩, 那几个), a verb of comparing or changing (多出, 少了, 差, 减了), how a form came in or where a value was set
(报上来, 里定的, 写的). Read as a subject's name, they made the question refused as asking about money or a kind of
project the corpus lacks (“语料库中没有关于‘那笔’…”); a subject is what remains once they are taken out.

- ``without_fillers(text)``: ``text`` with every such word taken out (for the test whether a subject says anything);
- ``trim_fillers(text)``: ``text`` with such words taken off its two ends (the subject as shown in a refusal).
"""

from __future__ import annotations

import re

# 那笔, 这项, 那俩, 那两个, 这几条, 那一块, 那些: a pointer and the measure word after it.
_POINTER = r"[这那该此哪](?:[一两俩二三四五几]?(?:个|笔|项|条|份|块|部分|种|类|家|批|些)|俩|两)"
# 多出, 少了, 相差, 差了, 高出, 超出, 减了, 降了, 砍掉: comparing or changing, said of amounts or counts.
_COMPARING = (
    r"(?:多|少|高|低|超|大|小)出(?:了|来)?|相差|差了|差额|差(?!旅)|多了|少了|增加了?|减少了?|增了|减了|降了|涨了|升了|"
    r"砍了|砍掉了?|去掉了?|压缩了?|缩减了?|翻了|对比|相比|比起|比"
)
# 报上来, 报上去, 交上来, 送上来, 报过来: how a form came in; 里定的, 中写的, 里设的: where a value was set.
_FILING = r"(?:报|交|送|递|呈)(?:上来|上去|过来|上|来)(?:的)?|(?:里|里面|中|当中|上)?(?:定|写|设|填|列|给)(?:的|了)"
_ANY = re.compile(f"(?:{_POINTER}|{_FILING}|{_COMPARING})")
_EDGES = re.compile(f"^(?:{_POINTER}|{_FILING}|{_COMPARING})+|(?:{_POINTER}|{_FILING}|{_COMPARING})+$")


def without_fillers(text: str) -> str:
    """``text`` less every filler word (基层党建那笔 → 基层党建; 多出 → empty)."""
    return _ANY.sub("", text)


def trim_fillers(text: str) -> str:
    """``text`` less the filler words at its ends (那笔换届选举 → 换届选举), the words inside kept."""
    return _EDGES.sub("", text)
