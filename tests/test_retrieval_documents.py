"""The corpus as index documents, the exact-document route and result labels (no embedding here)."""

from __future__ import annotations

from collections import Counter

import pytest
from test_retrieval_support import REPO

from assistant.corpus.store import Corpus
from assistant.domain.policy import PolicyReference, load_policies
from assistant.index.tokenize import search_tokenizer
from assistant.retrieval.documents import corpus_documents, declaration_documents, project_kind
from assistant.retrieval.models import DocKind
from assistant.retrieval.presentation import snippet, source_label
from assistant.retrieval.routes import ExactPolicyRoute


@pytest.fixture(scope="module")
def policies() -> list[PolicyReference]:
    return load_policies(REPO / "corpus" / "policies")


@pytest.fixture(scope="module")
def route(policies: list[PolicyReference], tmp_path_factory: pytest.TempPathFactory) -> ExactPolicyRoute:
    return ExactPolicyRoute(policies, search_tokenizer(tmp_path_factory.mktemp("jieba")))


def test_one_document_per_section_indicator_and_policy(corpus: Corpus, policies: list[PolicyReference]) -> None:
    docs = corpus_documents(corpus, policies)
    kinds = Counter(doc.kind for doc in docs)
    assert kinds[DocKind.INDICATOR] == 235 and kinds[DocKind.POLICY] == len(policies)
    assert 0 < kinds[DocKind.SECTION] <= sum(len(d.sections) for d in corpus)
    assert len({doc.id for doc in docs}) == len(docs)
    assert [doc.id for doc in corpus_documents(corpus, policies)] == [doc.id for doc in docs]


def test_section_and_indicator_metadata(corpus: Corpus) -> None:
    docs = declaration_documents(corpus.get("2023-003-06"))
    section = next(doc for doc in docs if doc.kind == DocKind.SECTION)
    assert section.metadata == {
        "declaration_id": "2023-003-06",
        "project_name": "信息化运维项目",
        "year": 2023,
        "department": "中共上海市委组织部",
        "implementer": "中共上海市委组织部",
        "layout": "municipal_2021",
        "project_kind": "其他运转类 · 其他经常性项目",
        "section": "goal_total",
        "section_title": "项目总目标 / 年度绩效目标",
    }
    assert section.text.startswith("信息化运维项目｜项目总目标 / 年度绩效目标\n保障上海市基层党建信息化工程")
    indicator = next(doc for doc in docs if doc.kind == DocKind.INDICATOR and doc.metadata["position"] == 7)
    assert indicator.text == "工作日故障响应时间：≤30(分钟)"
    assert indicator.metadata["level1"] == "产出指标" and indicator.metadata["level2"] == "时效指标"
    assert indicator.metadata["value"] == "≤30(分钟)"


def test_identical_goal_sections_are_one_document_and_blank_ones_none(corpus: Corpus) -> None:
    sections = [doc for doc in declaration_documents(corpus.get("2023-003-01")) if doc.kind == DocKind.SECTION]
    assert len(sections) == 1
    blank_total = [doc for doc in declaration_documents(corpus.get("2026-004-01")) if doc.kind == DocKind.SECTION]
    assert [doc.metadata["section"] for doc in blank_total] == ["goal_annual"]


def test_blank_header_fields_are_left_out(corpus: Corpus) -> None:
    meta = declaration_documents(corpus.get("2020-000-01"))[0].metadata
    assert "department" not in meta and "project_kind" not in meta
    assert project_kind(corpus.get("2019-002-01").header) == "其他一次性项目 · 信息化建设类"


def test_a_changed_declaration_changes_only_its_own_ids(corpus: Corpus) -> None:
    decl = corpus.get("2023-003-04")
    renamed = decl.model_copy(update={"header": decl.header.model_copy(update={"name": "机关后勤服务费"})})
    before = {doc.id for doc in declaration_documents(decl)}
    after = {doc.id for doc in declaration_documents(renamed)}
    assert before.isdisjoint(after) and len(before) == len(after)


def test_policy_document_holds_title_number_aliases_and_issuer(policies: list[PolicyReference]) -> None:
    doc = next(doc for doc in corpus_documents([], policies) if doc.metadata["policy_id"] == "zutingzi-2017-7")
    assert doc.text.startswith("《全国党员管理信息化工程应用系统部署技术方案》（组厅字〔2017〕7号）")
    assert "组厅字[2017]7号" in doc.text and "中共中央组织部办公厅" in doc.text
    assert doc.metadata["doc_number"] == "组厅字〔2017〕7号" and doc.metadata["year"] == 2017


def test_every_library_entry_is_a_policy_document_with_its_scope(policies: list[PolicyReference]) -> None:
    docs = {doc.metadata["policy_id"]: doc for doc in corpus_documents([], policies)}
    assert set(docs) == {policy.id for policy in policies} and len(docs) >= 150
    archive = docs["da-t-31-2017"]
    assert archive.text.startswith("《纸质档案数字化规范》（DA/T 31-2017）")
    assert "适用范围：纸质档案数字化" in archive.text and archive.metadata["scope"].startswith("纸质档案数字化")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("组厅字[2017]7号", ["zutingzi-2017-7"]),
        ("组厅字﹝2017﹞7号", ["zutingzi-2017-7"]),
        ("按照沪委组［2016］发23号的规划", ["huweizu-2016-fa23"]),
        ("GB/T22239—2019 第三级", ["gbt-22239-2019"]),
        ("中发〔2018〕34号和财预【2021】101号", ["zhongfa-2018-34", "caiyu-2021-101"]),
        ("依据《中华人民共和国公务员法》", ["civil-servant-law"]),
        ("按《纸质档案数字化规范》（DA/T 31-2017）扫描", ["da-t-31-2017"]),
        ("依据《中华人民共和国预算法实施条例》", ["budget-law-regulation"]),
        ("国务院令第729号", ["budget-law-regulation"]),
        ("信息化运维项目的满意度", []),
        ("沪委发〔2099〕1号", []),  # an unknown number stays unknown
    ],
)
def test_exact_route_pins_the_named_policies_in_order(route: ExactPolicyRoute, query: str, expected: list[str]) -> None:
    plan = route.plan(query)
    assert [pin.where["policy_id"] for pin in plan.pins] == expected
    assert all(pin.kind is DocKind.POLICY for pin in plan.pins)


def test_labels_and_snippets() -> None:
    section = {"project_name": "机关服务费", "year": 2023, "section_title": "项目总目标"}
    assert source_label(DocKind.SECTION, section) == "机关服务费 · 2023 · 项目总目标"
    assert source_label(DocKind.INDICATOR, {"project_name": "组织力建设信息化平台", "position": 2}) == (
        "组织力建设信息化平台 · 绩效指标第2项"
    )
    assert source_label(DocKind.POLICY, {"title": "预算法"}) == "《预算法》"
    text = "甲" * 200 + "党费缴纳" + "乙" * 200
    cut = snippet(text, ["党费"], width=60)
    assert cut.startswith("…") and cut.endswith("…") and "党费缴纳" in cut and len(cut) == 62
    assert snippet("短文本\n两行", ["党费"]) == "短文本 两行"
