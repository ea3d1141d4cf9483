"""`assistant eval`: run every suite, then the drafting evals (product and baseline), with a progress bar.

Finished drafting cases are cached by input hash (``CaseCache``), so a run that was interrupted
picks up where it stopped; the suites themselves take seconds and always run again.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from langchain_core.messages import HumanMessage

from assistant.evals import drafting, subject, suites
from assistant.evals.baseline import Hits
from assistant.evals.cache import BudgetCache, OverBudget
from assistant.evals.scoring import Score
from assistant.evals.suites import SuiteEnv, SuiteResult
from assistant.llm.runtime import LLMRuntime
from assistant.settings import REPO_ROOT, LLMProvider, Settings

SUITES: dict[str, tuple[str, Callable[[SuiteEnv], SuiteResult]]] = {
    "retrieval": ("检索", suites.run_retrieval),
    "indicators": ("指标建议（留一法）", suites.run_indicators),
    "types": ("指标建议（项目类型简报）", suites.run_types),
    "review": ("审核", suites.run_review),
    "qa": ("问答", suites.run_qa),
    "qa-officer": ("问答（科室提问，按类）", suites.run_qa_officer),
    "store": ("草稿库", suites.run_store),
    "office": ("Word/Excel 读入模糊测试", suites.run_office),
}
DRAFTING = ("drafting-loo", "drafting-types", "drafting-subject")
ALL_PARTS = (*SUITES, *DRAFTING)


@dataclass
class EvalOptions:
    quick: bool = False
    limit: int | None = None
    skip: frozenset[str] = frozenset()
    evals_dir: Path = field(default_factory=lambda: default_evals_dir())
    cache_dir: Path | None = None  # default <data_dir>/eval-cache
    semantic_match: bool = True
    max_minutes: float | None = None  # no new drafting case starts after this; cached ones still count


@dataclass
class EvalRun:
    meta: dict[str, object]
    suites: list[SuiteResult]
    loo: dict[str, list[Score]] = field(default_factory=dict)
    types: dict[str, list[Score]] = field(default_factory=dict)
    subject: list[Score] = field(default_factory=list)  # briefs of kinds the corpus lacks: does a draft stay on them
    skipped: dict[str, str] = field(default_factory=dict)
    unfinished: list[str] = field(default_factory=list)  # drafting cases left out when the time budget ran out


class Progress(Protocol):
    """What the runner reports: the CLI draws a rich progress bar, tests pass nothing."""

    def start(self, total: int) -> None: ...
    def step(self, label: str) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def step(self, label: str) -> None:
        pass


def default_evals_dir() -> Path:
    """The checkout's evals/ folder: the current directory's if it has one, else next to the package."""
    here = Path.cwd() / "evals"
    return here if (here / "indicators").is_dir() else REPO_ROOT / "evals"


def run_eval(settings: Settings, options: EvalOptions, progress: Progress | None = None) -> EvalRun:
    progress = progress or _Silent()
    settings = _patient(settings)
    env = SuiteEnv(options.evals_dir, settings, options.quick, options.limit, options.semantic_match)
    started = time.perf_counter()
    runtime = env.services.runtime if env.services.runtime.enabled else None
    try:
        meta = describe(settings, options, runtime)
        deadline = started + 60 * options.max_minutes if options.max_minutes is not None else None
        cache = BudgetCache(options.cache_dir or settings.data_dir / "eval-cache", deadline=deadline)
        run = EvalRun(meta=meta, suites=[])
        retriever = _retriever(settings) if runtime is not None and not set(DRAFTING) <= options.skip else None
        hits = _hits(retriever) if retriever is not None else None
        denv = drafting.open_env(env, runtime, hits, cache, str(meta["model"]), finder=retriever)
        loo_cases = [] if "drafting-loo" in options.skip else drafting.loo_declarations(denv)
        type_cases = [] if "drafting-types" in options.skip else drafting.type_cases(denv)
        subjects = subject.load_cases(options.evals_dir)
        subject_cases = [] if "drafting-subject" in options.skip else subjects.cases[: options.limit or None]
        progress.start(len(SUITES) + 2 * (len(loo_cases) + len(type_cases)) + len(subject_cases))
        for key, (title, run_suite) in SUITES.items():
            run.suites.append(
                suites.skipped(key, title, "按 --skip 跳过")
                if key in options.skip
                else suites.timed(key, title, lambda: run_suite(env))  # noqa: B023 - called within this iteration
            )
            progress.step(f"{title}：完成")
        run.loo = _collect(
            progress,
            "留一法起草",
            loo_cases,
            lambda d: cache.started(drafting.loo_case, denv, d),
            lambda d: d.id,
            run.unfinished,
        )
        run.types = _collect(
            progress,
            "类型简报起草",
            type_cases,
            lambda c: cache.started(drafting.type_case, denv, *c),
            lambda c: c[0],
            run.unfinished,
        )
        for case in subject_cases:
            cache.begin_case()
            try:
                run.subject.append(subject.subject_case(denv, case, subjects.domains))
            except OverBudget:
                run.unfinished.append(f"主题简报起草：{case.name}")
            progress.step(f"主题简报起草：{case.name} 完成")
        run.skipped = {p: "按 --skip 跳过" for p in DRAFTING if p in options.skip}
        meta["cache_hits"] = cache.hits
        meta["seconds"] = round(time.perf_counter() - started, 1)
        return run
    finally:
        env.services.close()


EVAL_TIMEOUT_S = 1800.0


def _patient(settings: Settings) -> Settings:
    """A request timeout long enough for the baseline's one long reply on a busy 2-core machine (both systems get it)."""
    llm = settings.llm.model_copy(update={"timeout_s": max(settings.llm.timeout_s, EVAL_TIMEOUT_S)})
    return settings.model_copy(update={"llm": llm})


def _collect(
    progress: Progress, label: str, cases: list, run_case: Callable, name: Callable, unfinished: list[str]
) -> dict[str, list[Score]]:
    """Both systems' scores per case; a case is kept only whole, so both systems are judged on the same cases."""
    found: dict[str, list[Score]] = {system: [] for system in drafting.SYSTEMS}
    for case in cases:
        results = []
        try:
            for system, result in zip(drafting.SYSTEMS, run_case(case), strict=True):
                progress.step(f"{label}：{name(case)} · {'本产品' if system == 'ours' else '基线'} 完成")
                results.append((system, result))
        except OverBudget:
            unfinished.append(f"{label}：{name(case)}")
            continue
        for system, result in results:
            found[system].append(result)
    return found


def _retriever(settings: Settings):
    """The hybrid retriever over the retrieval eval's index (built if missing), for the product's precedents
    and the baseline's chunks."""
    return suites.retrieval_retriever(suites.retrieval_settings(settings))


def _hits(retriever) -> Hits:
    return lambda query, k: [
        (h.metadata.get("declaration_id"), h.text) for h in retriever.index.search(query, k=k, mode="hybrid")
    ]


def describe(settings: Settings, options: EvalOptions, runtime: LLMRuntime | None) -> dict[str, object]:
    """Date, machine, model and settings, stamped on the report; the local model is warmed up here."""
    llm = settings.llm
    provider = llm.effective_provider()
    model = "rules（无模型）"
    if runtime is not None:
        from assistant.services.writing import EMBEDDED_MODEL_NAME

        model = llm.model or (EMBEDDED_MODEL_NAME if provider is LLMProvider.LOCAL else "?")
        started = time.perf_counter()
        runtime.complete([HumanMessage("你好")], max_tokens=1)  # pages the model in: not counted in any case
        warmup = round(time.perf_counter() - started, 1)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} 核，内存 {_memory_gib():.1f} GiB，{platform.machine()}，Python {platform.python_version()}",
        "model": model,
        "provider": provider.value,
        "commit": _commit(),
        "settings": {
            "temperature": llm.temperature,
            "timeout_s": llm.timeout_s,
            "n_ctx": llm.n_ctx,
            "n_threads": llm.n_threads,
            "max_retries": llm.max_retries,
            "local_json_grammar": llm.local_json_grammar,
            "quick": options.quick,
            "limit": options.limit,
            "skip": sorted(options.skip),
            "semantic_match": options.semantic_match,
            "max_minutes": options.max_minutes,
        },
        "warmup_s": warmup if runtime is not None else None,
        "command": "assistant eval " + " ".join(sys.argv[2:])
        if len(sys.argv) > 1 and sys.argv[1] == "eval"
        else "assistant eval",
    }


def _memory_gib() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        return 0.0


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return "?"
    return out.stdout.strip() or "?"
