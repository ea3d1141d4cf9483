"""The grown policy library: every entry is sourced, normalised, unique and valid; `assistant policies` lists it."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain.policy import PolicyKind, PolicyReference, find_policy, load_policies, policies_cited_in
from assistant.errors import CorpusError
from assistant.settings import REPO_ROOT

POLICIES_DIR = REPO_ROOT / "corpus" / "policies"
runner = CliRunner()


@pytest.fixture(scope="module")
def library() -> list[PolicyReference]:
    return load_policies(POLICIES_DIR)


def test_the_library_holds_at_least_150_entries(library: list[PolicyReference]) -> None:
    assert len(library) >= 150


def test_every_entry_has_a_public_source_address_or_a_seed_citation(library: list[PolicyReference]) -> None:
    """An entry with no public page found is one a seed declaration cites: the seed line is its source."""
    missing = [policy.id for policy in library if not policy.sources and not policy.cited_in]
    assert missing == []
    assert all(source.startswith(("http://", "https://")) for policy in library for source in policy.sources)
    unaddressed = [policy for policy in library if not policy.sources]
    assert all("种子" in policy.source_note for policy in unaddressed)
    assert len(unaddressed) <= 20


def test_every_entry_states_its_scope_in_one_line(library: list[PolicyReference]) -> None:
    missing = [policy.id for policy in library if not policy.scope]
    assert missing == []


def test_titles_are_normalised(library: list[PolicyReference]) -> None:
    for policy in library:
        assert not re.search(r"[《》()<>\[\]]", policy.title), policy.title
        assert policy.citation().startswith(f"《{policy.title}》")


def test_no_two_entries_share_a_title_or_number(library: list[PolicyReference]) -> None:
    titles = Counter(policy.title for policy in library)
    numbers = Counter(policy.doc_number for policy in library if policy.doc_number)
    assert [t for t, n in titles.items() if n > 1] == []
    assert [d for d, n in numbers.items() if n > 1] == []


def test_every_number_resolves_to_its_own_entry(library: list[PolicyReference]) -> None:
    for policy in library:
        for text in [policy.title, policy.citation(), *([policy.doc_number] if policy.doc_number else [])]:
            # the citation form 《题名》（文号） resolves too, as a declaration writes it
            found = find_policy(library, text)
            assert found is not None and found.id == policy.id, text


def test_an_entry_with_a_number_of_the_year_form_agrees_with_its_dates(library: list[PolicyReference]) -> None:
    for policy in library:
        match = re.search(r"〔(\d{4})〕", policy.doc_number or "")
        if match and policy.dates:
            assert any(d.date.startswith(match.group(1)) for d in policy.dates), policy.id


def test_the_library_covers_the_common_project_kinds(library: list[PolicyReference]) -> None:
    """Each kind of project the issue names finds at least one entry whose scope speaks of it."""
    kinds = ["选举", "代表", "档案", "立法", "监督", "信访", "法律", "检验", "普查", "执法", "环境", "培训", "会议"]
    kinds += ["信息", "宣传", "预算", "绩效", "采购", "保密", "安全生产", "食品"]
    uncovered = [word for word in kinds if not any(word in (policy.scope or "") for policy in library)]
    assert uncovered == []
    assert {PolicyKind.LAW, PolicyKind.ADMINISTRATIVE_REGULATION, PolicyKind.LOCAL_REGULATION} <= {
        policy.kind for policy in library
    }


def test_an_implementing_regulation_does_not_also_cite_its_law(library: list[PolicyReference]) -> None:
    text = "依据《中华人民共和国预算法实施条例》和《中华人民共和国档案法》"
    assert [policy.id for policy in policies_cited_in(library, text)] == ["archives-law", "budget-law-regulation"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依照档案法规定开展数字化", ["archives-law"]),
        ("依照《档案法》开展数字化", ["archives-law"]),
        ("组织人大代表法律知识培训", []),
        ("推进教育法治宣传", []),
        ("完善档案法规制度", []),
        ("代表法和选举法", ["deputies-law", "election-law"]),
    ],
)
def test_a_short_law_name_inside_another_word_is_no_citation(
    library: list[PolicyReference], text: str, expected: list[str]
) -> None:
    assert [policy.id for policy in policies_cited_in(library, text)] == expected


def _record(**changes: object) -> dict[str, object]:
    record = {
        "id": "x",
        "title": "某办法",
        "doc_number": None,
        "issuer": "某机关",
        "year": 2020,
        "kind": "规范性文件",
        "status": "未核实",
        "description": "某办法。",
        "source_note": "公开检索 example.org。",
        "scope": "某事项的管理",
        "sources": ["https://example.org/a"],
    }
    record.update(changes)
    return record


def _load_one(tmp_path: Path, record: dict[str, object]) -> list[PolicyReference]:
    (tmp_path / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    return load_policies(tmp_path)


@pytest.mark.parametrize(
    "number",
    ["财预〔2020〕10号", "沪委组〔2016〕发22号", "国务院令第729号", "中华人民共和国主席令第四十七号", "DA/T 31-2017"],
)
def test_accepted_number_forms(tmp_path: Path, number: str) -> None:
    year = int(m.group(1)) if (m := re.search(r"〔(\d{4})〕", number)) else 2020
    assert _load_one(tmp_path, _record(doc_number=number, year=year))[0].doc_number == number


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("财预2020 10号", "格式不符"),
        ("财预〔2020〕第10号", "格式不符"),
        ("DA/T31-2017", "格式不符"),
        ("GB/T 22239—2019", "格式不符"),
        ("待查", "格式不符"),
        ("财预[2020]10号", "六角括号"),
    ],
)
def test_a_malformed_number_is_refused_with_the_file_and_the_forms(tmp_path: Path, number: str, message: str) -> None:
    with pytest.raises(CorpusError) as caught:
        _load_one(tmp_path, _record(doc_number=number))
    assert "x.yaml" in str(caught.value) and message in str(caught.value)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "贯彻《某意见》的清单"}, "〈〉"),
        ({"title": "某办法(试行)"}, "全角"),
        ({"sources": ["example.org/a"]}, "网址"),
        ({"scope": "两行\n范围"}, "一行"),
        ({"dates": [{"date": "2020-02-30", "event": "印发"}]}, "不存在"),
        ({"dates": [{"date": "2021-01-01", "event": "修订"}, {"date": "2020-01-01", "event": "印发"}]}, "先后"),
        ({"dates": [{"date": "2019-05-01", "event": "印发"}]}, "year=2020"),
    ],
)
def test_a_bad_new_field_is_refused(tmp_path: Path, changes: dict[str, object], message: str) -> None:
    with pytest.raises(CorpusError, match=message):
        _load_one(tmp_path, _record(**changes))


def test_the_old_schema_without_the_new_fields_still_loads(tmp_path: Path) -> None:
    record = _record()
    for key in ("scope", "sources"):
        del record[key]
    loaded = _load_one(tmp_path, record)[0]
    assert loaded.scope is None and loaded.sources == [] and loaded.dates == []
    assert loaded.subject() == "某办法。"


def test_cli_lists_every_entry_with_its_source(library: list[PolicyReference]) -> None:
    result = runner.invoke(app, ["policies", "--json"])
    assert result.exit_code == 0
    listed = json.loads(result.output)
    assert [entry["id"] for entry in listed] == [policy.id for policy in library]
    assert all((entry["sources"] or entry["cited_in"]) and entry["source_note"] for entry in listed)


def test_cli_table_shows_titles_and_sources_in_chinese() -> None:
    result = runner.invoke(app, ["policies", "--search", "档案"])
    assert result.exit_code == 0
    assert "政策库" in result.output and "《中华人民共和国档案法》" in result.output
    assert "来源：https://github.com/LawRefBook/Laws/" in result.output and "核实说明：" in result.output
    assert "《中华人民共和国预算法》" not in result.output


def test_cli_search_finds_by_number_in_any_bracket_form() -> None:
    listed = json.loads(runner.invoke(app, ["policies", "--json", "--search", "国发(2019)24号"]).output)
    assert [entry["id"] for entry in listed] == ["guofa-2019-24"]


def test_cli_search_without_a_match_says_so() -> None:
    result = runner.invoke(app, ["policies", "--search", "不存在的词语"])
    assert result.exit_code == 0 and "没有含“不存在的词语”的条目" in result.output
