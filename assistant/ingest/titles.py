"""Form titles: the Shanghai ones the seeds use, and the regional variants other districts publish
(项目支出绩效目标表, …批复表, a region or a year before the title). A title opens a declaration."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain.model import Layout

_SHANGHAI = re.compile(
    r"^[#\s]*(?P<city>上海市)?(?:财政)?(?:支出)?项目(?:支出)?绩效目标申报表\s*(?P<suffix>[（(][^)）]*[)）])?\s*$"
)
# ``青禾区2024年项目支出绩效目标批复表``, ``2025年度项目支出绩效目标表``, ``XX市市级项目支出绩效目标申报表``.
_REGIONAL = re.compile(
    r"^[#\s]*(?P<region>[\u4e00-\u9fff]{1,12}?(?:省|市|区|县|旗|镇|乡|街道))?\s*(?P<year>20\d{2})?\s*(?:年度?)?\s*"
    r"(?:市级|区级|县级|本级|部门)?(?:财政)?(?:支出)?项目(?:支出)?绩效目标(?:申报|批复|审批|审核)?表\s*(?P<suffix>[（(][^)）]*[)）])?\s*$"
)
_CONTINUATION_SUFFIXES = ("绩效目标", "制度保障")
_YEAR_LINE = re.compile(r"^[#\s]*[（(]\s*(\d{4})\s*年度?\s*[)）]\s*$")  # (2026年度) on a line of its own


def year_line(text: str) -> int | None:
    """The year of a line that holds only ``(2026年度)`` / ``（2026年）`` (cells' pipes ignored), else None."""
    found = _YEAR_LINE.match(text.replace("\t", " ").strip().strip("|｜ "))
    return int(found[1]) if found else None


@dataclass(frozen=True)
class Title:
    layout: Layout
    year: int | None
    continuation: bool  # a later page of the same form (…（绩效目标）), not a new declaration


def read_title(line: str) -> Title | None:
    """The title a line holds, or None. Cells separated by tabs or pipes count as one line of text."""
    text = re.sub(r"[\t|]+", " ", line).strip()
    match = _SHANGHAI.match(text)
    if match is not None:
        return Title(_shanghai_layout(match), year_line(match["suffix"] or ""), _is_continuation(match["suffix"]))
    match = _REGIONAL.match(text)
    if match is not None:
        year = int(match["year"]) if match["year"] else year_line(match["suffix"] or "")
        return Title(Layout.MUNICIPAL_2021, year, _is_continuation(match["suffix"]))
    return None


def _shanghai_layout(match: re.Match[str]) -> Layout:
    if match["city"]:
        return Layout.MUNICIPAL_2019
    if match["suffix"] and "项目总体情况" in match["suffix"]:
        return Layout.DISTRICT_2020
    return Layout.MUNICIPAL_2021


def _is_continuation(suffix: str | None) -> bool:
    return any(word in (suffix or "") for word in _CONTINUATION_SUFFIXES)


# Page furniture around a form copied from a web page: navigation, print/close links, share buttons.
_CONTROL = re.compile(
    r"^[【\[]?(?:打印本页|打印|关闭窗口|关闭|返回顶部|返回|分享到|扫一扫|收藏本页|保存本页|网站地图|联系我们|下载|相关解读"
    r"|全部留言|评论|有用[(（]\d*[)）]|扫一扫在手机(?:上)?(?:打开|查看)当前页面?)[】\]]?$"
)
_BULLET = re.compile(r"^[-–—•·*/]+$")  # a list bullet or separator the copy kept before a control (``- 扫一扫…``)
_BULLET_PREFIX = re.compile(r"^[-–—•·*](?=[\u4e00-\u9fff])")
# A site's footer under the page: registration numbers, who runs the site, how to reach it.
_FOOTER = re.compile(
    r"(?:ICP备|公网安备|网站标识码|版权所有|技术支持[：:]|网站监督电话|主办\s*$|承办\s*$|^内容保障$|^公务邮箱$)"
)
_NAVIGATION = re.compile(r"^(?:当前位置[：:]|首页\s*[>＞»]|(?:上一篇|下一篇)[：:])")


def is_page_chrome(cells: list[str]) -> bool:
    """A row made only of web-page controls (``打印本页  关闭窗口``, ``【打印】 【关闭】``) or a breadcrumb."""
    texts = [c.strip() for c in cells if c.strip()]
    if not texts:
        return False
    if all(_NAVIGATION.match(t) for t in texts):
        return True
    if all(_FOOTER.search(t) for t in texts):
        return True
    # ``-全部留言``: a bullet the copy joined to its control
    tokens = [_BULLET_PREFIX.sub("", token) or token for t in texts for token in t.split()]
    if len(tokens) >= 2 and all(_BULLET.match(t) for t in tokens):
        return True  # ``- /``: a list bullet before a separator between two controls (a lone ``/`` is a blank cell)
    return any(_CONTROL.match(t) for t in tokens) and all(_CONTROL.match(t) or _BULLET.match(t) for t in tokens)
