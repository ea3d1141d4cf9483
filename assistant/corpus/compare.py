"""What differs between two declarations of the same project and year (a duplicate and the one kept), in Chinese.

Used when a build leaves a duplicate out, so a person sees whether the copy only repeats the corpus or carries
other figures (an altered total, a changed target) that were not taken.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.domain.model import Declaration, Funding, Header
from assistant.domain.refs import yuan

_HEADER_FIELDS = ("applicant", "department", "implementer", "manager", "nature", "category", "start_date", "end_date")
_MAX_SHOWN = 8  # differences listed; the rest are counted


def differences(kept: Declaration, other: Declaration) -> list[str]:
    """Each difference as ``所在：原值 → 新值`` (header fields, funding amounts, sections, indicator values and rows),
    at most eight, then ``另有 N 处不同``; [] when the two say the same."""
    found = [*_header(kept.header, other.header), *_funding(kept.funding, other.funding)]
    found += _sections(kept, other) + _indicators(kept, other)
    if len(found) > _MAX_SHOWN:
        return [*found[:_MAX_SHOWN], f"另有 {len(found) - _MAX_SHOWN} 处不同"]
    return found


def _shown(value: object) -> str:
    if value is None or value == "":
        return "（空）"
    return yuan(value) if isinstance(value, Decimal) else str(value)


def _header(a: Header, b: Header) -> list[str]:
    return [
        f"{Header.model_fields[name].description}：{_shown(getattr(a, name))} → {_shown(getattr(b, name))}"
        for name in _HEADER_FIELDS
        if getattr(a, name) != getattr(b, name)
    ]


def _funding(a: Funding, b: Funding) -> list[str]:
    found = []
    for name, info in Funding.model_fields.items():
        old, new = getattr(a, name), getattr(b, name)
        if old != new:
            label = (info.description or name).split(" / ")[-1]
            found.append(f"{label}：{_shown(old)} → {_shown(new)}")
    return found


def _sections(a: Declaration, b: Declaration) -> list[str]:
    kinds = list(dict.fromkeys([s.kind for s in a.sections] + [s.kind for s in b.sections]))
    return [f"{kind.label}的文字不同" for kind in kinds if a.section_text(kind).strip() != b.section_text(kind).strip()]


def _indicators(a: Declaration, b: Declaration) -> list[str]:
    old = {i.name: i.value.raw for i in a.indicators}
    new = {i.name: i.value.raw for i in b.indicators}
    found = [f"指标「{name}」：{old[name]} → {new[name]}" for name in old if name in new and old[name] != new[name]]
    found += [f"少了指标「{name}」" for name in old if name not in new]
    found += [f"多了指标「{name}」（{new[name]}）" for name in new if name not in old]
    return found
