"""A damaged embedded index (chroma.sqlite3 overwritten) is named as such, and `index build` rebuilds it (red team
rt6 finding 5): real CLI processes, a small real corpus, the real embedding model."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from web_support import REPO

KEEP_POLICIES = 3  # a small policy library keeps the index small (the embedding is the slow part)


def _env(corpus: Path, data: Path) -> dict[str, str]:
    return dict(
        os.environ,
        PYTHONPATH=str(REPO),
        ASSISTANT_CORPUS__CORPUS_DIR=str(corpus),
        ASSISTANT_DATA_DIR=str(data),
        ASSISTANT_LLM__PROVIDER="none",
    )


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], env=env, capture_output=True, text=True, timeout=600
    )


def test_a_damaged_index_is_named_and_index_build_rebuilds_it(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(REPO / "corpus", corpus)
    for raw in sorted((corpus / "raw").glob("*.txt"))[1:]:
        raw.unlink()
    for policy in sorted((corpus / "policies").iterdir())[KEEP_POLICIES:]:
        policy.unlink()
    env = _env(corpus, data)
    assert _run(["corpus", "build"], env).returncode == 0
    assert _run(["index", "build"], env).returncode == 0
    database = data / "chroma" / "chroma.sqlite3"
    with database.open("r+b") as handle:  # the fault: the file's header overwritten
        handle.write(os.urandom(100))

    searched = _run(["search", "满意度"], env)
    out = searched.stdout + searched.stderr
    assert searched.returncode != 0 and "检索索引已损坏" in out and "assistant index build" in out, out
    assert "程序内部出错" not in out and "InternalError" not in out

    built = _run(["index", "build"], env)
    out = built.stdout + built.stderr
    assert built.returncode == 0, out
    assert "检索索引已损坏" in out and "chroma.damaged-" in out, out
    assert [p.name for p in data.glob("chroma.damaged-*")], "the damaged index is kept aside, not deleted"
    again = _run(["search", "满意度", "--json"], env)
    assert again.returncode == 0 and '"source"' in again.stdout, again.stdout + again.stderr
