"""Content as text: the one escaping layer for every place the page shows stored or uploaded text.

Text a person, a model or an uploaded file wrote (sections, indicator names, review messages that quote it,
Q&A answers and citations, parse notes, user names) goes into Gradio's Markdown, Chatbot and HTML components,
which would render ``<img src=…>``, ``![x](http://…)``, ``[link](javascript:…)`` and bare URLs as elements
that fetch or link. `text` turns such content into inert characters for a Markdown context; `html` for an
HTML context. Markdown syntax is kept only for what the product writes itself around the escaped content.

``text`` writes every ASCII character that Markdown, HTML, autolinks or LaTeX could read as structure as a
numeric character reference (CommonMark: an entity never acts as syntax), so the person sees exactly the
characters that were stored; line breaks become Markdown hard breaks (``inline=True``: spaces).
"""

from __future__ import annotations

import re
from html import escape

# Everything that opens a tag, a link, an image, emphasis, code, a heading, a quote, a table, an email autolink
# or maths, anywhere in a line; ``&`` first so that existing entities stay literal. Digits, ``.``, ``-``, ``+``
# and ``:`` stay as they are (figures read as figures) except where they make structure: a list or heading marker
# at the start of a line, ``://`` and ``www.`` (autolinks).
_SPECIAL = "&<>\"'`*_[]()!#|~$\\@{}^"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+=])", re.MULTILINE)
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])://|(?<![a-z])www\.")


def text(value: object, *, inline: bool = False) -> str:
    """``value`` (None: empty) as Markdown that renders as exactly its characters, nothing else.

    ``inline``: line breaks become spaces (for a list item or a heading); else they are kept as hard breaks.
    """
    if value is None:
        return ""
    escaped = str(value).replace("\r\n", "\n").replace("\r", "\n").translate(_TABLE)
    escaped = _AUTOLINK.sub(lambda m: m.group(0).replace(":", "&#58;").replace(".", "&#46;"), escaped)
    escaped = _LINE_START.sub(_inert_marker, escaped)
    if inline:
        return " ".join(escaped.split("\n"))
    return "  \n".join(escaped.split("\n"))


def _inert_marker(match: re.Match[str]) -> str:
    if match.group(2) is not None:  # "1." / "1)" opening a line: an ordered list
        return f"{match.group(1)}{match.group(2)}&#{ord(match.group(3))};"
    return f"{match.group(4)}&#{ord(match.group(5))};"  # "-", "+", "=" opening a line: a list or a heading rule


def html(value: object) -> str:
    """``value`` for an HTML context (an element's text or an attribute in quotes)."""
    return "" if value is None else escape(str(value), quote=True)
