"""A finding's location reads in Chinese for every header and funding field a rule can point at."""

from __future__ import annotations

import re

import pytest

from assistant.domain.model import Funding, Header
from assistant.review.models import Location

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    "path",
    [f"header.{n}" for n in Header.model_fields] + [f"funding.{n}" for n in Funding.model_fields],
)
def test_every_form_field_location_is_described_in_chinese(path: str) -> None:
    described = Location(field=path).describe()
    assert HAN.search(described), described
    assert "." not in described


def test_a_blank_fiscal_line_is_located_by_its_form_label() -> None:
    assert Location(field="funding.fiscal_annual").describe() == "财政拨款 / 当年财政拨款"
