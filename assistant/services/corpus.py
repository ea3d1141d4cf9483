"""The corpus as the shells use it: build it from the raw exports, read it, count it, open what an answer cites."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.corpus.folder import HINT, why_not_readable
from assistant.corpus.stats import CorpusStats, compute_stats
from assistant.corpus.store import (
    BuildReport,
    Corpus,
    Imported,
    Progress,
    build_corpus,
    import_raw,
    source_files,
    source_scan,
)
from assistant.domain.model import Declaration
from assistant.domain.policy import PolicyReference
from assistant.domain.refs import policy_id, source_text
from assistant.errors import AssistantError, InputError, printable
from assistant.services.scope import CorpusScope

_log = logging.getLogger(__name__)
_LOCK_WAIT_S = 600


@dataclass(frozen=True)
class CitedSource:
    """What a citation's ``ref`` points at: a declaration (with the cited part, e.g. ``necessity``, ``indicator-3``,
    ``funding.total``, ``header``; None for the whole form) or a policy of the library."""

    ref: str
    declaration: Declaration | None = None
    part: str | None = None
    policy: PolicyReference | None = None


class CorpusService:
    def __init__(self, scope: CorpusScope) -> None:
        self.scope = scope

    def build(
        self, sources: list[Path], progress: Progress | None = None, *, added_by: str | None = None
    ) -> BuildReport:
        """Copy ``sources`` into ``corpus/raw``, then parse every raw file into the corpus. A source that does not
        parse is not copied (it is in the report's ``failed``); when the build refuses (ids clash), the copies are
        taken back, so a failed import leaves the corpus as it was. A declaration already in the corpus is never
        replaced: a new copy of it is in the report's ``duplicates`` (with what differs), and a new file holding
        only such copies is taken back (``not_added``). ``added_by`` (the signed-in web user) is recorded in the
        manifest for each file copied."""
        self.scope.corpus_dir.mkdir(parents=True, exist_ok=True)
        # One build at a time over this corpus (web users, a CLI run beside the web): two adds of files with the
        # same name at once otherwise both passed the name check and one was lost unsaid (red team rt14 F2).
        lock = FileLock(self.scope.corpus_dir / ".build.lock", timeout=_LOCK_WAIT_S)
        try:
            with lock:
                return self._build(sources, progress, added_by=added_by)
        except Timeout:
            raise InputError(
                f"语料库正在被另一项加入操作更新，等待 {_LOCK_WAIT_S // 60} 分钟仍未完成，本次未加入任何文件",
                hint="请稍后重试",
            ) from None

    def _build(self, sources: list[Path], progress: Progress | None, *, added_by: str | None) -> BuildReport:
        raw_dir = self.scope.corpus_dir / "raw"
        files, unreadable = _expand(sources)
        imported = import_raw(files, raw_dir) if sources else Imported()
        imported.refused.update(unreadable)
        if imported.refused and not source_files(raw_dir):
            problems = "；".join(f"{name}：{why}" for name, why in imported.refused.items())
            raise InputError(f"没有可加入语料库的申报表：{problems}", hint="请按提示修正文件后重试")
        try:
            fresh = [path.name for path in imported.copied]
            report = build_corpus(raw_dir, self.scope.corpus_dir, progress, fresh=fresh, added_by=added_by)
        except AssistantError as exc:
            for path in imported.copied:
                path.unlink(missing_ok=True)
            taken_back = (
                f"；本次复制到 corpus/raw/ 的 {len(imported.copied)} 个文件已撤回，语料库未改变"
                if imported.copied
                else ""
            )
            raise type(exc)(exc.message + taken_back, hint=exc.hint) from exc
        for name in report.not_added:
            (raw_dir / name).unlink(missing_ok=True)
        if imported.copied:
            _log.info("corpus: %s added %s", added_by or "command line", ", ".join(p.name for p in imported.copied))
        report.failed.update(imported.refused)
        return report

    def corpus(self) -> Corpus:
        return self.scope.current().corpus

    def duplicates(self, decl: Declaration) -> list[Declaration]:
        """The corpus declarations ``decl`` repeats: the same project name, year and 主管部门 (spaces ignored);
        none for a declaration without a name."""
        key = _project_key(decl)
        if not key[0]:
            return []
        return [d for d in self.corpus().declarations if _project_key(d) == key]

    def stats(self) -> CorpusStats:
        return compute_stats(self.corpus().declarations)

    def cited(self, ref: str) -> CitedSource:
        """The source a citation ``ref`` names (``2023-003-06#necessity``, ``2023-003-06#indicator-4``, ``policy:<id>``);
        `InputError` (Chinese) when the corpus or the policy library has no such source."""
        ref = (ref or "").strip()
        if (policy := policy_id(ref)) is not None:
            return CitedSource(ref=ref, policy=self._policy(policy))
        declaration_id, _, part = ref.partition("#")
        if not declaration_id:
            raise InputError("没有指定要打开的出处", hint="请点选回答中的一条出处")
        declaration = self.corpus().get(declaration_id)
        if part and source_text(self.corpus(), (), ref) is None:
            raise InputError(
                f"申报表 {declaration_id}（{declaration.header.name}）中没有{_part_label(part)}",
                hint="语料库可能已更新，请重新提问，或点选回答中的其他出处",
            )
        return CitedSource(ref=ref, declaration=declaration, part=part or None)

    def _policy(self, policy_id: str) -> PolicyReference:
        found = next((p for p in self.scope.current().policies if p.id == policy_id), None)
        if found is None:
            raise InputError(f"政策库中没有编号为 {policy_id} 的文件", hint="语料库可能已更新，请重新提问")
        return found


def _project_key(decl: Declaration) -> tuple[str, int | None, str]:
    header = decl.header
    return ("".join(header.name.split()), header.year, "".join((header.department or "").split()))


def _part_label(part: str) -> str:
    """``indicator-999`` → ``第 999 项指标``; ``funding.total`` → ``资金栏“total”``; else ``“…”这一部分``."""
    if part.startswith("indicator-"):
        return f"第 {part.removeprefix('indicator-')} 项指标"
    if part.startswith("funding."):
        return f"资金栏“{part.removeprefix('funding.')}”"
    return f"“{printable(part)}”这一部分"


def _expand(paths: list[Path]) -> tuple[list[Path], dict[str, str]]:
    """The files to import from ``paths`` (files and folders), and name → why for each entry that cannot be read
    (a broken link, a pipe, a device: never opened); `InputError` for a path that does not exist at all."""
    files: list[Path] = []
    unreadable: dict[str, str] = {}
    for path in paths:
        if path.is_dir():
            scan = source_scan(path)
            files.extend(scan.files)
            unreadable.update(scan.unreadable)
        elif path.is_file():
            files.append(path)
        elif path.exists() or path.is_symlink():
            unreadable[path.name] = f"{why_not_readable(path)}；{HINT}"
        else:
            raise InputError(f"找不到文件或目录：{path}", hint="请检查 --from 参数的路径")
    return files, unreadable


def duplicate_lines(report: BuildReport) -> list[str]:
    """One Chinese line per duplicate left out (which file, which declaration kept, what the copy would have
    changed), then one per new file not added because it held nothing else."""
    lines = []
    for dup in report.duplicates:
        differs = f"；与已收的不同之处：{'；'.join(dup.differences)}（未采用）" if dup.differences else "；内容相同"
        lines.append(
            f"重复：{dup.source_file} 中的「{dup.name}」（{dup.year or '年度不明'}年）与 {dup.kept_file} 中的 "
            f"{dup.kept_id} 是同一项目同一年度，未重复加入，已收的 {dup.kept_id} 保持不变{differs}"
        )
    lines += [f"未加入：{name} 中的申报表语料库都已收录，该文件未复制到 corpus/raw/" for name in report.not_added]
    return lines
