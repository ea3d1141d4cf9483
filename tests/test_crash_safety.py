"""Crash safety with real processes: `assistant corpus build --from` and `assistant drafts import` killed with
SIGKILL at several moments (a bounded loop of delays), then checked: no half file in the corpus (every declaration
JSON reads, every raw file is whole), the store opens with every completed import intact, and a rerun of the build
leaves the corpus consistent with its manifest."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from web_support import REPO

from assistant.corpus.store import Corpus
from assistant.store import DraftStore

FRACTIONS = (0.6, 0.75, 0.85, 0.92, 0.97)  # of a whole run's time: the kills land in start-up and in the work


def _delays(args: list[str], env: dict[str, str]) -> list[float]:
    """Kill moments spread over one whole run of ``assistant ARGS`` (timed here, on this machine's load)."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "assistant", *args], env=env, capture_output=True, timeout=300)
    whole = time.monotonic() - started
    return [round(whole * f, 2) for f in FRACTIONS]


def _env(corpus: Path, data: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env |= {
        "ASSISTANT_CORPUS__CORPUS_DIR": str(corpus),
        "ASSISTANT_DATA_DIR": str(data),
        "ASSISTANT_LLM__PROVIDER": "none",
    }
    return env


def _killed(args: list[str], env: dict[str, str], delay: float) -> int | None:
    """Run ``assistant ARGS``, SIGKILL it after ``delay`` s unless it ended; its exit code, or None when killed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        return process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        return None


def test_corpus_build_killed_leaves_no_half_file(tmp_path):
    sources = tmp_path / "new"
    sources.mkdir()
    for n, path in enumerate(sorted((REPO / "corpus" / "raw").glob("*.txt"))[:3]):
        shutil.copyfile(path, sources / f"new_{n}.txt")
    outcomes = []
    timing = tmp_path / "corpus-timing"
    shutil.copytree(REPO / "corpus", timing)
    delays = _delays(["corpus", "build", "--from", str(sources)], _env(timing, tmp_path / "data-timing"))
    for delay in delays:
        corpus = tmp_path / f"corpus-{delay}"
        shutil.copytree(REPO / "corpus", corpus)
        env = _env(corpus, tmp_path / f"data-{delay}")
        outcomes.append(_killed(["corpus", "build", "--from", str(sources)], env, delay))
        for raw in (corpus / "raw").glob("new_*.txt"):  # a raw copy is whole or absent
            assert raw.read_bytes() == (sources / raw.name).read_bytes()
        Corpus.load(corpus)  # every declaration JSON reads
        assert (
            subprocess.run(
                [sys.executable, "-m", "assistant", "corpus", "build"], env=env, capture_output=True
            ).returncode
            == 0
        )
        manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
        listed = {d for f in manifest["files"] for d in f.get("declarations", [])}
        on_disk = {p.stem for p in (corpus / "declarations").glob("*.json")}
        assert listed == on_disk
    print(f"\n  corpus build killed after {delays} s: exit codes {outcomes} (None = killed); all consistent")


def test_drafts_import_killed_keeps_the_store_consistent(tmp_path):
    draft = REPO / "tests" / "fixtures" / "drafts" / "draft-v1-rules.json"
    files = []
    for n in range(20):
        copy = tmp_path / f"d{n}.json"
        shutil.copyfile(draft, copy)
        files.append(str(copy))
    data = tmp_path / "data"
    env = _env(REPO / "corpus", data)
    delays = _delays(["drafts", "import", *files], _env(REPO / "corpus", tmp_path / "data-timing"))
    outcomes = [_killed(["drafts", "import", *files], env, delay) for delay in delays]
    store = DraftStore(f"sqlite:///{data / 'drafts.db'}")
    try:
        drafts = store.list_drafts()
        for summary in drafts:
            assert store.latest(summary.id).draft.sections  # every stored draft reads whole
    finally:
        store.close()
    assert len(drafts) <= len(files) * len(delays)
    print(f"\n  drafts import killed after {delays} s: exit codes {outcomes}; {len(drafts)} drafts read back whole")


_KILLED_WHILE_MIGRATING = """
import os, signal, sys
from sqlalchemy import Engine, event
from assistant.store import DraftStore

creates = []


@event.listens_for(Engine, "after_cursor_execute")
def die_after_second_table(conn, cursor, statement, *args):
    if statement.lstrip().upper().startswith("CREATE TABLE"):
        creates.append(statement)
        if len(creates) == 2:
            os.kill(os.getpid(), signal.SIGKILL)


DraftStore("sqlite:///" + sys.argv[1])
"""


def test_a_store_killed_while_its_schema_is_created_opens_afterwards(tmp_path):
    """SIGKILL lands between two CREATE TABLE statements of a new store's first migration (deterministically, from
    inside the statement hook): the next open finds either no schema or the whole schema, never half of it."""
    db = tmp_path / "drafts.db"
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_WHILE_MIGRATING, str(db)],
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    store = DraftStore(f"sqlite:///{db}")
    try:
        assert store.list_drafts() == []
    finally:
        store.close()
