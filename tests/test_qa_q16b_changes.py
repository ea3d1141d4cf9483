"""Q&A change classes of helper q16b (issue 24, tuned on sealed13_tune), with wordings written here (none is a
question of an eval set); the gold is read from the raw declaration JSON, never from the assistant.

- 23版 / 26年版本 / 19年那版: that year's form of a project;
- 有哪些指标是X年里没有的: the other year's indicator names the lacking year's form does not set;
- 同名的: the names both years' forms of a project set (within a category where one is named);
- 相比A，B少报了几个项目: B's count against A's, each side with its own year and unit;
- 带X字样指标的项目数 两年对比: 指标 there picks the projects, it is no kind of project the corpus lacks.
"""

import json
from decimal import Decimal

from assistant.qa.spoken_words import plain_spoken
from tests.qa_support import DECLS, ask, yuan


def _form(name: str, year: int) -> dict:
    (found,) = [d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year]
    return found


def _names(form: dict, level2: str | None = None) -> set[str]:
    return {i["name"] for i in form["indicators"] if level2 is None or i["level2"] == level2}


def test_a_year_said_as_a_version_is_the_year():
    assert plain_spoken("19版和20版的系统") == "19年和20年的系统"
    assert plain_spoken("2023年那版的指标") == "2023年的指标"
    assert plain_spoken("26年的版本里") == "26年里"
    assert plain_spoken("第12版的说明") == "第12版的说明"  # an edition's number, no year


def test_common_names_of_one_category_between_two_versions():
    old, new = _form("信息化建设项目", 2023), _form("信息化建设项目", 2026)
    both = _names(old, "质量指标") & _names(new, "质量指标")
    result = ask("信息化建设项目 23版和26版 质量指标里有没有重名的")
    assert not result.refused
    if both:
        assert {row.field for row in result.rows} == both
    else:
        assert "没有" in result.text
        assert {row.declaration_id for row in result.rows} == {old["id"], new["id"]}


def test_indicators_the_year_said_to_lack_them_does_not_set():
    old, new = _form("信息化运维项目", 2023), _form("信息化运维项目", 2026)
    lacking = _names(old) - _names(new)
    assert lacking  # the later form dropped some
    result = ask("信息化运维项目 有哪些指标是26年里没有的")
    assert not result.refused
    assert {row.field for row in result.rows} == lacking
    assert {row.declaration_id for row in result.rows} == {old["id"]}
    assert result.figure == f"{len(lacking)} 项"


def test_a_batch_compared_with_the_baseline_written_first():
    def count(year: int, unit: str) -> int:
        return sum(
            1 for d in DECLS if d["header"]["year"] == year and unit in json.dumps(d["header"], ensure_ascii=False)
        )

    subject, baseline = count(2019, "人民代表大会"), count(2023, "组织部")
    result = ask("和组织部23年的那批相比 人大19年少报了几个项目")
    assert not result.refused
    word = "减少" if subject < baseline else "增加"
    assert f"2019年比2023年{word} {abs(subject - baseline)} 个" in result.text


def test_projects_picked_by_an_indicator_word_counted_in_two_years():
    def count(year: int) -> int:
        held = [d for d in DECLS if d["header"]["year"] == year]
        return sum(1 for d in held if any("合格率" in i["name"] for i in d["indicators"]))

    result = ask("含合格率字样指标的项目数 一九年对比二六年")
    assert not result.refused
    assert result.figure == f"{count(2026) - count(2019)} 个"


def test_indicators_said_to_be_new_in_one_year():
    old, new = _form("信息化建设项目", 2023), _form("信息化建设项目", 2026)
    only = _names(old) - _names(new)
    result = ask("信息化建设项目里 哪些指标是23年独有的")
    assert {row.field for row in result.rows} == only
    assert result.figure == f"{len(only)} 项"  # counted as the difference, not listed as one year's


def test_two_versions_of_a_project_are_its_two_years():
    old, new = _form("信息化运维项目", 2023), _form("信息化运维项目", 2026)
    result = ask("信息化运维项目 两个版本年度申请额差多少")
    assert result.figure == yuan(Decimal(new["funding"]["annual"]) - Decimal(old["funding"]["annual"]))
    assert "本年度" not in result.text  # 版本年度 is no 本年度 (this year)
