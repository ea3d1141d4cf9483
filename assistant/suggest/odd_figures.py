"""Figures of a brief that the table cannot take as written, each said in a note (rt12 finding 7):

- a range (培训10～15场, 每场30至50人): the row takes its lower end as ≥ (why: ``assistant.domain.ranges``);
- a negative figure (故障响应时间不超过-30分钟): no time, count or rate is below zero, so no row is made from it;
- a rate above 100% that no growth word allows (数据备份率150%): impossible; the row keeps it for review to catch.

    odd_figure_notes(brief) -> list[str]
"""

from __future__ import annotations

import re

from assistant.domain.brief import Brief
from assistant.domain.ranges import ranges_in
from assistant.domain.statement_base import COUNT_UNITS, TIME_UNITS
from assistant.domain.statements import Kind, brief_texts, plain, read_statements
from assistant.suggest.brief_rows import impossible_rate

_UNITS = "|".join(sorted({*COUNT_UNITS, *TIME_UNITS, "%", "％"}, key=len, reverse=True))
_NEGATIVE = re.compile(rf"(?<![\d.％%）)A-Za-z])[-－−]\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>{_UNITS})")
_CHANGE = re.compile(r"(?:增长|增幅|增速|同比|环比|变化|变动)(?:率|幅度)?(?:为|约)?$")
_CLAUSES = re.compile(r"[，。；、,;！？!?\n]")


def odd_figure_notes(brief: Brief) -> list[str]:
    statements = read_statements(brief)
    notes = []
    ranged: set[tuple[str, str]] = set()
    for s in statements:
        if s.kind is Kind.COUNT and ranges_in(s.words) and (s.field, s.words) not in ranged:
            ranged.add((s.field, s.words))
            taken = (
                f"按下限{plain(s.number)}{s.unit}计算"
                if s.per_unit
                else f"指标值按下限取“≥{plain(s.number)}({s.unit})”"
            )
            notes.append(
                f"简报{s.field}“{s.clause}”中的{s.words}是一个范围，{taken}："
                "下限是计划至少要完成的数，取上限会把只是预期的数写成必须完成的目标；如需按其他数考核，请改写指标值"
            )
        elif impossible_rate(s):
            notes.append(
                f"简报{s.field}“{s.clause}”写的{s.words}超过100%，比率不可能超过100%：草稿按简报写入，"
                "审核会报 VAL-IMPOSSIBLE，请核对简报后改正"
            )
    for field, text in brief_texts(brief).items():
        for clause in _CLAUSES.split(text or ""):
            for m in _NEGATIVE.finditer(clause):
                if _CHANGE.search(clause[: m.start()]):
                    continue  # 增长-5%: a fall, which a change may be
                notes.append(
                    f"简报{field}“{clause.strip()}”中的“{m[0].strip()}”是负数：时间、数量和比率都不能为负，"
                    "起草时未据此设指标；请核对（可能多写了“-”）"
                )
    return notes
