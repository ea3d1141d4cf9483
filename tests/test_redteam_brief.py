"""Red-team finding on briefs: a Chinese input method in full-width mode types ２０２７ and ２０２７－０１－０１. Amounts
written so were read (２６５万), but 年度 and the dates were refused as 应为整数 / 应为日期 while quoting a value that
looks right. They are read as the same digits now; a real error still names the field. Real YAML files, real loader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from assistant.domain.brief import load_brief
from assistant.errors import InputError

EXAMPLE = Path(__file__).resolve().parent.parent / "assistant" / "examples" / "example_brief.yaml"


def _brief(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_full_width_year_and_dates_are_read(tmp_path):
    brief = load_brief(
        _brief(tmp_path, 年度="２０２７", 开始日期="２０２７－０１－０１", 结束日期="２０２７-１２-３１")
    )
    assert brief.year == 2027
    assert (brief.start_date, brief.end_date) == (date(2027, 1, 1), date(2027, 12, 31))


@pytest.mark.parametrize(("field", "value"), [("年度", "二〇二七"), ("开始日期", "２０２７－１３－０１")])
def test_what_is_not_a_year_or_a_date_is_still_refused_naming_the_field(tmp_path, field, value):
    with pytest.raises(InputError) as refused:
        load_brief(_brief(tmp_path, **{field: value}))
    assert f"字段 {field}" in refused.value.message


def test_an_amount_too_large_is_called_too_large_not_unreadable(tmp_path):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["资金"]["总额"] = "99999999999亿元"  # a well-formed figure with extra nines: a typo, not gibberish
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_brief(path)
    assert "过大" in refused.value.message and "不是金额" not in refused.value.message
