"""Declaration ids and policies named in a question (文号 in any bracket, 《title》, a bare title or alias): read first,
since they contain years."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain.policy import find_policy, normalise_reference
from assistant.qa.cues import Cues
from assistant.qa.cues import cut as _cut
from assistant.qa.lexicon import Lexicon

_DECL_ID = re.compile(r"\d{4}-\d{3}-\d{2}")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,8}[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*[\u4e00-\u9fa5]?\d+号")
# 组厅字2017年7号: a number written without its brackets (the issuer's word ends in 字, 发 or 函).
_BARE_DOC_NUMBER = re.compile(r"([\u4e00-\u9fa5]{0,7}[字发函])\s*(\d{4})\s*年?\s*第?\s*(\d{1,4})\s*号")
_BEFORE_NUMBER = ("了", "用", "到", "据", "照", "按", "的", "是", "有", "过")
_TITLE = re.compile(r"《[^》]{2,60}》")
_CITES = ("引用", "依据", "提到", "援引", "根据")


def take_ids_and_policies(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    if found := _DECL_ID.search(text):
        cues = replace(cues, declaration_id=found.group())
        text = _cut(text, found.group())
    text = _BARE_DOC_NUMBER.sub(lambda m: f"{m[1]}〔{m[2]}〕{m[3]}号", text)
    for written in [_doc_number(m.group(), lexicon) for m in _DOC_NUMBER.finditer(text)] + _TITLE.findall(text):
        policy = find_policy(lexicon.policies, written)
        cues = replace(cues, policy_id=policy.id) if policy else replace(cues, policy_text=normalise_reference(written))
        text = _cut(text, written)
    if cues.policy_id is None and cues.policy_text is None:
        cues, text = _policy_by_bare_title(text, cues, lexicon)
    return text, cues


def _doc_number(found: str, lexicon: Lexicon) -> str:
    """The number without the words before it: 引用了组厅字[2017]7号 → 组厅字[2017]7号."""
    bracket = next(i for i, char in enumerate(found) if char in "〔[［(（【")
    for start in range(bracket):
        if find_policy(lexicon.policies, found[start:]) is not None:
            return found[start:]
    cut = max(found.rfind(word, 0, bracket) for word in _BEFORE_NUMBER)
    return found[cut + 1 :]


def _policy_by_bare_title(text: str, cues: Cues, lexicon: Lexicon) -> tuple[Cues, str]:
    """A title or alias written without 《》 (预算法, 监督法…), longest first."""
    shortest = (
        2 if any(word in text for word in _CITES) else 3
    )  # 宪法 alone is a policy only where the question asks what cites it
    keys = sorted(
        ((alias, p.id) for p in lexicon.policies for alias in (p.title, *p.aliases) if len(alias) >= shortest),
        key=lambda a: -len(a[0]),
    )
    for alias, policy_id in keys:
        if alias in text:
            return replace(cues, policy_id=policy_id), _cut(text, alias)
    return cues, text
