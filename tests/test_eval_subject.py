"""The drafting eval's own judge of staying on the project (evals/drafting/cases.yaml): it counts the issue's
defects in the issue's drafts, and none in drafts that stay on their project."""

from __future__ import annotations

from pathlib import Path

from test_review_subject import _archive_as_the_issue_drafted_it, _legislation_as_the_issue_drafted_it

from assistant.evals.subject import judge, load_cases
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SOURCES = CorpusScope(REPO / "corpus").current()
SET = load_cases(REPO / "evals")
CASES = {c.name: c for c in SET.cases}


def test_the_set_is_split_and_every_brief_exists():
    assert {c.split for c in SET.cases} == {"tune", "test"}
    assert SET.cases[0].split == "test"  # test half first
    assert all(c.brief.is_file() for c in SET.cases)
    known = {p.id for p in SOURCES.policies}
    assert all(c.fitting <= known for c in SET.cases)


def test_the_issue_s_drafts_are_counted():
    legislation = judge(_legislation_as_the_issue_drafted_it(), CASES["legislation"], SET.domains, SOURCES.policies)
    assert legislation == {
        "foreign_basis": 2,
        "foreign_sentences": 1,
        "goal_copies": 2,
        "necessity_pastes": 0,
        "fitting_basis": 0,
    }
    archive = judge(_archive_as_the_issue_drafted_it(), CASES["archive"], SET.domains, SOURCES.policies)
    assert archive == {
        "foreign_basis": 1,
        "foreign_sentences": 1,
        "goal_copies": 2,
        "necessity_pastes": 0,
        "fitting_basis": 0,
    }


def test_a_necessity_that_pastes_the_work_plan_is_counted_and_one_that_quotes_the_reasons_is_not():
    draft = _archive_as_the_issue_drafted_it()
    work = "".join(draft.brief.content.splitlines()[:2])  # the two lines of what is done
    for necessity, pasted in (
        (f"为落实《纸质档案数字化规范》等要求，{work}，有必要设立本项目。", 1),
        ("现有纸质档案老化破损，查档需调阅原件，利用效率低，亟需通过数字化实现在线查阅。有必要设立本项目。", 0),
    ):
        sections = [
            s.model_copy(update={"text": necessity}) if s.kind.value == "necessity" else s for s in draft.sections
        ]
        judged = judge(draft.model_copy(update={"sections": sections}), CASES["archive"], SET.domains, SOURCES.policies)
        assert judged["necessity_pastes"] == pasted, necessity


def test_the_second_batch_is_held_out_and_split():
    second = [c for c in SET.cases if c.batch == 2]
    assert len(second) >= 8
    assert {c.split for c in second} == {"tune", "test"}


def test_the_timing_script_reads_when_the_rule_parts_and_the_first_prose_arrived():
    import importlib.util

    spec = importlib.util.spec_from_file_location("time_drafts", REPO / "evals" / "drafting" / "time_drafts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (
        "[   0.0s] 检索 检索：相似项目 2 个\n"
        "[   0.4s] 已生成 立项依据、指标表：\n  《甲》\n"
        "[   0.5s] 开始 项目概况\n  本项目由某单位实施\n"
        "[  12.5s] 完成 项目概况：80 字\n"
    )
    arrivals = [
        (0, 3.0),
        (text.index("[   0.4s]"), 3.5),
        (text.index("  本项目"), 9.0),
        (text.index("[  12.5s]"), 15.0),
    ]
    assert module._read_progress(text, arrivals) == (3.5, 9.0, 12.5)
