"""Values the assistant drafted without a source (new-user trial 2026-12-06, finding 8).

- ``VAL-TEMPLATE`` (提示): a drafted indicator whose 指标值 is a 模板参考值 — the project type's usual figure, taken
  because neither the brief nor a fitting precedent gave one — and that no person has typed over. Its 取值依据 says
  so, but a review that reports nothing reads as “ready to file”: each such row is named, to be confirmed or replaced
  before the form is submitted. Reads ``Declaration.value_grounds`` (a draft's 取值依据 per position; empty for a
  form read from a file, so published and corpus forms are never flagged).
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.domain.model import Declaration
from assistant.review.base import at_indicator, finding, quoted
from assistant.review.models import Finding

TEMPLATE_GROUND = "模板参考值"  # suggest.models.Ground.TEMPLATE (review does not import the suggester)


def check_template_values(decl: Declaration) -> Iterator[Finding]:
    for ind in decl.indicators:
        if decl.value_grounds.get(ind.position) == TEMPLATE_GROUND:
            message = (
                f"指标{quoted(ind)}的指标值是模板参考值：简报和相近项目的先例都没有给出该项数据，"
                "取的是同类项目的常用值，尚未经过确认"
            )
            yield finding("VAL-TEMPLATE", message, at_indicator(ind))
