"""Cells of the text exports: HTML fragments, checkboxes, amounts and dates."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from assistant.domain.amounts import BLANK_MARKS, amount_unit, is_plain_amount, parse_amount  # noqa: F401 - readers import them from here
from assistant.domain.model import CheckboxField, CheckOption, CheckState


@dataclass(frozen=True)
class Cell:
    raw: str
    col: int
    line: int

    @cached_property
    def text(self) -> str:
        """Cleaned once per cell: rows are read many times while the parser places them."""
        return clean_inline(self.raw)


@dataclass(frozen=True)
class Row:
    line: int
    raw: str
    cells: tuple[Cell, ...]

    @property
    def filled(self) -> list[Cell]:
        return [c for c in self.cells if c.text]

    @property
    def is_blank(self) -> bool:
        return not self.filled


def split_row(line_no: int, raw: str, *, loose: bool = False) -> Row:
    """Cells separated by tabs; with ``loose`` (text copied from a web page or a document, no tab in the
    file) by ``|`` or by runs of two or more spaces. A Markdown rule line (``|---|---|``) is blank."""
    parts = _loose_parts(raw) if loose else raw.split("\t")
    cells = tuple(Cell(raw=part, col=i, line=line_no) for i, part in enumerate(parts))
    return Row(line=line_no, raw=raw, cells=cells)


_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$")
_SPACE_RUN = re.compile(r"(?:[ \xa0]{2,}|\u3000+)")


def is_loose_row(raw: str) -> bool:
    return raw.count("|") >= 2 or bool(_SPACE_RUN.search(raw.strip()))


def _loose_parts(raw: str) -> list[str]:
    if _PIPE_RULE.match(raw):
        return [""]
    if raw.count("|") >= 2:
        inner = raw.strip()
        inner = inner[1:] if inner.startswith("|") else inner
        inner = inner[:-1] if inner.endswith("|") else inner
        return [part.strip() for part in inner.split("|")]
    # ``项目资金 (万元) |``: one cell of a page copied a cell per line, its ``|`` the cell's end, not its text
    text = raw.rstrip()
    text = text[:-1].rstrip() if text.endswith("|") and "|" not in text[:-1] else text
    return _SPACE_RUN.split(text)


# Only real tags: ``<`` followed by a tag name. ``响应时间<30分钟，满意度>90%`` is text, not a tag, and
# ``[^<>]*`` keeps a long run of ``<`` without ``>`` linear (``[^>]*`` rescanned the rest for every ``<``).
_BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|br|tr|td|h\d)\b[^<>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]*>|<!--[^<>]*-->")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def paragraphs(raw: str) -> list[str]:
    """Split a cell at HTML block tags into clean, non-empty paragraphs."""
    text = _BLOCK_TAG.sub("\n", raw)
    text = html.unescape(_ANY_TAG.sub(" ", text))
    lines = (_SPACES.sub(" ", part).strip() for part in text.split("\n"))
    return [line for line in lines if line]


def clean_inline(raw: str) -> str:
    """One-line clean text of a cell: tags removed, runs of spaces collapsed."""
    return " ".join(paragraphs(raw))


def label_key(text: str) -> str:
    """Comparison key for a label: no whitespace, no decoration inside its words (一*级), no trailing colon."""
    return undecorated(re.sub(r"\s+", "", text)).rstrip("：:")


# A mark some exports or OCR leave between a label's characters (嘉峪关: ``一*级项目名称``).
_DECORATION = re.compile(r"(?<=[\u4e00-\u9fff])[*＊](?=[\u4e00-\u9fff])")


def undecorated(text: str) -> str:
    """``text`` without a ``*`` between two Chinese characters (``一*级项目名称`` → 一级项目名称); a ``*`` elsewhere
    (``≥**%``, a template's placeholder) is kept."""
    return _DECORATION.sub("", text)


_CJK = r"\u3400-\u9fff\uff00-\uffef\u3000-\u303f"
_WRAP_SPACE = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")


def compact(text: str) -> str:
    """Remove line-wrap spaces next to Chinese characters; keep spaces between Latin words."""
    return _WRAP_SPACE.sub("", text.strip())


def is_amount(text: str) -> bool:
    """A plain number as the seed tables write amounts (no unit): what marks a budget row."""
    return is_plain_amount(text)


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")
_SERIAL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug absorbed), LibreOffice's too
_SERIAL_RANGE = range(36_526, 73_051)  # 2000-01-01 … 2099-12-31


def serial_date(text: str) -> date | None:
    """A spreadsheet date serial (``45658`` → 2025-01-01) within 2000–2099; None for anything else."""
    cleaned = text.strip()
    if not _SERIAL.match(cleaned) or int(float(cleaned)) not in _SERIAL_RANGE:
        return None
    return _SERIAL_EPOCH + timedelta(days=int(float(cleaned)))


_POINT = r"(?P<{p}y>\d{{4}})\s*(?:[年./\-]\s*)?(?:(?P<{p}m>\d{{1,2}})\s*(?:[月./\-]\s*)?(?:(?P<{p}d>\d{{1,2}})\s*日?)?)?\s*(?:年度?|月)?"
_END_NO_YEAR = r"(?P<cm>\d{1,2})\s*月(?:\s*(?P<cd>\d{1,2})\s*日)?"
_PERIOD = re.compile(rf"^{_POINT.format(p='a')}\s*(?:至|到|~|～|—|–|－|-)\s*(?:{_POINT.format(p='b')}|{_END_NO_YEAR})$")
_ONE_YEAR = re.compile(r"^(?P<y>\d{4})\s*年度?$")


def parse_period(text: str) -> tuple[date, date] | None:
    """A project's period as forms write it in one cell: ``2023.07-2024.01``, ``202001-202012``,
    ``2023年4月-2024年2月``, ``2021年1月-12月``, ``2025年1月1日-2025年12月31日``, ``2021年度``. A month without a
    day is its first day at the start and its last day at the end. None when the text is no such period."""
    cleaned = re.sub(r"\s+", "", text.strip())
    year = _ONE_YEAR.match(cleaned)
    if year:
        return date(int(year["y"]), 1, 1), date(int(year["y"]), 12, 31)
    found = _PERIOD.match(cleaned)
    if found is None or found["am"] is None:
        return None
    try:
        start = date(int(found["ay"]), int(found["am"]), int(found["ad"] or 1))
        end_year = int(found["by"] or found["ay"])
        end_month = found["bm"] or found["cm"]
        if end_month is None:
            return None
        end_day = found["bd"] or found["cd"]
        if end_day is None:
            following = date(end_year + int(end_month) // 12, int(end_month) % 12 + 1, 1)
            end = following - timedelta(days=1)
        else:
            end = date(end_year, int(end_month), int(end_day))
    except ValueError:
        return None
    return (start, end) if start <= end else None


_LENGTH = re.compile(r"^(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<u>年|个月|月)期?$")
_CN_NUMBER = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def parse_length(text: str) -> str | None:
    """A project period written as its length (项目期 ``3年``, ``三年``, ``1年期``, ``18个月``) → ``3年`` / ``18个月``;
    None for anything else (dates are `parse_period`'s). A length of 0 is no length."""
    found = _LENGTH.match(re.sub(r"\s+", "", text.strip()))
    if found is None:
        return None
    number = _cn_number(found["n"])
    if not number:
        return None
    return f"{number}{'年' if found['u'] == '年' else '个月'}"


def _cn_number(written: str) -> int | None:
    """``3`` → 3, ``三`` → 3, ``十二`` → 12, ``二十`` → 20 (up to 99); None when not a number."""
    if written.isdigit():
        return int(written)
    tens, _, units = written.partition("十")
    if "十" not in written:
        return _CN_NUMBER.get(written) if len(written) == 1 else None
    high = _CN_NUMBER.get(tens, 0) if tens else 1
    low = _CN_NUMBER.get(units, 0) if units else 0
    if (tens and tens not in _CN_NUMBER) or (units and units not in _CN_NUMBER):
        return None
    return high * 10 + low


_UNIT_CODE = re.compile(
    r"^\s*(?:[\[【［(（]\s*(?P<a>\d{2,})\s*[\]】］)）]|(?P<b>\d{3,})\s*(?:[-_—－、.．:：]|\s)(?=\s*\D))\s*"
)
UNIT_TARGETS = frozenset({"department", "implementer", "applicant"})


def strip_unit_code(text: str) -> tuple[str, str | None]:
    """(the unit's name, its budget code) for ``[015001]武汉市青山区教育局``, ``820001-井研县马踏镇人民政府``,
    ``123001 某某局``, and a code of six digits or more after the name (``某某局116422210101621779``); (text, None)
    when the cell holds no code."""
    found = _UNIT_CODE.match(text)
    if found is None or not text[found.end() :].strip():
        trailing = _TRAILING_CODE.search(text)  # 原州区宗教事务局116422210101621779: 主管部门及代码 run together
        return (text[: trailing.start()].strip(), trailing[1]) if trailing is not None else (text, None)
    return text[found.end() :].strip(), found["a"] or found["b"]


_TRAILING_CODE = re.compile(r"(?<=[\u4e00-\u9fff）)])\s*[-—]?\s*(\d{6,})\s*$")


def parse_date(text: str) -> date | None:
    """``2019-01-01``, ``2019-1-1``, ``2019年1月1日``, a spreadsheet serial; None for a blank. Raises ValueError otherwise."""
    cleaned = text.strip()
    if cleaned in BLANK_MARKS:
        return None
    serial = serial_date(cleaned)
    if serial is not None:
        return serial
    match = _DATE.match(cleaned)
    if match is None:
        return _slashed_date(cleaned)
    return date(int(match[1]), int(match[2]), int(match[3]))


_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _slashed_date(text: str) -> date:
    """A spreadsheet's date written with the year last (江津: ``1/1/2021``, ``12/31/2021``), read only where the order is
    beyond doubt: both parts the same, or one of them above 12 (a day). ``3/4/2021`` raises ValueError (not guessed)."""
    match = _SLASHED.match(text)
    if match is None:
        raise ValueError(text)
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    if first == second or second > 12 >= first:
        return date(year, first, second)  # month first (or either way the same)
    if first > 12 >= second:
        return date(year, second, first)  # day first
    raise ValueError(text)


_INPUT = re.compile(r"<input\b[^<>]*>", re.IGNORECASE)
_GLYPHS = {
    "□": CheckState.UNCHECKED,
    "☐": CheckState.UNCHECKED,
    "☑": CheckState.CHECKED,
    "☒": CheckState.CHECKED,
    "■": CheckState.CHECKED,
    "√": CheckState.CHECKED,
}


def parse_checkboxes(raws: list[str]) -> tuple[CheckboxField, bool]:
    """Options and their states from checkbox cells; the flag is True when the export lost the boxes."""
    options: list[CheckOption] = []
    lost = False
    for raw in raws:
        found, raw_lost = _options_in(raw)
        options.extend(found)
        lost = lost or raw_lost
    return CheckboxField(options=options), lost


def _options_in(raw: str) -> tuple[list[CheckOption], bool]:
    if _INPUT.search(raw):
        return _html_inputs(raw), False
    text = clean_inline(raw)
    if any(g in text for g in _GLYPHS):
        return _glyph_options(raw), False
    labels = [t for t in text.split() if t]
    return [CheckOption(label=t, state=CheckState.UNKNOWN) for t in labels], bool(labels)


def _state_of(tag: str) -> CheckState:
    return CheckState.CHECKED if re.search(r"\bchecked\b", tag, re.IGNORECASE) else CheckState.UNCHECKED


def _html_inputs(raw: str) -> list[CheckOption]:
    """Pair each box with its label; the export puts boxes before labels in some files, after in others."""
    cleaned = clean_tags_keep_inputs(raw)
    pieces = _INPUT.split(cleaned)  # boxes and labels both from the cleaned text, so they always pair up
    tags = _INPUT.findall(cleaned)
    texts = [clean_inline(p) for p in pieces]
    box_first = texts[0] == ""
    options = []
    for i, tag in enumerate(tags):
        label = texts[i + 1] if box_first else texts[i]
        if label:
            options.append(CheckOption(label=label, state=_state_of(tag)))
    return options


def clean_tags_keep_inputs(raw: str) -> str:
    return _OTHER_TAG.sub(" ", raw)


_OTHER_TAG = re.compile(r"</?(?!input\b)[A-Za-z][A-Za-z0-9]*\b[^<>]*>|<!--[^<>]*-->", re.IGNORECASE)


def _glyph_options(raw: str) -> list[CheckOption]:
    options = []
    for part in paragraphs(raw):
        for match in re.finditer(rf"([^{''.join(_GLYPHS)}\s]+)\s*([{''.join(_GLYPHS)}])", part):
            options.append(CheckOption(label=match[1], state=_GLYPHS[match[2]]))
    return options
