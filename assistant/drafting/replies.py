"""Reading a section as the model wrote it: plain text with citation markers ([S1]), the contract a
small model keeps best; a reply in its JSON habit ({"text": …, "citations": […]}, fenced or cut off)
is read too. A reply cut off by the token limit keeps its whole sentences only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.domain.model import SectionKind
from assistant.llm.chat import ChatReply, json_payload, strip_fences

MIN_SALVAGED_CHARS = 10
_MARKER = re.compile(r"\s*[\[【［(（]\s*((?:[SP]\d+\s*[,，、]?\s*)+)[\]】］)）]")
_LABEL = re.compile(r"[SP]\d+")
_SENTENCE_END = re.compile(r"^.*[。！？]", re.DOTALL)
_CLAUSE_END = re.compile(r"^.*；", re.DOTALL)
_MARKUP = re.compile(r"\*\*|__|^#+\s*|^\s*[-*]\s+", re.MULTILINE)
_PREAMBLE = re.compile(r"^(?:好的|以下是|下面是)[^。\n]{0,30}[：:]\s*\n?")


@dataclass
class Reading:
    """One reply: its text (empty when there is none), the labels it cites, and what went wrong."""

    raw: str
    text: str = ""
    citations: list[str] = field(default_factory=list)
    cut: bool = False  # the reply was cut off and its unfinished sentence dropped
    prose: str = ""  # everything the reply said, before a cut: what an echo of the brief is judged on
    problems: list[str] = field(default_factory=list)


def read_reply(reply: ChatReply, kind: SectionKind, *, length: int, last_try: bool = False) -> Reading:
    """The section text of ``reply``; ``problems`` (for a repair prompt) when it holds no usable text.
    On the ``last_try`` a cut-off reply without a whole sentence keeps its whole clauses rather than
    nothing (marked ``cut``, so the user is told), since no further repair can be asked for."""
    body = strip_fences(reply.text)
    truncated = reply.finish_reason == "length"
    citations: list[str] = []
    if body.startswith("{"):
        try:
            payload = json_payload(body)
        except ValueError as exc:
            return Reading(raw=reply.text, problems=[f"输出无法读取：{exc}；请直接输出正文"])
        body = str(payload.value.get("text") or "")
        citations = [str(c) for c in payload.value.get("citations") or [] if isinstance(c, str)]
        truncated = truncated or not payload.closed
    citations += [label for group in _MARKER.findall(body) for label in _LABEL.findall(group)]
    text = tidy(_MARKER.sub("", body), kind)
    if truncated:
        reading = _cut_off(reply.text, text, list(dict.fromkeys(citations)), length, last_try)
    elif not text:
        reading = Reading(raw=reply.text, problems=["输出为空：请直接输出正文"])
    elif len(text) < MIN_SALVAGED_CHARS:  # e.g. the prompt's placeholder 正文 copied back
        reading = Reading(
            raw=reply.text, problems=[f"只写了“{text}”，不是本部分的正文：请写出完整的一段话，{length} 字以内"]
        )
    else:
        reading = Reading(raw=reply.text, text=text, citations=list(dict.fromkeys(citations)))
    reading.prose = text
    return reading


def _cut_off(raw: str, text: str, citations: list[str], length: int, last_try: bool) -> Reading:
    kept = complete_sentences(text)
    if len(kept) < MIN_SALVAGED_CHARS and last_try:
        kept = complete_clauses(text)
    if len(kept) < MIN_SALVAGED_CHARS:
        return Reading(raw=raw, problems=[f"输出因长度上限被截断，没有一句完整的话：请把正文写短，{length} 字以内"])
    return Reading(raw=raw, text=kept, citations=citations, cut=kept != text)


def echoed_lines(text: str, source: str) -> int:
    """How many of ``text``'s lines are lines of ``source`` copied whole (a small model's habit of
    answering 项目概况 with the brief's own 项目名称：… lines)."""
    own = {line.strip() for line in source.splitlines() if len(line.strip()) > 4}
    return sum(line.strip() in own for line in text.splitlines())


def complete_sentences(text: str) -> str:
    """What a cut-off text says in whole sentences (up to its last 。！？, else its last ；, which then
    ends the text as 。); empty when it has neither."""
    found = _SENTENCE_END.match(text.strip())
    if found and len(found.group(0)) >= MIN_SALVAGED_CHARS:
        return found.group(0)
    clause = _CLAUSE_END.match(text.strip())
    return clause.group(0)[:-1] + "。" if clause else found.group(0) if found else ""


def complete_clauses(text: str) -> str:
    """What a cut-off text says up to its last ，, ended as a sentence; empty when that is too short."""
    head, comma, _ = text.strip().rpartition("，")
    return head + "。" if comma and len(head) >= MIN_SALVAGED_CHARS else ""


def tidy(text: str, kind: SectionKind) -> str:
    """Strip what a small model adds out of habit: a preamble, Markdown, a repeated section title, a
    number alone on a line, blank lines."""
    text = _PREAMBLE.sub("", _MARKUP.sub("", text).strip())
    text = re.sub(rf"^(?:{re.escape(kind.label)}|{re.escape(kind.label.removeprefix('项目'))})[：:]\s*", "", text)
    text = re.sub(r"(\d+[.、])\s*\n\s*", r"\1", text)
    return re.sub(r"\n\s*\n", "\n", text).strip()


_TEXT_OPENING = re.compile(r'"text"\s*:\s*"')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/"}


class TextStream:
    """The prose inside a reply streamed piece by piece: the value of its "text" field when the model
    writes JSON (fence and keys hidden), or the text itself when it writes plain text."""

    def __init__(self) -> None:
        self.seen = ""
        self.mode = "seek"  # seek → inside → done, or plain
        self.escaped = False

    def feed(self, delta: str) -> str:
        if self.mode == "seek":
            self.seen += delta
            opening = _TEXT_OPENING.search(self.seen)
            if opening:
                self.mode = "inside"
                return self._inside(self.seen[opening.end() :])
            head = self.seen.lstrip()
            if head.startswith("`"):  # a fence: its first line says nothing yet
                head = head.partition("\n")[2].lstrip() if "\n" in head else ""
            if head and head[0] not in "{`":
                self.mode = "plain"
                return head
            return ""
        return delta if self.mode == "plain" else self._inside(delta) if self.mode == "inside" else ""

    def _inside(self, piece: str) -> str:
        out = []
        for char in piece:
            if self.escaped:
                out.append(_ESCAPES.get(char, char))
                self.escaped = False
            elif char == "\\":
                self.escaped = True
            elif char == '"':
                self.mode = "done"
                break
            else:
                out.append(char)
        return "".join(out)
