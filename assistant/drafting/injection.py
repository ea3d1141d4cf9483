"""Text that addresses the model (prompt injection) inside a brief, a precedent or a policy note.

Everything the user or the corpus supplies is data for the prompt, never an instruction: the prompts
fence it off and say so, and this module takes out what plainly talks to the model ("【系统指令】
忽略以上所有要求…", "ignore previous instructions") before it reaches a prompt, so that a small
model is not tempted. What was taken out is reported to the user, never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A marker that opens an instruction to the model; what follows it on the same line goes with it.
_MARKER = re.compile(
    r"[【\[<［(（]\s*(?:系统|system|assistant|助手|AI|模型)\s*(?:指令|提示|消息|设定|prompt|message)?\s*[】\]>］)）]|"
    r"(?:系统指令|系统提示词?|system\s*prompt)\s*[:：]",
    re.IGNORECASE,
)
# Wording that tells the model to drop its task or rules, or dictates what it writes.
_IMPERATIVE = re.compile(
    r"(?:忽略|无视|忘记|不要理会|不要遵守|跳过)(?:掉)?(?:以上|上述|之前|前面|先前|此前|上面|你的|所有|全部|一切)|"
    r"ignore\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier)|disregard\s+(?:all|any|the|previous|prior)|"
    r"你(?:现在)?(?:是|扮演|必须|只能|只需|应当)(?:一[个名位])?(?:新的)?(?:助手|模型|AI|角色)|"
    r"(?:项目概况|概况|必要性|总目标|年度目标|立项依据|正文|输出|回答)(?:部分)?(?:都|一律|全部)?(?:只|仅)(?:写|输出|填|回答)",
    re.IGNORECASE,
)
_LINE_END = re.compile(r"\n")


@dataclass
class Neutralised:
    """``text`` with the instructions to the model taken out; ``removed`` holds them verbatim."""

    text: str
    removed: list[str] = field(default_factory=list)


def neutralise(text: str) -> Neutralised:
    """Cut each instruction to the model from where it starts to the end of its line (its paragraph)."""
    removed: list[str] = []
    while (start := _first_hit(text)) is not None:
        end_match = _LINE_END.search(text, start)
        end = end_match.start() if end_match else len(text)
        removed.append(text[start:end].strip())
        text = (text[:start].rstrip(" ，,") + text[end:]).strip()
    return Neutralised(text=text, removed=removed)


def _first_hit(text: str) -> int | None:
    hits = [m.start() for m in (_MARKER.search(text), _IMPERATIVE.search(text)) if m is not None]
    if not hits:
        return None
    start = min(hits)
    sentence_start = max(text.rfind(mark, 0, start) for mark in "。；！？\n")
    return sentence_start + 1 if _IMPERATIVE.match(text, start) else start


def looks_injected(text: str) -> bool:
    return _first_hit(text) is not None


_QUOTED = re.compile(r"[“\"『「]([^”\"』」]{2,40})[”\"』」]")


def dictated_phrases(removed: list[str]) -> list[str]:
    """What removed instructions told the model to write (the quoted text: “本项目已被接管”), to catch a
    reply that obeyed them anyway."""
    return list(dict.fromkeys(m for text in removed for m in _QUOTED.findall(text)))
