"""Gold kinds for questions gold.py's first kinds could not express (issue 24, q10c), from the raw corpus JSON.

Only the standard library and PyYAML, as gold.py: ``gold.derive`` hands these kinds here.

- ``line_sum`` (``ids``: one form, ``names``: parts of 项目构成 row names): each named row's amount and their sum;
  a name no row of the form holds gives ``contains`` 没有 and that name, and ``nofigure`` (no partial sum passed off
  as the whole).
- ``header_where`` (``f``: header fields in fallback order, ``value``: the option or text asked, ``count``: a count
  instead of a list, ``where``: gold.pick's filters): the forms whose first field the form has holds ``value`` (a
  checkbox field: only a ticked box counts; a form with none of the fields is not counted). A form whose
  checkboxes were lost in the export (parse note header.checkbox_lost) is neither counted nor listed: the answer
  must say 无法判断 and name it.
- ``safeguard_cell`` (``ids``, ``document``: part of a 制度保障 row's 制度名称, ``col``: measures or category): that
  column of every such row; no such row: absent.
- ``rank_value`` (``where``, ``value_of``: gold.indicators' selector, ``order``: asc/desc, ``value_unit``: default
  %): each project's lowest (asc) / highest (desc) target number among its selected indicators in that unit ranks
  it; ``leaders``: every project tied at the top, which the answer's first rows must be; a selected indicator with
  no number (or another unit) is listed apart: the answer says 未参加排序.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

KINDS = ("line_sum", "header_where", "safeguard_cell", "rank_value")


def derive(spec: dict) -> dict[str, Any]:
    return {
        "line_sum": _line_sum,
        "header_where": _header_where,
        "safeguard_cell": _safeguard_cell,
        "rank_value": _rank_value,
    }[spec["k"]](spec)


def _line_sum(spec: dict) -> dict[str, Any]:
    import gold

    lines = gold.BY_ID[spec["ids"][0]]["budget_lines"]
    found, missing = [], []
    for name in spec["names"]:
        rows = [b for b in lines if name in b["name"]]
        assert len(rows) <= 1, f"{name} matches several rows: {spec}"
        (found.append(rows[0]) if rows else missing.append(name))
    shown = [f"{Decimal(b['amount']):,.2f}" for b in found]
    if missing:
        return {"contains": ["没有", *missing, *shown], "nofigure": True, "ids": spec["ids"]}
    total = sum((Decimal(b["amount"]) for b in found), Decimal(0))
    return {"figure": gold.money(total), "contains": shown, "ids": spec["ids"]}


def _value_of(d: dict, fields: list[str]) -> tuple[str | None, list[str]]:
    """(the field the form has first, its values: a checkbox field's ticked labels, a text field's text)."""
    for f in fields:
        value = d["header"].get(f)
        if value is None or value == "":
            continue
        if isinstance(value, dict):
            return f, [o["label"] for o in value["options"] if o["state"] == "checked"]
        return f, [str(value)]
    return None, []


def _header_where(spec: dict) -> dict[str, Any]:
    import gold

    hits, lost = [], []
    for d in gold.pick(spec.get("where", {})):
        field, values = _value_of(d, spec["f"])
        if field is None:
            continue
        if any(n["code"] == "header.checkbox_lost" and n["field"] == f"header.{field}" for n in d["parse_notes"]):
            lost.append(d)
        elif spec["value"] in values:
            hits.append(d)
    said = ["无法判断", *(d["header"]["name"] for d in lost)] if lost else []
    if spec.get("count"):
        return {"figure": f"{len(hits)} 个", "contains": said}
    if not hits and not lost:
        return {"absent": True}
    return {"items": sorted(d["id"] for d in hits), "contains": said}


def _safeguard_cell(spec: dict) -> dict[str, Any]:
    import gold

    rows = [s for s in gold.BY_ID[spec["ids"][0]]["safeguards"] if spec["document"] in s["document"]]
    if not rows:
        return {"absent": True}
    return {"contains": [spec["document"], *(s[spec["col"]] for s in rows)], "ids": spec["ids"]}


def _rank_value(spec: dict) -> dict[str, Any]:
    import gold

    unit = spec.get("value_unit", "%")
    best: dict[str, Decimal] = {}
    apart = False
    for d in gold.pick(spec.get("where", {})):
        for i in gold.indicators(d, spec["value_of"]):
            number = i["value"].get("number")
            if number is None or i["value"].get("unit") != unit:
                apart = True
                continue
            value = Decimal(number)
            held = best.get(d["id"])
            if held is None or (value < held if spec["order"] == "asc" else value > held):
                best[d["id"]] = value
    assert best, spec
    top = (min if spec["order"] == "asc" else max)(best.values())
    leaders = sorted(i for i, v in best.items() if v == top)
    return {"leaders": leaders, "contains": ["未参加排序"] if apart else []}
