"""Text of a web page around a form copied with it: publication lines, view counts, font controls, share and
print buttons (``[下载] [打印] [关闭]``, ``扫一扫在手机打开当前页``). Such text is a parse note, never a cell."""

from __future__ import annotations

import re

from assistant.ingest.titles import is_page_chrome

_FURNITURE = re.compile(
    r"(?:发布时间|发布日期|浏览次数|阅读次数|点击数|访问量|文字大小|字号|背景色|来源|作者)\s*[：:]|分享到|【(?:打印|关闭)"
)
_BUTTONS = re.compile(r"^(?:[\[【［][^\]】］]{1,6}[\]】］]\s*)+$|^扫一扫")
# The links and tag line a page shows under its document (舒城: ``文件下载`` / ``政策咨询`` / ``标签:``).
_DOCUMENT_LINKS = re.compile(r"^(?:文件下载|附件下载|政策咨询|政策解读|标签\s*[：:]?)$")


def is_furniture_line(texts: list[str], *, labelled: bool) -> bool:
    """A line of the page around the form: publication date, source, view count, font size controls.
    ``labelled``: one of its cells is a form label (then it is the form's, whatever it says)."""
    text = " ".join(texts)
    return bool(_FURNITURE.search(text)) and not labelled and len(text) <= 120


def is_page_furniture(texts: list[str], *, labelled: bool) -> bool:
    """Navigation, a furniture line or a row of buttons."""
    return (
        is_page_chrome(texts)
        or is_furniture_line(texts, labelled=labelled)
        or all(bool(_BUTTONS.match(t.strip()) or _DOCUMENT_LINKS.match(t.strip())) for t in texts if t.strip())
        and any(t.strip() for t in texts)
    )
