"""Simple checks of whether a rewrite did what its instruction asked: shorter when asked shorter, longer when asked
for more detail, and the content the instruction names (突出…、增加…、写明…) present in the new text.

They judge by length and wording only, so they claim no more than that: a rewrite that passes may still miss the
point; one that fails certainly did not do what was asked, and the page labels it so.
"""

from __future__ import annotations

import re

import jieba

_SHORTER = re.compile(r"简洁|精简|简短|缩短|压缩|更短|删减|精炼|简明")
_LONGER = re.compile(r"详细|展开|扩充|充实|具体|补充")
_NAMED = re.compile(r"(?:突出|增加|写明|写入|补充|强调|加入|体现|提到|包括|围绕)([^，。；;,、\s]{2,40})")
_SPLIT = re.compile(r"[和及与、]")


def unmet(instruction: str, before: str, after: str) -> list[str]:
    """What the rewrite ``after`` of ``before`` visibly did not do of ``instruction``, in Chinese (empty: nothing seen)."""
    if not instruction.strip() or not after.strip():
        return []
    found: list[str] = []
    if _SHORTER.search(instruction) and before.strip() and len(after) >= len(before):
        found.append(f"要求更简洁，但建议文本（{len(after)} 字）不比当前文本（{len(before)} 字）短")
    elif _LONGER.search(instruction) and not _NAMED.search(instruction) and len(after) <= len(before):
        found.append(f"要求更详细，但建议文本（{len(after)} 字）不比当前文本（{len(before)} 字）长")
    for match in _NAMED.finditer(instruction):
        for term in (t.strip() for t in _SPLIT.split(match.group(1))):
            if len(term) >= 2 and not _present(term, after):
                found.append(f"要求写到“{term}”，建议文本中没有")
    return found


def _present(term: str, text: str) -> bool:
    """``term`` in ``text``, or every word of it (two characters or more) there, in any order."""
    if term in text:
        return True
    words = [w for w in jieba.lcut(term) if len(w) >= 2]
    return bool(words) and all(w in text for w in words)
