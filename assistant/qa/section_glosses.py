"""A section named by its heading with the heading's gloss (issue 24, sealed13): 实施的资源配置（资金、机构人员、制度建设）
那段 别人怎么写.

Forms and officers write a section's heading with what it covers in brackets. The bracketed words gloss the section;
read as names, 制度建设 would be taken for a project the corpus lacks and the question refused. A bracket right after a
section's words (`lexicon.SECTION_TERMS`, the headings of `SECTION_LABELS`) that lists words (、，, between them) is
dropped before the question is read; any other bracket stays.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.domain.model import SECTION_LABELS
from assistant.qa.lexicon import SECTION_TERMS

_BRACKET = re.compile(r"[（(](?P<inner>[^（）()]{2,40})[）)]")
_LISTED = re.compile(r"[、，,/]")
_BETWEEN = re.compile(
    r"(?:的|这|那)?(?:情况|部分|一?栏|一?段)?$"
)  # 资源配置情况（…）: words between heading and bracket


@lru_cache(maxsize=1)
def _headings() -> tuple[str, ...]:
    words = {term for term, _ in SECTION_TERMS} | set(SECTION_LABELS.values())
    return tuple(sorted(words, key=len, reverse=True))


def without_glosses(text: str) -> str:
    """``text`` without the bracketed lists that gloss a section heading written just before them."""
    out, at = [], 0
    for found in _BRACKET.finditer(text):
        before = _BETWEEN.sub("", text[: found.start()])
        if _LISTED.search(found["inner"]) and before.endswith(_headings()):
            out.append(text[at : found.start()])
            at = found.end()
    return "".join(out) + text[at:] if out else text
