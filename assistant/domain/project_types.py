"""Project types (培训, 会议, 信息化运维…) and their indicator templates, as data (``project_types.yaml``).

The catalogue is validated at load (pydantic): every type of ``ProjectType`` has an entry, every
二级 name is the current framework's (``framework.Level2``), every template names one way to get its
value (a brief quantity, a cost, the end date or a default) and a known source. Classification is
rule-based: weighted words counted in a project's name (×5), 项目类别 (×2), a ticked 资金用途 (×5)
and its text (×1); the reasons say which word was found in which field.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.domain.framework import FRAMEWORK, Level1, Level2

_DATA = ConfigDict(extra="forbid", frozen=True)
# Any other field counts ×1; a ticked 资金用途 is the unit's own word for what the money is for.
FIELD_WEIGHTS = {"项目名称": 5, "项目类别": 2, "资金用途": 5, "勾选项": 5}
MIN_SCORE = 3.0  # below this no type is claimed (one content word is not enough)
MIXED_CONFIDENCE = 0.6  # a winner's share of the top two below this: the project has both kinds of work


class ProjectType(StrEnum):
    TRAINING = "培训"
    MEETING = "会议"
    PUBLICITY = "宣传/活动"
    RESEARCH = "课题研究/咨询"
    EQUIPMENT = "设备购置"
    IT_BUILD = "信息化建设"
    IT_OPERATION = "信息化运维"
    WORKS = "修缮/工程"
    UPKEEP = "物业/后勤/运维服务"
    SERVICE_PURCHASE = "购买服务"
    SUBSIDY = "补助/补贴"
    PARTY = "党建/组织工作经费"
    EVENT = "赛事/活动举办"
    INSPECTION = "检验检测"
    CLEANING = "市容环卫/河道保洁"


class Fill(BaseModel):
    """A brief quantity: one of ``units``, with one of ``words`` in its sentence."""

    model_config = _DATA

    units: tuple[str, ...] = Field(min_length=1)
    words: tuple[str, ...] = Field(min_length=1)


class CostFill(BaseModel):
    """A unit cost: the budget line named by one of ``lines`` (else the total) divided by a quantity."""

    model_config = _DATA

    lines: tuple[str, ...]
    per: Fill


class TemplateIndicator(BaseModel):
    """One usual 三级 indicator of a type, and how its value is obtained."""

    model_config = _DATA

    name: str = Field(min_length=2)
    level2: Level2
    op: str | None = Field(default=None, pattern="^[≥≤=]$")
    unit: str | None = None
    fill: Fill | None = None
    cost: CostFill | None = None
    total: bool = False
    deadline: bool = False
    default: Decimal | None = None
    measure: str | None = Field(
        default=None, description="Suffix of precedent names that may back the value (历史标准)."
    )
    source: str

    @model_validator(mode="after")
    def _one_way_to_a_value(self) -> TemplateIndicator:
        ways = [self.fill is not None or self.default is not None, self.cost is not None, self.total, self.deadline]
        if sum(ways) != 1:
            raise ValueError(f"模板指标“{self.name}”须且只能有一种取值方式（fill/default、cost、total、deadline）")
        if not self.deadline and (self.op is None or self.unit is None):
            raise ValueError(f"模板指标“{self.name}”缺少比较符号或计量单位")
        return self


class ObjectRule(BaseModel):
    """Signal words that do not count where they work on an object outside this type: 保洁 of a 河道 is
    municipal cleaning, not 物业. An occurrence counts as outside when its clause (text between ，。；:
    and line ends) names one of ``objects`` and none of ``inside``, or the project name does so."""

    model_config = _DATA

    words: tuple[str, ...] = Field(min_length=1)
    objects: tuple[str, ...] = Field(min_length=1)
    inside: tuple[str, ...] = ()


class TypeSpec(BaseModel):
    model_config = _DATA

    it: bool = False
    compatible: tuple[ProjectType, ...] = ()
    tolerates: tuple[ProjectType, ...] = Field(
        default=(), description="Types whose words the review accepts here (seen in real forms)."
    )
    signals: dict[str, float] = Field(min_length=1)
    markers: tuple[str, ...] = ()
    not_on: ObjectRule | None = None
    only_on: ObjectRule | None = Field(
        default=None, description="Signal words counted only where they work on these objects (河道…保洁)."
    )
    indicators: tuple[TemplateIndicator, ...] = Field(min_length=1)


class RateGroup(BaseModel):
    """Rate words that measure the same thing (合格率, 通过率…) and the 二级 a row of them belongs under."""

    model_config = _DATA

    words: tuple[str, ...] = Field(min_length=1)
    level2: Level2


class TypeCatalogue(BaseModel):
    model_config = _DATA

    sources: dict[str, str]
    common: tuple[TemplateIndicator, ...]
    rates: tuple[RateGroup, ...] = ()
    types: dict[ProjectType, TypeSpec]

    @model_validator(mode="after")
    def _complete(self) -> TypeCatalogue:
        missing = [t.value for t in ProjectType if t not in self.types]
        if missing:
            raise ValueError(f"项目类型模板缺少类型：{'、'.join(missing)}")
        for name, spec in self.types.items():
            missing_l2 = _uncovered([*spec.indicators, *self.common])
            if missing_l2:
                raise ValueError(f"项目类型“{name.value}”的模板没有可直接取值的{'、'.join(missing_l2)}指标")
        unknown = {i.source for s in self.types.values() for i in s.indicators} | {i.source for i in self.common}
        if unknown - set(self.sources):
            raise ValueError(f"模板引用了未定义的来源：{'、'.join(sorted(unknown - set(self.sources)))}")
        return self

    def spec(self, project_type: ProjectType) -> TypeSpec:
        return self.types[project_type]

    def rate_group(self, name: str) -> RateGroup | None:
        """The rate a name ends with (考试合格率 → the 合格率 group), longest word first; None for no rate."""
        found = [(len(w), g) for g in self.rates for w in g.words if name.endswith(w)]
        return max(found, key=lambda f: f[0])[1] if found else None

    def compatible(self, a: ProjectType, b: ProjectType) -> bool:
        """Whether indicators of a ``b`` project may be offered to an ``a`` project (symmetric)."""
        return a is b or b in self.types[a].compatible or a in self.types[b].compatible


def _uncovered(rows: list[TemplateIndicator]) -> list[str]:
    """Required categories (primer §3) without a row that always gets a value (a default, a deadline, the total)."""
    sure = {r.level2 for r in rows if r.default is not None or r.deadline or r.total}
    groups = {
        "数量指标": {Level2.QUANTITY},
        "质量指标": {Level2.QUALITY},
        "时效指标": {Level2.TIMELINESS},
        "效益指标": set(FRAMEWORK[Level1.BENEFIT]),
        "满意度指标": {Level2.SATISFACTION},
        "成本指标": set(FRAMEWORK[Level1.COST]),
    }
    return [label for label, accepted in groups.items() if not sure & accepted]


@cache
def catalogue() -> TypeCatalogue:
    """The bundled catalogue (package data ``assistant/domain/project_types.yaml``), validated once."""
    text = (resources.files("assistant.domain") / "project_types.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where built in: 10× faster than pure Python
    return TypeCatalogue.model_validate(yaml.load(text, Loader=loader))


class TypeReason(BaseModel):
    model_config = _DATA

    field: str = Field(description="Chinese field label, e.g. 项目名称, 主要内容.")
    word: str
    points: float

    def describe(self) -> str:
        return f"{self.field}含“{self.word}”（+{self.points:g}）"


class TypeVerdict(BaseModel):
    """A project's type, how sure the rules are, and why."""

    model_config = _DATA

    type: ProjectType | None = Field(description="None when no type reached the minimum score.")
    score: float
    confidence: float = Field(description="Share of the winner's score in the top two, 0.5–1; 1 for an override.")
    reasons: tuple[TypeReason, ...]
    runner_up: ProjectType | None = None
    overridden: bool = False
    guess: ProjectType | None = Field(
        default=None, description="The nearest type where the evidence is too weak to call it the project's type."
    )

    def unsure(self) -> TypeVerdict:
        """This verdict as the user should read it when its evidence is too weak to type the project: no type, the
        winner kept as a guess (an election brief's 宣传 and 展板 words do not make it a publicity project)."""
        return self.model_copy(update={"type": None, "guess": self.type})

    def plausible(self, *, sure: float = 0.6) -> tuple[ProjectType, ...]:
        """The type, and the runner-up too where the rules are not ``sure`` (a mixed project)."""
        if self.type is None:
            return ()
        mixed = self.confidence < sure and self.runner_up is not None
        return (self.type, self.runner_up) if mixed and self.runner_up is not None else (self.type,)

    def explain(self) -> str:
        """Chinese, for users: 培训（得分 14，把握 0.82）：项目名称含“培训”（+9）；…"""
        if self.overridden and self.type is not None:
            return f"{self.type.value}（简报“项目类型”字段指定）"
        if self.type is None and self.guess is not None:
            why = "；".join(r.describe() for r in self.reasons[:3])
            if self.runner_up is not None and self.confidence < MIXED_CONFIDENCE:
                return (
                    f"未确定（{self.guess.value}与{self.runner_up.value}两类的特征词相当，得分 {self.score:g}，"
                    f"把握 {self.confidence:.2f}：{why}；两类兼有，不套用任一类模板，指标按简报自身内容和框架必备类别给出；"
                    "可在简报中填写“项目类型”指定）"
                )
            return (
                f"未确定（内容最接近{self.guess.value}，得分 {self.score:g}，把握 {self.confidence:.2f}：{why}；"
                "证据不足，不套用该类模板，指标按简报自身内容和框架必备类别给出；可在简报中填写“项目类型”）"
            )
        if self.type is None:
            return "未识别（没有足够的类型特征词，可在简报中填写“项目类型”）"
        why = "；".join(r.describe() for r in self.reasons[:5])
        other = f"；其次为{self.runner_up.value}" if self.runner_up else ""
        return f"{self.type.value}（得分 {self.score:g}，把握 {self.confidence:.2f}）：{why}{other}"


def classify(fields: dict[str, str], *, override: ProjectType | None = None) -> TypeVerdict:
    """The type of a project from its fields (label → text); ``override`` wins when given."""
    if override is not None:
        return TypeVerdict(type=override, score=0.0, confidence=1.0, reasons=(), overridden=True)
    scored = {t: _reasons(spec, fields) for t, spec in catalogue().types.items()}
    totals = sorted(
        ((sum(r.points for r in rs), t) for t, rs in scored.items()),
        key=lambda x: (-x[0], list(ProjectType).index(x[1])),
    )
    (best, winner), (second, runner) = totals[0], totals[1]
    if best < MIN_SCORE:
        return TypeVerdict(type=None, score=best, confidence=0.0, reasons=tuple(scored[winner]))
    reasons = tuple(sorted(scored[winner], key=lambda r: -r.points))
    return TypeVerdict(
        type=winner,
        score=best,
        confidence=round(best / (best + second), 3),
        reasons=reasons,
        runner_up=runner if second > 0 else None,
    )


def _reasons(spec: TypeSpec, fields: dict[str, str]) -> list[TypeReason]:
    """Each signal word counted once per field, a word inside a longer found word not again (信息化 in 信息化建设)."""
    found: list[TypeReason] = []
    named_outside = spec.not_on is not None and _outside(spec.not_on, fields.get("项目名称", ""))
    named_on = spec.only_on is not None and _outside(spec.only_on, fields.get("项目名称", ""))
    for label, text in fields.items():
        hits = [w for w in spec.signals if w in text]
        if spec.not_on is not None:
            rule = spec.not_on
            hits = [w for w in hits if w not in rule.words or not (named_outside or _all_outside(rule, w, text))]
        if spec.only_on is not None:
            rule = spec.only_on
            hits = [w for w in hits if w not in rule.words or named_on or _all_outside(rule, w, text)]
        hits = [w for w in hits if not any(w != v and w in v for v in hits)]
        weight = FIELD_WEIGHTS.get(label, 1)
        found.extend(TypeReason(field=label, word=w, points=spec.signals[w] * weight) for w in hits)
    return found


_CLAUSE = re.compile(r"[，,。；;：:\n]")


def _outside(rule: ObjectRule, clause: str) -> bool:
    return any(o in clause for o in rule.objects) and not any(i in clause for i in rule.inside)


def _all_outside(rule: ObjectRule, word: str, text: str) -> bool:
    """Whether every clause of ``text`` that holds ``word`` works on an outside object (河道…保洁)."""
    clauses = [c for c in _CLAUSE.split(text) if word in c]
    return bool(clauses) and all(_outside(rule, c) for c in clauses)


def foreign_markers(indicator_name: str, project_type: ProjectType, own_text: str) -> list[tuple[str, ProjectType]]:
    """Words of ``indicator_name`` that belong to a type incompatible with ``project_type`` and that the
    project's own text never uses: 故障响应 (信息化运维) in a training project, 文艺演出 in a river clean-up."""
    cat = catalogue()
    usual = set(cat.spec(project_type).markers) | set(cat.spec(project_type).signals)
    found: list[tuple[str, ProjectType]] = []
    for other, spec in cat.types.items():
        if cat.compatible(project_type, other):
            continue
        found.extend((w, other) for w in spec.markers if w in indicator_name and w not in own_text and w not in usual)
    return list(dict.fromkeys(found))


def uninvolved_markers(indicator_name: str, project_type: ProjectType, own_text: str) -> list[tuple[str, ProjectType]]:
    """``foreign_markers`` of types the project's text shows no sign of at all (none of their signal words):
    a 党建 project that runs a 远程教育 network may measure its 平台; a training project that names no IT
    work may not."""
    cat = catalogue()
    tolerated = cat.spec(project_type).tolerates
    found = foreign_markers(indicator_name, project_type, own_text)
    return [(w, t) for w, t in found if t not in tolerated and not any(s in own_text for s in cat.spec(t).signals)]


def is_it(project_type: ProjectType | None) -> bool:
    return project_type is not None and catalogue().spec(project_type).it
