"""Rankings, averages, shares, comparisons of two projects and changes over years, computed exactly in code.

Every figure names what it measures and how many forms it rests on; a blank amount is left out and said so,
never counted as zero. Where every asked amount is blank (项目资金总额 on the 2026 forms), the amount the same
forms did fill (年度资金申请总额) is used and the answer says so. A ranking or a comparison of two projects that
mixes forms with and without 项目资金总额 takes, for each form whose 项目资金总额 is blank, its 年度资金申请总额 and
names those forms (the README's rule); so does an average (所有项目平均多少钱: every form counts); sums and shares keep
blanks out and say so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from assistant.domain.model import Declaration
from assistant.domain.refs import SourceRef, header_citation, yuan
from assistant.qa.blank_rule import standing_in
from assistant.qa.fields import budget_rows
from assistant.qa.models import Filters, FundingField, Measure, Query, Result, Row, RowKind, Target
from assistant.qa.named_sides import unit_change_note
from assistant.qa.select import indicators_of, level_label, narrows_indicators
from assistant.qa.sources import funding_citation
from assistant.qa.value_rank import rank_by_value

Value = tuple[Decimal | None, SourceRef]


def _title(decl: Declaration) -> str:
    return f"{decl.header.name}（{decl.header.year or '年度不详'}）"


def _field(query: Query, decls: list[Declaration]) -> tuple[FundingField, list[str]]:
    """The asked funding field, or 年度资金申请总额 where every asked amount is blank (of a year, for a change)."""
    field = query.funding_field or FundingField.TOTAL
    groups = _by_year(decls) if query.target is Target.COMPARE_YEARS else [decls]
    empty = [group for group in groups if all(getattr(d.funding, field.value) is None for d in group)]
    if empty and field is not FundingField.ANNUAL and all(d.funding.annual is not None for d in decls):
        if len(empty) == len(groups):
            note = f"这些申报表的{field.label}均为空白（未填写），以下按{FundingField.ANNUAL.label}计。"
        else:  # 2019年和2026年哪年多: 2026's totals are blank, 2019's are not; both years compared on the same field
            years = "、".join(f"{g[0].header.year or '年度不详'}年" for g in empty)
            note = f"{years}申报表的{field.label}均为空白（未填写），为可比，各年都按{FundingField.ANNUAL.label}计。"
        return FundingField.ANNUAL, [note]
    return field, []


def _by_year(decls: list[Declaration]) -> list[list[Declaration]]:
    years: dict[int, list[Declaration]] = defaultdict(list)
    for decl in decls:
        years[decl.header.year or 0].append(decl)
    return list(years.values())


def _measurer(query: Query, decls: list[Declaration]) -> tuple[Callable[[Declaration], Value], str, list[str]]:
    """How one declaration is measured: (value, citation), the measure's label, notes."""
    if query.measure is Measure.INDICATORS:
        label = f"{level_label(query.filters)}数量"

        def count(decl: Declaration) -> Value:
            return Decimal(len(indicators_of(decl, query.filters))), header_citation(decl)

        return count, label, []
    field, notes = _field(query, decls)
    fallback = _falls_back(query, field, decls)
    stand = standing_in(field, query.fallback_field) or FundingField.ANNUAL
    if fallback:
        names = "、".join(_title(d) for d in fallback)
        notes = [f"{len(fallback)} 份申报表的{field.label}为空白，按其{stand.label}计：{names}。"]

    def money(decl: Declaration) -> Value:
        if decl in fallback:
            return getattr(decl.funding, stand.value), funding_citation(decl, stand)
        return getattr(decl.funding, field.value), funding_citation(decl, field)

    return money, field.label, notes


def _falls_back(query: Query, field: FundingField, decls: list[Declaration]) -> list[Declaration]:
    """The forms whose blank 项目资金总额 a ranking, an average or a two-project comparison reads as 年度资金申请总额."""
    stand = standing_in(field, query.fallback_field)  # 申请额空着的按总额算: the question's own rule first
    if stand is None or query.target not in (Target.RANK, Target.COMPARE_PROJECTS, Target.AVERAGE):
        return []
    return [d for d in decls if getattr(d.funding, field.value) is None and getattr(d.funding, stand.value) is not None]


def shown(query: Query, value: Decimal) -> str:
    return f"{value} 项" if query.measure is Measure.INDICATORS else yuan(value)


def _signed(query: Query, value: Decimal) -> str:
    unit = {Measure.INDICATORS: " 项", Measure.PROJECTS: " 个"}.get(query.measure)
    if unit:
        return f"{value}{unit}"
    return ("-" if value < 0 else "") + yuan(abs(value))


def _row(decl: Declaration, label: str, value: Decimal | None, text: str, citation: SourceRef) -> Row:
    return Row(
        declaration_id=decl.id,
        project=decl.header.name,
        year=decl.header.year,
        field=label,
        value=text,
        amount=value,
        citation=citation,
    )


def rank(query: Query, decls: list[Declaration]) -> Result:
    """Projects (or 项目构成 rows) ordered by the measure; the first named with its figure, then the list."""
    if query.rows is RowKind.BUDGET_LINES:
        return _rank_rows(query, decls)
    if query.measure is Measure.VALUE:
        return rank_by_value(query, decls)  # 满意度最高的项目: the indicator's value, never the money
    if query.measure is Measure.PROJECTS:
        return rank_years(query, decls)  # 哪一年报的项目最多: years by their number of projects
    if query.by_year:
        return rank_years_by_amount(query, decls)  # 哪一年资金最多: years by their sums
    measure, label, notes = _measurer(query, decls)
    measured = [(decl, *measure(decl)) for decl in decls]
    filled = [(d, v, c) for d, v, c in measured if v is not None]
    blanks = [d for d, v, _ in measured if v is None]
    filled.sort(key=lambda item: item[1] or Decimal(0), reverse=query.descending)  # stable: ties keep corpus order
    if not filled:
        return Result(lines=[f"这些申报表的{label}均为空白，无法排序。"], rows=[])
    top = query.top if query.top else len(filled) if query.top == 0 else 1
    if query.top:  # 前三名: exactly that many, more only where a tie sits at the cut (said so)
        cut = filled[min(top, len(filled)) - 1][1]
        filled = filled[:top] + [f for f in filled[top:] if f[1] == cut]
    word = "最多" if query.descending else "最少"
    first_decl, first_value, _ = filled[0]
    ties = [d for d, v, _ in filled if v == first_value]
    head = (
        f"{label}{word}的是{_title(first_decl)}：{shown(query, first_value)}。"
        if len(ties) == 1
        else f"{label}{word}的有 {len(ties)} 个并列：{'、'.join(_title(d) for d in ties)}，各 {shown(query, first_value)}。"
    )
    if top > 1:
        tied = f"（第 {top} 名有并列，共列 {len(filled)} 个）" if len(filled) > top else ""
        head = f"按{label}{'从高到低' if query.descending else '从低到高'}，前 {min(top, len(filled))} 名{tied}："
    rows = [_row(d, label, v, shown(query, v), c) for d, v, c in filled]
    lines = [*notes, head]
    lines += [f"{i}. {_title(d)}：{shown(query, v)} {c.label}" for i, (d, v, c) in enumerate(filled, 1)]
    if blanks and not query.top:
        lines.append(
            f"另有 {len(blanks)} 份申报表的{label}为空白，未参加排序：{'、'.join(_title(d) for d in blanks)}。"
        )
    return Result(lines=lines, rows=rows, figure=shown(query, first_value), notes=tuple(notes))


def rank_years(query: Query, decls: list[Declaration]) -> Result:
    """The years ordered by how many of ``decls`` they hold; the first (or the tie) named with its count."""
    if _one_of_two_lacking(query, decls):
        return Result(lines=[], rows=[])
    by_year: dict[int, list[Declaration]] = {decl.header.year or 0: [] for decl in decls}  # corpus order
    # 有成本指标的项目哪一年最少: the forms holding such indicators are counted (a year with none counts 0)
    having = narrows_indicators(query.filters)
    for decl in decls:
        if not having or indicators_of(decl, query.filters):
            by_year[decl.header.year or 0].append(decl)
    if not by_year:
        return Result(lines=["没有符合条件的申报表。"], rows=[])
    order = sorted(by_year, key=lambda y: len(by_year[y]), reverse=query.descending)
    best = len(by_year[order[0]])
    ties = [y for y in order if len(by_year[y]) == best]
    word = "最多" if query.descending else "最少"
    years = "、".join(f"{y}年" for y in ties)
    tie = f"（{len(ties)} 个年度并列）" if len(ties) > 1 else ""
    counted = f"设有{level_label(query.filters)}的项目数" if having else "项目数"
    lines = [f"{counted}{word}的是{years}：{best} 个{tie}。"]
    if len(order) == 2 and len(ties) == 1:  # 19年和23年哪年项目多: how far apart the two are
        lines.append(f"{order[0]}年比{order[1]}年{word[1]} {abs(best - len(by_year[order[1]]))} 个。")
    rows: list[Row] = []
    for year in order:
        names = "、".join(d.header.name for d in by_year[year])
        lines.append(f"- {year}年：{len(by_year[year])} 个（{names}）" if names else f"- {year}年：0 个")
        rows += [_row(d, "项目", None, d.header.name, header_citation(d)) for d in by_year[year]]
    return Result(lines=lines, rows=rows, figure=f"{best} 个")


def rank_years_by_amount(query: Query, decls: list[Declaration]) -> Result:
    """The years ordered by the sum of the asked amount over their forms; a blank 项目资金总额 counts with the form's
    年度资金申请总额 (as in a ranking of projects, said so); the first year (or the tie) named with its sum."""
    if _one_of_two_lacking(query, decls):
        return Result(lines=[], rows=[])
    field = query.funding_field or FundingField.TOTAL
    stand = standing_in(field, query.fallback_field)  # 申请额空着的按总额算: the question's own rule first
    fallback = [
        d for d in decls if stand and getattr(d.funding, field.value) is None and getattr(d.funding, stand.value)
    ]
    sums: dict[int, Decimal] = {}
    rows: list[Row] = []
    for decl in decls:
        use = stand if stand and decl in fallback else field
        value = getattr(decl.funding, use.value)
        if value is None:
            continue
        sums[decl.header.year or 0] = sums.get(decl.header.year or 0, Decimal(0)) + value
        rows.append(_row(decl, use.label, value, yuan(value), funding_citation(decl, use)))
    if not sums:
        return Result(lines=[f"这些申报表的{field.label}均为空白，无法按年度比较。"], rows=[])
    order = sorted(sums, key=lambda y: sums[y], reverse=query.descending)
    ties = [y for y in order if sums[y] == sums[order[0]]]
    word = "最多" if query.descending else "最少"
    tie = f"（{len(ties)} 个年度并列）" if len(ties) > 1 else ""
    lines = [f"各年度{field.label}合计{word}的是{'、'.join(f'{y}年' for y in ties)}：{yuan(sums[order[0]])}{tie}。"]
    if fallback and stand:
        names = "、".join(_title(d) for d in fallback)
        lines.append(f"{len(fallback)} 份申报表的{field.label}为空白，按其{stand.label}计：{names}。")
    for year in order:
        count = sum(1 for r in rows if r.year == year)
        lines.append(f"- {year}年：{yuan(sums[year])}（{count} 份申报表）")
    if len(order) == 2 and len(ties) == 1:  # 23年跟26年哪年少: how far apart the two are
        lines.insert(1, f"{order[0]}年比{order[1]}年{word[1]} {yuan(abs(sums[order[0]] - sums[order[1]]))}。")
    blank = [d for d in decls if d not in fallback and getattr(d.funding, field.value) is None]
    if blank:
        lines.append(
            f"另有 {len(blank)} 份申报表的{field.label}为空白，未计入：{'、'.join(_title(d) for d in blank)}。"
        )
    rows.sort(key=lambda r: order.index(r.year or 0))
    return Result(lines=lines, rows=rows, figure=yuan(sums[order[0]]))


def _one_of_two_lacking(query: Query, decls: list[Declaration]) -> bool:
    """21年和23年哪年少: one of the two years asked has no form in scope, so the two cannot be ranked (refused)."""
    years = query.filters.years
    return len(years) == 2 and not all(any(d.header.year == y for d in decls) for y in years)


def _rank_rows(query: Query, decls: list[Declaration]) -> Result:
    rows = [row for decl in decls for row in budget_rows(decl) if row.amount is not None]
    if not rows:
        return Result(lines=["这些申报表没有填写金额的项目构成行。"], rows=[])
    rows.sort(key=lambda row: row.amount or Decimal(0), reverse=query.descending)
    first = rows[0]
    assert first.amount is not None
    word = "最大" if query.descending else "最小"
    lines = [f"项目构成中金额{word}的是“{first.field}”：{yuan(first.amount)}（{first.project}）。"]
    lines += [f"{i}. {row.field}：{row.value} {row.citation.label}" for i, row in enumerate(rows, 1)]
    return Result(lines=lines, rows=rows, figure=yuan(first.amount))


def average(query: Query, decls: list[Declaration]) -> Result:
    measure, label, notes = _measurer(query, decls)
    measured = [(decl, *measure(decl)) for decl in decls]
    filled = [(d, v, c) for d, v, c in measured if v is not None]
    if not filled:
        return Result(lines=[f"这些申报表的{label}均为空白，无法求平均。"], rows=[])
    total = sum((v for _, v, _ in filled if v is not None), Decimal(0))
    mean = (total / len(filled)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    figure = f"{mean} 项" if query.measure is Measure.INDICATORS else yuan(mean)
    head = f"平均每个项目的{label}为 {figure}（{len(filled)} 份申报表，合计 {shown(query, total)}）。"
    rows = [_row(d, label, v, shown(query, v), c) for d, v, c in filled if v is not None]
    lines = [*notes, head, *(f"- {_title(d)}：{shown(query, v)} {c.label}" for d, v, c in filled if v is not None)]
    blanks = len(measured) - len(filled)
    if blanks:
        lines.append(f"另有 {blanks} 份申报表的{label}为空白，未计入平均（空白不按零计）。")
    return Result(lines=lines, rows=rows, figure=figure, notes=tuple(notes))


def share(query: Query, part: list[Declaration], whole: list[Declaration]) -> Result:
    """The named project's amount over the total of its scope (its year and unit as asked); with no project
    named, every project's share of the scope's total."""
    if query.filters.project is None:
        return _shares(query, whole)
    measure, label, notes = _measurer(query, whole)
    total = sum((v for d in whole if (v := measure(d)[0]) is not None), Decimal(0))
    mine = [(d, *measure(d)) for d in part]
    amount = sum((v for _, v, _ in mine if v is not None), Decimal(0))
    if not total or not mine:
        return Result(lines=[f"{label}合计为空白或为零，无法计算占比。"], rows=[])
    percent = (100 * amount / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    names = "、".join(_title(d) for d in part)
    head = (
        f"{names}的{label} {shown(query, amount)}，占 {len(whole)} 份申报表合计 {shown(query, total)} 的 {percent}%。"
    )
    rows = [_row(d, label, v, shown(query, v) if v is not None else "（空白）", c) for d, v, c in mine]
    return Result(lines=[*notes, head, *(f"{r.citation.label}" for r in rows)], rows=rows, figure=f"{percent}%")


def _shares(query: Query, decls: list[Declaration]) -> Result:
    measure, label, notes = _measurer(query, decls)
    measured = [(d, *measure(d)) for d in decls]
    total = sum((v for _, v, _ in measured if v is not None), Decimal(0))
    if not total:
        return Result(lines=[f"{label}合计为空白或为零，无法计算占比。"], rows=[])
    lines = [*notes, f"{len(decls)} 份申报表的{label}合计 {shown(query, total)}，各项目占比："]
    rows = []
    for d, v, c in sorted(measured, key=lambda m: m[1] or Decimal(0), reverse=True):
        percent = "（空白）" if v is None else f"{(100 * v / total).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"
        lines.append(f"- {_title(d)}：{_text(query, v)}，{percent} {c.label}")
        rows.append(_row(d, label, v, percent, c))
    return Result(lines=lines, rows=rows, notes=tuple(notes))


def compare_projects(
    query: Query, first: list[Declaration], second: list[Declaration], *, signed: bool = False
) -> Result:
    """Two projects side by side: the measure of each (per year where both have several), the difference; ``signed``
    (23年A减去26年B): the figure is the first minus the second, with its sign, not the gap."""
    measure, label, notes = _measurer(query, first + second)
    pairs = _pairs(first, second)
    lines = list(notes)
    rows: list[Row] = []
    figure = None
    for a, b in pairs:
        (va, ca), (vb, cb) = measure(a), measure(b)
        rows += [_row(a, label, va, _text(query, va), ca), _row(b, label, vb, _text(query, vb), cb)]
        lines += [f"- {_title(a)}：{_text(query, va)} {ca.label}", f"- {_title(b)}：{_text(query, vb)} {cb.label}"]
        if va is None or vb is None:
            lines.append("其中一项为空白，无法计算差额。")
            continue
        diff = abs(va - vb)
        more, less = (a, b) if va >= vb else (b, a)
        verb = "相同" if va == vb else f"{_title(more)}比{_title(less)}多 {shown(query, diff)}"
        lines.append(f"{label}：{verb}。")
        if signed:
            lines.append(f"{_title(a)}减去{_title(b)}：{_signed(query, va - vb)}。")
        figure = (_signed(query, va - vb) if signed else shown(query, diff)) if len(pairs) == 1 else None
    lines.extend(_differences(pairs))
    if (units := unit_change_note(first + second)) is not None:
        lines.append(units)
    if query.measure is Measure.INDICATORS:
        lines.extend(_indicator_names(query, pairs))
    return Result(lines=lines, rows=rows, figure=figure, notes=tuple(notes))


def _indicator_names(query: Query, pairs: list[tuple[Declaration, Declaration]], shown: int = 8) -> list[str]:
    """Which indicators only one of the two sets, and which both (by name)."""
    lines = []
    for a, b in pairs:
        names_a = [i.name for i in indicators_of(a, query.filters)]
        names_b = [i.name for i in indicators_of(b, query.filters)]
        both = [n for n in names_a if n in names_b]
        for decl, own, other in ((a, names_a, names_b), (b, names_b, names_a)):
            only = [n for n in own if n not in other]
            if only:
                more = f"等 {len(only)} 项" if len(only) > shown else ""
                lines.append(f"只有{decl.header.name}设的：{'、'.join(only[:shown])}{more}。")
        lines.append(f"两者都设的：{'、'.join(both[:shown])}。" if both else "两者没有同名的指标。")
    return lines


def _pairs(first: list[Declaration], second: list[Declaration]) -> list[tuple[Declaration, Declaration]]:
    """One pair when each side is one form; else the forms of the same year; else the latest of each."""
    if len(first) == 1 and len(second) == 1:
        return [(first[0], second[0])]
    by_year = {d.header.year: d for d in second}
    same = [(a, by_year[a.header.year]) for a in first if a.header.year in by_year]
    if same:
        return same
    latest = max(first, key=lambda d: d.header.year or 0), max(second, key=lambda d: d.header.year or 0)
    return [latest]


def _differences(pairs: list[tuple[Declaration, Declaration]]) -> list[str]:
    """What else differs between the two forms: indicator counts and the 项目类别, when they differ."""
    lines = []
    for a, b in pairs:
        if len(a.indicators) != len(b.indicators):
            lines.append(f"绩效指标：{_title(a)} {len(a.indicators)} 项，{_title(b)} {len(b.indicators)} 项。")
        if a.header.category != b.header.category and a.header.category and b.header.category:
            lines.append(f"项目类别：{a.header.name} 为{a.header.category}，{b.header.name} 为{b.header.category}。")
    return lines


def _text(query: Query, value: Decimal | None) -> str:
    return "（空白）" if value is None else shown(query, value)


def compare_years(query: Query, decls: list[Declaration], *, subject: int | None = None) -> Result:
    """The measure per year over the selected forms (one project's, a unit's, all), and the change first → last;
    ``subject``: the year the question measures against the other (26年比23年砍掉几个: 2026 − 2023, 23年的减去26年的:
    2023 − 2026), None: the later year against the earlier."""
    by_year: dict[int, list[Declaration]] = defaultdict(list)
    for decl in decls:
        by_year[decl.header.year or 0].append(decl)
    if query.measure is Measure.PROJECTS:  # a year asked with no form in the scope counts 0 projects (人大 23年)
        for year in query.filters.years:
            by_year.setdefault(year, [])
        return _project_counts(query, by_year, subject)
    measure, label, notes = _measurer(query, decls)
    lines = list(notes)
    rows: list[Row] = []
    totals: dict[int, Decimal] = {}
    project = query.filters.project
    for year in sorted({*by_year, *(query.filters.years if project else ())}):
        if year not in by_year:  # 机关服务费 23年几条 26年几条: no 2026 form of it, said so (never a 0)
            lines.append(f"{year}年：语料库中没有“{project}”的申报表")
            continue
        measured = [(d, *measure(d)) for d in by_year[year]]
        amounts = [v for _, v, _ in measured if v is not None]
        if amounts:
            totals[year] = sum(amounts, Decimal(0))
        blanks = len(measured) - len(amounts)
        head = f"{year}年：{label} {shown(query, totals[year]) if amounts else '（空白）'}"
        lines.append(head + (f"（{blanks} 份空白未计入）" if blanks else ""))
        for d, v, c in measured:
            lines.append(f"  - {d.header.name}：{_text(query, v)} {c.label}")
            rows.append(_row(d, label, v, _text(query, v), c))
    figure = _change(query, totals, lines, subject)
    if (units := unit_change_note(decls)) is not None:
        lines.insert(1 if figure is not None else 0, units)
    return Result(lines=lines, rows=rows, figure=figure, notes=tuple(notes))


def _project_counts(query: Query, by_year: dict[int, list[Declaration]], subject: int | None = None) -> Result:
    lines, rows = [], []
    totals = {year: Decimal(len(found)) for year, found in by_year.items()}
    for year in sorted(by_year):
        names = "、".join(d.header.name for d in by_year[year]) or "该范围内没有申报表"
        lines.append(f"{year}年：{len(by_year[year])} 个项目（{names}）")
        rows += [_row(d, "项目", None, d.header.name, header_citation(d)) for d in by_year[year]]
    return Result(lines=lines, rows=rows, figure=_change(query, totals, lines, subject))


# 26年比23年砍掉几个, 23年的减去26年的, 今年比23年少: the year written first is measured against the one after the verb
_YEAR_WORD = r"(\d{2,4}年|大前年|前年|去年|今年|明年)"
_AGAINST = re.compile(_YEAR_WORD + r"[^，,。？?；;]{0,20}?(?:比|减去?|较)" + _YEAR_WORD)
_OFFSETS = {"大前年": -3, "前年": -2, "去年": -1, "今年": 0, "明年": 1}


def subject_year(question: str, years: tuple[int, ...]) -> int | None:
    """The year a two-year question measures against the other: the one written before 比/减/较 and the other year;
    None where the question does not set one against the other that way (从23年到26年, 23年和26年哪年多)."""
    found = _AGAINST.search("".join(question.split()))
    if len(years) != 2 or found is None:
        return None
    first, second = (_digits(found[1]), _digits(found[2]))
    if first in years:
        return first
    if second in years:
        return next(y for y in years if y != second)
    if found[1] in _OFFSETS and found[2] in _OFFSETS and found[1] != found[2]:  # 今年比去年: the later one first
        return max(years) if _OFFSETS[found[1]] > _OFFSETS[found[2]] else min(years)
    return None


def _digits(written: str) -> int | None:
    """2023 from 2023年 or 23年; None for a relative year (今年)."""
    digits = written.removesuffix("年")
    if not digits.isdigit():
        return None
    return int(digits) if len(digits) == 4 else 2000 + int(digits[-2:])


def _change(query: Query, totals: dict[int, Decimal], lines: list[str], subject: int | None = None) -> str | None:
    """The signed change of ``subject`` (default the last year) against the other year (default the first); the line
    says which year has more."""
    if len(totals) < 2:
        if totals:
            lines.append("只有一个年度有数，无法比较。")
        return None
    first, last = min(totals), max(totals)
    if subject is not None and subject in totals and len(totals) == 2:
        last, first = subject, next(y for y in totals if y != subject)
    delta = totals[last] - totals[first]
    word = "增加" if delta > 0 else "减少" if delta < 0 else "持平，变化"
    amount = _signed(query, abs(delta))
    more = f"（{last if delta > 0 else first}年多）" if delta else ""
    lines.insert(0, f"{last}年比{first}年{word} {amount}{more}。")
    return _signed(query, delta)


def project_filters(filters: Filters, project: str) -> Filters:
    return filters.model_copy(update={"project": project})
