"""The years a question names: 2023年, 23年, 二〇二三年, 23到26年, and 今年/去年/前年/大前年/明年 counted from today;
digits before 年 that no budget year can be (99999年) are kept apart so they are never silently dropped."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from assistant.qa.cues import CUT as _CUT
from assistant.qa.cues import Cues
from assistant.qa.cues import cut as _cut

_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?![\d.万亿元千百块])\s*年?")  # 2000万: an amount, no year
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})年")  # 23年 = 2023
# Digits before 年 that no year pattern read (99999年, 0年): a year the question names but no form can have.
# A duration (近3年, 3年以上, 第2年, 3年内) is not a year.
_ODD_YEAR = re.compile(r"(?<![\d.近前后续第满每过于约共计超逾])\d+年(?!以上|以内|内|来|期|间|左右|多|半|后|之)")
CN_DIGITS = "〇一二三四五六七八九"
CN_YEAR = re.compile(
    r"((?:二[〇零]|一九)[〇零一二三四五六七八九]{2})年"
    # 二〇二三比二〇一九: 二〇 and two digits, no other numeral beside them, is a year without its 年
    r"|(?<![〇零一二三四五六七八九十百千万亿])(二[〇零][〇零一二][〇零一二三四五六七八九])(?![〇零一二三四五六七八九十百千万亿点])"
)
_RELATIVE_YEARS = {"大前年": -3, "前年": -2, "去年": -1, "上一年": -1, "今年": 0, "本年度": 0, "明年": 1, "下一年": 1}

YEAR_RANGE = re.compile(r"(?<!\d)(\d{2}|\d{4})年?(?:到|至|-|~|—|－)(\d{2}|\d{4})年")  # 23到26年: both years


def take_years(text: str, cues: Cues, today: date) -> tuple[str, Cues]:
    """Years as written (2023年, 23年, 23到26年: both), relative ones (去年 counted from ``today``) and digits before 年
    that no budget year can be (``odd_years``), each cut from the text."""
    text = YEAR_RANGE.sub(lambda m: f"{full_year(m[1])}年和{full_year(m[2])}年", text)
    years = [int(m.group(1)) for m in _YEAR.finditer(text)]
    text = _YEAR.sub(_CUT, text)
    for short in _SHORT_YEAR.finditer(text):
        if 2010 <= (year := 2000 + int(short.group(1))) <= today.year + 5:
            years.append(year)
            text = _cut(text, short.group())
    odd = tuple(dict.fromkeys(_ODD_YEAR.findall(text)))
    text = _ODD_YEAR.sub(_CUT, text)
    relative = None
    for word, offset in _RELATIVE_YEARS.items():
        if word in text:
            years.append(today.year + offset)
            relative = relative or word
            text = _cut(text, word)
    relative_years = tuple(year for year in years if relative and year - today.year == _RELATIVE_YEARS[relative])
    return text, replace(
        cues, years=tuple(dict.fromkeys(years)), odd_years=odd, relative_year=relative, relative_to=relative_years
    )


# 二三年, 一九年: a year's last two digits in Chinese numerals before 年 (as 23年), not a duration (二三年内, 十二年)
CN_SHORT_YEAR = re.compile(
    r"(?<![〇零一二两三四五六七八九十百千万亿第近前后满每过共约])([一二][〇零一二三四五六七八九])年"
    r"(?!以上|以内|内|来|期间|间|左右|多(?=$|的|了(?!多少|几)|时间|来|个?月|天|[，,。？?])|半|后|之|前)"  # 比一九年多出: a year
)


def digit_years(text: str) -> str:
    """Years written in Chinese numerals as digits: 二〇二三年 → 2023年 (二零二三年 too, and 二〇二三 with no 年 after
    it), 二三年 → 23年; the rest unchanged."""
    text = CN_YEAR.sub(lambda m: _digits(m[1] or m[2]) + "年", text)
    return CN_SHORT_YEAR.sub(lambda m: _digits(m[1]) + "年", text)


def _digits(written: str) -> str:
    """二零二三 → 2023: each Chinese numeral as its digit."""
    return "".join(str(CN_DIGITS.index(c)) for c in written.replace("零", "〇"))


def full_year(written: str) -> str:
    return written if len(written) == 4 else f"20{written}"
