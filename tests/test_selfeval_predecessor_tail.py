"""nu10 item 1: a 自评表 page that starts with the end of an earlier form (大英, the user's page). The rows before
the first title belong to no form: they are named in a note and never become the next form's rows; the form's own
row cut off by the copy is read as far as it goes and noted, never silently dropped."""

from pathlib import Path

from assistant.ingest.selfeval import read_self_evaluations_text

PAGE = Path(__file__).resolve().parent / "fixtures" / "newuser" / "nu10" / "daying_zipingbiao.txt"

VARIANT = """\
https://example.gov.cn/czyjs/2024/item-88.html
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |
效益指标 | 社会效益指标 | 受益群众人数 | ≥ | 1200 | 人 | 1350 | 20 | 20 | ||
满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥ | 90 | % | 96 | 10 | 10 | ||
合计 | 100 | |||||||||
评价结论 | 按期完成。 | |||||||||
部门预算项目支出绩效自评表(2024年度) | ||||||||||
项目名称 | 2024年乡村道路养护经费 | |||||||||
主管部门 | 某县交通运输局 | 实施单位 | 某县公路事务中心 | |||||||
绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |
产出指标 | 数量指标 | 养护道路里程 | ≥ | 85 | 公里 | 88 | 30 | 30 | ||
产出指标 | 时效指标 | 养护完成及时率 | = | 100 |
"""


def _rows(evaluation):
    return [(row.link.name, row.target, row.actual) for row in evaluation.rows]


def test_the_users_page_keeps_the_earlier_forms_row_out_and_notes_both():
    forms = read_self_evaluations_text(PAGE.read_text(encoding="utf-8"), PAGE.name)
    assert len(forms) == 1
    evaluation, notes = forms[0]
    assert evaluation.project_name.endswith("2023年全县安可替代补助资金项目")
    assert _rows(evaluation) == [("完成安可产品购买并按要求支付资金", "=100", None)]
    by_code = {note.code: note.message for note in notes}
    assert "成本控制数" in by_code["selfeval.predecessor_tail"]
    assert "完成安可产品购买并按要求支付资金" in by_code["selfeval.row_cut"]


def test_a_variant_tail_of_two_rows_and_a_cut_off_last_row():
    (evaluation, notes), *others = read_self_evaluations_text(VARIANT, "variant.txt")
    assert others == []
    assert evaluation.project_name == "2024年乡村道路养护经费"
    names = [name for name, _, _ in _rows(evaluation)]
    assert names == ["养护道路里程", "养护完成及时率"]
    tail = next(note for note in notes if note.code == "selfeval.predecessor_tail")
    assert "受益群众人数" in tail.message and "群众满意度" in tail.message and "（2 行）" in tail.message
    cut = next(note for note in notes if note.code == "selfeval.row_cut")
    assert "养护完成及时率" in cut.message


def test_a_page_without_a_tail_gets_no_such_note():
    body = VARIANT.split("评价结论 | 按期完成。 | |||||||||\n", 1)[1]
    (evaluation, notes), *_ = read_self_evaluations_text(body, "variant.txt")
    assert [name for name, _, _ in _rows(evaluation)] == ["养护道路里程", "养护完成及时率"]
    assert "selfeval.predecessor_tail" not in {note.code for note in notes}
