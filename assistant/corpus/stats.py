"""Corpus statistics: declarations and indicators per file, year, layout and category."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict

from assistant.domain.model import Declaration, NoteLevel

LEGACY_LABEL = "（旧框架：投入和管理，无现行对应）"


class CountRow(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    key: str
    declarations: int
    indicators: int


class CorpusStats(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    declarations: int
    indicators: int
    by_file: list[CountRow]
    by_year: list[CountRow]
    by_layout: list[CountRow]
    by_level: list[CountRow]  # normalised 一级 / 二级
    by_level_written: list[CountRow]  # as the forms wrote them
    notes_by_level: dict[NoteLevel, int]


def _rows(declarations: list[Declaration], key) -> list[CountRow]:
    decls: Counter[str] = Counter()
    inds: Counter[str] = Counter()
    for d in declarations:
        decls[key(d)] += 1
        inds[key(d)] += len(d.indicators)
    return [CountRow(key=k, declarations=decls[k], indicators=inds[k]) for k in sorted(decls)]


def _level_rows(declarations: list[Declaration], *, written: bool) -> list[CountRow]:
    decls: dict[str, set[str]] = {}
    inds: Counter[str] = Counter()
    for d in declarations:
        for ind in d.indicators:
            if written:
                key = f"{ind.level1_written or '（空）'} / {ind.level2_written or '（空）'}"
            elif ind.level1 is None:
                key = LEGACY_LABEL
            else:
                key = f"{ind.level1.value} / {ind.level2.value if ind.level2 else '（未填二级）'}"
            inds[key] += 1
            decls.setdefault(key, set()).add(d.id)
    return [CountRow(key=k, declarations=len(decls[k]), indicators=inds[k]) for k in sorted(inds)]


def compute_stats(declarations: list[Declaration]) -> CorpusStats:
    notes: Counter[NoteLevel] = Counter(n.level for d in declarations for n in d.parse_notes)
    return CorpusStats(
        declarations=len(declarations),
        indicators=sum(len(d.indicators) for d in declarations),
        by_file=_rows(declarations, lambda d: d.provenance.source_file),
        by_year=_rows(declarations, lambda d: str(d.header.year or "未知")),
        by_layout=_rows(declarations, lambda d: d.layout.label),
        by_level=_level_rows(declarations, written=False),
        by_level_written=_level_rows(declarations, written=True),
        notes_by_level={level: notes.get(level, 0) for level in NoteLevel},
    )
