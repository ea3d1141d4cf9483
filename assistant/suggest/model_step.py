"""The bounded model step of a suggestion (issue 21, item 5): one call that may propose better names for the
rules' rows and rows for statements the rules missed; every number it proposes is checked against the brief.

    suggest_table(brief, bank, ask, context=None) -> SuggestionSet      # rules, then ``improve`` when ask is given
    improve(result, brief, ask, context=None) -> SuggestionSet

``ask(system, user) -> str`` is one model call (local or OpenAI-compatible; `assistant.services.suggest.asker`);
None means rules only. The reply is a JSON object ``{"rename": [{"row": 3, "name": "…"}], "add": [{"name": "…",
"level2": "数量指标", "value": "≥180(个)", "clause": "…the brief's words…", "arithmetic": "400000 ÷ 2500 = 160"}]}``.

What is kept: a name or value whose every number is found verbatim in the brief (Arabic or Chinese numerals, the
funding and 项目构成 amounts), or is the result of arithmetic over such numbers shown in ``arithmetic`` and
correct; 100% or 0 only for a clause the statement reader reads as a commitment or a zero target; a new row only
with a clause found in the brief, under a valid 二级, not repeating a row, and passing the review. Everything
else is dropped and said in ``SuggestionSet.notes``. A model fault, a timeout or a reply that is not such JSON
leaves the rules' table as it is, with a note. The draft's table, the web's 指标推荐 and 重新生成指标表 call this.
"""

from __future__ import annotations

import ast
import json
import operator
import re
from decimal import Decimal, InvalidOperation
from typing import Protocol

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.domain.brief import Brief
from assistant.domain.framework import PARENT, Level2
from assistant.domain.quantities import CN_NUMBER, cn_number
from assistant.domain.statements import Kind, brief_texts, read_text
from assistant.domain.values import ValueKind, parse_value
from assistant.errors import AssistantError
from assistant.review.checks_relevance import ReviewContext
from assistant.suggest.bank import IndicatorBank
from assistant.suggest.brief_rows import plan_value
from assistant.suggest.guard import blocking_findings
from assistant.suggest.models import IndicatorSuggestion, Naming, Origin, SuggestionSet
from assistant.suggest.suggest import suggest


class Ask(Protocol):
    """One plain model call: (system prompt, user prompt) → the reply's text; ``seconds`` shortens its time limit
    (the draft's time left), never lengthens it. Raises AssistantError on a fault or timeout."""

    def __call__(self, system: str, user: str, *, seconds: float | None = None) -> str: ...


MAX_NEW_ROWS = 5
MAX_NAME = 30
MAX_TOKENS = 700
SYSTEM = (
    "你是财政项目绩效目标申报表的审核助手。只依据用户给出的项目简报，改进绩效指标表。"
    "只输出一个 JSON 对象，不要输出其他文字。"
)
_NUMBER = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")
_CN_RUN = re.compile(CN_NUMBER)
_JSON = re.compile(r"\{.*\}", re.S)
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


class _Rename(BaseModel):
    model_config = ConfigDict(extra="ignore")
    row: int
    name: str


class _NewRow(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str
    level2: str
    value: str
    clause: str
    arithmetic: str | None = None


class _Proposal(BaseModel):
    model_config = ConfigDict(extra="ignore")
    rename: list[_Rename] = []
    add: list[_NewRow] = []


def suggest_table(
    brief: Brief, bank: IndicatorBank, ask: Ask | None, *, context: ReviewContext | None = None
) -> SuggestionSet:
    """The one path to a brief's indicator table: the rules (`suggest`), then the bounded model step."""
    return improve(suggest(brief, bank, context=context), brief, ask, context=context)


def improve(
    result: SuggestionSet,
    brief: Brief,
    ask: Ask | None,
    *,
    context: ReviewContext | None = None,
    seconds: float | None = None,
) -> SuggestionSet:
    """``result`` with the model's checked proposals applied, and a note for each one dropped; ``seconds``: the
    most the call may take (a draft's time left), else the asker's own limit."""
    if ask is None:
        return result
    try:
        reply = ask(SYSTEM, prompt(result, brief), seconds=seconds)
    except AssistantError as exc:
        return _noted(result, [f"模型未能参与本次指标建议（{exc.message}），指标表为规则结果"])
    proposal = _parsed(reply)
    if proposal is None:
        return _noted(result, ["模型的回复不是可用的指标建议（应为 JSON），指标表为规则结果"])
    known = BriefNumbers.of(brief)
    rows, notes = _renamed(result.suggestions, proposal.rename, known)
    added, dropped = _added(rows, proposal.add[:MAX_NEW_ROWS], known, brief)
    notes += dropped
    if len(proposal.add) > MAX_NEW_ROWS:
        notes.append(f"模型提出 {len(proposal.add)} 个新指标，只审核了前 {MAX_NEW_ROWS} 个")
    rows, notes = _reviewed(brief, result.suggestions, rows, added, context, notes)
    return result.model_copy(update={"suggestions": rows, "notes": [*result.notes, *notes]})


def prompt(result: SuggestionSet, brief: Brief) -> str:
    """The user message: the brief's text fields and the rules' table, numbered, and what to answer."""
    fields = "\n".join(f"{label}：{text}" for label, text in brief_texts(brief).items() if text)
    table = "\n".join(
        f"{n}. {s.level1.value}/{s.level2.value}｜{s.name}｜{s.value.value}"
        for n, s in enumerate(result.suggestions, start=1)
    )
    level2s = "、".join(l2.value for l2 in Level2)
    return (
        f"项目名称：{brief.name}\n{fields}\n\n现有指标表（序号. 一级/二级｜三级指标｜指标值）：\n{table}\n\n"
        "请做两件事：1. 对名称不够清楚的指标给出更好的三级指标名称（rename：row 为序号，name 为新名称，不改指标值）；"
        f"2. 简报中写明、但表中没有的可衡量内容，补充为新指标（add，最多 {MAX_NEW_ROWS} 个）："
        f"name 为三级指标名称，level2 为二级指标（{level2s} 之一），value 为指标值（如 ≥180(个)、≤3(个工作日)），"
        "clause 为简报中对应的原文（逐字摘录），数字必须是简报中写明的；由简报数字计算得到的，在 arithmetic 中写出算式。\n"
        '只输出 JSON，例如：{"rename": [{"row": 1, "name": "…"}], "add": [{"name": "…", "level2": "数量指标", '
        '"value": "≥10(个)", "clause": "…", "arithmetic": null}]}'
    )


def _parsed(reply: str) -> _Proposal | None:
    found = _JSON.search(reply or "")
    if found is None:
        return None
    try:
        return _Proposal.model_validate(json.loads(found.group(0)))
    except (json.JSONDecodeError, ValidationError):
        return None


# -- numbers the brief states --------------------------------------------------------------------------------


class BriefNumbers:
    """Every number written in the brief (text fields, name, funding, 项目构成 amounts), as decimals."""

    def __init__(self, numbers: set[Decimal], text: str) -> None:
        self.numbers, self.text = numbers, text

    @classmethod
    def of(cls, brief: Brief) -> BriefNumbers:
        text = "\n".join([brief.name, *brief_texts(brief).values()])
        money = [
            brief.funding.total,
            brief.funding.annual,
            brief.funding.fiscal,
            *(c.amount for c in brief.composition),
        ]
        dates = [d for d in (brief.start_date, brief.end_date) if d is not None]
        days = {Decimal(x) for d in dates for x in (d.year, d.month, d.day)} | {Decimal(brief.year)}
        found = {n for n in money if n is not None} | numbers_in(text) | days
        return cls({n.normalize() for n in found}, _flat(text))

    def has(self, number: Decimal) -> bool:
        return number.normalize() in self.numbers

    def quoted(self, clause: str) -> bool:
        flat = _flat(clause)
        return len(flat) >= 4 and flat in self.text


def numbers_in(text: str) -> set[Decimal]:
    """Arabic numbers (thousands separators dropped) and Chinese numerals (六, 十二, 一千二百) of ``text``."""
    found = {Decimal(m.group(0).replace(",", "").replace("，", "")) for m in _NUMBER.finditer(text)}
    for m in _CN_RUN.finditer(text):
        if not _counted(text, m):
            continue
        try:
            found.add(cn_number(m.group(0)))
        except ValueError:
            continue
    return found


def _counted(text: str, m: re.Match[str]) -> bool:
    """A Chinese numeral that counts something (六场, 十二个), not a word (统一, 一次性) nor a unit's 万 (万人)."""
    after = text[m.end() : m.end() + 3]
    return m.group(0) not in {"万", "千", "百"} and after[:1] in _MEASURES and not after.startswith("次性")


_MEASURES = set("个名人次场期项件份册批户家所台套位处条篇本卷页类种轮节门堂间座辆块幅张部届")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def unknown_numbers(text: str, known: BriefNumbers, arithmetic: str | None = None) -> list[Decimal]:
    """The numbers of ``text`` the brief does not state; a number shown as the correct result of ``arithmetic``
    over the brief's own numbers counts as stated."""
    result = checked_arithmetic(arithmetic, known) if arithmetic else None
    return [n for n in sorted(numbers_in(text)) if not known.has(n) and (result is None or n != result)]


def checked_arithmetic(arithmetic: str, known: BriefNumbers) -> Decimal | None:
    """The result of ``400000 ÷ 2500 = 160`` when every operand is the brief's and the result is right (to the
    rounding a value is written with); None otherwise."""
    left, _, right = arithmetic.partition("=")
    expression = re.sub(r"[^\d.+\-*/()]", "", left.replace(",", "").replace("÷", "/").replace("×", "*"))
    claimed = numbers_in(right)
    operands = [Decimal(x) for x in re.findall(r"\d+(?:\.\d+)?", expression)]
    if not expression or len(claimed) != 1 or not operands or not all(known.has(x) for x in operands):
        return None
    value = _evaluate(expression)
    result = next(iter(claimed))
    if value is None or abs(value - result) > max(Decimal("0.01"), abs(result) * Decimal("0.005")):
        return None
    return result.normalize()


def _evaluate(expression: str) -> Decimal | None:
    try:
        return _node(ast.parse(expression, mode="eval").body)
    except (SyntaxError, ValueError, ZeroDivisionError, InvalidOperation):
        return None


def _node(node: ast.expr) -> Decimal:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return Decimal(str(node.value))
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return Decimal(_OPS[type(node.op)](_node(node.left), _node(node.right)))
    raise ValueError("只接受数字与加减乘除")


# -- proposals ------------------------------------------------------------------------------------------------


def _renamed(
    rows: list[IndicatorSuggestion], renames: list[_Rename], known: BriefNumbers
) -> tuple[list[IndicatorSuggestion], list[str]]:
    out, notes = list(rows), []
    for r in renames:
        name = r.name.strip()
        if not 1 <= r.row <= len(rows) or not name or name == rows[r.row - 1].name:
            continue
        old = rows[r.row - 1]
        invented = unknown_numbers(name, known)
        if invented or len(name) > MAX_NAME:
            why = f"含简报中没有的数字 {_shown(invented)}" if invented else "过长"
            notes.append(f"模型把“{old.name}”改名为“{name}”：{why}，未采用")
            continue
        note = f"名称由“{old.name}”改写（模型建议）"
        out[r.row - 1] = old.model_copy(update={"name": name, "naming": Naming.REPHRASED, "notes": [*old.notes, note]})
    return out, notes


def _added(
    rows: list[IndicatorSuggestion], proposals: list[_NewRow], known: BriefNumbers, brief: Brief
) -> tuple[list[IndicatorSuggestion], list[str]]:
    added: list[IndicatorSuggestion] = []
    notes: list[str] = []
    for p in proposals:
        problem = _problem(p, [*rows, *added], known)
        if problem is not None:
            notes.append(f"模型建议的新指标“{p.name} {p.value}”{problem}，未采用")
            continue
        added.append(_row(p, brief))
    return added, notes


def _problem(p: _NewRow, rows: list[IndicatorSuggestion], known: BriefNumbers) -> str | None:
    """Why a proposed row cannot be taken, or None."""
    level2 = next((l2 for l2 in Level2 if l2.value == p.level2.strip()), None)
    value = parse_value(p.value)
    if level2 is None:
        return f"的二级指标“{p.level2}”不在框架中"
    if value.kind is ValueKind.MISSING or not p.name.strip() or len(p.name) > MAX_NAME:
        return "缺少名称或指标值"
    if not known.quoted(p.clause):
        return "所引原文在简报中找不到"
    invented = [n for n in unknown_numbers(f"{p.name} {p.value}", known, p.arithmetic) if not _whole(n, p.clause)]
    if invented:
        return f"含简报中没有的数字 {_shown(invented)}（也不是由简报数字算出的）"
    if any(r.name == p.name.strip() for r in rows) or any(_same_figure(r, value.number, value.unit) for r in rows):
        return "与表中已有指标重复"
    return None


def _whole(number: Decimal, clause: str) -> bool:
    """100% or 0 for a clause the reader reads as a commitment (不重不漏, 全覆盖) or a zero target (零损毁)."""
    if number not in {Decimal(0), Decimal(100)}:
        return False
    return any(s.kind in {Kind.COMPLETE, Kind.ZERO} for s in read_text(clause, "主要内容"))


def _same_figure(row: IndicatorSuggestion, number: Decimal | None, unit: str | None) -> bool:
    if number is None or row.value.number is None or unit in {None, "%"}:
        return False
    return row.value.number.normalize() == number.normalize() and row.value.unit == unit


def _row(p: _NewRow, brief: Brief) -> IndicatorSuggestion:
    level2 = next(l2 for l2 in Level2 if l2.value == p.level2.strip())
    how = f"，{p.arithmetic}" if p.arithmetic else ""
    field = next((label for label, text in brief_texts(brief).items() if _flat(p.clause) in _flat(text)), "内容")
    value = plan_value(p.value, f"计划标准：简报{field}写明“{p.clause.strip()}”{how}（模型补充）", fields=[field])
    return IndicatorSuggestion(
        level1=PARENT[level2],
        level2=level2,
        name=p.name.strip(),
        template=p.name.strip(),
        family=p.name.strip(),
        naming=Naming.REPHRASED,
        value=value.model_copy(update={"arithmetic": p.arithmetic}),
        evidence=[],
        score=0.0,
        origin=Origin.BRIEF,
        notes=["模型补充的指标：数字已核对为简报所写"],
    )


def _reviewed(
    brief: Brief,
    before: list[IndicatorSuggestion],
    renamed: list[IndicatorSuggestion],
    added: list[IndicatorSuggestion],
    context: ReviewContext | None,
    notes: list[str],
) -> tuple[list[IndicatorSuggestion], list[str]]:
    """The table through the review: a new name it flags goes back to the old one, a new row it flags is left out."""
    table = [*renamed, *added]
    flagged = blocking_findings(brief, table, context)
    rows = []
    for n, row in enumerate(table):
        if n not in flagged:
            rows.append(row)
            continue
        rules = "、".join(sorted({f.rule_id for f in flagged[n]}))
        if n < len(before):
            notes.append(f"模型给“{before[n].name}”的新名称“{row.name}”未通过审核（{rules}），保留原名")
            rows.append(before[n])
        else:
            notes.append(f"模型建议的新指标“{row.name} {row.value.value}”未通过审核（{rules}），未采用")
    return rows, notes


def _noted(result: SuggestionSet, notes: list[str]) -> SuggestionSet:
    return result.model_copy(update={"notes": [*result.notes, *notes]})


def _shown(numbers: list[Decimal]) -> str:
    return "、".join(f"{n.normalize():f}" for n in numbers)


__all__ = ["Ask", "BriefNumbers", "checked_arithmetic", "improve", "numbers_in", "prompt", "suggest_table"]
