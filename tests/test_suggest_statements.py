"""The reader of a brief's measurable statements (issue 21, item 1): real phrasings, each figure with its phrase."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.domain.statements import Kind, read_text


def _read(text: str, months: int = 12):
    return read_text(text, "主要内容", months=months)


def _counts(text: str, months: int = 12):
    return [(s.number, s.unit, s.verb, s.object) for s in _read(text, months) if s.kind is Kind.COUNT and not s.parts]


def test_counts_with_verb_and_object_and_wan():
    text = "全区划分选区约180个，设立投票站约620个，预计登记选民约78万人。"
    assert _counts(text) == [
        (Decimal(180), "个", "划分", "选区"),
        (Decimal(620), "个", "设立", "投票站"),
        (Decimal(78), "万人", "登记", "选民"),
    ]
    assert all(s.approx for s in _read(text))


def test_a_figure_in_brackets_after_its_activity():
    [s] = _read("开展选举工作人员业务培训（约2500人次）")
    assert (s.number, s.unit, s.object) == (Decimal(2500), "人次", "选举工作人员业务培训")


def test_chinese_numerals_and_yi():
    found = _counts("发放垃圾分类宣传手册二万份，年处理能力达1.2亿吨")
    assert found[0][:2] == (Decimal(20000), "份")
    assert found[1][:2] == (Decimal(120000000), "吨")


def test_a_listing_gives_its_parts_and_their_total():
    found = _read("走访慰问全区生活困难党员约900名、党龄满50年的老党员约300名。")
    parts = [(s.number, s.object, s.verb) for s in found if s.kind is Kind.COUNT and not s.parts]
    assert parts == [(Decimal(900), "生活困难党员", "走访慰问"), (Decimal(300), "老党员", "走访慰问")]
    [total] = [s for s in found if s.parts]
    assert total.number == Decimal(1200) and total.derivation == "生活困难党员约900名 + 老党员约300名 = 1200名"


def test_monthly_figures_count_for_the_year_and_the_sites():
    [s] = _read("每月抽检40批次")
    assert (s.number, s.unit, s.derivation) == (Decimal(480), "批次", "每月40批次 × 12个月 = 480批次")
    found = _read("对全镇18个行政村开展人居环境整治，每周巡查每个行政村1次")
    assert found[-1].number == Decimal(936) and "× 52周 × 18个行政村" in (found[-1].derivation or "")
    assert _read("每季度开展一次水质检测", months=12)[0].number == Decimal(4)


def test_a_place_noun_after_its_figure_is_what_is_counted_and_unlike_things_do_not_add_up():
    """New user: 依托辖区13个街镇的社区长者食堂和42个助餐点 gave 社区长者食堂 ≥42 and a total of 55 街镇."""
    found = _counts("依托辖区13个街镇的社区长者食堂和42个助餐点，为老年人提供助餐服务")
    assert [(n, o) for n, _, _, o in found] == [(Decimal(13), "街镇"), (Decimal(42), "助餐点")]
    assert _read("新建睦邻点12个、改造睦邻点8个")[-1].number == Decimal(20)  # things of one kind still add up


def test_daily_times_count_for_the_year_but_not_a_season_s_rate():
    """A new user's river brief: 每日巡河1次 became 巡河次数 ≥1(次), and 汛期加密至每日2次 a row 汛期加密至次数 ≥2."""
    [s] = _read("每日巡河1次，汛期加密至每日2次")
    assert (s.number, s.object, s.derivation) == (Decimal(365), "巡河", "每日1次 × 365天 = 365次")
    assert _read("每天巡查1次", months=6)[0].number == Decimal(182)  # the months the brief runs
    assert _read("每天服务8小时") == []  # hours a day are a standard, not a count of the year's work


def test_per_unit_figures_multiply_into_person_times():
    found = _read("组织阵地管理人员培训2期，每期约60人。")
    assert found[-1].number == Decimal(120) and found[-1].unit == "人次"
    assert found[-1].object == "阵地管理人员" and found[-1].derivation == "2期 × 每期约60人 = 120人次"


def test_standards_rates_deadlines_and_zero_targets():
    text = (
        "困难党员慰问标准每人500元，每批次检测费约350元，扫描加工单价约0.55元/页；"
        "检测报告在抽样后3个工作日内出具，目录数据准确率不低于99.5%，确保纸质档案零损毁，全年不发生食品安全事故。"
    )
    found = {s.kind: [] for s in _read(text)}
    for s in _read(text):
        found[s.kind].append(s)
    standards = [(s.number, s.unit, s.op, s.subject) for s in found[Kind.STANDARD]]
    assert standards == [
        (Decimal(500), "元/人", "=", "困难党员慰问标准"),
        (Decimal(350), "元/批次", "≤", "检测费"),  # a fee names what it prices (issue 22: 送餐费每单12元)
        (Decimal("0.55"), "元/页", "≤", "扫描加工单价"),
    ]
    [deadline] = found[Kind.DEADLINE]
    assert (deadline.number, deadline.unit, deadline.verb, deadline.object) == (
        Decimal(3),
        "个工作日",
        "出具",
        "检测报告",
    )
    [rate] = found[Kind.RATE]
    assert (rate.subject, rate.op, rate.number) == ("目录数据准确率", "≥", Decimal("99.5"))
    zeros = [(s.object, s.verb) for s in found[Kind.ZERO]]
    assert zeros == [("纸质档案", "损毁"), ("食品安全", "事故")]


@pytest.mark.parametrize(
    "text",
    [
        "对1980—2010年形成的档案进行整理",
        "著录按DA/T 18-1999《档案著录规则》执行",
        "第一期为一次性项目，投入50万元",
        "党龄满50年的老党员",
        "9月底前完成，2027年1月启动",
        "在元旦春节和七一期间",
    ],
)
def test_years_ranges_codes_ordinals_and_dates_are_not_quantities(text):
    assert [s for s in _read(text) if s.kind is Kind.COUNT] == []


def test_staff_put_in_are_inputs_not_counts():
    kinds = [s.kind for s in _read("通过政府购买服务，配备接待人员12名，全年接待来访群众约6000人次")]
    assert kinds == [Kind.INPUT, Kind.COUNT]


def test_commitments_of_everything():
    found = [s for s in _read("慰问金通过基层党组织发放到人，做到公开透明、不重不漏") if s.kind is Kind.COMPLETE]
    assert len(found) == 1 and found[0].object == "慰问金" and found[0].words == "发放到人、不重不漏"


@given(st.text(alphabet="约每月季个站点期人名次场册一二两三十百千万第性0123456789，。；、元/%不低于内零", max_size=60))
@settings(max_examples=200, deadline=None)
def test_any_text_gives_statements_or_nothing_never_an_error(text):
    for s in _read(text):
        assert s.kind is Kind.COMPLETE or (s.number is not None and s.number >= 0)


@pytest.mark.parametrize(
    ("text", "op"),
    [
        ("应选区人大代表约300名", "="),  # seats to elect: fixed, whatever the wording
        ("选举产生居民委员会成员5名", "="),
        ("培训人次不少于450人次", "≥"),
        ("至少开展6场讲座", "≥"),
        ("全区划分选区约180个", "≥"),  # an estimate, written ≥ as the field does
        ("编印学习读本1000册", "≥"),
    ],
)
def test_the_operator_follows_the_wording(text, op):
    [s] = [s for s in _read(text) if s.kind is Kind.COUNT]
    assert s.op == op


@pytest.mark.parametrize(
    ("text", "kind", "op", "number", "unit", "obj"),
    [
        ("全年新增助餐点≥13个", Kind.COUNT, "≥", 13, "个", "助餐点"),
        ("全年新增助餐点>=13个", Kind.COUNT, "≥", 13, "个", "助餐点"),
        ("助餐点数量：≥13个", Kind.COUNT, "≥", 13, "个", "助餐点数量"),
        ("接待来访群众不超过300人次", Kind.COUNT, "≤", 300, "人次", "来访群众"),
        ("投诉处理时间≤3个工作日", Kind.DEADLINE, "≤", 3, "个工作日", "投诉处理"),
        ("办结时限不超过5个工作日", Kind.DEADLINE, "≤", 5, "个工作日", "办结"),
        ("配送补贴≤3元/单", Kind.STANDARD, "≤", 3, "元/单", "补贴"),
        ("老年人满意度≥90%", Kind.RATE, "≥", 90, "%", None),
    ],
)
def test_a_value_typed_with_an_operator_reads_as_its_words_do(text, kind, op, number, unit, obj):
    """Primer value forms: ≥13个 reads like 不少于13个, ≤3个工作日 like 3个工作日内, never an operator left in a name."""
    [s] = _read(text)
    assert (s.kind, s.op, s.number, s.unit) == (kind, op, Decimal(number), unit)
    if obj is not None:
        assert s.object == obj
    assert not any(c in s.object for c in "≥≤<>=＞＜")
