"""Today, as every service counts it (今年/去年/前年/明年 in a question, a monitoring table's elapsed share, a
self-evaluation's findings, figures typed before the year ended): one clock, so a test or a rerun sets it once."""

from __future__ import annotations

import os
from datetime import date

from assistant.errors import InputError


def clock() -> date:
    """Today, which 今年/去年/前年/明年 count from: ``ASSISTANT_TODAY`` (YYYY-MM-DD) where set (tests, reruns of a
    past day's questions), else the machine's date. A malformed value is refused in Chinese."""
    written = os.environ.get("ASSISTANT_TODAY", "").strip()
    if not written:
        return date.today()
    try:
        return date.fromisoformat(written)
    except ValueError:
        raise InputError(
            f"环境变量 ASSISTANT_TODAY 的值“{written}”不是日期。",
            hint="请写成 YYYY-MM-DD，例如 2026-12-06，或删去该变量。",
        ) from None
