"""What a user names for ``check`` and ``export``: a file, a folder of files, a draft id or a corpus id.

Both commands accept the same things, read the same way: an existing path first (a file, or every
declaration file in a folder), then a number as a draft in the store (its latest version), then a corpus
declaration id such as 2023-003-01.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.corpus.folder import scan_folder
from assistant.corpus.store import is_source_name
from assistant.domain.model import Declaration
from assistant.drafting.as_declaration import to_declaration
from assistant.errors import InputError
from assistant.services.review import load_subjects
from assistant.services.scope import CorpusScope
from assistant.store import DraftStore

_DRAFT_ID = re.compile(r"^\d{1,9}$")
_WHAT = "文件或目录路径、草稿编号（assistant drafts list）或语料库中的申报表编号（assistant corpus list）"


@dataclass
class Subjects:
    """The declarations found, and the files of a folder that could not be read (name → why)."""

    declarations: list[Declaration]
    failed: dict[str, str] = field(default_factory=dict)


class SubjectService:
    def __init__(self, scope: CorpusScope, store: Callable[[], DraftStore]) -> None:
        self.scope = scope
        self.store = store

    def resolve(self, source: str) -> Subjects:
        path = Path(source)
        if path.is_file():
            return Subjects(load_subjects(path))
        if path.is_dir():
            return _folder(path)
        if path.exists() or path.is_symlink():  # a pipe, a device, a broken link: refused, never opened
            return Subjects(load_subjects(path))
        if _DRAFT_ID.match(source):
            return Subjects([self.draft(int(source))])
        if path.suffix or "/" in source or "\\" in source:
            raise InputError(f"找不到文件：{source}", hint=f"请检查路径；也可以给出{_WHAT}")
        return Subjects([self.scope.current().corpus.get(source)])

    def draft_id(self, source: str) -> int | None:
        """The draft ``source`` names (a number that is not an existing path), else None."""
        return int(source) if _DRAFT_ID.match(source) and not Path(source).exists() else None

    def one(self, source: str) -> Declaration:
        """Exactly one declaration (what an export writes); several or a folder is an `InputError`."""
        found = self.resolve(source)
        if len(found.declarations) != 1 or found.failed:
            ids = "、".join(d.id for d in found.declarations)
            raise InputError(
                f"{source} 含有 {len(found.declarations)} 份申报表（{ids}），一次只能导出一份",
                hint="请先 assistant corpus build，再按编号导出（assistant corpus list 列出编号）",
            )
        return found.declarations[0]

    def draft(self, draft_id: int) -> Declaration:
        """The latest version of draft ``draft_id`` as a declaration (whose it is, the caller checks)."""
        stored = self.store().latest(draft_id)
        return to_declaration(stored.draft).model_copy(update={"id": f"draft-{draft_id}"})


def _folder(folder: Path) -> Subjects:
    """Every declaration file directly in ``folder`` (text exports, Word/Excel forms, corpus and draft JSON)."""
    scan = scan_folder(folder, lambda p: is_source_name(p) or p.suffix.lower() == ".json")
    files = scan.files
    if not files and not scan.unreadable:
        raise InputError(
            f"目录 {folder} 中没有申报表文件（.txt、.docx、.xlsx、.json）",
            hint=f"请给出{_WHAT}",
        )
    found = Subjects([])
    found.failed.update(scan.unreadable)
    for path in files:
        try:
            found.declarations += load_subjects(path)
        except InputError as exc:
            found.failed[path.name] = str(exc)
    return found
