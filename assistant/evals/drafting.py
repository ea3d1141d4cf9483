"""Drafting evals: leave-one-out over the corpus declarations, and the project-type briefs; product and baseline.

Leave-one-out, per declaration D: the brief is derived from D exactly as the indicator eval derives it
(``brief_from``: name, year, department, kind, budget, the first sentences of its overview); D is
hidden from the product's precedents (the hybrid retriever's hits are read back from a corpus of the
other declarations, so D's never show), indicator bank and review context, and from the baseline's
retrieved chunks (D's documents are filtered out).
Scores: ``assistant.evals.scoring`` for both systems, plus the indicator eval's own matching (F1,
value agreement) and character-bigram similarity of each drafted section to D's real text.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

from assistant.corpus.store import Corpus
from assistant.domain.brief import Brief, load_brief
from assistant.domain.model import Declaration
from assistant.domain.policy import PolicyReference
from assistant.domain.values import parse_value
from assistant.drafting.context import DraftContext, build_context
from assistant.errors import AssistantError
from assistant.evals.baseline import Hits, chunks_for, run_baseline
from assistant.evals.cache import CaseCache, case_key
from assistant.evals.candidate import SCORED_SECTIONS, Candidate, failed, from_draft
from assistant.evals.scoring import Score, jaccard, score
from assistant.evals.suites import SuiteEnv, load_script
from assistant.llm.runtime import LLMRuntime
from assistant.retrieval.finder import Finder
from assistant.review.checks_relevance import ReviewContext
from assistant.services.writing import draft_brief
from assistant.settings import REPO_ROOT
from assistant.suggest.bank import IndicatorBank, build_bank
from assistant.suggest.suggest import suggest

SYSTEMS = ("ours", "baseline")
QUICK_DECLARATIONS = 2
QUICK_BRIEFS = 2


@dataclass
class DraftingEnv:
    suite: SuiteEnv
    runtime: LLMRuntime | None  # None: provider none (rules sections, no baseline)
    hits: Hits | None  # the hybrid retriever's hits for the baseline; None without a model
    cache: CaseCache
    model: str  # what the cache key and the report name
    corpus: Corpus
    policies: list[PolicyReference]
    full_bank: IndicatorBank
    indicators: ModuleType  # evals/indicators/run.py
    types: ModuleType  # evals/indicators/types/run.py
    embeddings: object | None  # the indicator eval's EmbeddingCache, or None for exact matching only
    finder: Finder | None = None  # the hybrid retriever for the product's precedents; None: the bank's

    @property
    def code_digest(self) -> str:
        return _digest(REPO_ROOT)


def open_env(
    suite: SuiteEnv,
    runtime: LLMRuntime | None,
    hits: Hits | None,
    cache: CaseCache,
    model: str,
    *,
    finder: Finder | None = None,
) -> DraftingEnv:
    ind = load_script(suite.evals_dir, "indicators/run.py")
    return DraftingEnv(
        suite=suite,
        runtime=runtime,
        hits=hits,
        cache=cache,
        model=model,
        corpus=suite.sources.corpus,
        policies=suite.sources.policies,
        full_bank=suite.sources.bank,
        indicators=ind,
        types=load_script(suite.evals_dir, "indicators/types/run.py"),
        embeddings=ind.default_cache(suite.settings.data_dir) if suite.semantic_match else None,
        finder=finder,
    )


def loo_declarations(env: DraftingEnv) -> list[Declaration]:
    decls = env.corpus.declarations
    n = env.suite.limit or (QUICK_DECLARATIONS if env.suite.quick else None)
    return _spread(decls, n) if n else decls


def type_cases(env: DraftingEnv) -> list[tuple[str, object]]:
    """Project-type briefs, test half first (not tuned on); quick and limited runs take the first few."""
    cases = env.types.load_cases("test") + env.types.load_cases("tune")
    n = env.suite.limit or (QUICK_BRIEFS if env.suite.quick else None)
    return cases[:n] if n else cases


def _spread(items: list, n: int) -> list:
    """``n`` items spread over the list (different years and issuers rather than the first file's)."""
    step = max(len(items) // n, 1)
    return items[::step][:n]


# -- one case ---------------------------------------------------------------------------------------


def loo_case(env: DraftingEnv, decl: Declaration) -> Iterator[Score]:
    others = [d for d in env.corpus.declarations if d.id != decl.id]
    brief = env.indicators.brief_from(decl)
    review_ctx = ReviewContext.from_declarations(others)
    for system in SYSTEMS:
        key = case_key(
            suite="loo",
            case=decl.id,
            system=system,
            brief=brief.model_dump_json(),
            model=env.model,
            code=env.code_digest,
            settings=_draft_settings(env),
            held_out=[d.id for d in others],
        )
        yield _cached(env, key, lambda: _loo_score(env, decl, brief, others, review_ctx, system))  # noqa: B023 - called within this iteration


def _loo_score(
    env: DraftingEnv, decl: Declaration, brief: Brief, others: list[Declaration], review_ctx: ReviewContext, system: str
) -> Score:
    if system == "ours":
        # D is hidden from the hybrid retriever too: build_context shows only declarations of the corpus it is given
        ctx = build_context(brief, suggest(brief, build_bank(others)), Corpus(others), env.policies, finder=env.finder)
        candidate = _ours(env, brief, ctx, review_ctx)
    else:
        candidate = _baseline(env, brief, exclude=decl.id)
    result = score(decl.id, candidate, brief, env.policies, review_ctx)
    result.extra = _indicator_figures(env, decl, candidate) | _similarity(decl, candidate)
    return result


def type_case(env: DraftingEnv, name: str, case: Any) -> Iterator[Score]:
    brief = load_brief(env.types.HERE / case.brief)
    review_ctx = ReviewContext.from_declarations(env.corpus.declarations, env.policies)
    for system in SYSTEMS:
        key = case_key(
            suite="types",
            case=name,
            system=system,
            brief=brief.model_dump_json(),
            expect=case.model_dump_json(),
            model=env.model,
            code=env.code_digest,
            settings=_draft_settings(env),
        )
        yield _cached(env, key, lambda: _type_score(env, name, case, brief, review_ctx, system))  # noqa: B023 - called within this iteration


def _type_score(env: DraftingEnv, name: str, case: Any, brief: Brief, review_ctx: ReviewContext, system: str) -> Score:
    if system == "ours":
        candidate = _ours(
            env,
            brief,
            build_context(brief, suggest(brief, env.full_bank), env.corpus, env.policies, finder=env.finder),
            review_ctx,
        )
    else:
        candidate = _baseline(env, brief, exclude=None)
    result = score(name, candidate, brief, env.policies, review_ctx)
    rows = [
        SimpleNamespace(name=r.name, level1=r.level1, value=SimpleNamespace(value=r.value, unit=_value(r.value).unit))
        for r in candidate.rows
    ]
    judged = env.types.judge(name, case, SimpleNamespace(suggestions=rows, project_type=None))
    result.extra = {
        "rows": judged.rows,
        "kept": judged.kept,
        "figures_used": judged.figures[0],
        "figures_expected": judged.figures[1],
        "must": judged.must[0],
        "must_expected": judged.must[1],
        "cost_level": int(judged.cost_level),
        "forbidden": len(judged.forbidden),
        "split_test": int(case.split == "test"),
    }
    return result


def _cached(env: DraftingEnv, key: str, run: Callable[[], Score]) -> Score:
    found = env.cache.get(key)
    if found is not None:
        return Score(**found)
    result = run()
    env.cache.put(key, asdict(result))
    return result


def _ours(env: DraftingEnv, brief: Brief, ctx: DraftContext, review_ctx: ReviewContext) -> Candidate:
    material = [i.text for i in ctx.materials] + [p.text for p in ctx.policies]
    started = time.perf_counter()
    try:
        draft = draft_brief(brief, env.suite.settings, env.runtime, context=(ctx, review_ctx))
    except AssistantError as exc:  # retries ran out: the product gave no draft
        return failed("ours", exc.message, time.perf_counter() - started)
    return from_draft(draft, material, time.perf_counter() - started)


def _baseline(env: DraftingEnv, brief: Brief, *, exclude: str | None) -> Candidate:
    if env.runtime is None or env.hits is None:
        return failed("baseline", "未运行：没有语言模型（--llm none）", 0.0)
    return run_baseline(brief, chunks_for(brief, env.hits, exclude=exclude), env.runtime)


# -- figures against the real declaration -----------------------------------------------------------


def _indicator_figures(env: DraftingEnv, decl: Declaration, c: Candidate) -> dict[str, float]:
    ind = env.indicators
    proposed = [ind.Item(r.name, r.level2, _value(r.value)) for r in c.rows]
    truth = ind.truth_of(decl)
    key = ind.template_keys(env.full_bank, {i.name for i in (*proposed, *truth)})
    o = ind.outcome(proposed, truth, decl.header.year or 0, key, env.embeddings)
    return {"proposed": o.proposed, "truth": o.truth, "matched": o.matched, "agreeing": o.agreeing}


def _similarity(decl: Declaration, c: Candidate) -> dict[str, float]:
    """Bigram Jaccard per drafted section where D has real text (2021+ forms have only the goals)."""
    return {
        f"sim.{kind.label}": round(jaccard(c.sections.get(kind, ""), real), 4)
        for kind in SCORED_SECTIONS
        if (real := decl.section_text(kind).strip())
    }


def _value(text: str):
    return parse_value(text)


def _draft_settings(env: DraftingEnv) -> dict[str, object]:
    llm = env.suite.settings.llm
    return {
        "provider": llm.effective_provider().value,
        "temperature": llm.temperature,
        "retries": llm.max_retries,
        "n_ctx": llm.n_ctx,
    }


@cache
def _digest(repo: Path) -> str:
    """What a cached case's figures depend on in code: drafting, suggestions, review, domain, prompts, and the
    eval's own drafting and scoring modules (not the report's layout, so a report fix keeps the cache)."""
    h = hashlib.sha256()
    for folder in (
        "assistant/drafting",
        "assistant/suggest",
        "assistant/review",
        "assistant/domain",
        "assistant/llm",
        "prompts",
    ):
        for path in sorted((repo / folder).rglob("*")):
            if path.suffix in (".py", ".md", ".txt", ".yaml") and path.is_file():
                h.update(path.read_bytes())
    for name in ("baseline.py", "candidate.py", "scoring.py", "drafting.py", "subject.py"):
        h.update((repo / "assistant" / "evals" / name).read_bytes())
    return h.hexdigest()[:16]
