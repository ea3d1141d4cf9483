"""The labels a form uses, and what each one fills: a header field, an amount, a text section."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from assistant.domain.model import Layout, SectionKind
from assistant.ingest.amount_units import without_unit
from assistant.ingest.cells import label_key


class FieldKind(StrEnum):
    TEXT = "text"  # a short header value
    CHECKBOX = "checkbox"
    DATE = "date"
    PERIOD = "period"  # 起止日期 in one cell (2023.07-2024.01): both planned dates
    AMOUNT = "amount"
    SECTION = "section"  # free text, possibly many paragraphs
    GROUP = "group"  # a label that only groups other labels
    SUBLABEL = "sublabel"  # form wording inside a section, not content
    KEPT = "kept"  # a header field the declaration model has no place for (项目来源): its value kept in a parse note


@dataclass(frozen=True)
class FieldSpec:
    kind: FieldKind
    target: str  # Header/Funding attribute, or a SectionKind value


def _spec(kind: FieldKind, target: str = "") -> FieldSpec:
    return FieldSpec(kind, target)


_SECTIONS = {
    "项目概况": SectionKind.OVERVIEW,
    "项目概述": SectionKind.OVERVIEW,  # Guangdong/Jiangsu 绩效目标表 (肇庆, 镇江)
    "项目必要性说明": SectionKind.NECESSITY,  # Jiangsu 项目绩效公开 (镇江)
    "项目可行性说明": SectionKind.BASIS,  # 镇江: the documents the project rests on (中宣发〔2008〕2号)
    "立项依据": SectionKind.BASIS,
    "项目设立的必要性": SectionKind.NECESSITY,
    "项目立项情况": SectionKind.APPROVAL,
    "项目相关资源投入和制度建设情况": SectionKind.RESOURCES,
    "保证项目实施的制度、措施": SectionKind.MEASURES,
    "保证项目实施的制度措施": SectionKind.MEASURES,
    "项目实施计划": SectionKind.PLAN,
    "项目构成": SectionKind.COMPOSITION,
    "项目总目标": SectionKind.GOAL_TOTAL,
    "年度绩效目标": SectionKind.GOAL_ANNUAL,
    "年度总体目标": SectionKind.GOAL_ANNUAL,
    "当年度目标": SectionKind.GOAL_ANNUAL,  # Guangdong 绩效目标表: 总体绩效目标 → 当年度目标 (肇庆)
    "需要说明的其他问题": SectionKind.OTHER_ISSUES,
    "备注": SectionKind.REMARKS,
}

_FIELDS: dict[str, FieldSpec] = {
    **{k: _spec(FieldKind.SECTION, v.value) for k, v in _SECTIONS.items()},
    "项目名称": _spec(FieldKind.TEXT, "name"),
    "申报单位名称": _spec(FieldKind.TEXT, "applicant"),
    "申报单位": _spec(FieldKind.TEXT, "applicant"),
    "填报单位（盖章）": _spec(FieldKind.TEXT, "applicant"),
    "填报单位(盖章)": _spec(FieldKind.TEXT, "applicant"),
    "主管部门": _spec(FieldKind.TEXT, "department"),
    "主管预算部门": _spec(
        FieldKind.TEXT, "department"
    ),  # 天津 抗疫特别国债 绩效目标表: 主管预算部门 | … | 项目预算金额
    "主管预算单位": _spec(FieldKind.TEXT, "department"),
    "实施部门": _spec(FieldKind.TEXT, "department"),  # Jiangsu 项目绩效公开: the 局 above the 预算单位 (镇江)
    "预算单位": _spec(FieldKind.TEXT, "applicant"),
    "用款单位": _spec(FieldKind.TEXT, "implementer"),  # Guangdong 绩效目标表 (肇庆)
    "实施单位": _spec(FieldKind.TEXT, "implementer"),
    "项目负责人": _spec(FieldKind.TEXT, "manager"),
    "联系人": _spec(FieldKind.TEXT, "contact"),
    "联系电话": _spec(FieldKind.TEXT, "phone"),
    "项目性质": _spec(FieldKind.TEXT, "nature"),
    "项目类型": _spec(FieldKind.CHECKBOX, "project_type"),
    "项目类别": _spec(FieldKind.CHECKBOX, "project_type"),
    "资金用途": _spec(FieldKind.CHECKBOX, "fund_use"),
    "起始日期": _spec(FieldKind.DATE, "start_date"),
    "开始时间": _spec(FieldKind.DATE, "start_date"),
    "起始年度": _spec(FieldKind.DATE, "start_date"),  # a year only (肇庆 实施期限 起始年度 2024): 1 January
    "计划开始日期": _spec(FieldKind.DATE, "start_date"),
    "结束日期": _spec(FieldKind.DATE, "end_date"),
    "结束时间": _spec(FieldKind.DATE, "end_date"),
    "完成时间": _spec(FieldKind.DATE, "end_date"),  # a year only (镇江 完成时间 2026年): 31 December
    "到期年度": _spec(FieldKind.DATE, "end_date"),
    "计划完成日期": _spec(FieldKind.DATE, "end_date"),
    "项目起止时间": _spec(FieldKind.PERIOD, "period"),
    "项目起止日期": _spec(FieldKind.PERIOD, "period"),
    "起止日期": _spec(FieldKind.PERIOD, "period"),
    "起止时间": _spec(FieldKind.PERIOD, "period"),
    "项目实施期": _spec(FieldKind.PERIOD, "period"),
    "项目支出实施期": _spec(FieldKind.PERIOD, "period"),
    "项目实施时间": _spec(FieldKind.PERIOD, "period"),
    "项目实施周期": _spec(FieldKind.PERIOD, "period"),
    "建设周期": _spec(FieldKind.PERIOD, "period"),
    "实施周期": _spec(FieldKind.PERIOD, "period"),
    "项目计划实施时间": _spec(FieldKind.PERIOD, "period"),
    # 项目期 / 实施期: dates (2022年3月-2023年11月) or a length (3年), which is kept as Header.period
    "项目期": _spec(FieldKind.PERIOD, "period"),
    "实施期": _spec(FieldKind.PERIOD, "period"),
    "项目期限": _spec(FieldKind.PERIOD, "period"),
    "实施期限": _spec(FieldKind.PERIOD, "period"),
    "项目实施期限": _spec(FieldKind.PERIOD, "period"),
    "项目周期": _spec(FieldKind.PERIOD, "period"),
    "项目来源": _spec(FieldKind.KEPT, "项目来源"),
    "项目级次": _spec(FieldKind.KEPT, "项目级次"),
    "一级项目名称": _spec(FieldKind.KEPT, "一级项目名称"),  # the fund above the 二级项目 (the project)
    "部门预算编码": _spec(FieldKind.KEPT, "部门预算编码"),  # 龙岩's 专项转移支付绩效目标表: the unit's budget code
    "区域": _spec(FieldKind.KEPT, "区域"),  # a transfer's places (新罗区、永定区…), each with its own value column
    # Gansu's 省级部门预算 form: fields the declaration has no place for, kept in a note (never run into a neighbour).
    "资金性质": _spec(FieldKind.KEPT, "资金性质"),
    "组织实施单位": _spec(FieldKind.KEPT, "组织实施单位"),
    "监督管理单位": _spec(FieldKind.KEPT, "监督管理单位"),
    "其他依据": _spec(FieldKind.KEPT, "其他依据"),
    "自有资金": _spec(FieldKind.KEPT, "自有资金"),
    "主管部门编码": _spec(FieldKind.KEPT, "主管部门编码"),  # Hunan's 资金总额及构成: 财政拨款 / 自有资金 / 其他
    "业务股室": _spec(FieldKind.KEPT, "业务股室"),  # 澧县: the 财政局's office that handles the project
    "支出分类": _spec(FieldKind.KEPT, "支出分类"),  # 江津's 重点项目绩效目标表: 项目分类 | 常年性 | 支出分类 | 重点专项
    "项目支出明细": _spec(FieldKind.KEPT, "项目支出明细"),  # 江津: the cost lines under 项目理由
    "填报单位负责人": _spec(FieldKind.TEXT, "unit_head"),
    "填表人": _spec(FieldKind.TEXT, "preparer"),
    "填报日期": _spec(FieldKind.TEXT, "filled_on"),
    "项目总预算": _spec(FieldKind.AMOUNT, "total"),
    "项目总预算（元）": _spec(FieldKind.AMOUNT, "total"),
    "项目资金总额": _spec(FieldKind.AMOUNT, "total"),
    "资金总额": _spec(FieldKind.AMOUNT, "total"),
    "项目金额": _spec(FieldKind.AMOUNT, "total"),
    "项目总金额": _spec(FieldKind.AMOUNT, "total"),
    "总金额": _spec(FieldKind.AMOUNT, "total"),  # Guangdong 绩效目标表: 预算金额 → 总金额 / 当年度金额 (肇庆)
    "当年度金额": _spec(FieldKind.AMOUNT, "annual"),
    "当年预算": _spec(FieldKind.AMOUNT, "annual"),
    "项目当年预算（元）": _spec(FieldKind.AMOUNT, "annual"),
    "年度资金申请总额": _spec(FieldKind.AMOUNT, "annual"),
    "财政资金": _spec(FieldKind.AMOUNT, "fiscal_total"),
    "财政拨款": _spec(FieldKind.AMOUNT, "fiscal_annual"),
    "当年财政拨款": _spec(FieldKind.AMOUNT, "fiscal_annual"),
    "上级财政拨款": _spec(FieldKind.AMOUNT, "fiscal_upper"),
    "本级财政安排": _spec(FieldKind.AMOUNT, "fiscal_same_level"),
    "下级财政配套": _spec(FieldKind.AMOUNT, "fiscal_lower"),
    "其他资金": _spec(FieldKind.AMOUNT, "other"),
    "上年结转资金": _spec(FieldKind.AMOUNT, "carryover"),
    "上年结转": _spec(FieldKind.AMOUNT, "carryover"),
    "同名项目上年预算额（元）": _spec(FieldKind.AMOUNT, "previous_budget"),
    "同名项目上年预算执行数（元）": _spec(FieldKind.AMOUNT, "previous_spent"),
    "项目资金": _spec(FieldKind.GROUP),
    "项目资金(元)": _spec(FieldKind.GROUP),
    "项目资金（元）": _spec(FieldKind.GROUP),
    "项目绩效目标": _spec(FieldKind.GROUP),
    "预算金额": _spec(FieldKind.GROUP),  # 肇庆: groups 总金额 and 当年度金额
    "总体绩效目标": _spec(FieldKind.GROUP),  # 肇庆: groups 当年度目标 (and, on other pages, 中长期目标)
    "金额单位": _spec(FieldKind.GROUP),
    "分解目标": _spec(FieldKind.GROUP),
    "项目理由": _spec(FieldKind.GROUP),  # 江津: groups 项目概况 and 项目支出明细
}

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+\s*[.、．])\s*")
_PREFIX = re.compile(r"^其中[：:]")
_PERIOD = re.compile(r"[（(]\s*\d{4}\s*年?\s*[-—至~]\s*\d{4}\s*年?\s*[)）]$")
_SUBLABEL = re.compile(r"^主体活动[（(]作业、任务[)）]和对应(?:产出|产生)的")
_BOILERPLATE = re.compile(r"^(?:附件\d+(?:-\d+)?|金额单位[：:]元)$")


def lookup(text: str, layout: Layout) -> FieldSpec | None:
    """The field a whole cell labels, or None."""
    key = _match_key(text)
    if key is None:
        if _SUBLABEL.match(label_key(text)) or _BOILERPLATE.match(label_key(text)):
            return _spec(FieldKind.SUBLABEL)
        return None
    spec = _FIELDS[key]
    if key == "项目类别" and layout is Layout.MUNICIPAL_2021:
        return _spec(FieldKind.TEXT, "category")
    return spec


# A unit's label naming its name and its code (福建: 主管部门(单位)名称及部门预算编码; 主管部门及编码): the unit's field.
_NAME_AND_CODE = re.compile(
    r"^(?P<base>主管部门|实施单位|申报单位)(?:[（(]单位[)）])?(?:名称)?(?:及[\u4e00-\u9fff]{0,6}编码)?$"
)


def _match_key(text: str) -> str | None:
    key = label_key(text)
    bare = _PREFIX.sub("", _NUMBERING.sub("", key))
    named = _NAME_AND_CODE.match(bare)
    for candidate in (key, _PERIOD.sub("", key), bare, without_unit(key), without_unit(bare), named and named["base"]):
        if candidate in _FIELDS:
            return candidate
    if (
        bare != key and without_unit(bare) == "其他"
    ):  # Hunan's 资金总额及构成: 一、财政拨款 … 三、其他 (the rest of the total)
        return "其他资金"
    return None


def split_inline(text: str, layout: Layout) -> tuple[FieldSpec, str, str] | None:
    """``项目名称：组织力建设信息化平台`` → (spec, label, value) for short fields written with their value."""
    match = re.match(r"^([^：:]{2,30})[：:]\s*(.+)$", text.strip())
    if match is None:
        return None
    spec = lookup(match[1], layout)
    if spec is None or spec.kind in {FieldKind.SECTION, FieldKind.SUBLABEL}:
        return None
    return spec, match[1].strip(), match[2].strip()


def kept_message(label: str, value: str) -> str:
    """The parse note of a field the model has no place for (``FieldKind.KEPT``): its value, kept as written."""
    return (
        f"「{label.strip()}」写作「{value.strip()}」：申报表没有对应的字段，未放入表头，"
        "原文保留在本条解析提示中（不影响审核）"
    )


def length_message(label: str, value: str, length: str) -> str:
    """The parse note of a 项目期 written as a length (``3年``): kept as the period, the dates not derived."""
    return (
        f"「{label.strip()}」写作「{value.strip()}」，记为项目期 {length}；表中没有写起止日期，"
        "开始、结束日期未推算（无法确定预算年度是项目期的第几年），请按实际填写"
    )


MAX_NAME_CHARS = 200  # a project name, as briefs cap it (`assistant.domain.brief.SHORT_TEXT`)


def checked_name(name: object) -> str:
    """The 项目名称 read from a form, as text; `InputError` (Chinese) when it is longer than a name can be (a whole
    text read as the name): refused rather than stored, shown and searched as a name."""
    from assistant.errors import InputError

    text = str(name or "")
    if len(text) > MAX_NAME_CHARS:
        raise InputError(
            f"「项目名称」一栏有 {len(text):,} 个字，超过项目名称 {MAX_NAME_CHARS} 字的上限"
            f"（开头：{text[:20]}…），不是一个项目名称",
            hint=f"请检查文件中「项目名称」一栏，只写项目名称（{MAX_NAME_CHARS} 字以内）后再导入",
        )
    return text


def field_labels() -> list[str]:
    """The labels ``lookup`` knows, as written in the seeds."""
    return list(_FIELDS)


def section_labels() -> list[str]:
    return list(_SECTIONS)


def bare_key(text: str) -> str:
    """A label's key without its numbering or a leading 其中： (``(一)财政拨款小计`` → ``财政拨款小计``)."""
    return _PREFIX.sub("", _NUMBERING.sub("", label_key(text)))
