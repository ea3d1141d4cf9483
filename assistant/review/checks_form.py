"""Completeness of the form: header fields, checkboxes, text sections, funding cells."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.domain.model import CheckState, Declaration, Layout, SectionKind
from assistant.review.base import at_field, at_section, finding
from assistant.review.models import Finding, Location

_REQUIRED_HEADER: dict[Layout, tuple[str, ...]] = {
    Layout.MUNICIPAL_2021: (
        "name",
        "year",
        "department",
        "implementer",
        "nature",
        "category",
        "start_date",
        "end_date",
    ),
    Layout.MUNICIPAL_2019: ("name", "year", "applicant", "start_date", "end_date"),
    Layout.DISTRICT_2020: ("name", "year", "manager", "contact", "start_date", "end_date"),
}
_REQUIRED_CHECKBOXES: dict[Layout, tuple[str, ...]] = {
    Layout.MUNICIPAL_2021: (),
    Layout.MUNICIPAL_2019: ("project_type", "fund_use"),
    Layout.DISTRICT_2020: ("project_type",),
}
_REQUIRED_SECTIONS: dict[Layout, tuple[SectionKind, ...]] = {
    Layout.MUNICIPAL_2021: (SectionKind.GOAL_ANNUAL,),
    Layout.MUNICIPAL_2019: (
        SectionKind.OVERVIEW,
        SectionKind.BASIS,
        SectionKind.NECESSITY,
        SectionKind.MEASURES,
        SectionKind.PLAN,
        SectionKind.GOAL_TOTAL,
        SectionKind.GOAL_ANNUAL,
    ),
    Layout.DISTRICT_2020: (SectionKind.OVERVIEW, SectionKind.APPROVAL, SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL),
}
_EXPECTED_AMOUNTS: dict[Layout, tuple[str, ...]] = {
    Layout.MUNICIPAL_2021: ("total", "fiscal_total", "fiscal_annual", "other_total", "other_annual", "carryover"),
    Layout.MUNICIPAL_2019: ("total",),
    Layout.DISTRICT_2020: (
        "total",
        "fiscal_annual",
        "fiscal_upper",
        "fiscal_same_level",
        "fiscal_lower",
        "other_annual",
    ),
}
_AMOUNT_LABELS = {
    "total": "项目资金总额",
    "fiscal_total": "财政资金（总额）",
    "fiscal_annual": "财政拨款（当年）",
    "fiscal_upper": "上级财政拨款",
    "fiscal_same_level": "本级财政安排",
    "fiscal_lower": "下级财政配套",
    "other_total": "其他资金（总额）",
    "other_annual": "其他资金（当年）",
    "carryover": "上年结转资金",
}


def check_header(decl: Declaration) -> Iterator[Finding]:
    for name in _REQUIRED_HEADER[decl.layout]:
        value = getattr(decl.header, name)
        if value in (None, ""):
            location = at_field(f"header.{name}")
            yield finding("HDR-REQUIRED", _blank_or_unread(decl, location), location)
    for name in _REQUIRED_CHECKBOXES[decl.layout]:
        yield from _checkbox(decl, name)


def _unread(decl: Declaration, location: Location) -> str | None:
    """What the form wrote in a field the parser saw but could not read (its parse note), else None."""
    return next((n.fragment for n in decl.parse_notes if n.field == location.field and n.fragment), None)


def _blank_or_unread(decl: Declaration, location: Location) -> str:
    """A field the parser could not read is not 未填写: say what was written."""
    unread = _unread(decl, location)
    if unread is not None:
        return f"表头“{location.describe()}”填写的「{unread}」无法识别（见解析提示）。"
    return f"表头“{location.describe()}”未填写。"


def _checkbox(decl: Declaration, name: str) -> Iterator[Finding]:
    field = getattr(decl.header, name)
    location = at_field(f"header.{name}")
    label = location.describe()
    if field is None or not field.options:
        yield finding("HDR-REQUIRED", f"表头“{label}”未填写。", location)
    elif field.selected:
        return
    elif any(o.state is CheckState.UNKNOWN for o in field.options):
        yield finding("HDR-CHECKBOX", f"“{label}”的勾选状态在导出中丢失，无法核对选了哪一项。", location)
    else:
        options = "、".join(o.label for o in field.options)
        yield finding("HDR-CHECKBOX", f"“{label}”一项都未勾选（选项：{options}）。", location)


# Sections the current printed form has no cell for, but a draft writes and exports (项目概况, 必要性): required
# where the declaration carries them, so a draft whose person emptied one is told (red team rt12 #8).
_REQUIRED_WHEN_PRESENT: dict[Layout, tuple[SectionKind, ...]] = {
    Layout.MUNICIPAL_2021: (SectionKind.OVERVIEW, SectionKind.NECESSITY),
}


def check_sections(decl: Declaration) -> Iterator[Finding]:
    present = {s.kind for s in decl.sections}
    carried = tuple(k for k in _REQUIRED_WHEN_PRESENT.get(decl.layout, ()) if k in present)
    for kind in (*carried, *_REQUIRED_SECTIONS[decl.layout]):
        if not decl.section_text(kind).strip():
            yield finding("SEC-REQUIRED", f"“{kind.label}”为空。", at_section(decl, kind))
    if decl.layout is Layout.MUNICIPAL_2021 and not decl.section_text(SectionKind.GOAL_TOTAL).strip():
        yield finding("SEC-TOTAL-GOAL-BLANK", "“项目总目标”为空。", at_section(decl, SectionKind.GOAL_TOTAL))


def check_funding_blanks(decl: Declaration) -> Iterator[Finding]:
    funding = decl.funding
    if funding.annual is None:
        location = at_field("funding.annual")
        unread = _unread(decl, location)
        what = f"填写的「{unread}」无法识别（见解析提示）" if unread else "为空白"
        yield finding("FUND-ANNUAL-BLANK", f"当年预算 / 年度资金申请总额{what}，无法核对资金。", location)
    missing = [k for k in _EXPECTED_AMOUNTS[decl.layout] if getattr(funding, k) is None]
    unread_amounts = {k: text for k in missing if (text := _unread(decl, at_field(f"funding.{k}")))}
    blanks = [_AMOUNT_LABELS[k] for k in missing if k not in unread_amounts]
    parts = [f"资金栏目空白：{'、'.join(blanks)}（空白不等于零，审核时无法核对）"] if blanks else []
    if unread_amounts:
        parts.append(
            "无法识别的金额："
            + "、".join(f"{_AMOUNT_LABELS[k]}「{t}」" for k, t in unread_amounts.items())
            + "（见解析提示）"
        )
    if parts:
        yield finding("FUND-BLANK", "；".join(parts) + "。", Location(field=f"funding.{missing[0]}"))
