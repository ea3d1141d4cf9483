"""Relevance: an indicator carried over from another project.

A word match cannot judge relevance in general (培训 vs 教育 are synonyms; the bundled e5-small model
scores an unrelated 道路绿化覆盖率 as close to a project as its own indicators). So the rule targets
the defect reviewers send back: an indicator that shares no specific wording with this project's
text or its other indicators, yet names the specific object of another known project.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from assistant.domain.model import Declaration
from assistant.domain.policy import PolicyReference
from assistant.domain.text import cjk_bigrams
from assistant.review.base import at_indicator, finding, quoted
from assistant.review.models import Finding

# Words any indicator may use whatever the project: measures, generic objects, generic verbs.
_GENERIC = re.compile(
    r"(满意度|满意|完成率|完成|及时性|及时率|及时|合格率|达标率|达标|合格|验收|工作|项目|管理|情况|数量|人员|服务|系统|平台|"
    r"建设|质量|时间|发生|次数|规范性|规范|有效性|有效|制度|健全性|健全|执行|预算|资金|使用|合规性|合规|机制|长效|效率|水平|"
    r"年度|全年|各类|相关|是否|提升|保障|运行|稳定|安全|故障|事故|事件|响应|处置|经费|上海市|上海|市|区|率|数|度|性|的|和|及|等)"
)
MIN_SHARED_WITH_OTHER = 2


@dataclass(frozen=True)
class ReviewContext:
    """Other known projects (id → name), to recognise an indicator or a sentence copied from one of them;
    the policy library, to read a cited policy's scope and another domain's policies."""

    other_projects: dict[str, str] = field(default_factory=dict)
    policies: tuple[PolicyReference, ...] = ()

    @classmethod
    def from_declarations(
        cls, declarations: list[Declaration], policies: Sequence[PolicyReference] = ()
    ) -> ReviewContext:
        return cls({d.id: d.header.name for d in declarations}, tuple(policies))


def specific_bigrams(text: str) -> set[str]:
    return cjk_bigrams(_GENERIC.sub(" ", text))


def check_relevance(decl: Declaration, context: ReviewContext) -> Iterator[Finding]:
    own = cjk_bigrams(decl.header.name + "\n" + "\n".join(s.text for s in decl.sections))
    specific = {ind.position: specific_bigrams(ind.name) for ind in decl.indicators}
    others = {pid: specific_bigrams(name) for pid, name in context.other_projects.items() if pid != decl.id}
    for ind in decl.indicators:
        grams = specific[ind.position]
        siblings = set().union(*(g for pos, g in specific.items() if pos != ind.position))
        if not grams or grams & own or grams & siblings:
            continue
        source = max(others, key=lambda pid: len(grams & others[pid]), default=None)
        if source is not None and len(grams & others[source]) >= MIN_SHARED_WITH_OTHER:
            yield finding(
                "REL-UNRELATED",
                f"指标{quoted(ind)}与本项目的名称、概况、目标和其他指标都无关联，"
                f"却与另一项目“{context.other_projects[source]}”的内容相符，疑似沿用其他项目的指标。",
                at_indicator(ind),
            )
