"""Grounding knows the brief: its own titles, names and figures pass without a retry; an invented
policy goes with its sentence and never leaves a hole ("根据的要求")."""

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.domain.brief import load_brief
from assistant.domain.model import SectionKind
from assistant.drafting.chain import Writer, write_section
from assistant.drafting.grounding import Sources, ground_text, mend_dangling, policy_like
from assistant.drafting.models import NoteKind
from assistant.llm.chat import stream_call
from assistant.services.scope import CorpusScope
from assistant.services.writing import draft_context

REPO = Path(__file__).resolve().parent.parent
TRAINING = REPO / "evals" / "briefs" / "training.yaml"


@pytest.fixture(scope="module")
def training():
    return draft_context(load_brief(TRAINING), CorpusScope(REPO / "corpus").current())[0]


def _write(ctx, kind: SectionKind, reply: str):
    chat = FakeListChatModel(responses=[reply, reply, reply])
    events, notes = [], []
    writer = Writer(
        complete=lambda messages, _, on_delta: stream_call(chat, messages, on_delta=on_delta),
        model="fake",
        provider="fake",
        retries=2,
        on_event=events.append,
    )
    section = write_section(ctx, kind, writer, notes, [])
    return section, notes, [e for e in events if e.kind == "retry"]


def test_a_title_and_figures_from_the_brief_pass_without_a_retry(training):
    reply = '{"text": "编印《代表履职学习资料》1000册，举办培训班4期，培训区人大代表约320名。", "citations": []}'
    section, notes, retries = _write(training, SectionKind.GOAL_ANNUAL, reply)
    assert "《代表履职学习资料》1000册" in section.text
    assert notes == [] and retries == []


def test_an_invented_policy_goes_with_its_sentence_and_without_a_retry(training):
    reply = '{"text": "代表履职需要系统培训。根据《上海市人大代表培训管理办法》的要求，需举办培训班4期。培训后开展满意度调查。", "citations": []}'
    section, notes, retries = _write(training, SectionKind.NECESSITY, reply)
    assert section.text == "代表履职需要系统培训。培训后开展满意度调查。"
    assert [n.kind for n in notes] == [NoteKind.DROPPED_REFERENCE] and retries == []


def test_a_book_found_nowhere_is_reported_and_kept(training):
    reply = '{"text": "向参训代表发放《代表工作手册》。", "citations": []}'
    section, notes, retries = _write(training, SectionKind.OVERVIEW, reply)
    assert "《代表工作手册》" in section.text
    assert [n.kind for n in notes] == [NoteKind.UNGROUNDED_TITLE] and retries == []


def test_a_hole_left_by_a_cut_title_is_mended(training):
    reply = '{"text": "根据的要求，需举办代表履职培训。按照《》的规定，编印学习资料。", "citations": []}'
    section, _, _ = _write(training, SectionKind.NECESSITY, reply)
    assert section.text == "需举办代表履职培训。编印学习资料。"


@pytest.mark.parametrize(
    ("broken", "mended"),
    [
        ("根据的要求，需开展运维。", "需开展运维。"),
        ("为落实“”的部署，开展培训，提升履职能力。", "开展培训，提升履职能力。"),
        ("落实的情况良好。", "落实的情况良好。"),  # not a cut reference
        ("按照要求，开展培训。", "按照要求，开展培训。"),
    ],
)
def test_mend_dangling(broken, mended):
    assert mend_dangling(broken) == mended


def test_policy_like_titles():
    assert policy_like("《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》")
    assert policy_like("《关于加强区人大代表培训工作的实施意见（试行）》")
    assert policy_like("沪人大〔2026〕12号")
    assert not policy_like("《代表履职学习资料》")


def test_a_number_the_brief_gives_is_never_an_invention():
    sources = Sources(text="依据沪人大〔2026〕12号文开展培训", numbers={"2026", "12"}, policies=[], user_titles=[])
    grounded = ground_text("依据沪人大〔2026〕12号开展培训。", sources=sources)
    assert grounded.text == "依据沪人大〔2026〕12号开展培训。" and not grounded.removed_references
