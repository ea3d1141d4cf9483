"""The corpus as the shells use it: build it from the raw exports, read it, count it."""

from __future__ import annotations

from pathlib import Path

from assistant.corpus.stats import CorpusStats, compute_stats
from assistant.corpus.store import BuildReport, Corpus, Imported, build_corpus, import_raw, source_files
from assistant.errors import AssistantError, InputError
from assistant.services.scope import CorpusScope


class CorpusService:
    def __init__(self, scope: CorpusScope) -> None:
        self.scope = scope

    def build(self, sources: list[Path]) -> BuildReport:
        """Copy ``sources`` into ``corpus/raw``, then parse every raw file into the corpus. A source that does not
        parse is not copied (it is in the report's ``failed``); when the build refuses (ids clash), the copies are
        taken back, so a failed import leaves the corpus as it was."""
        raw_dir = self.scope.corpus_dir / "raw"
        imported = import_raw(_expand(sources), raw_dir) if sources else Imported()
        if imported.refused and not source_files(raw_dir):
            problems = "；".join(f"{name}：{why}" for name, why in imported.refused.items())
            raise InputError(f"没有可加入语料库的申报表：{problems}", hint="请按提示修正文件后重试")
        try:
            report = build_corpus(raw_dir, self.scope.corpus_dir)
        except AssistantError as exc:
            for path in imported.copied:
                path.unlink(missing_ok=True)
            taken_back = f"；本次复制到 corpus/raw/ 的 {len(imported.copied)} 个文件已撤回，语料库未改变" if imported.copied else ""
            raise type(exc)(exc.message + taken_back, hint=exc.hint) from exc
        report.failed.update(imported.refused)
        return report

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
