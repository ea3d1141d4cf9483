"""Traditional characters read as simplified (組織部的項目有幾個 → 组织部的项目有几个), by OpenCC's ``t2s`` tables
(opencc-python-reimplemented: pure Python, its dictionaries inside the package, no network)."""

from __future__ import annotations

from functools import cache

from opencc import OpenCC


@cache
def _converter() -> OpenCC:
    return OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters; simplified text comes back unchanged."""
    if text.isascii():
        return text
    return str(_converter().convert(text))
