"""Where a declaration writes a word or phrase: its name, sections, indicators (with their values), 项目构成 and
制度保障 rows; for conditional questions (哪些项目用了第三方支付？) and what a refusal offers instead.

A phrase is found where the text holds it verbatim (spaces ignored). Only where no declaration of the corpus holds it
verbatim, a phrase of four or more characters is also found where one sentence holds both of its halves (机房改造:
“…机房综合布线的改造”); the answer says so. Each place found carries a citation whose quote the text holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from assistant.domain.model import Declaration, SectionKind, TextSection
from assistant.domain.refs import SourceRef, header_citation, indicator_citation, indicator_line, section_citation
from assistant.domain.text import sentences
from assistant.qa.entities import informative
from assistant.qa.models import Result, Row

DIGEST = 6  # project names offered when no form writes even a part of the phrase
MIN_PART = 2  # characters of each half of a phrase found split in one sentence
_FUNCTION = set("的了是在和与及或之其")


@dataclass(frozen=True)
class Mention:
    """One place a declaration writes the phrase: what the place is (项目概况, 绩效指标第3项…), the sentence or
    line that holds it, verbatim, and its citation."""

    place: str
    clause: str
    citation: SourceRef


_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")


def squash(text: str) -> str:
    """``text`` without spaces and quotation marks: 公务员“一件事”改革 holds 公务员一件事改革 as written."""
    return "".join(text.split()).translate(_QUOTES)


def mentions_in(decl: Declaration, phrase: str, *, loose: bool = False) -> list[Mention]:
    """Every place of ``decl`` that holds ``phrase`` (``loose``: or both halves of it in one sentence), in form order."""
    return [
        Mention(place=place, clause=clause, citation=citation)
        for place, clause, citation in _places(decl)
        if holds(clause, phrase, loose=loose)
    ]


def holds(text: str, phrase: str, *, loose: bool = False) -> bool:
    """Whether ``text`` holds ``phrase`` verbatim, or (``loose``) holds both halves of it at some split."""
    text, phrase = squash(text), squash(phrase)
    if phrase in text:
        return True
    if not loose or len(phrase) < 2 * MIN_PART:
        return False
    return any(phrase[:i] in text and phrase[i:] in text for i in range(MIN_PART, len(phrase) - MIN_PART + 1))


def any_verbatim(decls: Iterable[Declaration], phrase: str) -> bool:
    return any(mentions_in(decl, phrase) for decl in decls)


def mentioning(decls: Sequence[Declaration], phrase: str, *, loose: bool) -> list[Declaration]:
    return [decl for decl in decls if mentions_in(decl, phrase, loose=loose)]


def _places(decl: Declaration) -> Iterator[tuple[str, str, SourceRef]]:
    """(place, text, citation) for every piece of text the form writes; sections by sentence."""
    yield "项目名称", decl.header.name, header_citation(decl)
    for section in decl.sections:
        for sentence in sentences(section.text, ends="。；;！？!?", breaks="\n"):
            if sentence.strip():
                yield section.kind.label, sentence.strip(), section_citation(decl, section, quote=sentence.strip())
    for indicator in decl.indicators:
        yield f"绩效指标第{indicator.position}项", indicator_line(indicator), indicator_citation(decl, indicator)
    composition = decl.section(SectionKind.COMPOSITION)
    for line in decl.budget_lines:
        written = " ".join(dict.fromkeys(w for w in (line.name, line.content, line.detail) if w))
        yield "项目构成", written, _row_citation(decl, composition, line.name, "项目构成")
    for item in decl.safeguards:
        written = " ".join(w for w in (item.category, item.document, item.measures) if w)
        yield "制度保障", written, _row_citation(decl, None, item.document, "制度保障")


def _row_citation(decl: Declaration, section: TextSection | None, name: str, part: str) -> SourceRef:
    """The composition section quoting the row's name where it holds it, else the form's header (as `qa.fields`)."""
    if isinstance(section, TextSection) and name and name in section.text:
        return section_citation(decl, section, quote=name)
    return SourceRef(
        ref=f"{decl.id}#header", project=decl.header.name, year=decl.header.year, part=part, quote=decl.header.name
    )


def shown(mention: Mention, phrase: str, width: int = 40) -> str:
    """The clause around the phrase, at most ``width`` characters either side, for the answer's line."""
    clause = mention.clause
    at = clause.find(phrase)
    if at < 0 or len(clause) <= 2 * width:
        return clause if len(clause) <= 2 * width else clause[: 2 * width] + "…"
    start, end = max(at - width, 0), min(at + len(phrase) + width, len(clause))
    return ("…" if start else "") + clause[start:end] + ("…" if end < len(clause) else "")


def loose_for(decls: Sequence[Declaration], phrase: str) -> bool:
    """Halves are matched only where no declaration of the corpus writes the phrase verbatim."""
    return not any_verbatim(decls, phrase)


def listing(phrase: str, decls: Sequence[Declaration], *, loose: bool, counted: bool = False) -> Result:
    """The declarations writing ``phrase``, each with the first place it is written and its citation."""
    rows: list[Row] = []
    lines: list[str] = []
    for decl in decls:
        found = mentions_in(decl, phrase, loose=loose)
        if not found:
            continue
        first = found[0]
        rows.append(Row.for_project(decl, first.clause, first.citation))
        places = "、".join(dict.fromkeys(m.place for m in found))
        lines.append(
            f"{len(rows)}. {decl.header.name}（{decl.header.year or '年度不详'}）：见{places}，"
            f"“{shown(first, phrase)}” {first.citation.label}"
        )
    how = f"（申报表中没有原样写“{phrase}”的，以下为同一句中分别写到{_halves(phrase, rows)}的申报表）" if loose else ""
    figure = f"{len(rows)} 个"
    head = f"写到“{phrase}”的项目共 {figure}{how}："
    return Result(lines=[head, *lines], rows=rows, figure=figure if counted else None)


def _halves(phrase: str, rows: list[Row]) -> str:
    for i in range(MIN_PART, len(phrase) - MIN_PART + 1):
        if rows and all(phrase[:i] in squash(row.value) and phrase[i:] in squash(row.value) for row in rows):
            return f"“{phrase[:i]}”和“{phrase[i:]}”"
    return "其各部分"


def none_found(phrase: str, decls: Sequence[Declaration], limit: int = 3) -> list[str]:
    """The lines saying no declaration writes ``phrase``, with those writing a part of it (第三方, 评估) as the
    nearest candidates; never another project's answer."""
    lines = [
        f"语料库中没有写到“{phrase}”的申报表（已在项目名称、各段落、绩效指标、项目构成和制度保障中查找），"
        "不以其他项目代答。"
    ]
    parts = [phrase[i : i + n] for n in (3, 2) for i in range(len(phrase) - n + 1)]
    parts = [p for p in parts if informative(p + "之") and not set(p) & _FUNCTION]  # 评估, not 项目 or 的评
    near = []
    for decl in decls:
        held = [p for p in dict.fromkeys(parts) if any(p in squash(text) for _, text, _ in _places(decl))]
        held = [p for p in held if not any(p != q and p in q for q in held)]  # 第三方 over 第三
        if held:
            near.append((len("".join(held)), decl, held))
    near.sort(key=lambda n: (-n[0], n[1].id))
    near = _other_parts(near)
    if near:
        shown_parts = [
            f"“{d.header.name}”（{d.header.year or '年度不详'}年，{''.join(f'“{p}”' for p in held)}）"
            for _, d, held in near[:limit]
        ]
        lines.append("只写到其中部分字词的申报表（不是所问的内容）：" + "、".join(shown_parts) + "。")
    else:
        names = list(dict.fromkeys(decl.header.name for decl in decls))
        lines.append(f"也没有写到其中部分字词的申报表；现有项目 {len(names)} 个，例如：{'、'.join(names[:DIGEST])}。")
    return lines


def _other_parts(near: list[tuple[int, Declaration, list[str]]]) -> list[tuple[int, Declaration, list[str]]]:
    """The near forms, less those writing only parts of what a form before them writes (干部 after 老干部), so that
    the other words of the phrase show (食堂 of 老干部食堂)."""
    kept: list[tuple[int, Declaration, list[str]]] = []
    for entry in near:
        before = [part for _, _, held in kept for part in held]
        if not all(any(part in shown for shown in before) for part in entry[2]):
            kept.append(entry)
    return kept
