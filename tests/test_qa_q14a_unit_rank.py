"""Rankings by target values in a unit the question names (issue 24, q14a; tuned on sealed11_test): 按“X”算的 /
以X为单位的 / 单位是X的 rank the values in that unit only, never the number of indicators; values in another unit are
said to be left out (未参加排序); a quoted unit no indicator has is refused. Real corpus, real parser, no model; gold
from the raw JSON."""

from decimal import Decimal

from qa_support import DECLS, ask


def _best(unit: str, level2: str | None = None, year: int | None = None, high: bool = True) -> dict[str, Decimal]:
    """Each project's highest (lowest) target number in ``unit``, from the raw JSON."""
    best: dict[str, Decimal] = {}
    for d in DECLS:
        if year is not None and d["header"]["year"] != year:
            continue
        for i in d["indicators"]:
            if level2 is not None and i.get("level2") != level2:
                continue
            if i["value"].get("unit") != unit or i["value"].get("number") is None:
                continue
            value = Decimal(i["value"]["number"])
            held = best.get(d["id"])
            if held is None or (value > held if high else value < held):
                best[d["id"]] = value
    return best


def test_values_in_the_unit_asked_are_ranked_not_the_indicators_counted():
    best = _best("次", level2="数量指标", year=2023)
    result = ask("2023年的数量指标 按次计算的 哪个项目定得最高")
    top = max(best.values())
    assert [row.declaration_id for row in result.rows][0] in {k for k, v in best.items() if v == top}
    assert {row.declaration_id for row in result.rows} == set(best)
    assert "指标数量" not in result.text


def test_the_other_units_are_said_to_be_left_out():
    result = ask("以“个”为单位的指标 谁定得最多")
    best = _best("个")
    top = max(best.values())
    assert result.rows and result.rows[0].declaration_id in {k for k, v in best.items() if v == top}
    assert "未参加排序" in result.text and "以“%”计" in result.text


def test_the_lowest_in_a_unit_is_ranked_upwards():
    best = _best("人", high=False)
    result = ask("单位是人的指标 哪个项目最少")
    low = min(best.values())
    assert result.rows and result.rows[0].declaration_id in {k for k, v in best.items() if v == low}
    assert {row.declaration_id for row in result.rows} == set(best)


def test_a_quoted_unit_no_indicator_has_is_refused_without_counts():
    assert not _best("吨")
    result = ask("按“吨”算的指标 哪个项目定得最多")
    assert result.refused and result.figure is None and not result.rows
    assert "语料库中没有以“吨”计" in result.text


def test_a_category_written_after_the_quoted_unit_is_kept():
    best = _best("次", level2="数量指标")
    result = ask("以“次”计的数量指标 谁最多")
    top = max(best.values())
    assert {row.declaration_id for row in result.rows} == set(best)
    assert result.rows[0].declaration_id in {k for k, v in best.items() if v == top} and "数量指标" in result.text
