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

from html import escape

# Everything that opens a tag, a link, an image, emphasis, code, a heading, a list, a table, a quote, an
# autolink (``http://``, ``www.``, ``a@b.c``) or maths; ``&`` first so that existing entities stay literal.
_SPECIAL = "&<>\"'`*_[]()!#|~$\\:@.+-=^{}"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}


def text(value: object, *, inline: bool = False) -> str:
    """``value`` (None: empty) as Markdown that renders as exactly its characters, nothing else.

    ``inline``: line breaks become spaces (for a list item or a heading); else they are kept as hard breaks.
    """
    if value is None:
        return ""
    escaped = str(value).replace("\r\n", "\n").replace("\r", "\n").translate(_TABLE)
    if inline:
        return " ".join(escaped.split("\n"))
    return "  \n".join(escaped.split("\n"))


def html(value: object) -> str:
    """``value`` for an HTML context (an element's text or an attribute in quotes)."""
    return "" if value is None else escape(str(value), quote=True)
