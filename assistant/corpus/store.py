"""The typed corpus on disk: ``corpus/raw/`` (seed exports), ``corpus/declarations/*.json``, ``corpus/manifest.json``.

Building is deterministic: the same raw files give byte-identical JSON, and unchanged files are not rewritten.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, ValidationError, model_serializer

from assistant.corpus.compare import differences
from assistant.corpus.folder import HINT, FolderScan, scan_folder, why_not_readable
from assistant.domain.model import Declaration, ParseNote
from assistant.domain.syntax import describe_json_error
from assistant.errors import CorpusError, InputError, describe_validation_error
from assistant.ingest.assemble import declaration_id
from assistant.ingest.text_export import HTML_SUFFIXES, ParseResult, parse_file

_log = logging.getLogger(__name__)


class FileEntry(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    file: str
    sha256: str
    declarations: list[str]
    notes: list[ParseNote]
    added_by: str | None = None  # the signed-in web user who added the file; None from the command line

    @model_serializer(mode="wrap")
    def _omit_blank_adder(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        # Files added from the command line name no user: leave the key out so their manifest stays as it was.
        data: dict[str, object] = handler(self)
        if data.get("added_by") is None:
            data.pop("added_by", None)
        return data


class Manifest(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    files: list[FileEntry]


@dataclass(frozen=True)
class Duplicate:
    """A declaration left out because another file already holds the same project and year: one already in the
    corpus, or else the first in name order. ``differences`` says, in Chinese, what the copy would have changed."""

    source_file: str
    name: str
    year: int | None
    kept_id: str
    kept_file: str
    differences: tuple[str, ...] = ()


def duplicate_key(decl: Declaration) -> tuple[str, int | None, str]:
    """The same project (name compared without spaces and with brackets of one width) of the same unit and year."""

    def key(text: str | None) -> str:
        return re.sub(r"\s+", "", text or "").replace("（", "(").replace("）", ")")

    header = decl.header
    unit = header.implementer or header.applicant or header.department
    return key(header.name), header.year, key(unit)


def drop_duplicates(results: list[ParseResult]) -> list[Duplicate]:
    """Keep the first of each project and year (``results`` in their order: the build puts the files already in
    the corpus first, so a new file never replaces a declaration there); the later copies are removed from
    ``results`` and returned, with what differs, so the build can report them."""
    seen: dict[tuple[str, int | None, str], Declaration] = {}
    found: list[Duplicate] = []
    for result in results:
        kept = []
        for decl in result.declarations:
            key = duplicate_key(decl)
            first = seen.get(key) if decl.header.name else None
            if first is None:
                seen[key] = decl
                kept.append(decl)
                continue
            found.append(
                Duplicate(
                    decl.provenance.source_file,
                    decl.header.name,
                    decl.header.year,
                    first.id,
                    first.provenance.source_file,
                    tuple(differences(first, decl)),
                )
            )
        result.declarations = kept
    return found


@dataclass
class BuildReport:
    results: list[ParseResult] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)
    not_added: list[str] = field(default_factory=list)  # new files left out whole: every declaration a duplicate

    @property
    def declarations(self) -> list[Declaration]:
        return [d for r in self.results for d in r.declarations]


@dataclass
class Imported:
    copied: list[Path] = field(default_factory=list)  # new files in corpus/raw (not those already there)
    refused: dict[str, str] = field(default_factory=dict)  # name → why, for the files that do not parse


def import_raw(sources: list[Path], raw_dir: Path) -> Imported:
    """Copy the exports that parse into ``corpus/raw`` (the corpus keeps its own copy of every source); a file
    that does not parse is not copied, so nothing is left half-imported.

    A different file of the same name already there is never replaced: `CorpusError`, nothing copied.
    """
    raw_dir.mkdir(parents=True, exist_ok=True)
    clashes = [src.name for src in sources if _clashes(raw_dir / src.name, src)]
    if clashes:
        raise CorpusError(
            f"corpus/raw/ 中已有同名但内容不同的文件：{'、'.join(clashes)}，未复制任何文件",
            hint="请把新文件改名后再导入；若要替换旧文件，请先从 corpus/raw/ 中删除它",
        )
    imported = Imported()
    for src in sources:
        outcome = _read_or_why(src)
        if isinstance(outcome, str):
            imported.refused[src.name] = f"{outcome}（该文件未复制到 corpus/raw/）"
        elif _clashes(raw_dir / src.name, src):  # appeared while this file was parsed (callers hold a lock)
            imported.refused[src.name] = (
                "corpus/raw/ 中刚出现了同名但内容不同的文件，该文件未复制到 corpus/raw/；请把文件改名后重新加入"
            )
        elif not (raw_dir / src.name).exists():
            partial = raw_dir / f".{src.name}.partial"  # copied whole, then renamed: a kill leaves no half file
            shutil.copyfile(src, partial)
            partial.replace(raw_dir / src.name)
            imported.copied.append(raw_dir / src.name)
    return imported


def _clashes(there: Path, src: Path) -> bool:
    """``there`` (in corpus/raw) exists and is not ``src``'s bytes; an entry there that is not a regular file (a
    pipe, a device, a broken link) is never opened and counts as different."""
    if not there.exists() and not there.is_symlink():
        return False
    return why_not_readable(there) is not None or there.read_bytes() != src.read_bytes()


def read_source(path: Path) -> ParseResult:
    """One declaration file (text export or Word/Excel form) parsed; `InputError` when it cannot be used."""
    from assistant.office.importer import import_office, is_office_file  # openpyxl and python-docx load with it

    why = why_not_readable(path)  # never opened unless a regular file: a pipe would block, a device never end
    if why is not None:
        raise InputError(f"无法读取 {path}：{why}", hint=HINT)
    return import_office(path) if is_office_file(path) else parse_file(path)


def _read_or_why(path: Path) -> ParseResult | str:
    """The file's parse, or why it failed, in Chinese."""
    try:
        return read_source(path)
    except InputError as exc:
        return str(exc)
    except Exception as exc:
        _log.exception("parsing %s failed", path)
        return f"解析该文件时出现内部错误（{type(exc).__name__}），已跳过，其余文件照常收入（请把该文件反馈给维护者）"


TEXT_SUFFIXES = {".txt", *HTML_SUFFIXES}


def is_source_name(path: Path) -> bool:
    """A name the readers take: text exports and page copies, saved web pages, PDFs, Word/Excel forms, and old
    .doc/.wps/.xls (read through xlrd or LibreOffice)."""
    from assistant.office.importer import is_office_file

    return path.suffix.lower() in TEXT_SUFFIXES or is_office_file(path)


def source_scan(folder: Path) -> FolderScan:
    """The declaration files in ``folder`` and, with why, the entries of such names that cannot be read (a
    broken link, a pipe, a device, a directory): see `assistant.corpus.folder`."""
    return scan_folder(folder, is_source_name)


def source_files(folder: Path) -> list[Path]:
    """The readable declaration files in ``folder`` (`source_scan`'s ``files``)."""
    return source_scan(folder).files


Progress = Callable[[int, int, str], None]  # (files done, files in all, the file just read)


def build_corpus(
    raw_dir: Path,
    corpus_dir: Path,
    progress: Progress | None = None,
    *,
    fresh: Collection[str] = (),
    added_by: str | None = None,
) -> BuildReport:
    """Parse every file in ``raw_dir`` into ``corpus_dir/declarations`` and its manifest.

    ``fresh``: names of files just copied into ``raw_dir`` (by ``added_by``, recorded in the manifest). A declaration
    already in the corpus is never replaced: files the previous manifest lists come first in the duplicate check and
    keep their ids; a fresh file whose declarations are all duplicates is left out of the manifest and named in the
    report's ``not_added`` (the caller removes its copy). `CorpusError` when no file can be read or ids clash.
    """
    scan = source_scan(raw_dir) if raw_dir.is_dir() else FolderScan()
    files = scan.files
    if not files:
        unreadable = "".join(f"；{name} {why}" for name, why in scan.unreadable.items())
        raise CorpusError(
            f"目录 {raw_dir} 中没有可读取的申报表文件（.txt、.html、.pdf、.docx、.xlsx、.xls、.doc）{unreadable}",
            hint="请先把申报表文件放入 corpus/raw/",
        )
    report = BuildReport(failed=dict(scan.unreadable))
    for done, path in enumerate(files, start=1):
        outcome = _read_or_why(path)
        if isinstance(outcome, str):
            report.failed[path.name] = outcome
        else:
            report.results.append(outcome)
        if progress is not None:
            progress(done, len(files), path.name)
    previous, new = _previous_manifest(corpus_dir), set(fresh)
    ranked = sorted(report.results, key=lambda r: (not _holds(previous, r.source_file), r.source_file in new))
    report.duplicates = drop_duplicates(ranked)
    left_out = new & {d.source_file for d in report.duplicates}
    report.not_added = [r.source_file for r in ranked if r.source_file in left_out and not r.declarations]
    report.results = [r for r in report.results if r.source_file not in report.not_added]
    out_dir = corpus_dir / "declarations"
    out_dir.mkdir(parents=True, exist_ok=True)
    _distinct_ids([r for r in ranked if r.source_file not in report.not_added])
    _check_unique_ids(report.declarations)
    for decl in report.declarations:
        if _write_if_changed(out_dir / f"{decl.id}.json", decl.model_dump_json(indent=2) + "\n"):
            report.written.append(decl.id)
    keep = {f"{d.id}.json" for d in report.declarations}
    for stale in sorted(out_dir.glob("*.json")):
        if stale.name not in keep:
            stale.unlink()
            report.removed.append(stale.stem)
    adders = {name: entry.added_by for name, entry in previous.items()} | dict.fromkeys(new, added_by)
    _write_if_changed(corpus_dir / "manifest.json", _manifest(report, adders).model_dump_json(indent=2) + "\n")
    return report


def _previous_manifest(corpus_dir: Path) -> dict[str, FileEntry]:
    """The last build's manifest by file name; {} when there is none or it cannot be read (then name order rules)."""
    path = corpus_dir / "manifest.json"
    try:
        return {entry.file: entry for entry in Manifest.model_validate_json(path.read_bytes()).files}
    except (OSError, ValidationError):
        return {}


def _holds(previous: dict[str, FileEntry], name: str) -> bool:
    entry = previous.get(name)
    return entry is not None and bool(entry.declarations)


def _distinct_ids(ranked: list[ParseResult]) -> None:
    """Two files numbered alike (``01_a.txt``, ``01_b.txt``) would give the same ids: the file ranked later (one not
    yet in the corpus, else later in name order) takes a short digest of its name in its ids, so both are kept, the
    corpus's ids stay as they were and neither id reads like the other."""
    owner: dict[str, str] = {}
    for result in ranked:
        ids = [d.id for d in result.declarations]
        if any(owner.get(i, result.source_file) != result.source_file for i in ids):
            result.declarations = [
                d.model_copy(
                    update={
                        "id": declaration_id(
                            d.header.year, d.provenance.source_file, d.provenance.index_in_file, distinct=True
                        )
                    }
                )
                for d in result.declarations
            ]
        for decl in result.declarations:
            owner.setdefault(decl.id, result.source_file)


def _check_unique_ids(declarations: list[Declaration]) -> None:
    seen: dict[str, str] = {}
    for decl in declarations:
        if decl.id in seen:
            raise CorpusError(
                f"申报表编号重复：{decl.id}（{seen[decl.id]} 与 {decl.provenance.source_file}）",
                hint="请重命名其中一个源文件，使文件名前缀不同",
            )
        seen[decl.id] = decl.provenance.source_file


def _manifest(report: BuildReport, adders: dict[str, str | None]) -> Manifest:
    entries = [
        FileEntry(
            file=r.source_file,
            sha256=r.declarations[0].provenance.source_sha256 if r.declarations else "",
            declarations=[d.id for d in r.declarations],
            notes=r.notes,
            added_by=adders.get(r.source_file),
        )
        for r in report.results
    ]
    return Manifest(files=entries)


def _write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True


def load_declaration(path: Path) -> Declaration:
    try:
        return Declaration.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise CorpusError(
            f"语料文件 {path.name} 格式不正确：{describe_validation_error(exc)}",
            hint="请重新运行 assistant corpus build 生成语料",
        ) from exc
    except json.JSONDecodeError as exc:
        raise CorpusError(
            f"语料文件 {path.name} 不是合法的 JSON，{describe_json_error(exc)}",
            hint="请重新运行 assistant corpus build",
        ) from exc


class Corpus:
    """The declarations of the built corpus, loaded once."""

    def __init__(self, declarations: list[Declaration]) -> None:
        self.declarations = sorted(declarations, key=lambda d: d.id)
        self._by_id = {d.id: d for d in self.declarations}

    @classmethod
    def load(cls, corpus_dir: Path) -> Corpus:
        folder = corpus_dir / "declarations"
        paths = sorted(folder.glob("*.json"))
        if not paths:
            raise CorpusError(f"语料库为空：{folder} 下没有申报表", hint="请先运行 assistant corpus build")
        return cls([load_declaration(p) for p in paths])

    def get(self, declaration_id: str) -> Declaration:
        try:
            return self._by_id[declaration_id]
        except KeyError:
            known = "、".join(self._by_id)
            raise InputError(f"语料库中没有编号为 {declaration_id} 的申报表", hint=f"现有编号：{known}") from None

    def __iter__(self):
        return iter(self.declarations)

    def __len__(self) -> int:
        return len(self.declarations)
