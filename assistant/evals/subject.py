"""Drafting eval: does a draft stay on its project? (issue 22) — over evals/drafting/briefs, test half reported.

Per brief (``evals/drafting/cases.yaml``: its half and the library policies a reviewer accepts for it), the
product drafts and the draft is judged here, by rules of the eval's own, not by the product's subject
matching:
- ``foreign_basis``: 立项依据 entries that are library policies outside the accepted list (the user's own
  policies are always accepted);
- ``foreign_sentences``: 必要性 sentences naming such a policy, or using an object of the seed corpus's
  projects (``corpus_domains``) that the brief does not use;
- ``goal_copies``: 项目总目标/年度绩效目标 of which 60% or more is the brief's 主要内容 (runs of six characters
  or more found verbatim);
- ``fitting_basis``: 立项依据 entries that are accepted library policies the brief did not name itself (recall:
  0 on a brief whose kind the library covers means the draft asked the user instead);
- ``necessity_pastes``: 必要性 that reproduces 40% or more of the brief's 主要内容 (the work plan pasted as
  its reason; a 必要性 quoting the brief's one or two reason sentences stays under it);
- whole-draft seconds and the first visible content (the rule-made parts; the first streamed prose).
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from assistant.domain.brief import Brief, load_brief
from assistant.domain.model import SectionKind
from assistant.domain.policy import PolicyReference, find_policy, policies_cited_in
from assistant.domain.text import SENTENCE_ENDS, sentences
from assistant.drafting.chain import DraftEvent
from assistant.drafting.context import build_context
from assistant.drafting.models import Draft
from assistant.drafting.necessity import work_plan
from assistant.errors import AssistantError
from assistant.evals.cache import case_key
from assistant.evals.scoring import Score
from assistant.evals.suites import percentile
from assistant.review.checks_relevance import ReviewContext
from assistant.services.writing import draft_brief
from assistant.suggest.suggest import suggest

COPIED = 0.6
PASTED = 0.4  # a 必要性 that reproduces this share of the brief's work plan (主要内容 less its reasons) pastes it
COPIED_RUN = 6
_SPACE = re.compile(r"\s+")
GOALS = (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL)


@dataclass(frozen=True)
class SubjectCase:
    name: str
    split: str
    fitting: frozenset[str]
    brief: Path
    batch: int = 1  # 2: the held-out briefs written after the first ten were tuned on


@dataclass(frozen=True)
class SubjectSet:
    cases: list[SubjectCase]
    domains: list[str]


def load_cases(evals_dir: Path) -> SubjectSet:
    """The cases of ``evals_dir/drafting/cases.yaml``, test half first; an empty set where there is none."""
    path = evals_dir / "drafting" / "cases.yaml"
    if not path.is_file():
        return SubjectSet([], [])
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = [
        SubjectCase(
            name,
            spec["split"],
            frozenset(spec.get("fitting") or []),
            path.parent / "briefs" / f"{name}.yaml",
            int(spec.get("batch", 1)),
        )
        for name, spec in data["cases"].items()
    ]
    return SubjectSet(sorted(cases, key=lambda c: c.split != "test"), list(data.get("corpus_domains") or []))


def copied_share(text: str, source: str) -> float:
    """Share of ``text`` (whitespace ignored) in runs of ``COPIED_RUN`` characters or more found in ``source``."""
    a, b = _SPACE.sub("", text), _SPACE.sub("", source)
    if not a or not b:
        return 0.0
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(x.size for x in blocks if x.size >= COPIED_RUN) / len(a)


def judge(draft: Draft, case: SubjectCase, domains: list[str], policies: list[PolicyReference]) -> dict[str, float]:
    brief = draft.brief
    own = _own_policies(brief, policies)
    accepted = case.fitting | own
    foreign_basis = sum(1 for b in draft.basis if b.policy_id is not None and b.policy_id not in accepted)
    fitting_basis = sum(1 for b in draft.basis if b.policy_id is not None and b.policy_id in case.fitting - own)
    brief_words = "\n".join([brief.name, brief.content, *brief.policies])
    necessity = draft.section(SectionKind.NECESSITY)
    foreign_sentences = 0
    for sentence in sentences(necessity.text if necessity else "", ends="", breaks=SENTENCE_ENDS):
        named = {p.id for p in policies_cited_in(policies, sentence)} - accepted
        borrowed = [w for w in domains if w in sentence and w not in brief_words]
        foreign_sentences += bool(named or borrowed)
    goals = [s.text for k in GOALS if (s := draft.section(k)) is not None]
    copies = sum(1 for g in goals if copied_share(g, brief.content) >= COPIED)
    plan = work_plan(brief)  # the brief's reasons restated are what a 必要性 is made of; its work plan is not
    pasted = int(necessity is not None and bool(plan) and copied_share(plan, necessity.text) >= PASTED)
    return {
        "foreign_basis": foreign_basis,
        "foreign_sentences": foreign_sentences,
        "goal_copies": copies,
        "necessity_pastes": pasted,
        "fitting_basis": fitting_basis,
    }


def _own_policies(brief: Brief, policies: list[PolicyReference]) -> set[str]:
    named = {p.id for written in brief.policies if (p := find_policy(policies, written)) is not None}
    return named | {p.id for p in policies_cited_in(policies, brief.text())}


def subject_case(env, case: SubjectCase, domains: list[str]) -> Score:
    """One brief drafted by the product (cached by input hash like the other drafting cases)."""
    brief = load_brief(case.brief)
    key = case_key(
        suite="subject",
        case=case.name,
        system="ours",
        brief=brief.model_dump_json(),
        expect=f"{sorted(case.fitting)}{domains}",
        model=env.model,
        code=env.code_digest,
        settings={"provider": env.suite.settings.llm.effective_provider().value},
    )
    found = env.cache.get(key)
    if found is not None:
        return Score(**found)
    result = _run(env, case, brief, domains)
    env.cache.put(key, asdict(result))
    return result


def _run(env, case: SubjectCase, brief: Brief, domains: list[str]) -> Score:
    review_ctx = ReviewContext.from_declarations(env.corpus.declarations, env.policies)
    started = time.perf_counter()  # retrieval and suggestions count: the user waits for them too
    ctx = build_context(brief, suggest(brief, env.full_bank), env.corpus, env.policies, finder=env.finder)
    seen: dict[str, float] = {}

    def on_event(event: DraftEvent) -> None:
        seen.setdefault(event.kind, round(time.perf_counter() - started, 2))

    try:
        draft = draft_brief(brief, env.suite.settings, env.runtime, context=(ctx, review_ctx), on_event=on_event)
    except AssistantError as exc:
        return _score(case, time.perf_counter() - started, {}, failure=exc.message)
    seconds = time.perf_counter() - started
    extra = judge(draft, case, domains, env.policies)
    extra |= {"first_ready_s": seen.get("ready", seconds), "first_prose_s": seen.get("delta", seconds)}
    usage = [u.model_dump() for u in draft.usage]
    errors = sum(f.severity.value == "error" for f in draft.review.findings) if draft.review else 0
    return _score(case, seconds, extra, usage=usage, review_errors=errors)


def _score(
    case: SubjectCase,
    seconds: float,
    extra: dict[str, float],
    *,
    failure: str = "",
    usage: list[dict] | None = None,
    review_errors: int = 0,
) -> Score:
    return Score(
        case=case.name,
        system="ours",
        schema_valid=not failure,
        review_errors=review_errors,
        invented_figures=0,
        invented_policies=0,
        caught=0,
        covered=0,
        required=0,
        seconds=round(seconds, 2),
        prompt_tokens=sum(u["prompt_tokens"] for u in usage or []),
        completion_tokens=sum(u["completion_tokens"] for u in usage or []),
        retries=sum(max(u["attempts"] - 1, 0) for u in usage or []),
        sections=usage or [],
        extra=extra | {"split_test": int(case.split == "test"), "batch": case.batch},
        failure=failure,
    )


def figures(scores: list[Score], split: str, batch: int | None = None) -> dict[str, float]:
    """Counts and times over one half (``test`` or ``tune``), of one batch of briefs where ``batch`` is given."""
    group = [s for s in scores if s.extra.get("split_test", 0) == (split == "test")]
    group = [s for s in group if batch is None or s.extra.get("batch", 1) == batch]
    if not group:
        return {}
    seconds = [s.seconds for s in group]
    return {
        "cases": len(group),
        "failed": sum(1 for s in group if s.failure),
        "foreign_basis": sum(s.extra.get("foreign_basis", 0) for s in group),
        "foreign_sentences": sum(s.extra.get("foreign_sentences", 0) for s in group),
        "goal_copies": sum(s.extra.get("goal_copies", 0) for s in group),
        "necessity_pastes": sum(s.extra.get("necessity_pastes", 0) for s in group),
        "no_fitting_basis": sum(1 for s in group if not s.failure and not s.extra.get("fitting_basis", 0)),
        "draft_p50_s": percentile(seconds, 50),
        "draft_p95_s": percentile(seconds, 95),
        "draft_max_s": max(seconds),
        "first_ready_max_s": max(s.extra.get("first_ready_s", 0) for s in group),
        "first_prose_p50_s": percentile([s.extra.get("first_prose_s", 0) for s in group], 50),
    }


def markdown(scores: list[Score]) -> list[str]:
    """The report's section: per half, the counts and times; then one row per case."""
    lines = [
        "## 3b. 起草：是否紧扣本项目（语料库没有的项目类型）",
        "",
        "简报在 `evals/drafting/briefs/`（语料库没有的项目类型），评判标准在 `evals/drafting/cases.yaml`；"
        "数字以 test 半为准（tune 半在开发时看过）。",
        "",
        "| 半（批次） | 简报 | 立项依据中的外来政策 | 必要性中的外来句子 | 目标≥60%照抄简报 | 必要性照搬主要内容≥40% | 立项依据未从政策库找到相符政策（份） | 起草 p50 / p95 / max（秒） | 规则部分出现（最慢，秒） | 首段正文 p50（秒） |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for split, batch in ((h, b) for h in ("test", "tune") for b in (None, 1, 2)):
        f = figures(scores, split, batch)
        if f:
            label = split if batch is None else f"{split}（第{batch}批）"
            lines.append(
                f"| {label} | {f['cases']:.0f} | {f['foreign_basis']:.0f} | {f['foreign_sentences']:.0f} | "
                f"{f['goal_copies']:.0f} | {f['necessity_pastes']:.0f} | {f['no_fitting_basis']:.0f} | {f['draft_p50_s']:.1f} / {f['draft_p95_s']:.1f} / {f['draft_max_s']:.1f} | "
                f"{f['first_ready_max_s']:.1f} | {f['first_prose_p50_s']:.1f} |"
            )
    lines += [
        "",
        "| 简报 | 半（批次） | 外来政策 | 外来句子 | 照抄目标 | 照搬必要性 | 相符政策 | 秒 | 失败 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        e = s.extra
        lines.append(
            f"| {s.case} | {'test' if e.get('split_test') else 'tune'}{e.get('batch', 1)} | {e.get('foreign_basis', '—')} | "
            f"{e.get('foreign_sentences', '—')} | {e.get('goal_copies', '—')} | {e.get('necessity_pastes', '—')} | {e.get('fitting_basis', '—')} | {s.seconds:.1f} | {s.failure or ''} |"
        )
    return [*lines, ""]
