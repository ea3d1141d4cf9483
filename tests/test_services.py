"""The services over real settings: one wiring point, one corpus load per corpus state, and
regeneration that keeps a person's work (real corpus, real store, rules writer: no model)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.domain.brief import example_brief
from assistant.domain.model import SectionKind
from assistant.drafting.models import Draft
from assistant.errors import ModelError
from assistant.services import build_services
from assistant.services.drafting import ModelRequiredError, ProtectedFieldError
from assistant.settings import CorpusSettings, LLMProvider, LLMSettings, Settings, StoreSettings
from assistant.store import Action, Origin
from assistant.store.fields import section_path

REPO = Path(__file__).resolve().parent.parent
NEED = section_path(SectionKind.NECESSITY)


def _settings(tmp_path: Path, corpus_dir: Path = REPO / "corpus") -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        corpus=CorpusSettings(corpus_dir=corpus_dir),
        llm=LLMSettings(provider=LLMProvider.NONE),
        store=StoreSettings(user="张三"),
    )


@pytest.fixture
def services(tmp_path):
    opened = build_services(_settings(tmp_path))
    yield opened
    opened.close()


def _with_section(draft: Draft, kind: SectionKind, text: str) -> Draft:
    return draft.model_copy(
        update={"sections": [s.model_copy(update={"text": text}) if s.kind is kind else s for s in draft.sections]}
    )


def _with_value(draft: Draft, n: int, value: str) -> Draft:
    rows = list(draft.indicators)
    rows[n - 1] = rows[n - 1].model_copy(update={"value": rows[n - 1].value.model_copy(update={"value": value})})
    return draft.model_copy(update={"indicators": rows})


def test_a_model_override_copies_the_settings(tmp_path):
    settings = _settings(tmp_path).model_copy(update={"llm": LLMSettings(provider=LLMProvider.LOCAL)})
    services = build_services(settings, llm_override=LLMProvider.NONE)
    assert services.settings.llm.provider is LLMProvider.NONE and settings.llm.provider is LLMProvider.LOCAL
    assert services.settings.data_dir == settings.data_dir


def test_the_corpus_loads_once_and_again_only_when_it_changes(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus" / "declarations", corpus / "declarations")
    shutil.copytree(REPO / "corpus" / "policies", corpus / "policies")
    services = build_services(_settings(tmp_path, corpus))
    services.suggest.suggest(example_brief())
    services.review.check_corpus()
    first = services.scope.current()
    assert services.scope.loads == 1 and first.corpus is services.scope.current().corpus
    some = next((corpus / "declarations").glob("*.json"))
    os.utime(some, ns=(some.stat().st_atime_ns, some.stat().st_mtime_ns + 1_000_000_000))
    assert services.scope.current() is not first and services.scope.loads == 2
    assert "store" not in services.__dict__ and "search" not in services.__dict__  # nothing opened unasked


def test_drafting_saves_a_version_with_its_author(services):
    saved = services.drafting.draft(example_brief())
    stored = services.store.latest(saved.info.draft_id)
    assert (stored.number, stored.info.author, stored.info.action) == (1, "张三", Action.CREATE)
    assert stored.draft == saved.draft and saved.draft.model == "rules"


def test_regenerating_a_human_edited_section_needs_force(services):
    draft_id = services.drafting.draft(example_brief()).info.draft_id
    human = _with_section(services.store.latest(draft_id).draft, SectionKind.NECESSITY, "我亲手写的必要性。")
    services.drafting.edit(draft_id, human, base=1)
    with pytest.raises(ProtectedFieldError, match="已人工修改或已锁定"):
        services.drafting.regenerate_section(draft_id, SectionKind.NECESSITY, instruction="更简洁")
    assert services.store.head(draft_id) == 2  # refused: nothing saved
    other = services.drafting.regenerate_section(draft_id, SectionKind.OVERVIEW)
    assert other.draft.section(SectionKind.NECESSITY).text == "我亲手写的必要性。"
    forced = services.drafting.regenerate_section(draft_id, SectionKind.NECESSITY, force=True)
    assert forced.draft.section(SectionKind.NECESSITY).text != "我亲手写的必要性。"
    assert services.store.latest(draft_id).fields[NEED].origin is Origin.TEMPLATE
    assert (
        services.store.get(draft_id, forced.info.number - 1).draft.section(SectionKind.NECESSITY).text
        == "我亲手写的必要性。"
    )


def test_a_hand_edited_json_file_is_imported_as_the_persons_text(services, tmp_path):
    """A file edited outside the store says nothing about whose text is whose: the import protects all of it."""
    saved = services.drafting.draft(example_brief())
    edited = tmp_path / "edited.json"
    edited.write_text(
        _with_section(saved.draft, SectionKind.NECESSITY, "我在 Word 里改过的必要性。").model_dump_json(),
        encoding="utf-8",
    )
    draft_id = services.drafting.open_file(edited)
    assert draft_id != saved.info.draft_id and services.store.latest(draft_id).fields[NEED].origin is Origin.HUMAN
    with pytest.raises(ProtectedFieldError, match="已人工修改或已锁定"):
        services.drafting.regenerate_section(draft_id, SectionKind.NECESSITY, instruction="更简洁")
    assert services.store.latest(draft_id).draft.section(SectionKind.NECESSITY).text == "我在 Word 里改过的必要性。"


def test_a_locked_section_is_kept_like_a_human_one(services):
    draft_id = services.drafting.draft(example_brief()).info.draft_id
    services.drafting.lock(draft_id, [NEED])
    with pytest.raises(ProtectedFieldError):
        services.drafting.regenerate_section(draft_id, SectionKind.NECESSITY)


def test_regenerating_the_indicator_table_keeps_human_rows(services):
    saved = services.drafting.draft(example_brief())
    draft_id, original = saved.info.draft_id, saved.draft
    services.drafting.edit(draft_id, _with_value(original, 2, "≥99%"), base=1)  # a person's value
    machine = _with_value(services.store.latest(draft_id).draft, 3, "≥1%")  # a value no person wrote
    services.store.save(draft_id, machine, expected_parent=2, author="张三", changed=Origin.AI)
    kept = services.drafting.regenerate_indicators(draft_id)
    assert kept.kept == ["indicator.2.value"]
    assert kept.draft.indicators[1].value.value == "≥99%"  # the person's value stays
    assert kept.draft.indicators[2] == original.indicators[2]  # the machine's is regenerated
    latest = services.store.latest(draft_id)
    assert latest.fields["indicator.2.value"].origin is Origin.HUMAN and latest.info.section == "绩效指标"
    forced = services.drafting.regenerate_indicators(draft_id, force=True)
    assert forced.draft.indicators == original.indicators and forced.kept == []
    assert services.store.get(draft_id, forced.info.number - 1).draft.indicators[1].value.value == "≥99%"


def test_an_instruction_needs_a_model_and_a_refusal_saves_nothing(services):
    draft_id = services.drafting.draft(example_brief()).info.draft_id
    with pytest.raises(ModelRequiredError, match="需要语言模型") as refused:
        services.drafting.regenerate_section(draft_id, SectionKind.NECESSITY, instruction="更简洁")
    assert "--llm local" in refused.value.hint
    assert services.store.head(draft_id) == 1
    with pytest.raises(ModelRequiredError):  # the web workspace refuses the same way, in the same service
        services.workspace(rules_only=True).propose_section(
            draft_id, SectionKind.NECESSITY, instruction="更简洁", base=1, force=False, on_event=lambda _: None
        )
    assert services.store.head(draft_id) == 1
    blank = services.drafting.regenerate_section(
        draft_id, SectionKind.NECESSITY, instruction="  "
    )  # no instruction: rules
    assert blank.unchanged and blank.draft.section(SectionKind.NECESSITY).generated_by == "rules"


def test_an_instruction_is_refused_when_the_embedded_model_cannot_start(tmp_path, monkeypatch):
    import assistant.llm.runtime as runtime_module

    def no_model(_settings):
        raise ModelError("模型文件缺失")

    monkeypatch.setattr(runtime_module, "pending_server", no_model)  # the fault: the embedded model cannot start
    settings = _settings(tmp_path).model_copy(update={"llm": LLMSettings(provider=LLMProvider.LOCAL)})
    with build_services(settings) as services:
        saved = services.drafting.draft(example_brief())  # a new draft falls back to rules, and says so
        assert saved.draft.model == "rules"
        with pytest.raises(ModelRequiredError, match="内置模型不可用（模型文件缺失）"):
            services.drafting.regenerate_section(saved.info.draft_id, SectionKind.NECESSITY, instruction="突出数据共享")
        assert services.store.head(saved.info.draft_id) == 1


def test_drafting_qa_suggest_review_and_export_share_one_corpus_load(tmp_path, monkeypatch):
    from assistant.corpus.store import Corpus
    from assistant.qa.conversation import Conversation

    loads = []
    real_load = Corpus.load.__func__
    monkeypatch.setattr(Corpus, "load", classmethod(lambda cls, d: loads.append(d) or real_load(cls, d)))
    with build_services(_settings(tmp_path)) as services:
        services.suggest.suggest(example_brief())
        saved = services.drafting.draft(example_brief())
        services.drafting.regenerate_section(saved.info.draft_id, SectionKind.GOAL_TOTAL)
        services.qa.answer("2023年组织部各项目资金合计多少？", Conversation())
        services.review.check_corpus()
        services.subjects.one("2023-003-06")
    assert loads == [REPO / "corpus"]


def test_a_regeneration_or_save_that_changes_nothing_stores_no_version(services):
    drafting = services.drafting
    draft_id = drafting.draft(example_brief()).info.draft_id
    same_section = drafting.regenerate_section(draft_id, SectionKind.NECESSITY)  # rules write the same text again
    same_table = drafting.regenerate_indicators(draft_id)
    latest = services.store.latest(draft_id)
    same_edit = drafting.edit(draft_id, latest.draft, base=latest.number)
    for saved in (same_section, same_table, same_edit):
        assert saved.unchanged and saved.info.number == 1 and saved.notice == "内容与第 1 版相同，未保存新版本"
    assert [v.number for v in services.store.history(draft_id)] == [1]
    changed = drafting.edit(draft_id, _with_section(latest.draft, SectionKind.NECESSITY, "人工写的必要性。"), base=1)
    assert (changed.unchanged, changed.notice, changed.info.number) == (False, None, 2)


def test_accepting_a_proposal_that_changes_nothing_stores_no_version(services):
    drafting = services.drafting
    draft_id = drafting.draft(example_brief()).info.draft_id
    proposal = drafting.propose_indicators(draft_id)
    saved = drafting.accept(draft_id, proposal.id)
    assert saved.unchanged and saved.info.number == 1 and services.store.head(draft_id) == 1
    decided = services.store.proposal(draft_id, proposal.id)
    assert (decided.status.value, decided.version) == ("accepted", 1) and drafting.pending(draft_id) is None
