"""Parser faults found in real-looking exports (handed cases 05, 09, 10, 11, fuzz/) and invented variants."""

import codecs
import json
import shutil
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.corpus import store
from assistant.domain.brief import load_brief
from assistant.domain.model import Declaration
from assistant.errors import InputError
from assistant.ingest.cells import Cell, clean_inline, paragraphs, parse_amount, parse_checkboxes, parse_date
from assistant.ingest.text_export import parse_file, parse_text_bytes
from assistant.review.engine import review

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"
RAW = Path(__file__).resolve().parent.parent / "corpus" / "raw"
runner = CliRunner()


def _case_path(prefix: str) -> Path:
    (path,) = CASES.glob(f"{prefix}-*.txt")
    return path


def _case(prefix: str) -> Declaration:
    (decl,) = parse_file(_case_path(prefix)).declarations
    return decl


def _rows(decl: Declaration) -> list[tuple[str, str]]:
    return [(i.name, i.value.raw) for i in decl.indicators]


def _codes(decl: Declaration) -> list[str]:
    return [n.code for n in decl.parse_notes]


def _with_table(rows: str, *, header: str = "\t一级指标\t二级指标\t三级指标\t年度(/项目)指标值\t") -> Declaration:
    text = _case_path("10").read_text(encoding="utf-8")
    head = text[: text.index("\t一级指标")]
    (decl,) = parse_text_bytes((head + header + "\n" + rows).encode("utf-8"), "variant.txt").declarations
    return decl


# --- case 05: category cells outside the framework -----------------------------------------------


def test_case05_all_rows_kept_with_real_names_and_values():
    decl = _case("05")
    assert _rows(decl) == [
        ("宣传次数", "至少全年完成2次宣传"),
        ("创建质量", "按质按量完成"),
        ("全年", "1-12月"),
        ("成本", "10万元"),
        ("提升全区消费者维权意识", "不断提升"),
        ("群众满意度", "90%"),
    ]
    assert [i.level1_written for i in decl.indicators][:2] == ["项目决策", "项目决策"]
    assert [i.level2.value for i in decl.indicators] == [
        "数量指标",
        "质量指标",
        "时效指标",
        "经济成本指标",
        "社会效益指标",
        "服务对象满意度指标",
    ]
    outside = [n.fragment for n in decl.parse_notes if n.code == "indicator.level_outside_framework"]
    assert outside == ["项目决策", "项目效益"]


def test_case05_review_flags_labels_and_unmeasurable_rows_and_never_says_none():
    report = review(_case("05"))
    fired = {(f.rule_id, f.location.indicator.name if f.location.indicator else None) for f in report.findings}
    assert ("FW-PAIR", "宣传次数") in fired and ("FW-PAIR", "提升全区消费者维权意识") in fired
    assert ("NAME-NO-MEASURE", "全年") in fired and ("VAL-VAGUE", "提升全区消费者维权意识") in fired
    shown = json.dumps(report.model_dump(mode="json"), ensure_ascii=False) + "".join(
        f.location.describe() for f in report.findings
    )
    assert "None" not in shown


def test_unknown_category_variants():
    decl = _with_table(
        "绩效 指标\t项目产出\t数量指标\t培训人次\t≥300(人次)\t\n\t\t质量指标\t培训合格率\t≥95(%)\t\n"
        "\t过程管理\t时效指标\t培训按期完成率\t=100(%)\t\n"
    )
    assert _rows(decl) == [("培训人次", "≥300(人次)"), ("培训合格率", "≥95(%)"), ("培训按期完成率", "=100(%)")]
    assert [n.fragment for n in decl.parse_notes if n.code == "indicator.level_outside_framework"] == [
        "项目产出",
        "过程管理",
    ]


def test_a_name_in_the_label_column_is_not_a_category():
    """Hostile exports shift a name into a category column: it stays the name (seed 2020-000-01, line 61)."""
    decl = _with_table(
        "绩效 指标\t产出指标\t数量指标\t培训人次\t≥300(人次)\t\n\t党费缴纳有效性\t\t\t有效\t立项目的\t\n"
    )
    assert _rows(decl)[1] == ("党费缴纳有效性", "有效")


# --- case 09: a merged name cell exported once per grid column ------------------------------------


def test_case09_name_taken_once_and_real_value_read():
    decl = _case("09")
    assert _rows(decl) == [
        ("全年举办培训班次", "≥4(期)"),
        ("培训社区工作者人数", "≥320(人)"),
        ("培训考核合格率", "≥95(%)"),
        ("培训计划按期完成率", "=100(%)"),
        ("人均培训成本", "≤1500(元/人)"),
        ("参训人员岗位技能提升率", "≥80(%)"),
        ("参训人员满意度", "≥90(%)"),
    ]
    assert _codes(decl).count("indicator.repeated_cell") == 7
    assert not {"SAT-NOT-PERCENT", "VAL-MISSING", "NAME-NO-MEASURE"} & {f.rule_id for f in review(decl).findings}


def test_repeated_name_without_a_value_is_a_note_never_the_name_as_value():
    decl = _with_table("绩效 指标\t产出指标\t数量指标\t宣传册印制数量\t宣传册印制数量\t\n")
    (ind,) = decl.indicators
    assert ind.name == "宣传册印制数量" and ind.value.raw == ""
    assert {"indicator.repeated_cell", "indicator.value_missing"} <= set(_codes(decl))


# --- case 10: values with trailing words --------------------------------------------------------


def test_case10_words_read_as_operators_with_a_hint():
    decl = _case("10")
    assert [i.value.render() for i in decl.indicators] == [
        "≥12(万人次)",
        "≥98(%)",
        "≥95(%)",
        "≤5(元/人次)",
        "100(%)",
        "≥90(%)",
    ]
    hints = [n for n in decl.parse_notes if n.code == "indicator.value_words"]
    assert [n.fragment for n in hints] == ["12万人次以上", "98%以上", "95%以上", "90%以上"]
    assert "≥90(%)" in hints[-1].message
    rules = {
        f.rule_id
        for f in review(decl).findings
        if f.location.indicator and f.location.indicator.name == "就餐老人满意度"
    }
    assert rules == set()


def test_word_variants_in_a_table():
    decl = _with_table(
        "绩效 指标\t产出指标\t时效指标\t响应时间\t30分钟以内\t\n\t成本指标\t经济成本指标\t人均成本\t2000元左右\t\n"
    )
    assert [(i.value.operator, i.value.number, i.value.unit) for i in decl.indicators] == [
        ("≤", Decimal(30), "分钟"),
        (None, Decimal(2000), "元"),
    ]
    assert "未说明方向" in [n for n in decl.parse_notes if n.code == "indicator.value_words"][1].message


# --- case 11: spreadsheet serial dates -----------------------------------------------------------


def test_case11_serial_dates_converted_with_a_visible_note():
    decl = _case("11")
    assert (decl.header.start_date, decl.header.end_date) == (date(2025, 1, 1), date(2025, 12, 31))
    notes = [n for n in decl.parse_notes if n.code == "header.serial_date"]
    assert [(n.fragment, n.field) for n in notes] == [("45658", "header.start_date"), ("46022", "header.end_date")]
    assert not any(f.rule_id == "HDR-REQUIRED" for f in review(decl).findings)


def test_check_shows_parse_notes_next_to_findings():
    result = runner.invoke(app, ["check", str(_case_path("11"))])
    assert "解析提示" in result.output and "45658" in result.output and "2025-01-01" in result.output
    listed = json.loads(runner.invoke(app, ["check", str(_case_path("11")), "--json"]).output)
    assert [n["fragment"] for n in listed[0]["parse_notes"]] == ["45658", "46022"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("45658", date(2025, 1, 1)),
        ("46022", date(2025, 12, 31)),
        ("45658.0", date(2025, 1, 1)),
        ("36526", date(2000, 1, 1)),
    ],
)
def test_serial_date_values(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["12345", "99999", "4565"])
def test_numbers_that_are_not_plausible_serials_are_refused(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_an_unreadable_date_is_reported_as_unreadable_not_as_blank():
    text = _case_path("11").read_text(encoding="utf-8").replace("45658", "明年一月")
    (decl,) = parse_text_bytes(text.encode("utf-8"), "x.txt").declarations
    (message,) = [f.message for f in review(decl).findings if f.rule_id == "HDR-REQUIRED"]
    assert "明年一月" in message and "无法识别" in message and "未填写" not in message


# --- < and > inside cell text --------------------------------------------------------------------


def test_angle_brackets_in_text_are_kept_and_real_tags_removed():
    assert clean_inline("响应时间<30分钟，满意度>90%") == "响应时间<30分钟，满意度>90%"
    assert clean_inline("<p>响应时间&lt;30分钟</p><span class='x'>满意度>90%</span>") == "响应时间<30分钟 满意度>90%"
    assert paragraphs("甲<br/>乙<p>丙</p>") == ["甲", "乙", "丙"]


@pytest.mark.parametrize("hostile", ["<" * 40_000, "<p" * 20_000, "<a " + "x" * 40_000, "<input" * 7_000])
def test_long_runs_without_a_closing_bracket_are_linear(hostile):
    started = time.perf_counter()
    clean_inline(hostile)
    parse_checkboxes([hostile])
    assert time.perf_counter() - started < 0.5


def test_a_40kb_cell_parses_in_well_under_a_second_and_is_cleaned_once():
    text = _case_path("10").read_text(encoding="utf-8").replace("为辖区老年人提供助餐服务补贴。", "<" * 40_000)
    started = time.perf_counter()
    parse_text_bytes(text.encode("utf-8"), "x.txt")
    assert time.perf_counter() - started < 1.0
    cell = Cell(raw="<p>甲</p>", col=0, line=1)
    assert cell.text == "甲" and "text" in cell.__dict__  # cached on the cell after the first read


# --- amounts in 万元 / 亿元 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("164万元", "1640000"),
        ("250万", "2500000"),
        ("0.35万元", "3500"),
        ("1.2亿元", "120000000"),
        ("12.3456万", "123456"),
        ("9,382,600.00", "9382600.00"),
        ("1,860,000元", "1860000"),
    ],
)
def test_amounts_in_wan_read_exactly(text, yuan):
    assert parse_amount(text) == Decimal(yuan)


def test_a_form_amount_in_wan_is_read_and_said_so():
    text = _case_path("10").read_text(encoding="utf-8").replace("项目资金总额\t2,400,000.00", "项目金额\t240万元")
    (decl,) = parse_text_bytes(text.encode("utf-8"), "x.txt").declarations
    assert decl.funding.total == Decimal(2_400_000)
    (note,) = [n for n in decl.parse_notes if n.code == "funding.unit_converted"]
    assert "万元" in note.message and "2,400,000" in note.message and note.fragment == "240万元"


def test_a_brief_amount_in_wan_is_read_and_said_so(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(
        "项目名称: 甲\n年度: 2027\n资金:\n  总额: 265万\n  财政资金: 265万元\n项目构成:\n  - 名称: 培训\n    金额: 12.5万\n",
        encoding="utf-8",
    )
    brief = load_brief(path)
    assert (brief.funding.total, brief.funding.fiscal, brief.composition[0].amount) == (
        Decimal(2_650_000),
        Decimal(2_650_000),
        Decimal(125_000),
    )
    assert len(brief.unit_notes) == 3 and "265万" in brief.unit_notes[0] and "2,650,000" in brief.unit_notes[0]


# --- fuzz finds ----------------------------------------------------------------------------------


def test_checkbox_cell_counted_differently_by_cleaner_and_reader():
    result = parse_file(CASES / "fuzz" / "text-checkbox-input-indexerror.txt")
    (decl,) = result.declarations
    assert decl.header.project_type is not None


def test_corpus_build_carries_on_past_a_file_the_parser_trips_on(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    shutil.copy(CASES / "fuzz" / "text-checkbox-input-indexerror.txt", raw / "900_fuzz.txt")
    real = store.parse_file

    def trips_on_one(path: Path):  # injects a parser defect into one file
        if path.name == "000_1ac9e65464ab096f.txt":
            raise IndexError("injected")
        return real(path)

    monkeypatch.setattr(store, "parse_file", trips_on_one)
    report = store.build_corpus(raw, tmp_path / "corpus")
    assert "IndexError" in report.failed["000_1ac9e65464ab096f.txt"]
    assert len(report.declarations) == 18  # 17 seeds from the other files plus the fuzz file's one


def test_deep_yaml_brief_is_a_clear_error():
    with pytest.raises(InputError, match="嵌套层数过深"):
        load_brief(CASES / "fuzz" / "brief-deep-flow-recursion.yaml")


def test_deep_json_brief_is_a_clear_error(tmp_path):
    path = tmp_path / "b.json"
    path.write_text('{"项目名称": "甲", "年度": 2027, "政策依据": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    with pytest.raises(InputError, match="嵌套层数过深"):
        load_brief(path)


def test_deep_json_given_to_check_is_a_clear_error():
    result = runner.invoke(app, ["check", str(CASES / "fuzz" / "check-deep-json-recursion.json")])
    assert result.exit_code != 0 and "嵌套层数过深" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_export_is_read(encoding):
    text = _case_path("09").read_text(encoding="utf-8").replace("\n", "\r\n")
    result = parse_text_bytes(text.encode(encoding), "word-unicode.txt")
    assert _rows(result.declarations[0]) == _rows(_case("09"))
    assert "encoding.utf16" in [n.code for n in result.notes]


def test_cr_only_line_endings_are_read():
    text = _case_path("09").read_text(encoding="utf-8").replace("\n", "\r")
    result = parse_text_bytes(text.encode("utf-8"), "mac.txt")
    assert _rows(result.declarations[0]) == _rows(_case("09"))
    assert result.declarations[0].indicators[0].line == _case("09").indicators[0].line
    assert "encoding.cr_lines" in [n.code for n in result.notes]


def test_utf16_detection_does_not_swallow_binary_or_gbk():
    gbk = _case_path("09").read_text(encoding="utf-8").encode("gbk")
    assert _rows(parse_text_bytes(gbk, "gbk.txt").declarations[0]) == _rows(_case("09"))
    assert codecs.BOM_UTF16_LE not in gbk[:2]


def test_an_unreadable_amount_is_reported_as_unreadable_not_as_blank():
    text = (
        _case_path("10").read_text(encoding="utf-8").replace("项目资金总额\t2,400,000.00", "项目资金总额\t两百四十万")
    )
    (decl,) = parse_text_bytes(text.encode("utf-8"), "x.txt").declarations
    (message,) = [f.message for f in review(decl).findings if f.rule_id == "FUND-BLANK"]
    assert "无法识别的金额：项目资金总额「两百四十万」" in message and "资金栏目空白：项目资金总额" not in message


def test_check_shows_the_files_own_notes():
    listed = json.loads(
        runner.invoke(
            app,
            ["check", str(Path(__file__).parent / "fixtures" / "web" / "web-03-tabs-district-year-wan.txt"), "--json"],
        ).output
    )
    assert "青禾区人民政府门户网站" in [n["fragment"] for n in listed[0]["parse_notes"]]
