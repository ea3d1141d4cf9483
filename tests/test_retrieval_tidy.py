"""`assistant search` faults a tester hit: a filtered hybrid search lost the one keyword match bm25 finds, and
--dept refused a short form (人大) of a unit's name (real CLI, the session's index over the real corpus)."""

from __future__ import annotations

import json

import pytest
from test_retrieval_cli import on_index  # noqa: F401 - the CLI pointed at the session's index
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain.units import units_meant

runner = CliRunner()
NPC = "上海市人民代表大会常务委员会办公厅"


def search(*args: str) -> list[dict]:
    result = runner.invoke(app, ["search", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.usefixtures("on_index")
@pytest.mark.parametrize("filters", [("--kind", "section"), ("--kind", "section", "--year", "2019")])
def test_hybrid_keeps_the_keyword_match_of_a_filtered_search(filters: tuple[str, ...]) -> None:
    keyword = [row["ref"] for row in search("培训", "--mode", "bm25", *filters)]
    assert keyword, "the premise: some section mentions 培训"
    hybrid = [row["ref"] for row in search("培训", "--mode", "hybrid", "-k", "3", *filters)]
    assert hybrid[0] == keyword[0]  # every query word, the best keyword score among what may be returned


@pytest.mark.usefixtures("on_index")
@pytest.mark.parametrize("written", ["人大", "市人大常委会", "人大常委会办公厅"])
def test_dept_takes_the_short_form_users_write(written: str) -> None:
    rows = search("系统", "--dept", written)
    assert rows and {row["declaration_id"][:4] for row in rows} == {"2019"}


@pytest.mark.usefixtures("on_index")
def test_dept_matching_nothing_lists_the_units() -> None:
    result = runner.invoke(app, ["search", "系统", "--dept", "财政局"])
    assert result.exit_code == 2 and "没有单位名称包含“财政局”" in result.output and NPC in result.output


def test_units_meant_by_short_form_and_part() -> None:
    units = [NPC, "上海市党建服务中心", "中共上海市委组织部"]
    assert units_meant("人大", units) == [NPC]
    assert units_meant("组织部", units) == ["中共上海市委组织部"]
    assert units_meant("党建服务", units) == ["上海市党建服务中心"]
    assert units_meant("教育局", units) == [] and units_meant(" ", units) == []
