"""A city whose name runs into a word that is no place (荆门市 holds 门市, 聊城市 城市, 成都市 都市) is another region's
place, in a unit's name and in a form's title; a shop's 门市部 (新华门市部) names no place and leaves the form's region
undecided (new user 2026-12-07, nf11 left undone). Real pages read as ``assistant import`` does, with the unit or the
title's city changed."""

from pathlib import Path

import pytest

from assistant.cli.render import layout_label
from assistant.ingest.text_export import parse_text_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NINGXIANG = (FIXTURES / "real_pages" / "newuser" / "ningxiang_batang_jichu_flat.txt").read_text(encoding="utf-8")
EZHOU = (FIXTURES / "newuser" / "nu10" / "ezhou_mubiao.txt").read_text(encoding="utf-8")


def _label(text: str, old: str, new: str) -> tuple[str, str]:
    assert old in text
    (decl,) = parse_text_bytes(text.replace(old, new).encode("utf-8"), "variant.txt").declarations
    return layout_label(decl), decl.layout.label


@pytest.mark.parametrize("unit", ["荆门市财政局", "聊城市住房和城乡建设局", "成都市机关事务管理局", "江门市人民政府"])
def test_a_city_named_like_a_shop_word_is_another_regions_place(unit: str) -> None:
    label, _ = _label(NINGXIANG, "宁乡市坝塘镇人民政府", unit)
    assert "其他地区" in label and unit[:3] in label


@pytest.mark.parametrize("unit", ["新华门市部", "某某城市管理服务中心", "某某超市管理处"])
def test_a_shop_or_a_city_word_names_no_place(unit: str) -> None:
    label, layout = _label(NINGXIANG, "宁乡市坝塘镇人民政府", unit)
    assert label == layout  # undecided: the layout's own name, no place invented


def test_a_title_naming_jingmen_is_another_regions_form() -> None:
    label, _ = _label(EZHOU, "鄂州", "荆门")
    assert "荆门市" in label and "不是上海" in label
