"""A deadline row scored from the date the officer writes (nu12 finding 11): ``12月20日`` against ``12月底前`` is on
time (达成); a later date, or one that cannot be read, leaves the band to the officer.

    met_by(actual, target) -> str | None   # Chinese: how the date meets the deadline; None where it does not
"""

from __future__ import annotations

import calendar
import re

from assistant.domain.values import MONTH_DEADLINE

_DATE = re.compile(
    r"^(?:(?P<year>\d{4})[年\-/.])?(?P<month>1[0-2]|0?[1-9])[月\-/.](?P<day>[12]\d|3[01]|0?[1-9])日?"
    r"(?:前|完成|已完成)?$"
)
_ANY_YEAR = 2000  # a leap year: 2月29日 reads whatever year the form leaves out


def met_by(actual: str, target: str) -> str | None:
    """``12月20日`` on ``12月底前`` → a sentence saying it is on time; None when the date is late or either text is
    no date (the officer then chooses the band). ``12月前`` ends before December; ``12月底前`` at its last day."""
    due = MONTH_DEADLINE.fullmatch(target.strip().replace(" ", ""))
    done = _DATE.match(actual.strip().replace(" ", ""))
    if due is None or done is None or "旬" in (due["when"] or ""):  # 上旬前: no day to compare a date with
        return None
    year = int(done["year"] or due["year"] or _ANY_YEAR)
    due_year = int(due["year"] or done["year"] or _ANY_YEAR)
    month = int(due["month"])
    if due["end"]:
        last = (due_year, month, calendar.monthrange(due_year, month)[1])
    elif due["day"]:
        last = (due_year, month, int(due["day"]))
    else:  # 12月前: before December
        last = (due_year, month - 1, 31) if month > 1 else (due_year - 1, 12, 31)
    if (year, int(done["month"]), int(done["day"])) > last:
        return None
    return f"实际完成日期{actual.strip()}不晚于时限“{target.strip()}”，按“达成”档计"
