"""An 实际完成值 is read in the unit its writer used (red team 2026-12-06 20h, findings 2 and 3), through the real CLI
and store in a temp data dir: ``2小时`` against ``≤30(分钟)`` is 120 minutes (never ``2分钟``, never a next-year
target of ``≤2(分钟)``); ``45分钟`` against ``≤1(小时)`` meets it; units that do not convert (工作日 against 天) and
numbers that cannot be read (``1e3天``, ``NaN人``, ``四百天``) are refused when typed, and when they arrive in an
imported form they score 0 / show ○无法读取 with a finding, never ●正常 and never a 历史标准; ``7.5人`` is no head
count. Imports of a published 自评表 page (度量单位 column, actual in its own unit) read the same way."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from cli_support import cli_env, runner

from assistant.cli.main import app
from assistant.cycle.bounds import impossible_actual
from assistant.cycle.units import ReadKind, read_actual
from assistant.domain.values import parse_value

PROJECT = "2023-003-06"  # row 1 ≥7(人), 2 =365(天), 3 ≥360(天), 6 ≤1(小时), 7 ≤30(分钟), 13 ≥90(%)
PAGE = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found" / "selfeval_qingshen_gongzi.txt"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch, today="2026-12-06")


def _ok(args: list[str]):
    result = runner.invoke(app, args, env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result


def _show(kind: str, form: int) -> dict:
    return json.loads(_ok([kind, "show", str(form), "--json"]).stdout)


def _flat(text: str) -> str:
    return "".join(text.split())


def test_selfeval_converts_the_actuals_unit_and_never_tightens_next_year_from_a_misread(data_dir: Path) -> None:
    _ok(["selfeval", "create", PROJECT])
    _ok(["selfeval", "fill", "1", "--row", "7", "--actual", "2小时"])  # 120 minutes against ≤30: twice over, 0
    _ok(["selfeval", "fill", "1", "--row", "6", "--actual", "45分钟"])  # 0.75 hours against ≤1 hour: met
    rows = _show("selfeval", 1)["rows"]
    assert (rows[6]["score"], rows[5]["score"]) == ("0.00", rows[5]["weight"])
    assert "实际 2小时，目标 ≤30(分钟)（即 0.5小时）" in rows[6]["arithmetic"]  # in the unit the person wrote
    assert "实际 45分钟，目标 ≤1(小时)（即 60分钟）" in rows[5]["arithmetic"]
    carried = _flat(_ok(["selfeval", "next-year", "1"]).output)
    assert "≤2(分钟)" not in carried and "2小时（折合120分钟）" in carried
    draft = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)["draft"]
    values = {i["name"]: i["value"]["value"] for i in draft["indicators"]}
    assert values["工作日故障响应时间"] == "≤30(分钟)" and values["工作日故障运维人员抵达现场时间"] == "≤1(小时)"


@pytest.mark.parametrize(
    ("command", "row", "typed", "said"),
    [
        ("selfeval", "7", "3工作日", "分钟"),  # 工作日 and 分钟 do not convert: the target's unit is named
        ("selfeval", "2", "3个月", "天"),  # months have no fixed number of days
        ("selfeval", "1", "7人次", "人"),  # person-times are not persons
        ("selfeval", "7", "1e3分钟", "阿拉伯数字"),
        ("selfeval", "1", "NaN人", "阿拉伯数字"),
        ("selfeval", "3", "三六十天", "阿拉伯数字"),  # not a numeral: two digits side by side
        ("selfeval", "1", "7.5人", "整数"),
        ("monitor", "2", "1e3天", "阿拉伯数字"),
        ("monitor", "1", "NaN人", "阿拉伯数字"),
        ("monitor", "3", "四百天", "212"),  # Chinese numerals are read (400 days), then held to the bound
        ("monitor", "1", "两成", "人"),  # 成 is tenths of a whole (20%), not persons
        ("monitor", "1", "7.5人", "整数"),
        ("monitor", "2", "４００天", "212"),  # full-width digits are read, then held to the days to 31 July
        ("monitor", "2", "6000小时", "212"),  # 250 days: converted before the bound
    ],
)
def test_a_figure_that_cannot_be_read_or_converted_is_refused_when_typed(
    data_dir: Path, command: str, row: str, typed: str, said: str
) -> None:
    _ok([command, "create", PROJECT, *(["--as-of", "2023-07-31"] if command == "monitor" else [])])
    refused = runner.invoke(app, [command, "fill", "1", "--row", row, f"--actual={typed}"], env={"COLUMNS": "250"})
    assert refused.exit_code != 0 and "Traceback" not in refused.output
    assert f"第 {row} 行" in refused.output and typed in refused.output and said in refused.output
    form = _show(command, 1)["form"]
    field = "actual" if command == "selfeval" else "actual_to_date"
    assert form["rows"][int(row) - 1][field] is None  # nothing saved


def test_imported_monitoring_figures_that_cannot_be_read_are_never_normal(data_dir: Path, tmp_path: Path) -> None:
    _ok(["monitor", "create", PROJECT, "--as-of", "2023-07-31"])
    out = tmp_path / "监控.json"
    _ok(["monitor", "export", "1", "-o", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    typed = {0: "NaN人", 1: "1e3天", 2: "四四天", 5: "45分钟", 6: "2小时", 12: "按计划推进"}
    for index, text in typed.items():
        data["rows"][index]["actual_to_date"] = text
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _ok(["monitor", "import", str(out)])
    shown = _show("monitor", 2)
    lights = [r["light"] for r in shown["rows"]]
    assert [lights[i] for i in (0, 1, 2, 12)] == ["unreadable"] * 4
    assert lights[5] == "green" and lights[6] == "yellow"  # 45分钟 meets ≤1小时; 2小时 is over ≤30分钟
    assert "2小时（折合 120分钟）" in shown["rows"][6]["reasons"][0]
    found = {f["row"]: f for f in shown["findings"] if f["code"] == "MON-UNREADABLE"}
    assert set(found) == {1, 2, 3, 13}
    assert [found[r]["severity"] for r in (1, 2, 3, 13)] == ["error", "error", "error", "warning"]
    assert "1e3天" in found[2]["message"] and "=365(天)" in found[2]["message"]
    checked = runner.invoke(app, ["monitor", "check", "2"], env={"COLUMNS": "250"})
    assert checked.exit_code == 1 and "无法读取" in checked.output
    table = _ok(["monitor", "show", "2"]).output
    assert "○无法读取" in table and sum(line.count("●正常") for line in table.splitlines() if "四四天" in line) == 0


def test_typed_chinese_numerals_are_read_as_the_figure_they_are(data_dir: Path) -> None:
    """nu12 #10: ``两成`` was saved and then shown ○无法读取 while ``四百`` was refused; both are exact figures."""
    _ok(["monitor", "create", PROJECT, "--as-of", "2023-07-31"])
    _ok(["monitor", "fill", "1", "--row", "13", "--actual", "两成"])
    _ok(["monitor", "fill", "1", "--row", "1", "--actual", "四百"])
    shown = _show("monitor", 1)
    assert "unreadable" not in {shown["rows"][0]["light"], shown["rows"][12]["light"]}
    assert not [f for f in shown["findings"] if f["code"] == "MON-UNREADABLE"]
    _ok(["selfeval", "create", PROJECT])
    _ok(["selfeval", "fill", "2", "--row", "1", "--actual", "七人"])
    assert _show("selfeval", 2)["rows"][0]["score"] == _show("selfeval", 2)["rows"][0]["weight"]  # 7人 meets ≥7


def test_imported_fraction_of_a_head_count_is_red(data_dir: Path, tmp_path: Path) -> None:
    _ok(["monitor", "create", PROJECT, "--as-of", "2023-07-31"])
    out = tmp_path / "监控.json"
    _ok(["monitor", "export", "1", "-o", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    data["rows"][0]["actual_to_date"] = "7.5人"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _ok(["monitor", "import", str(out)])
    shown = _show("monitor", 2)
    assert shown["rows"][0]["light"] == "red"
    assert any(f["code"] == "MON-IMPOSSIBLE" and f["row"] == 1 and "整数" in f["message"] for f in shown["findings"])


def _published_page(tmp_path: Path) -> Path:
    """The real published 自评表 page with its indicator rows replaced by rows whose 完成值 carry their own unit
    (指标性质 | 指标值 | 度量单位 | 完成值 | 权重 as the page lays them out, one cell a line)."""
    text = PAGE.read_text(encoding="utf-8")
    start, end = text.index("产出指标 |\n数量指标 |"), text.index("合计 |")
    rows = [
        ["产出指标", "时效指标", "故障响应时间", "≤", "30", "分钟", "2小时", "30", "", ""],
        ["产出指标", "时效指标", "问题整改时限", "≤", "5", "工作日", "3天", "20", "", ""],
        ["效益指标", "社会效益指标", "培训覆盖人次", "≥", "1.2", "万人次", "13000人次", "20", "", ""],
        ["效益指标", "社会效益指标", "平台可用时间", "≥", "360", "天", "8760小时", "20", "", ""],
    ]
    block = "".join(f"{cell} |\n" if cell else "|\n" for row in rows for cell in row)
    page = tmp_path / "selfeval_page.txt"
    page.write_text(text[:start] + block + text[end:], encoding="utf-8")
    return page


def test_a_published_self_evaluation_reads_each_actual_in_its_own_unit(data_dir: Path, tmp_path: Path) -> None:
    _ok(["selfeval", "import", str(_published_page(tmp_path))])
    shown = _show("selfeval", 1)
    assert [r["score"] for r in shown["rows"]] == ["0.00", "0.00", "20.00", "20.00"]
    assert "实际 8,760小时，目标 ≥360(天)（即 8,640小时）" in shown["rows"][3]["arithmetic"]  # not 8760 days
    unread = [f for f in shown["findings"] if f["code"] == "SE-UNREADABLE"]
    assert [(f["row"], f["severity"]) for f in unread] == [(2, "error")]
    assert "工作日" in unread[0]["message"] and "5工作日" in unread[0]["fix"]
    carried = _flat(_ok(["selfeval", "next-year", "1"]).output)
    assert "实际完成值无法读取，沿用目标" in carried and "≥1.3(万人次)" in carried and "≥365(天)" in carried
    assert "≤3(" not in carried and "≤2(" not in carried


@pytest.mark.parametrize(
    ("actual", "target", "name", "kind", "value"),
    [
        ("2小时", "≤30(分钟)", "", ReadKind.NUMBER, "120"),
        ("45分钟", "≤1(小时)", "", ReadKind.NUMBER, "0.75"),
        ("2小时30分钟", "≤3(小时)", "", ReadKind.NUMBER, "2.5"),
        ("45分钟内", "≤1(小时)", "", ReadKind.NUMBER, "0.75"),
        ("2小时", "≤30", "故障响应时间（分钟）", ReadKind.NUMBER, "120"),  # the unit in the name's brackets
        ("25", "≤30(分钟)", "", ReadKind.NUMBER, "25"),  # a bare number is in the target's unit
        ("１２０％", "≥90(%)", "", ReadKind.NUMBER, "120"),
        ("1,200人", "≥1000(人)", "", ReadKind.NUMBER, "1200"),
        ("7名", "≥7(人)", "", ReadKind.NUMBER, "7"),  # 名 and 位 count persons
        ("7个人", "≥7(人)", "", ReadKind.NUMBER, "7"),
        ("1.2万页", "≥10000(页)", "", ReadKind.NUMBER, "12000"),
        ("1.2万人次", "≥10000(人次)", "", ReadKind.NUMBER, "12000"),
        ("1.2万", "≥10000(人)", "", ReadKind.NUMBER, "12000"),  # a scale alone takes the target's noun
        ("12000人", "≥1(万人)", "", ReadKind.NUMBER, "1.2"),
        ("1.5万元", "≥10000(元)", "", ReadKind.NUMBER, "15000"),
        ("36个月", "≥3(年)", "", ReadKind.NUMBER, "3"),
        ("98‰", "≥90(%)", "", ReadKind.NUMBER, "9.8"),
        ("3个百分点", "≥2(%)", "满意度", ReadKind.NUMBER, "3"),
        ("12次", "≥10(次/年)", "", ReadKind.NUMBER, "12"),
        ("3个百分点", "≥2(%)", "满意度提高", ReadKind.MISMATCH, None),  # a change: % and 百分点 differ
        ("3工作日", "≤5(天)", "", ReadKind.MISMATCH, None),
        ("3天", "≤5(个工作日)", "", ReadKind.MISMATCH, None),
        ("1个月", "≤30(天)", "", ReadKind.MISMATCH, None),
        ("6人次", "≥5(人)", "", ReadKind.MISMATCH, None),
        ("5台", "≥5(套)", "", ReadKind.MISMATCH, None),
        ("1.2万元", "≥100", "", ReadKind.MISMATCH, None),  # a scale against a target with no unit
        ("1e3天", "=365(天)", "", ReadKind.UNREADABLE, None),
        ("NaN人", "≥7(人)", "", ReadKind.UNREADABLE, None),
        ("inf", "≥7(人)", "", ReadKind.UNREADABLE, None),
        ("四百天", "≥360(天)", "", ReadKind.NUMBER, "400"),  # Chinese numerals are read exactly (nu12 #10)
        ("三百六十五天", "=365(天)", "", ReadKind.NUMBER, "365"),
        ("叁佰天", "≥360(天)", "", ReadKind.NUMBER, "300"),
        ("两成", "≥90(%)", "", ReadKind.NUMBER, "20"),
        ("九成五", "≥90(%)", "", ReadKind.NUMBER, "95"),
        ("百分之九十八点五", "≥90(%)", "", ReadKind.NUMBER, "98.5"),
        ("两成", "≥7(人)", "", ReadKind.MISMATCH, None),
        ("四四天", "≥360(天)", "", ReadKind.UNREADABLE, None),
        ("1/2", "≥1(个)", "", ReadKind.UNREADABLE, None),
        ("1.2.3天", "≥1(天)", "", ReadKind.UNREADABLE, None),
        ("十分满意", "≥90(%)", "", ReadKind.TEXT, None),  # words stay words
        ("全部完成", "≥7(人)", "", ReadKind.TEXT, None),
    ],
)
def test_unit_reading_classes(actual: str, target: str, name: str, kind: ReadKind, value: str | None) -> None:
    reading = read_actual(actual, parse_value(target), name)
    assert reading.kind is kind, reading
    assert reading.value == (Decimal(value) if value is not None else None)
    assert (reading.problem is not None) is (kind is not ReadKind.NUMBER)


@pytest.mark.parametrize(
    ("name", "actual", "target", "impossible"),
    [
        ("驻场人员数量", "7.5人", "≥7(人)", True),
        ("培训覆盖人数", "1.25万人", "≥1(万人)", False),  # 12500 people
        ("培训覆盖人数", "1.00005万人", "≥1(万人)", True),  # 10000.5 people
        ("人均培训次数", "2.5次", "≥2(次)", False),  # an average
        ("平台运行天数", "8760小时", "=365(天)", False),  # 365 days
        ("平台运行天数", "9000小时", "=365(天)", True),  # 375 days
        ("平台运行天数", "４００天", "=365(天)", True),
        ("群众满意度", "１２０％", "≥90%", True),
        ("群众满意度", "1200‰", "≥90%", True),  # 120%
    ],
)
def test_bounds_read_every_accepted_form_in_the_targets_unit(
    name: str, actual: str, target: str, impossible: bool
) -> None:
    assert (impossible_actual(name, actual, parse_value(target), days=365) is not None) is impossible


def test_the_pages_row_editors_refuse_what_the_cli_refuses(data_dir: Path) -> None:
    """Both tabs' row editors check a changed figure as `monitor fill` / `selfeval fill` do; an unchanged one (an
    imported form's figure, shown ○无法读取) does not block editing the row's other cells."""
    from assistant.errors import InputError
    from assistant.services import build_services
    from assistant.settings import load_settings
    from assistant.web import monitor_tab, selfeval_tab

    _ok(["monitor", "create", PROJECT, "--as-of", "2023-07-31"])
    _ok(["selfeval", "create", PROJECT])
    with build_services(load_settings()) as services:
        cycle = services.cycle("张三")
        table, ev = cycle.monitoring(1).form, cycle.selfeval(2).form
        with pytest.raises(InputError, match="阿拉伯数字"):
            monitor_tab.edited(table, 2, "1e3天", None, None, [], None, None, None, None)
        with pytest.raises(InputError, match="整数"):
            selfeval_tab.edited(ev, 1, "7.5人", None, None, None, None, None, None, None)
        kept = monitor_tab.edited(table, 2, "200天", None, None, [], None, None, None, None)
        assert kept.rows[1].actual_to_date == "200天"
        odd = kept.model_copy(
            update={
                "rows": [*kept.rows[:1], kept.rows[1].model_copy(update={"actual_to_date": "NaN天"}), *kept.rows[2:]]
            }
        )
        assert (
            monitor_tab.edited(odd, 2, "NaN天", None, None, [], "原因", None, None, None).rows[1].actual_to_date
            == "NaN天"
        )
