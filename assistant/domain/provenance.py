"""Where a value comes from, once: the origin of a suggested indicator row and of a stored field.

A suggestion comes from the brief, a type template or a precedent; a field of a stored draft also from a
model, a person, the policy library or an uploaded form. Values are stored (the draft store's provenance rows), labels shown.
"""

from __future__ import annotations

from enum import StrEnum


class Origin(StrEnum):
    AI = "ai"  # proposed by a language model
    AI_REVISED = "ai_revised"  # rewritten by a model on a person's instruction
    HUMAN = "human"  # written or edited by a person
    TEMPLATE = "template"  # assembled by rules or taken from the indicator templates
    BRIEF = "brief"  # taken as written from the brief
    UPLOAD = "upload"  # taken from a declaration the person uploaded as a starting point (last year's form)
    PRECEDENT = "precedent"  # a past declaration's indicator, adapted (suggestions)
    FRAMEWORK = "framework"  # a category every table must carry that the brief left empty (suggestions)
    POLICY = "policy"  # chosen by rules from the policy library (立项依据 of the project's subject)

    @property
    def label(self) -> str:
        return _ORIGIN_LABELS[self]


_ORIGIN_LABELS = {
    Origin.AI: "模型起草",
    Origin.AI_REVISED: "模型按要求改写",
    Origin.HUMAN: "人工修改",
    Origin.TEMPLATE: "模板/规则",
    Origin.BRIEF: "取自简报",
    Origin.UPLOAD: "取自上传的申报表",
    Origin.PRECEDENT: "先例",
    Origin.FRAMEWORK: "框架必备类别",
    Origin.POLICY: "取自政策库",
}
