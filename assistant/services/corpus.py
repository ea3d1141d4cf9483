"""The corpus as the shells use it: build it from the raw exports, read it, count it."""

from __future__ import annotations

from pathlib import Path

from assistant.corpus.stats import CorpusStats, compute_stats
from assistant.corpus.store import BuildReport, Corpus, build_corpus, import_raw, source_files
from assistant.errors import InputError
from assistant.services.scope import CorpusScope


class CorpusService:
    def __init__(self, scope: CorpusScope) -> None:
        self.scope = scope

    def build(self, sources: list[Path]) -> BuildReport:
        """Copy ``sources`` (declaration files, or folders of them) into ``corpus/raw``, then parse every raw
        file into the corpus."""
        raw_dir = self.scope.corpus_dir / "raw"
        if sources:
            import_raw(_expand(sources), raw_dir)
        return build_corpus(raw_dir, self.scope.corpus_dir)

    def corpus(self) -> Corpus:
        return self.scope.current().corpus

    def stats(self) -> CorpusStats:
        return compute_stats(self.corpus().declarations)


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(source_files(path))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"找不到文件或目录：{path}", hint="请检查 --from 参数的路径")
    return files
