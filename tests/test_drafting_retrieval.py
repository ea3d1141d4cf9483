"""Drafting draws on the hybrid index: precedent passages and candidate policies come from the real index over
the real corpus, the brief's own project type first; a declaration left out of the corpus (leave-one-out)
never shows; an index that cannot be opened leaves the draft to the bank's precedents, with a note."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from test_retrieval_support import REPO, corpus_settings

from assistant.corpus.store import Corpus
from assistant.domain.brief import example_brief, load_brief
from assistant.domain.policy import load_policies
from assistant.domain.project_types import ProjectType
from assistant.domain.refs import policy_id
from assistant.drafting.chain import Writer, drafting_chain
from assistant.drafting.context import build_context
from assistant.drafting.models import NoteKind
from assistant.drafting.retrieve import same_type
from assistant.drafting.sections import DRAFTED, context_block
from assistant.llm.chat import stream_call
from assistant.retrieval.models import DocKind
from assistant.retrieval.retriever import Retriever
from assistant.review.checks_relevance import ReviewContext
from assistant.services import build_services
from assistant.services.index import open_retriever
from assistant.suggest.bank import build_bank
from assistant.suggest.suggest import suggest

TRAINING = REPO / "evals" / "briefs" / "training.yaml"


@pytest.fixture(scope="module")
def retriever(corpus_index) -> Retriever:
    return open_retriever(corpus_index[0])


@pytest.fixture(scope="module")
def policies():
    return load_policies(REPO / "corpus" / "policies")


def _context(brief, corpus: Corpus, policies, finder):
    return build_context(brief, suggest(brief, build_bank(corpus.declarations)), corpus, policies, finder=finder)


def _declarations(ctx) -> set[str]:
    return {item.citation.ref.split("#")[0] for item in ctx.materials}


def test_precedents_and_policies_come_from_the_index_of_the_briefs_type(retriever, corpus, policies):
    ctx = _context(example_brief(), corpus, policies, retriever)
    assert ctx.notes == [] and ctx.materials
    assert "都是与本项目同类型（信息化运维）" in ctx.material_note and ctx.material_note in context_block(ctx)
    assert _declarations(ctx) <= same_type(corpus, ProjectType.IT_OPERATION) != set(d.id for d in corpus)
    # each shown passage is a section the index ranks for the brief (not merely a bank neighbour)
    found = {
        r.ref
        for kind in DRAFTED
        for r in retriever.search(f"{example_brief().name}｜{kind.label}", kind=DocKind.SECTION, k=30)
    }
    assert {item.citation.ref for item in ctx.materials} <= found
    nearest = [r.policy_id for r in retriever.search(example_brief().name, kind=DocKind.POLICY, k=8)]
    assert set(nearest) & {policy_id(item.citation.ref) for item in ctx.policies}


def test_a_brief_of_a_type_the_corpus_lacks_is_written_from_the_brief_and_says_so(retriever, corpus, policies):
    ctx = _context(load_brief(TRAINING), corpus, policies, retriever)
    assert "没有与本项目同类型（培训）的申报表" in ctx.material_note and ctx.material_note in context_block(ctx)
    assert ctx.materials == [] and ctx.precedents == []  # a party-work fund's text is not a training's precedent
    bank_ctx = _context(load_brief(TRAINING), corpus, policies, None)
    assert bank_ctx.materials == [] and bank_ctx.material_note == ctx.material_note
    assert all(policy_id(p.citation.ref) in {q.id for q in policies} for p in ctx.policies)


def test_a_declaration_left_out_of_the_corpus_never_shows(retriever, corpus, policies):
    shown = _context(example_brief(), corpus, policies, retriever)
    hidden = sorted(_declarations(shown))[0]
    others = Corpus([d for d in corpus.declarations if d.id != hidden])
    assert any(
        r.declaration_id == hidden for r in retriever.search(example_brief().content, kind=DocKind.SECTION, k=30)
    )
    ctx = _context(example_brief(), others, policies, retriever)
    assert ctx.materials and hidden not in _declarations(ctx) and hidden not in {d.id for d in ctx.precedents}


def _writer() -> Writer:
    replies = [
        '{"text": "党员教育平台运维项目由上海市党建服务中心实施。", "citations": []}',
        '{"text": "需保障党员教育平台稳定运行。", "citations": []}',
        '{"text": "保障党员教育平台全年稳定运行。", "citations": []}',
        '{"text": "2027年度完成日常运维。", "citations": []}',
    ]
    chat = FakeListChatModel(responses=replies)
    return Writer(
        complete=lambda m, _, on_delta: stream_call(chat, m, on_delta=on_delta),
        model="fake",
        provider="fake",
        retries=0,
        on_event=lambda e: None,
    )


def test_an_index_that_cannot_be_opened_leaves_the_draft_to_the_bank_with_a_note(tmp_path: Path, corpus, policies):
    broken = tmp_path / "data"
    broken.write_text("not a folder", encoding="utf-8")  # chromadb cannot make its folder here
    finder = build_services(corpus_settings(broken)).finder()
    ctx = _context(example_brief(), corpus, policies, finder)
    fallback = [n for n in ctx.notes if n.kind is NoteKind.RETRIEVAL_FALLBACK]
    assert (
        len(fallback) == 1
        and "检索索引不可用" in fallback[0].message
        and "assistant index build" in fallback[0].message
    )
    bank = _context(example_brief(), corpus, policies, None)
    assert [i.citation.ref for i in ctx.materials] == [i.citation.ref for i in bank.materials]
    draft = drafting_chain(_writer(), ReviewContext()).invoke(ctx)
    assert all(s.text for s in draft.sections) and any(n.kind is NoteKind.RETRIEVAL_FALLBACK for n in draft.notes)


def test_the_reply_example_cites_only_material_the_prompt_shows(retriever, corpus, policies):
    from assistant.domain.model import SectionKind
    from assistant.drafting.sections import section_messages

    with_material = section_messages(
        _context(example_brief(), corpus, policies, retriever), SectionKind.OVERVIEW, instruction="", previous=""
    )
    assert with_material[1].content.rstrip().endswith('{"text": "正文", "citations": ["S1"]}')
    brief = load_brief(TRAINING).model_copy(update={"content": "面向全区约320名社区志愿者开展培训4期。"})
    bare = _context(brief, corpus, [], None)  # no precedent of its type, no policy at all
    assert bare.materials == [] and bare.policies == []
    assert (
        section_messages(bare, SectionKind.OVERVIEW, instruction="", previous="")[1]
        .content.rstrip()
        .endswith('"citations": []}')
    )
