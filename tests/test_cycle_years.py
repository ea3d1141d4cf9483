"""The year cycle's years, through the real CLI, store and parser on real published forms: relative years in
`selfeval ask` count from today; `selfeval next-year` moves the project's year in 项目名称 and the indicator table
(never a document's own years), proposes it for dates and text, and lists the rows the self-evaluation left
unfilled."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_support import cli_env, runner

from assistant.cli.main import app
from assistant.services.derived import moved_years, rolled_over

PAGES = Path(__file__).resolve().parent / "fixtures" / "real_pages"
JINAN = PAGES / "11_jinan_tiyu_wangqiu_2025.txt"  # 2025金安国际网球公开赛(国际系列赛事), 完成时间 2025年年底前
YUANZHOU = PAGES / "found" / "test2" / "yzh_shuiyuan_hanyanglin.txt"  # 原州区2022年南部水源涵养林建设项目


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


def _ok(args: list[str], **env: str):
    result = runner.invoke(app, args, env=env or None)
    assert result.exit_code == 0, result.output
    return result


def _ask(question: str, today: str) -> dict:
    return json.loads(_ok(["selfeval", "ask", question, "--json"], ASSISTANT_TODAY=today).stdout)


def test_relative_years_in_selfeval_ask_count_from_today(data_dir: Path) -> None:
    _ok(["selfeval", "create", "2023-003-05"])  # a 2023 form
    _ok(["selfeval", "fill", "1", "--row", "4", "--actual", "6", "--deviation", "需求调整，两个流程并入下期"])
    last_year = _ask("去年哪些指标没有完成？原因是什么？", "2024-03-01")
    assert last_year["answer"].startswith("“去年”按今天（2024年3月1日）算是2023年。")
    assert "需求调整" in last_year["answer"] and "[信息化建设项目 · 2023 · 自评表第1号 第4行]" in last_year["citations"]
    later = _ask("去年哪些指标没有完成？原因是什么？", "2026-12-06")  # 去年 is 2025, not the latest form's year
    assert later["answer"].startswith("“去年”按今天（2026年12月6日）算是2025年。")
    assert "没有找到2025年的自评表" in later["answer"] and "现有自评表的年度：2023年" in later["answer"]
    assert not later["citations"]
    assert "需求调整" in _ask("前年哪些指标没有完成？", "2025-01-10")["answer"]
    assert "没有找到2026年的自评表" in _ask("明年哪些指标没有完成？", "2025-01-10")["answer"]
    assert "需求调整" in _ask("今年哪些指标没有完成？", "2023-12-20")["answer"]
    bad = runner.invoke(app, ["selfeval", "ask", "去年哪些指标没有完成？"], env={"ASSISTANT_TODAY": "明天"})
    assert bad.exit_code == 2 and "ASSISTANT_TODAY" in bad.output and "Traceback" not in bad.output
    empty = runner.invoke(app, ["selfeval", "ask", "？？"])
    assert empty.exit_code == 2 and "问题是空的" in empty.output


def test_next_year_moves_the_project_year_in_names_and_values_and_warns_of_unfilled_rows(data_dir: Path) -> None:
    _ok(["selfeval", "create", str(JINAN)])
    _ok(["selfeval", "fill", "1", "--row", "1", "--actual", "1种"])
    _ok(["selfeval", "fill", "1", "--row", "3", "--actual", "96%"])  # 经费支出合规率 100%: missed, no reason given
    out = _ok(["selfeval", "next-year", "1"]).output
    assert "已生成 2026 年度申报草稿第 1 号" in out
    assert "项目名称：2025金安国际网球公开赛(国际系列赛事) → 2026金安国际网球公开赛(国际系列赛事)" in out
    assert "2025年年底前 → 2026年年底前" in out
    assert "注意：第 1 号自评表有 10 行未填完" in out  # 9 rows without 实际完成值, 1 missed with no 偏差原因
    assert "自评表第 3 行“经费支出合规率”：" in out and "但没有填写偏差原因" in out
    assert "自评表第 2 行“打造品牌赛事种类”：没有实际完成值" in out
    assert "自评表第 1 行" not in out  # filled and met
    draft = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)
    assert draft["draft"]["brief"]["name"] == "2026金安国际网球公开赛(国际系列赛事)"
    assert draft["draft"]["brief"]["year"] == 2026
    deadline = next(r for r in draft["draft"]["indicators"] if r["name"] == "完成时间")
    assert deadline["value"]["value"] == "2026年年底前"
    assert draft["fields"]["header.name"]["origin"] == "template"
    notes = [n["message"] for n in draft["draft"]["notes"]]
    assert any(n.startswith("自评表未填完：自评表第 3 行") for n in notes)


def test_next_year_proposes_the_year_in_dates_and_text_and_keeps_a_year_inside_the_name(data_dir: Path) -> None:
    _ok(["selfeval", "create", str(YUANZHOU)])  # 2022, 项目期 2022年3月-2023年11月, 项目完成时间 2023年底
    out = _ok(["selfeval", "next-year", "1"]).output
    assert "项目名称：原州区2022年南部水源涵养林建设项目 → 原州区2023年南部水源涵养林建设项目" in out
    assert "2023年底 →" not in out  # the deadline names 2023, not the project year 2022: kept
    assert "已作为建议" in out and "开始日期" in out and "assistant drafts accept 1 " in out
    proposals = _ok(["drafts", "proposals", "1"]).output
    assert "跨年度顺延" in proposals


def test_a_documents_own_years_never_move() -> None:
    """Only a year standing for the project's year moves: never one inside a title or at either end of a span."""
    cases = [
        (
            "依据《上海市人大工作“十四五”规划（2021—2025年）》，2025年完成系统升级",
            "依据《上海市人大工作“十四五”规划（2021—2025年）》，2026年完成系统升级",
            1,
        ),
        ("2021-2025年规划期内，2025年度重点完成", "2021-2025年规划期内，2026年度重点完成", 1),
        ("2024年至2025年分两期实施", "2024年至2025年分两期实施", 0),
        ("于2025-12-31前验收", "于2026-12-31前验收", 1),
        ("2025金安国际网球公开赛", "2025金安国际网球公开赛", 0),  # text: a bare leading year is no year
        ("二〇二五年度培训", "二〇二五年度培训", 0),
    ]
    for text, expected, count in cases:
        assert moved_years(text, 2025, 2026) == (expected, count), text
    assert moved_years("2025金安国际网球公开赛", 2025, 2026, name=True) == ("2026金安国际网球公开赛", 1)
    assert moved_years("岳阳县2022年高标准农田建设项目", 2022, 2023, name=True)[0] == "岳阳县2023年高标准农田建设项目"
    assert moved_years("20251期培训", 2025, 2026, name=True) == ("20251期培训", 0)


def test_roll_over_keeps_a_policy_titles_years_in_the_sections() -> None:
    from assistant.domain.brief import example_brief
    from assistant.domain.model import SectionKind
    from assistant.drafting.models import Draft, DraftSection

    brief = example_brief().model_copy(update={"year": 2026, "name": "2025年度代表履职培训", "start_date": None})
    text = "依据《上海市人大工作“十四五”规划（2021—2025年）》，2025年度完成培训。"
    draft = Draft(
        brief=brief,
        provider="none",
        model="上传的申报表",
        sections=[DraftSection(kind=SectionKind.GOAL_ANNUAL, text=text, generated_by="x")],
        basis=[],
        indicators=[],
    )
    moved, changes = rolled_over(draft, old_year=2025, dates=(date(2025, 1, 1), None))
    assert moved.brief.name == "2026年度代表履职培训"
    assert moved.section(SectionKind.GOAL_ANNUAL).text == text.replace("2025年度完成", "2026年度完成")
    assert any(c.startswith("项目名称：") for c in changes) and any("1 处年份" in c for c in changes)
