"""Mutation fuzzing of what users hand in: text exports, briefs, JSON for ``check``.

Only the project's own errors may escape (a clear Chinese message), and each input is read in bounded
time. Example counts are bounded so CI runs this in seconds; the fuzzer's finds are kept as fixtures.
A longer run (the eval): ``ASSISTANT_FUZZ_EXAMPLES=3000 python -m pytest tests/test_fuzz_inputs.py``.
"""

import json
import os
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.domain.brief import example_brief_path, load_brief
from assistant.errors import AssistantError
from assistant.ingest.text_export import parse_text_bytes
from assistant.office.importer import import_office
from assistant.review.engine import review
from assistant.services.review import load_subjects

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"
SEEDS = [p.read_bytes() for p in sorted(CASES.glob("*.txt"))]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
WEB_SEEDS = [p.read_bytes() for p in sorted((FIXTURES / "real_pages").glob("**/*.txt")) if "selfeval" not in p.name]
SELFEVAL_SEEDS = [p.read_bytes() for p in sorted((FIXTURES / "real_pages").glob("found/selfeval_*.txt"))] + [
    (FIXTURES / "real_pages" / "found" / name).read_bytes()
    for name in (  # run-together figures and rows (selfeval_glued, selfeval_repeat), a two-row header
        "tune5/chacewang_zhongjiang_shuibiaochi_flat.txt",
        "tune5/chacewang_guangxi_feiyi_flat.txt",
        "test5/yongde_minglang_yingyang.txt",
        # PDF text in runs and two forms on a page, a cell per line, run-together labels, a flattened PDF, 万元 in cells
        "test7/chddh_putuo_tiyu_pdf.txt",
        "test7/lfsp_langfang_nuantong.txt",
        "test7/taowenge_hengshan_chubeiliang_flat.txt",
        "test7/wenkuvip_guangshui_xiangcun_flat.txt",
        "test7/chddh_shangrao_sifa_xls.txt",
        # a region 自评表 one cell per line with 指标N: rows, a document mirror's .xlsx 自评表 on one line
        "tune9/scanju_shipin_jianguan_selfeval.txt",
        "tune9/chddh_jishan_yibao_selfeval_xlsx.txt",
        # fund rows with a dropped blank cell (selfeval_fund_align), 预算数(A) columns and a 二级 placed by its column
        "test8/ynlx_malukeng_shourongsuo.txt",
        "test8/hsslib_huangshi_gongxiang.txt",
        # a .doc flattened onto one line: a name cut after its year, rows of words cut by their lines' widths
        "test10/kunmingchi_fuwu_maoyi_selfeval_doc.txt",
    )
]
PDF_SEED = (FIXTURES / "office" / "pdf-2023-003-01-from-docx.pdf").read_bytes()
BRIEF = example_brief_path().read_text(encoding="utf-8")
# CPU seconds of this process (other work on a shared machine does not count): a quadratic regex took 16 s
# on 40 KB, a linear read of these inputs takes milliseconds.
MAX_SECONDS = 3.0
EXAMPLES = int(os.environ.get("ASSISTANT_FUZZ_EXAMPLES", "150"))

# Fragments the field and the fuzzer found troublesome: tags, checkboxes, brackets, operators, units, nesting.
_FRAGMENTS = st.sampled_from(
    [
        "<",
        ">",
        "<<<<",
        "<p>",
        "</p>",
        "<input>",
        "<input checked>",
        "<input<p>",
        "<br/>",
        "&lt;",
        "\t",
        "\t\t",
        "\r",
        "\n",
        "\r\n",
        "≥",
        "≤",
        "2",
        "%",
        "以上",
        "万元",
        "**",
        "*",
        "45658",
        "一级指标",
        "二级指标",
        "项目决策",
        "成本",
        "☑",
        "□",
        "[",
        "]",
        "{",
        "}",
        "- ",
        ": ",
        "财政项目支出绩效目标申报表",
        "    ",  # outline indentation (批复表 trees)
        "绩效金额",
        "本年度申请资金",
        "上年度安排资金",
        "合 计",
        "；",
        "\x00",
        "\ufeff",
    ]
)
_INSERT = st.one_of(_FRAGMENTS, st.text(max_size=12))


def _mutate(data: str, edits: list[tuple[int, int, str]]) -> str:
    for at, cut, insert in edits:
        pos = at % (len(data) + 1)
        data = data[:pos] + insert + data[pos + cut :]
    return data


_EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 40), _INSERT), min_size=1, max_size=12)


def _bounded(call, limit: float = MAX_SECONDS) -> None:
    started = time.process_time()
    try:
        call()
    except AssistantError as exc:
        assert exc.message and "None" not in exc.message
    assert time.process_time() - started < limit


load_brief(example_brief_path())  # first use builds validators and imports: not part of any one input's time


@given(st.sampled_from(SEEDS), _EDITS, st.sampled_from(["utf-8", "utf-16", "gb18030"]))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_text_exports_parse_or_fail_clearly(seed, edits, encoding):
    text = _mutate(seed.decode("utf-8"), edits)
    data = text.encode(encoding, errors="replace")

    def parse_and_review() -> None:
        for decl in parse_text_bytes(data, "fuzz.txt").declarations:
            review(decl)

    _bounded(parse_and_review)


@given(_EDITS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_briefs_load_or_fail_clearly(tmp_path_factory, edits):
    path = tmp_path_factory.mktemp("brief") / "brief.yaml"
    path.write_text(_mutate(BRIEF, edits), encoding="utf-8")
    _bounded(lambda: load_brief(path))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=30,
)


@given(_JSON, st.integers(0, 3000))
@settings(max_examples=max(EXAMPLES // 2, 50), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_json_given_to_check_or_as_a_brief_fails_clearly(tmp_path_factory, value, depth):
    folder = tmp_path_factory.mktemp("json")
    text = "[" * depth + json.dumps(value, ensure_ascii=False) + "]" * depth
    for name in ("subject.json", "brief.json"):
        (folder / name).write_text(text, encoding="utf-8")
    _bounded(lambda: load_subjects(folder / "subject.json"))
    _bounded(lambda: load_brief(folder / "brief.json"))


# Pieces of published pages: separators, empty cells, row ends, columns other regions add, serial dates.
_WEB_FRAGMENTS = st.sampled_from(
    [
        "|",
        " |",
        "||",
        "||||",
        "\n|\n",
        "\n",
        "  ",
        "指标性质",
        "正向",
        "反向",
        "=",
        "44,561",
        "注:",
        "一级指标",
        "指标1:",
        "(万元)",
        "单位:万元",
        "项目名称",
        "绩效目标表",
        "满意度指标",
        "审核意见",
        "当前位置:",
        "定性",
        "一级指标二级指标三级指标指标值",
        "及编码",
        "2023.07-2024.01",
        "[015001]",
        "(长期)",
        "现将绩效目标设定如下:",
        "数量指标:",
        ";",
        "资金30万元",
        "(一)财政拨款小计",
        "金额(万元)",
        "西坪镇尧山村 |",
    ]
)


@given(
    st.sampled_from(WEB_SEEDS),
    st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(0, 40), st.one_of(_WEB_FRAGMENTS, st.text(max_size=8))),
        min_size=1,
        max_size=12,
    ),
)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_real_web_pages_parse_or_fail_clearly(seed, edits):
    data = _mutate(seed.decode("utf-8"), edits).encode("utf-8")

    def parse_and_review() -> None:
        for decl in parse_text_bytes(data, "page.txt").declarations:
            review(decl)

    _bounded(parse_and_review)


@given(
    st.sampled_from(SELFEVAL_SEEDS),
    st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(0, 40), st.one_of(_WEB_FRAGMENTS, st.text(max_size=8))),
        min_size=1,
        max_size=12,
    ),
)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_real_self_evaluation_pages_read_or_fail_clearly(seed, edits):
    from assistant.ingest.selfeval import read_self_evaluation_text

    text = _mutate(seed.decode("utf-8"), edits)
    _bounded(lambda: read_self_evaluation_text(text, "selfeval.txt"))


def _byte_edits():
    return st.lists(
        st.tuples(st.integers(0, 10**7), st.integers(0, 64), st.binary(max_size=16)), min_size=1, max_size=8
    )


def _mutate_bytes(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    for at, cut, insert in edits:
        pos = at % (len(data) + 1)
        data = data[:pos] + insert + data[pos + cut :]
    return data


def _xls_seed() -> bytes:
    import io

    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("目标表")
    rows = [
        ["项目支出绩效目标表"],
        ["项目名称", "养老服务"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务人次", "≥30000(人次)"],
        ["满意度指标", "服务对象满意度指标", "满意度", "≥90%"],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    sheet.merge(0, 0, 0, 3)
    sheet.write(3, 64, "备注")  # a cell right of column 60 (read since f13), with a merged range there
    sheet.merge(4, 5, 62, 66)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLS_SEED = _xls_seed()


@given(st.sampled_from([(".pdf", PDF_SEED), (".xls", XLS_SEED)]), _byte_edits())
@settings(max_examples=max(EXAMPLES // 3, 30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_pdf_and_xls_files_import_or_fail_clearly(tmp_path_factory, seed, edits):
    suffix, data = seed
    path = tmp_path_factory.mktemp("binary") / f"form{suffix}"
    path.write_bytes(_mutate_bytes(data, edits))

    def read_and_review() -> None:
        for decl in import_office(path).declarations:
            review(decl)

    _bounded(read_and_review, limit=MAX_SECONDS * 3 if suffix == ".pdf" else MAX_SECONDS)


_HTML_SEED = (
    '<html><head><meta charset="utf-8"></head><body><p>财政项目支出绩效目标申报表</p><p>(2026年度)</p><table>'
    "<tr><td>项目名称<td colspan=3>党建服务工作经费<tr><td>主管部门<td>中共上海市委组织部<td>实施单位<td>党建服务中心"
    "<tbody><tr><th>一级指标<th>二级指标<th>三级指标<th>指标值"
    "<tr><td>产出指标</td><td>数量指标</td><td>阵地包干服务完成率</td><td>=100.00(%)</td></tr>"
    "<tr><td>效益指标<td>社会效益指标<td>覆盖率<td><table><tr><td>=100<td>%</table></table></body></html>"
)
_HTML_FRAGMENTS = st.sampled_from(
    ["<td>", "</td>", "<tr>", "</tr>", "<th>", "<table>", "</table>", "<tbody>", "</tbody>", "<td colspan=99>"]
    + ["<td colspan=x>", "<script>", "</script>", "<!--", "-->", "<br>", "<p>", "|", "&amp;", "&#", "<"]
)


@given(
    st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(0, 40), st.one_of(_HTML_FRAGMENTS, st.text(max_size=8))),
        min_size=1,
        max_size=12,
    ),
)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_saved_web_pages_parse_or_fail_clearly(edits):
    """Saved .html pages cut anywhere, with end tags left out or doubled: a reading or a clear error, in time."""
    from assistant.ingest.text_export import parse_html_bytes

    data = _mutate(_HTML_SEED, edits).encode("utf-8")
    _bounded(lambda: parse_html_bytes(data, "page.html"))
