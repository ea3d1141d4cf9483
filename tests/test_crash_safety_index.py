"""kill -9 during an index update, with real processes: `assistant index build` after the corpus gained declarations
is killed with SIGKILL at points read from its own progress (between batches, and after the last one while it
finishes: deletions, the BM25 file, the marker), each time from the same saved index. After each kill the index opens, still
holds every document it held before (nothing lost, nothing foreign), and its marker never names the new corpus
unless it holds all of it; the next `index build` finishes the job: exactly the corpus, on both sides, searchable."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from web_support import REPO

KEEP_POLICIES = 6  # a small policy library keeps the index small (the embedding is the slow part)
CHECK = r"""
import json
from assistant.retrieval.documents import corpus_documents
from assistant.services.index import open_index
from assistant.services.scope import CorpusScope
from assistant.services.search import SearchService, _marker
from assistant.settings import Settings

settings = Settings()
index = open_index(settings)
snapshot = CorpusScope(settings.corpus.corpus_dir).current()
service = SearchService(settings, CorpusScope(settings.corpus.corpus_dir))
found = []
if service._stored_fingerprint() == _marker(snapshot):
    found = [r.source for r in service.search("党员教育 平台", k=3, mode="bm25")]
print(json.dumps({
    "vector": sorted(index._vector_ids()),
    "bm25": sorted(index.bm25.ids()),
    "wanted": sorted(d.id for d in corpus_documents(snapshot.corpus, snapshot.policies)),
    "marked": service._stored_fingerprint() == _marker(snapshot),
    "found": found,
}))
"""


def _env(corpus: Path, data: Path) -> dict[str, str]:
    return dict(
        os.environ,
        PYTHONPATH=str(REPO),
        ASSISTANT_CORPUS__CORPUS_DIR=str(corpus),
        ASSISTANT_DATA_DIR=str(data),
        ASSISTANT_LLM__PROVIDER="none",
    )


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "assistant", *args], env=env, capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return done.stderr.decode()


def _state(env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]  # the index opens and reads after the kill
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def _killed_at(env: dict[str, str], marker: str, nth: int) -> bool:
    """Run `assistant index build`, SIGKILL it as soon as its ``nth`` stderr line containing ``marker`` appears;
    True when it was killed (False: it ended first)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "index", "build"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    seen = 0
    for line in iter(process.stderr.readline, b""):
        if marker in line.decode("utf-8", "replace"):
            seen += 1
            if seen == nth:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
                return True
    process.wait(timeout=30)
    return False


def test_index_update_killed_keeps_the_old_index_and_the_next_run_finishes(tmp_path):
    corpus, held, data = tmp_path / "corpus", tmp_path / "held", tmp_path / "data"
    shutil.copytree(REPO / "corpus", corpus)
    held.mkdir()
    for raw in sorted((corpus / "raw").glob("*.txt"))[1:3]:  # two files the corpus gains later
        shutil.move(raw, held / raw.name)
    for raw in sorted((corpus / "raw").glob("*.txt"))[1:]:
        raw.unlink()
    for policy in sorted((corpus / "policies").iterdir())[KEEP_POLICIES:]:
        policy.unlink()
    env = _env(corpus, data)
    _run(["corpus", "build"], env)
    _run(["index", "build"], env)
    old = _state(env)
    assert old["marked"] and set(old["vector"]) == set(old["bm25"]) == set(old["wanted"])
    _run(["corpus", "build", "--from", str(held)], env)  # the corpus gains two files' declarations
    saved = tmp_path / "data-before-update"
    shutil.copytree(data, saved)
    killed = []
    for marker, nth in (("已嵌入", 1), ("已嵌入", 2)):  # between batches; after the last, while it finishes
        shutil.rmtree(data)
        shutil.copytree(saved, data)
        killed.append(_killed_at(env, marker, nth))
        after = _state(env)
        new = set(after["wanted"])
        assert len(new) > len(old["wanted"]) + 64  # more than one batch to embed: the kills land mid-update
        for side in ("vector", "bm25"):
            assert set(old["vector"]) <= set(after[side]) <= new | set(old["vector"])  # nothing lost or foreign
        assert not after["marked"] or set(after["vector"]) & set(after["bm25"]) >= new
        _run(["index", "build"], env)  # the next run finishes the job
        repaired = _state(env)
        assert set(repaired["vector"]) == set(repaired["bm25"]) == new and repaired["marked"] and repaired["found"]
    print(f"\n  index build killed at its progress lines: killed {killed}; old index intact, then finished each time")
    assert all(killed)
