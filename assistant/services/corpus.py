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
        """Copy ``sources`` into ``corpus/raw``, then parse every raw file into the corpus. A source that does not
        parse is not copied (it is in the report's ``failed``); when none is left to build, `InputError`."""
        raw_dir = self.scope.corpus_dir / "raw"
        refused = import_raw(sources, raw_dir) if sources else {}
        if refused and not source_files(raw_dir):
            raise InputError(f"没有可加入语料库的申报表：{'；'.join(f'{n}：{why}' for n, why in refused.items())}", hint="请按提示修正文件后重试")
        report = build_corpus(raw_dir, self.scope.corpus_dir)
        report.failed.update(refused)
        return report

    def corpus(self) -> Corpus:
        return self.scope.current().corpus

    def stats(self) -> CorpusStats:
        return compute_stats(self.corpus().declarations)
