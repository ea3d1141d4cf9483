"""Save latency of the draft store: p50/p95 of `DraftStore.save` (one new version of a real rules draft,
with its field provenance) on SQLite in a temp dir and on a PostgreSQL server started for the run.

    .venv/bin/python evals/store/bench.py [--saves 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from store_support import new_postgres_database, running_postgres  # noqa: E402 - after sys.path takes the tests folder

from assistant.domain.brief import example_brief  # noqa: E402 - after sys.path takes the tests folder
from assistant.domain.model import SectionKind  # noqa: E402 - after sys.path takes the tests folder
from assistant.services import build_services  # noqa: E402 - after sys.path takes the tests folder
from assistant.services.writing import draft_brief, draft_context  # noqa: E402 - after sys.path takes the tests folder
from assistant.settings import LLMProvider, load_settings  # noqa: E402 - after sys.path takes the tests folder
from assistant.store import DraftStore  # noqa: E402 - after sys.path takes the tests folder


def _draft():
    settings = load_settings()
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"provider": LLMProvider.NONE})})
    context = draft_context(example_brief(), build_services(settings).scope.current())
    return draft_brief(example_brief(), settings, None, context=context)


def bench(url: str, saves: int) -> list[float]:
    store, draft = DraftStore(url), _draft()
    draft_id = store.create(draft, owner="bench").draft_id
    times = []
    for n in range(saves):
        sections = [
            s.model_copy(update={"text": f"{s.text}（第{n}次修改）"}) if s.kind is SectionKind.NECESSITY else s
            for s in draft.sections
        ]
        started = time.perf_counter()
        store.save(draft_id, draft.model_copy(update={"sections": sections}), expected_parent=n + 1, author="bench")
        times.append((time.perf_counter() - started) * 1000)
    store.close()
    return times


def report(name: str, times: list[float]) -> None:
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"{name:<11} saves {len(times):>4}  p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=200)
    saves = parser.parse_args().saves
    with tempfile.TemporaryDirectory() as tmp:
        report("SQLite", bench(f"sqlite:///{Path(tmp) / 'drafts.db'}", saves))
    with running_postgres() as server:
        report("PostgreSQL", bench(new_postgres_database(server), saves))


if __name__ == "__main__":
    main()
