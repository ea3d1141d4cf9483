"""One measure stated with two different figures in a form's own text (rt8 R7): ``全年办理援助案件1200件`` and
``全年办理援助案件3000件`` in 项目概况. Review cannot tell which is right, so it names both and where each is."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.domain.figure_conflicts import conflicting, written_figures
from assistant.domain.model import Declaration
from assistant.domain.statements import plain, read_text
from assistant.review.base import at_section, finding
from assistant.review.models import Finding


def check_figure_conflicts(decl: Declaration) -> Iterator[Finding]:
    """A warning per section whose text gives one measure (same kind, verb, object, unit) different figures."""
    for section in decl.sections:
        for group in conflicting(read_text(section.text, section.kind.label)):
            figures = "、".join(f"{plain(s.number)}{s.unit}" for s in group)
            yield finding(
                "TEXT-FIGURES-DIFFER",
                f"「{section.kind.label}」对同一项内容写了不同的数字（{figures}）：{written_figures(group)}。",
                at_section(decl, section.kind),
            )
