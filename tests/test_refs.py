"""One reference type (`SourceRef`) for drafts and answers: every ref resolves to its source through the
one resolver, and drafts saved before it (``tests/fixtures/drafts/``, written by commit ec8d12c's code)
still load — as JSON files and from the store, on SQLite and on a live PostgreSQL server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import update
from store_support import postgres_server, rules_draft, store_url  # noqa: F401 - fixtures

from assistant.domain.refs import BRIEF_REF, SourceKind, SourceRef, source_text, verify
from assistant.drafting.models import Draft
from assistant.services.scope import CorpusScope
from assistant.store import DraftStore
from assistant.store.files import read_draft_file
from assistant.store.models import VersionRow

REPO = Path(__file__).resolve().parent.parent
SAVED = REPO / "tests" / "fixtures" / "drafts"
CITED = SAVED / "draft-v1-cited.json"  # the chain with S1/S2/P1 cited: section, policy, indicator, brief refs
RULES = SAVED / "draft-v1-rules.json"  # `assistant draft --example --llm none -o` at ec8d12c
SOURCES = CorpusScope(REPO / "corpus").current()


def _refs(draft: Draft) -> list[SourceRef]:
    return [c for s in draft.sections for c in s.citations] + [c for i in draft.indicators for c in i.citations]


def _saved_labels(path: Path) -> list[tuple[str, str, str]]:
    """(kind, ref, label) of every citation as the file holds it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    cites = [c for s in data["sections"] for c in s["citations"]] + [
        c for i in data["indicators"] for c in i["citations"]
    ]
    return [(c["kind"], c["ref"], c["label"]) for c in cites]


@pytest.mark.parametrize("path", [CITED, RULES], ids=["cited", "rules"])
def test_a_draft_saved_in_the_earlier_format_loads_with_every_ref_resolvable(path):
    saved = _saved_labels(path)
    assert {kind for kind, _, _ in saved} >= (
        {"section", "policy", "indicator", "brief"} if path == CITED else {"policy", "indicator", "brief"}
    )
    assert not any(ref.startswith("policy:") for kind, ref, _ in saved if kind == "policy")  # the old policy ref
    draft = read_draft_file(path)
    refs = _refs(draft)
    assert len(refs) == len(saved)
    for ref, (kind, old_ref, label) in zip(refs, saved, strict=True):
        assert ref.kind == kind  # the same source, the same readable label (a policy's now says where it is from)
        assert ref.caption == (f"{label} · 政策库" if kind == "policy" else label)
        assert ref.ref == old_ref or (kind == "policy" and ref.ref == "policy:" + old_ref)
        if kind != "brief":
            assert source_text(SOURCES.corpus, SOURCES.policies, ref.ref) is not None, ref.ref


def test_a_loaded_earlier_draft_saves_in_the_new_shape_and_reads_back_the_same(tmp_path):
    draft = read_draft_file(CITED)
    again = tmp_path / "again.json"
    again.write_text(draft.model_dump_json(indent=2), encoding="utf-8")
    assert read_draft_file(again) == draft
    first = json.loads(again.read_text(encoding="utf-8"))["sections"][0]["citations"][0]
    assert set(first) == {"ref", "project", "year", "part", "quote", "kind"}


def test_new_drafts_cite_indicators_by_position_with_a_quote_the_corpus_holds(rules_draft):
    indicator_refs = [c for i in rules_draft.indicators for c in i.citations]
    assert indicator_refs and all("#indicator-" in c.ref and c.kind is SourceKind.INDICATOR for c in indicator_refs)
    assert all(verify(SOURCES.corpus, SOURCES.policies, c) for c in indicator_refs)
    policies = [c for s in rules_draft.sections for c in s.citations if c.kind is SourceKind.POLICY]
    assert policies and all(
        c.ref.startswith("policy:") and verify(SOURCES.corpus, SOURCES.policies, c) for c in policies
    )
    assert all(BRIEF_REF in s.citations for s in rules_draft.sections)


def test_a_ref_outside_the_grammar_is_refused_and_a_wrong_quote_does_not_verify():
    with pytest.raises(ValidationError, match="格式不对"):
        SourceRef(ref="2023-003-06", project="x")
    decl = SOURCES.corpus.declarations[0]
    real = SourceRef(ref=f"{decl.id}#indicator-1", project=decl.header.name, quote=decl.indicators[0].name)
    assert verify(SOURCES.corpus, SOURCES.policies, real)
    assert not verify(SOURCES.corpus, SOURCES.policies, real.model_copy(update={"quote": "从未写过的话"}))
    assert source_text(SOURCES.corpus, SOURCES.policies, "2099-999-99#overview") is None
    assert real.declaration_id == decl.id and BRIEF_REF.declaration_id is None and BRIEF_REF.label == "[项目简报]"


def test_the_store_reads_a_version_saved_in_the_earlier_format(store_url):
    legacy = json.loads(CITED.read_text(encoding="utf-8"))
    store = DraftStore(store_url)
    try:
        info = store.create(read_draft_file(CITED), owner="张三")
        with store.engine.begin() as connection:  # the payload exactly as the earlier code stored it
            connection.execute(update(VersionRow).where(VersionRow.draft_id == info.draft_id).values(payload=legacy))
        stored = store.latest(info.draft_id)
        assert stored.draft == read_draft_file(CITED)
        assert store.find_latest(read_draft_file(CITED)) == info.draft_id  # `assistant draft --draft FILE` finds it
    finally:
        store.close()
