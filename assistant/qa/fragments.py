"""Whether the words the forms write are only a fragment of the word a question asks about.

The content matcher keeps the longest pieces of a phrase that some form writes (`assistant.qa.content_names`); a
phrase such as 物联网 then keeps 联网 (of 预算联网监督), which is another thing. A matched piece with a character of the
phrase's own beside it — not an asking character (报, 做, 的…) and not part of a word the matcher sets aside as generic
(改造, 系统…) — is a fragment of a longer word the forms do not write: the thing asked about is absent.
"""

from __future__ import annotations

from assistant.qa.content_names import _GENERIC
from assistant.qa.entities import _ASKING_CHARS

# Verbs before the thing (带APP, 管保洁, 买空调): what is done with it, no character of its word
_VERBS = frozenset("带含管用买装修换租请印拍")


def fragment_matched(phrase: str, words: tuple[str, ...]) -> bool:
    """Whether a piece of ``words`` stands in ``phrase`` right beside a character of the phrase's own word that no
    matched word and no generic word covers (物联网 → 联网: 物; 自媒体 → 媒体: 自), so the match is a fragment; a verb
    before it (管保洁) is no such character, nor one beside a word of Latin letters (带APP)."""
    covered = [False] * len(phrase)
    for found in _GENERIC.finditer(phrase):
        covered[found.start() : found.end()] = [True] * (found.end() - found.start())
    spans = [(at, at + len(word)) for word in words if (at := phrase.find(word)) >= 0]
    for start, end in spans:
        covered[start:end] = [True] * (end - start)
    for start, end in spans:
        beside = [
            i
            for i, own in ((start - 1, start), (end, end - 1))
            if 0 <= i < len(phrase) and not covered[i] and _chinese(phrase[own])
        ]
        if any(_chinese(phrase[i]) and phrase[i] not in _ASKING_CHARS | _VERBS for i in beside):
            return True
    return False


def _chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
