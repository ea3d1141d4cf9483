"""Full-width digits and signs in a target value (``≥９８０％``) are read as their ASCII forms, so every VAL-* rule
sees the same value as for ``≥980%`` and the unit is stored as ``%`` (red team rt10 #4)."""

from pathlib import Path

import pytest
from indicator_support import indicator_rows

from assistant.domain.model import Declaration
from assistant.domain.values import ValueKind, parse_value
from assistant.ingest.text_export import parse_file
from assistant.review.engine import review

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"
CASE06 = next(CASES.glob("06-*.txt"))


def _wide(text: str) -> str:
    """ASCII digits, letters and signs as their full-width forms (``≥980%`` → ``≥９８０％``)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _decl() -> Declaration:
    (decl,) = parse_file(CASE06).declarations
    return decl


def _value_rules(decl: Declaration, rows) -> dict[str, set[str]]:
    indicators = indicator_rows(rows)
    found: dict[str, set[str]] = {row[2]: set() for row in rows}
    for f in review(decl.model_copy(update={"indicators": indicators})).findings:
        if f.rule_id.startswith("VAL-") and f.location.indicator is not None:
            found[f.location.indicator.name].add(f.rule_id)
    return found


ROWS = [
    ("产出指标", "质量指标", "农产品例行监测合格率", "≥980%"),  # VAL-IMPOSSIBLE
    ("产出指标", "质量指标", "大型设备更新验收合格率", "292%"),  # VAL-IMPOSSIBLE with the misread ≥
    ("产出指标", "数量指标", "培训人数", "-5(人)"),  # negative
    ("产出指标", "数量指标", "举办培训班次数", "≥2.5(次)"),  # a fraction of a count
    ("产出指标", "时效指标", "报修响应及时率", "≥95"),  # no unit
    ("效益指标", "社会效益指标", "群众知晓率", "≥0(%)"),  # zero target
    ("满意度指标", "服务对象满意度指标", "入驻单位满意度", "≥90.5(%)"),
    ("成本指标", "经济成本指标", "水电气消耗下降率", "≤2(%)"),
]


@pytest.mark.parametrize("row", ROWS, ids=[row[2] for row in ROWS])
def test_full_width_value_parses_as_ascii(row):
    half, wide = parse_value(row[3]), parse_value(_wide(row[3]))
    assert wide.kind is ValueKind.QUANTITATIVE
    assert (wide.operator, wide.number, wide.unit) == (half.operator, half.number, half.unit)
    assert wide.raw == _wide(row[3])  # the value as written is kept


def test_every_value_rule_sees_full_width_input_as_ascii():
    decl = _decl()
    half = _value_rules(decl, ROWS)
    wide = _value_rules(decl, [(l1, l2, name, _wide(value)) for l1, l2, name, value in ROWS])
    assert half["农产品例行监测合格率"] == {"VAL-IMPOSSIBLE"}
    assert wide == half


def test_full_width_rate_on_a_real_page_is_impossible_and_stored_as_percent(tmp_path):
    page = tmp_path / "fw.txt"
    text = CASE06.read_text(encoding="utf-8")
    page.write_text(text.replace("\t295(%)\t", "\t≥９８０％\t"), encoding="utf-8")
    (decl,) = parse_file(page).declarations
    (row,) = [ind for ind in decl.indicators if ind.name == "重要设备维保验收合格率"]
    assert (row.value.number, row.value.unit) == (980, "%")
    found = {f.location.indicator.name for f in review(decl).findings if f.rule_id == "VAL-IMPOSSIBLE"}
    assert "重要设备维保验收合格率" in found
