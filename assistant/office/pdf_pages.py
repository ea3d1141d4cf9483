"""A PDF's pages, counted from its page tree before any page is built, then built one at a time up to the limit.

pdfplumber's ``pdf.pages`` builds every page of the file before the first can be read, so a 1.5 MB PDF whose page
tree lists 20,000 empty pages kept ``import`` busy for more than 5 minutes before the 300-page limit was checked (red
team rt13 #2). Two things made that cost grow with the square of the pages:

- pdfminer's parser writes its whole operand stack into a debug message (an f-string, formatted even with debug
  logging off) at every keyword, and each ``R`` of an array of references is a keyword: one array of n references
  cost n² object descriptions. :func:`install_quiet_stack` gives the stack a description of constant size; nothing
  else about the parser changes (the stack is the same list);
- every page was built before any was counted.

So :func:`bounded_pages` reads the page count the document's catalogue declares (``/Root /Pages /Count``) and refuses
a file that declares more than the limit before building a page; a file whose count understates its pages is
stopped at the first page past the limit. :func:`check_time` bounds the whole read (`MAX_PDF_SECONDS`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.errors import InputError

_PAGES_HINT = "请只保留含绩效目标表的页面（可用 PDF 阅读器“提取页面”）后再导入"


class _QuietStack(list[Any]):
    """pdfminer's operand stack, described in constant time (its debug f-strings describe it at every keyword)."""

    def __repr__(self) -> str:
        return f"<{len(self)} objects>"


def _get_stack(parser: Any) -> Any:
    return parser.__dict__["_quiet_stack"]


def _set_stack(parser: Any, value: Any) -> None:
    parser.__dict__["_quiet_stack"] = value if isinstance(value, _QuietStack) else _QuietStack(value)


def install_quiet_stack() -> None:
    """Make pdfminer's ``PSStackParser.curstack`` a `_QuietStack` (once); RuntimeError if pdfminer no longer has it."""
    from pdfminer.psparser import PSStackParser

    if isinstance(PSStackParser.__dict__.get("curstack"), property):
        return
    if "curstack" not in PSStackParser.reset.__code__.co_names:
        raise RuntimeError("pdfminer changed: PSStackParser.reset no longer sets curstack")
    setattr(PSStackParser, "curstack", property(_get_stack, _set_stack))  # noqa: B010 (an instance variable in pdfminer)


def declared_pages(document: Any) -> int | None:
    """The page count the catalogue's page tree declares (``/Root /Pages /Count``), or None where it declares none."""
    from pdfminer.pdftypes import resolve1

    pages = resolve1(document.catalog.get("Pages"))
    count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    return count if isinstance(count, int) and not isinstance(count, bool) and count >= 0 else None


def too_many_pages(name: str, count: int | None, limit: int) -> InputError:
    if count is not None and count > limit:
        return InputError(f"PDF 文件 {name} 有 {count} 页，超过一次可读取的 {limit} 页，未读取", hint=_PAGES_HINT)
    declared = f"（文件目录记为 {count} 页，与实际不符）" if count is not None else ""
    return InputError(f"PDF 文件 {name} 超过一次可读取的 {limit} 页{declared}，已停止读取", hint=_PAGES_HINT)


def bounded_pages(pdf: Any, name: str, limit: int) -> Iterator[Any]:
    """The pages of the open pdfplumber ``pdf``, built one at a time; `InputError` (Chinese) before the first when the
    catalogue declares more than ``limit`` pages, and at page ``limit + 1`` when it understated them."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    declared = declared_pages(pdf.doc)
    if declared is not None and declared > limit:
        raise too_many_pages(name, declared, limit)
    doctop = 0.0
    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        if number > limit:
            raise too_many_pages(name, declared, limit)
        page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
        doctop += page.height
        yield page
