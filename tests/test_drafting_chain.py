"""Drafting chain: faults injected through a fake chat model; everything else is real (corpus, bank, review)."""

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain.brief import example_brief
from assistant.domain.model import SectionKind
from assistant.drafting.chain import Writer, drafting_chain, write_section
from assistant.drafting.models import NoteKind
from assistant.drafting.sections import DRAFTED
from assistant.errors import AssistantError, ModelError
from assistant.llm.chat import stream_call
from assistant.prompts import EXPECTED, load_prompt
from assistant.review.checks_relevance import ReviewContext
from assistant.services.scope import CorpusScope
from assistant.services.writing import draft_brief, draft_context
from assistant.settings import LLMProvider, load_settings

REPO = Path(__file__).resolve().parent.parent
SOURCES = CorpusScope(REPO / "corpus").current()
GOOD = {
    "overview": '{"text": "党员教育平台运维项目由上海市党建服务中心实施，保障平台全年稳定运行，工作日故障30分钟内响应。", "citations": ["S1"]}',
    "necessity": '{"text": "为落实《中国共产党党员教育管理工作条例》要求，需保障党员教育平台稳定运行。", "citations": ["P1"]}',
    "goal_total": '{"text": "保障党员教育平台全年稳定运行。", "citations": []}',
    "goal_annual": '{"text": "2027年度完成日常运维，全年提交运维报告4份，组织应急演练2次。", "citations": ["S1"]}',
}


@pytest.fixture(scope="module")
def ctx():
    return draft_context(example_brief(), SOURCES)[0]


def _writer(responses: list[str], events=None) -> Writer:
    chat = FakeListChatModel(responses=responses)
    return Writer(
        complete=lambda messages, _, on_delta: stream_call(chat, messages, on_delta=on_delta),
        model="fake",
        provider="fake",
        retries=2,
        on_event=(events.append if events is not None else lambda e: None),
    )


def _all_good() -> list[str]:
    return [GOOD["overview"], GOOD["necessity"], GOOD["goal_total"], GOOD["goal_annual"]]


def test_complete_cited_draft_passes_review(ctx):
    draft = drafting_chain(_writer(_all_good()), ReviewContext()).invoke(ctx)
    assert [s.kind for s in draft.sections] == [*DRAFTED, SectionKind.PLAN]
    assert all(s.citations for s in draft.sections)
    assert draft.section(SectionKind.PLAN).text.splitlines()[0] == "2027年1月：签订运维服务合同，明确服务内容与响应要求"
    overview = draft.section(SectionKind.OVERVIEW)
    assert overview.citations[0].ref.endswith("#overview") or "#goal" in overview.citations[0].ref
    assert [b.policy_id for b in draft.basis][:2] == ["party-member-education-regulation", "cybersecurity-law"]
    assert draft.indicators and all(i.value.ground for i in draft.indicators)
    assert draft.review is not None and not draft.review.has_errors
    # the example runs 2027-01-01 to 2027-12-31: its annual goal is the total goal, taken over without a model call
    assert draft.section(SectionKind.GOAL_ANNUAL).text == draft.section(SectionKind.GOAL_TOTAL).text
    # the example brief says what is done, not why: the model's 必要性 is to be checked (issue 22)
    assert [(n.kind, n.section) for n in draft.notes] == [
        (NoteKind.SAME_AS_TOTAL, SectionKind.GOAL_ANNUAL),
        (NoteKind.NO_REASONS, SectionKind.NECESSITY),
    ]
    assert [u.section for u in draft.usage] == ["项目概况", "项目设立的必要性", "项目总目标"]
    # the example brief gives every amount the form asks for (上年结转资金 0), so no blank-money warning
    assert "FUND-BLANK" not in {f.rule_id for f in draft.review.findings}


@pytest.mark.parametrize("end", [date(2028, 6, 30), None], ids=["over-two-years", "no-end-date"])
def test_a_project_not_known_to_end_in_its_budget_year_gets_its_own_annual_goal(end):
    brief = example_brief().model_copy(update={"end_date": end})
    draft = drafting_chain(_writer(_all_good()), ReviewContext()).invoke(draft_context(brief, SOURCES)[0])
    assert draft.section(SectionKind.GOAL_ANNUAL).text == json.loads(GOOD["goal_annual"])["text"]
    assert NoteKind.SAME_AS_TOTAL not in {n.kind for n in draft.notes}


def test_a_reply_without_text_is_sent_back_with_the_problem(ctx):
    events = []
    writer = _writer(['```json\n{"text": "保障平台', GOOD["overview"]], events)
    section = write_section(ctx, SectionKind.OVERVIEW, writer, [], [])
    assert "党建服务中心" in section.text
    retries = [e for e in events if e.kind == "retry"]
    assert len(retries) == 1 and "截断" in retries[0].message and "150 字以内" in retries[0].message


def test_plain_text_with_markers_is_the_contract_and_its_tokens_are_streamed(ctx):
    events = []
    reply = "党员教育平台运维项目由上海市党建服务中心实施[S1]，保障平台全年稳定运行。[P1]"
    section = write_section(ctx, SectionKind.OVERVIEW, _writer([reply], events), [], [])
    assert section.text == "党员教育平台运维项目由上海市党建服务中心实施，保障平台全年稳定运行。"
    assert [c.label for c in section.citations] == [
        ctx.materials[0].citation.label,
        ctx.policies[0].citation.label,
        "[项目简报]",
    ]
    assert "".join(e.message for e in events if e.kind == "delta") == reply


def test_a_json_reply_streams_only_its_prose(ctx):
    events = []
    write_section(ctx, SectionKind.GOAL_TOTAL, _writer(["```json\n" + GOOD["goal_total"] + "\n```"], events), [], [])
    assert "".join(e.message for e in events if e.kind == "delta") == "保障党员教育平台全年稳定运行。"


def test_persistent_failure_carries_last_raw_output(ctx):
    writer = _writer(['{"text": "坏输出一', '{"text": "坏输出二', '{"text": "坏输出三'])
    with pytest.raises(ModelError) as err:
        write_section(ctx, SectionKind.OVERVIEW, writer, [], [])
    assert err.value.raw_output == '{"text": "坏输出三'
    assert "连续 3 次" in err.value.message


def test_a_brief_echoed_in_a_cut_off_reply_is_sent_back_as_an_echo(ctx):
    """The e2e failure under load: the overview answered with the brief's own lines, cut off by the limit."""
    echo = '```json\n{\n  "text": "项目名称：党员教育平台运维项目\\n年度：2027\\n主管部门：中共上海市委组织部\\n实施单位：上海市党建服务中心\\n资金：项目资金总额2650000元，财政资金'
    events = []
    section = write_section(ctx, SectionKind.OVERVIEW, _writer([echo, GOOD["overview"]], events), [], [])
    assert [e.message for e in events if e.kind == "retry"] == ["照抄了简报的条目：请用自己的话写成连续的一段正文"]
    assert section.text.startswith("党员教育平台运维项目由上海市党建服务中心实施")


def test_a_section_the_model_never_writes_is_drafted_by_rules_and_said_so(ctx):
    bad = ['{"text": "坏输出一', '{"text": "坏输出二', '{"text": "坏输出三']
    draft = drafting_chain(_writer(bad + _all_good()[1:]), ReviewContext()).invoke(ctx)
    overview = draft.section(SectionKind.OVERVIEW)
    assert overview.generated_by == "rules" and overview.text.startswith("党员教育平台运维项目由上海市党建服务中心实施")
    assert [n.message for n in draft.notes if n.section is SectionKind.OVERVIEW and n.kind is NoteKind.RULES_ONLY] == [
        "模型连续 3 次未能给出合格的“项目概况”，已按简报内容用规则起草，请人工修改或稍后重新生成；"
        "可在网页上点“重试失败的部分”一并重试（或对该部分点“重新生成”），"
        "或用 assistant draft --id 草稿编号 --retry-failed 一并重试、--section 项目概况 单独重试"
    ]
    assert [s.generated_by for s in draft.sections[1:4]] == ["fake"] * 3
    assert draft.usage[0].attempts == 3


def test_hallucinated_reference_is_removed_and_reported(ctx):
    invented = '{"text": "依据《上海市党员教育平台管理办法》（沪委办〔2026〕99号）开展运维。", "citations": ["S7"]}'
    notes = []
    section = write_section(ctx, SectionKind.NECESSITY, _writer([invented] * 3), notes, [])
    assert "管理办法》" not in section.text and "99号" not in section.text
    kinds = [n.kind for n in notes]
    assert kinds.count(NoteKind.DROPPED_REFERENCE) == 2 and NoteKind.DROPPED_CITATION in kinds


def test_basis_is_chosen_by_code_from_the_user_and_relevant_candidates(ctx):
    from assistant.drafting.chain import relevant_policies

    chosen = relevant_policies(ctx)
    by_label = ctx.policy_by_label()
    assert [by_label[label].citation.ref for label in chosen[:2]] == [
        "policy:party-member-education-regulation",
        "policy:cybersecurity-law",
    ]
    assert set(chosen) <= set(by_label)


def test_invented_figure_is_flagged(ctx):
    invented = '{"text": "平台注册党员88888人，全年稳定运行。", "citations": []}'
    notes = []
    write_section(ctx, SectionKind.OVERVIEW, _writer([invented] * 3), notes, [])
    assert any(n.kind is NoteKind.UNGROUNDED_FIGURE and n.fragment == "88888" for n in notes)


def test_figures_from_the_brief_are_grounded(ctx):
    notes = []
    write_section(ctx, SectionKind.GOAL_ANNUAL, _writer([GOOD["goal_annual"]]), notes, [])
    assert notes == []


def test_rules_only_draft_is_fast_complete_and_labelled():
    settings = load_settings()
    settings.llm.provider = LLMProvider.NONE
    draft = draft_brief(example_brief(), settings, None, context=draft_context(example_brief(), SOURCES))
    assert draft.model == "rules" and len(draft.sections) == 5
    assert sum(n.kind is NoteKind.RULES_ONLY for n in draft.notes) == 4
    assert not draft.review.has_errors


def test_regenerate_one_section_keeps_the_others(ctx, monkeypatch):
    from assistant.services import writing as service

    draft = drafting_chain(_writer(_all_good()), ReviewContext()).invoke(ctx)
    shorter = '{"text": "保障党员教育平台稳定运行，满足党员教育需要。", "citations": []}'
    monkeypatch.setattr(service, "make_writer", lambda *a, **k: _writer([shorter]))
    new = service.regenerate_section(
        draft, SectionKind.NECESSITY, "更简洁", load_settings(), None, context=(ctx, ReviewContext())
    )
    assert new.section(SectionKind.NECESSITY).text.startswith("保障党员教育平台")
    assert new.section(SectionKind.OVERVIEW) == draft.section(SectionKind.OVERVIEW)


def test_cli_draft_none_and_check(tmp_path):
    out = tmp_path / "draft.json"
    result = CliRunner().invoke(app, ["draft", "--example", "--llm", "none", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "立项依据" in result.output and "绩效指标" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["format"].startswith("shenbao-draft")
    checked = CliRunner().invoke(app, ["check", str(out), "--json"])
    assert checked.exit_code == 0 and json.loads(checked.output)[0]["declaration_id"] == "draft"


def test_section_rewrite_needs_a_draft(tmp_path):
    result = CliRunner().invoke(
        app, ["draft", "--llm", "none", "--section", "必要性", "--draft", str(tmp_path / "none.json")]
    )
    assert result.exit_code == 2 and "需要已有的草稿" in result.output


def test_prompts_have_exactly_the_variables_the_code_fills(tmp_path):
    for name in EXPECTED:
        load_prompt(name)
    (tmp_path / "section.md").write_text("只有 $brief", encoding="utf-8")
    with pytest.raises(AssistantError, match="变量与程序不一致"):
        load_prompt.__wrapped__("section", tmp_path)


def test_markdown_and_a_repeated_title_are_tidied_away(ctx):
    habit = json.dumps(
        {
            "text": "项目设立的必要性：\n\n1.\n**政策要求**：保障党员教育平台稳定运行。\n\n2.\n**现实需要**：平台全年稳定运行。",
            "citations": [],
        },
        ensure_ascii=False,
    )
    section = write_section(ctx, SectionKind.NECESSITY, _writer([habit]), [], [])
    assert section.text == "1.政策要求：保障党员教育平台稳定运行。\n2.现实需要：平台全年稳定运行。"


def test_every_prompt_starts_with_the_brief_so_the_local_server_reuses_its_cache(ctx):
    from assistant.drafting.sections import section_messages

    prompts = [section_messages(ctx, kind, instruction="", previous="") for kind in DRAFTED]
    shared = {(m[0].content, m[1].content.split("请为本项目撰写")[0]) for m in prompts}
    assert len(shared) == 1 and "项目名称：党员教育平台运维项目" in shared.pop()[1]
    assert all(m[1].content.split("请为本项目撰写")[1].count("\n") <= 5 for m in prompts)  # only the task differs


def test_plan_and_composition_only_where_the_brief_gives_them_and_reviewed(ctx):
    settings = load_settings()
    settings.llm.provider = LLMProvider.NONE
    bare = example_brief().model_copy(update={"plan": [], "composition": []})
    assert SectionKind.PLAN not in {
        s.kind for s in draft_brief(bare, settings, None, context=draft_context(bare, SOURCES)).sections
    }
    brief = example_brief()
    short = brief.model_copy(update={"composition": brief.composition[:2]})
    findings = draft_brief(short, settings, None, context=draft_context(short, SOURCES)).review.findings
    assert [f.message for f in findings if f.rule_id == "BUDGET-LINES-SUM"] == [
        "预算明细合计 2,500,000.00元 与当年预算 2,650,000.00元 不一致（差额 150,000.00元）。"
    ]


def test_a_fenced_reply_is_not_mistaken_for_a_cut_off_one(ctx):
    notes = []
    section = write_section(
        ctx, SectionKind.GOAL_TOTAL, _writer(["```json\n" + GOOD["goal_total"] + "\n```"]), notes, []
    )
    assert section.text == "保障党员教育平台全年稳定运行。" and notes == []


def test_a_cut_off_reply_keeps_its_complete_sentences_and_says_so(ctx):
    cut = '{"text": "保障党员教育平台全年稳定运行。开展日常运维和安全巡检。全年提交运维报'
    notes = []
    section = write_section(ctx, SectionKind.GOAL_TOTAL, _writer([cut]), notes, [])
    assert section.text == "保障党员教育平台全年稳定运行。开展日常运维和安全巡检。"
    assert [n.kind for n in notes] == [NoteKind.TRUNCATED]


def test_the_sentence_naming_an_unknown_policy_goes_with_it(ctx):
    invented = '{"text": "平台服务全市党员。根据《上海市党员教育平台管理办法》（沪委办〔2026〕99号）的要求，需开展运维。不做将影响党员教育。", "citations": []}'
    section = write_section(ctx, SectionKind.NECESSITY, _writer([invented] * 3), [], [])
    assert section.text == "平台服务全市党员。不做将影响党员教育。"


def test_without_candidate_policies_the_model_is_told_to_name_none(ctx):
    from assistant.drafting.sections import NO_POLICIES, section_messages

    bare = dataclasses.replace(ctx, policies=[])
    messages = section_messages(bare, SectionKind.NECESSITY, instruction="", previous="")
    assert NO_POLICIES in messages[1].content
    assert NO_POLICIES not in section_messages(ctx, SectionKind.NECESSITY, instruction="", previous="")[1].content


def test_text_copied_from_a_precedent_is_pointed_out(ctx):
    precedent = next(i for i in ctx.materials if "目标" in i.citation.label)
    copied = precedent.text.split("】", 1)[1][:30]
    reply = json.dumps({"text": f"保障党员教育平台全年稳定运行，{copied}。", "citations": ["S1"]}, ensure_ascii=False)
    notes = []
    write_section(ctx, SectionKind.GOAL_TOTAL, _writer([reply]), notes, [])
    borrowed = [n for n in notes if n.kind is NoteKind.BORROWED_TEXT]
    assert len(borrowed) == 1 and borrowed[0].fragment in copied and precedent.citation.caption in borrowed[0].message
    notes = []
    write_section(ctx, SectionKind.GOAL_TOTAL, _writer([GOOD["goal_total"]]), notes, [])
    assert notes == []


def test_a_cut_off_reply_has_its_escapes_read(ctx):
    cut = '{"text": "保障党员教育平台全年稳定运行。\\n开展日常运维和安全巡检。全年提交运维报'
    section = write_section(ctx, SectionKind.GOAL_TOTAL, _writer([cut]), [], [])
    assert section.text == "保障党员教育平台全年稳定运行。\n开展日常运维和安全巡检。"


def test_the_cli_progress_line_shows_the_streamed_text(capsys):
    from assistant.cli.draft_cmd import _Progress
    from assistant.drafting.chain import DraftEvent

    progress = _Progress()
    for kind, message in [("started", ""), ("delta", "保障平台"), ("delta", "稳定运行。"), ("finished", "9 字")]:
        progress(DraftEvent(kind=kind, section="项目总目标", message=message, elapsed_s=1.0))
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["[   1.0s] 开始 项目总目标", "  保障平台稳定运行。", "[   1.0s] 完成 项目总目标：9 字"]
