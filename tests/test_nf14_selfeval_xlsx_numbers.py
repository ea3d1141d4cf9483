"""The self-evaluation workbook stores 分值, 执行率 and 得分 as numbers (new-user trial nu12, finding 12): they were
text ('10', '97.84%', '9.78'), so Excel could not add them. The round trip reads them back unchanged."""

from decimal import Decimal as D

import openpyxl
from test_cycle_office import _filled_selfeval

from assistant.office.cycle_layout import selfeval_layout, write_form
from assistant.office.cycle_read import read_selfeval


def test_scores_and_rates_are_numbers_in_excel_and_read_back(corpus, tmp_path):
    ev = _filled_selfeval(corpus.get("2023-003-05"))
    total = ev.funds[0].model_copy(update={"rate": D("84.71"), "score": D("8.47")})  # as scoring writes them
    ev = ev.model_copy(update={"funds": [total, *ev.funds[1:]]})
    path = write_form(selfeval_layout(ev), "xlsx", tmp_path / "自评.xlsx")
    cells = [c for row in openpyxl.load_workbook(path).active.iter_rows() for c in row]
    rate = next(c for c in cells if c.number_format.endswith("%") and c.value is not None)
    assert isinstance(rate.value, float | int | D) and 0 < rate.value <= 1  # 84.71% as 0.8471, shown as a percentage
    scores = [c.value for c in cells if c.number_format in ("0", "0.0", "0.00") and c.value is not None]
    assert all(isinstance(v, int | float) for v in scores)
    written = [v for r in ev.rows for v in (r.weight, r.score) if v is not None]
    assert len(scores) == len(written) + 4  # the rows' 分值 and 得分, the fund's, and the 总分 line's two
    assert float(ev.total_score) in scores and 8.47 in scores
    back = read_selfeval(path)
    assert back.total_score == ev.total_score
    assert (back.funds[0].rate, back.funds[0].score) == (D("84.71"), D("8.47"))
    assert [r.weight for r in back.rows] == [r.weight for r in ev.rows]
