"""A topic the question names that the forms write in indicator names or 项目构成 rows, answered with those rows.

搞体检的项目有哪些 各体检多少人 → every indicator whose name writes 体检, with its value; 内刊一年印几期 → 印发内刊数量
≥60(期); 党费系统测评一共花了多少钱 → the 项目构成 rows of that project writing 测评, summed; 有没有做过档案数字化的 →
文书档案电子化 (数字化 read as the forms' 电子化, and said so); 食堂满意度定的多少 → 食堂服务满意度 only, not every 满意度.

``rescue`` replaces an answer only where that answer said the corpus lacks the topic (or found nothing), or where it
summed up a kind of indicator (满意度) without ever naming the word that picks some of them (食堂). A word the
question names as absent (unknown kind or subject) must be written whole in a row name (after the spoken-to-written
words below), so 污水处理 never answers with 处理时效满意度; an unknown project, unit, district or year is never rescued.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.domain.model import Declaration, SectionKind
from assistant.domain.refs import SourceRef, indicator_citation, section_citation
from assistant.qa.cues import Cues
from assistant.qa.models import Answer, Route, Row
from assistant.qa.scope import Scope, forms_named

# What the question asks, not what it is about: never compared with a name.
_ASKING = re.compile(
    r"请问|麻烦|帮我|查下|一下|以前|之前|过去|往年|历年|曾经|有没有|有无|是否|做过|搞过|办过|弄过|搞|弄|做|办|哪些|哪个|哪几个|几个|多少钱|多少|一共|合计|"
    r"总共|加起来|相关|有关|方面|花了|花|定的|定了|设的|设了|写的|写了|填的|是多少|是啥|是什么|什么|一年|每年|全年|项目|经费|各|"
    r"[的了吗呢啊吧是有几印要在和与及或个人期次钱年]|\d+|[\s，。,.？?！!、：:；;“”\"（）()]"
)
# Words every kind of row writes: they qualify a match (食堂 + 满意度) but never make one alone.
_KIND_WORDS = ("满意度", "完成率", "及时性", "及时率", "覆盖率", "合格率", "数量", "人数", "次数", "费用", "费")
_GENERIC = re.compile("|".join(_KIND_WORDS) + r"|系统|平台|服务|管理|建设|工作|指标|资金|预算|成本|质量|效益|时效")
# Spoken words and the words the forms write for them.
_WRITTEN = {"数字化": "电子化", "数字化的": "电子化", "刊物": "内刊"}
_MONEY = re.compile(r"多少钱|花了|花费|费用|金额|经费|资金|预算|钱")
_SUM = re.compile(r"一共|合计|总共|加起来|总计")
_COMPARING = re.compile(r"超过|超出|高于|低于|大于|小于|多于|少于|不到|不足|以上|以下|以内")
_ASKS_ANY = re.compile(r"有没有|有无|是否有|有吗|有没")
_UNKNOWN_PREFIX = re.compile(r"^(?:搞|弄|做过?|办|有没有做过?|有关)")


@dataclass(frozen=True)
class Hit:
    """One row whose name writes ``word``: an indicator (``amount`` None) or a 项目构成 row."""

    decl: Declaration
    name: str
    value: str
    amount: Decimal | None
    citation: SourceRef
    word: str


def rescue(question: str, cues: Cues, scope: Scope, result: Answer) -> Answer | None:
    """The rows answer replacing ``result`` (see the module), or None where ``result`` stands."""
    if (
        cues.unknown_project
        or cues.unknown_unit
        or cues.unknown_district
        or cues.odd_years
        or cues.versus
        or cues.ambiguous
    ):
        return None
    if cues.amount_condition or _COMPARING.search(question):  # 预算超过1000万的项目: a condition, not a topic
        return None
    unread = result.query is None and "未找到与该问题相关" in result.text
    if result.refused or unread:
        hits = _hits(question, cues, scope, qualified=False)
        return _answer(question, hits) if hits else None
    if cues.project or cues.declaration_id or cues.indicator_name:
        return None
    hits = _hits(question, cues, scope, qualified=True)
    head = result.text.split("\n", 1)[0]
    if not hits or any(hit.word in head for hit in hits):
        return None  # the answer's first line names the word: it was read
    return _answer(question, hits)


def _hits(question: str, cues: Cues, scope: Scope, *, qualified: bool) -> list[Hit]:
    text = question
    for written, _ in cues.matched:
        text = text.replace(written, " ")
    if cues.project:
        text = text.replace(cues.project, " ")
    kinds = [k for k in _KIND_WORDS if k in text]
    if qualified and not kinds:
        return []
    words = _words(text)
    unknown = [_written(_UNKNOWN_PREFIX.sub("", u)) for u in (cues.unknown_kind, cues.unknown_subject) if u]
    money = bool(_MONEY.search(question))
    found: list[Hit] = []
    for decl in forms_named(cues, scope):
        for hit in _rows(decl, money):
            word = _shared(words, hit.name)
            if word is None or any(u not in hit.name for u in unknown):
                continue
            if qualified and not any(k in hit.name for k in kinds):
                continue
            found.append(Hit(hit.decl, hit.name, hit.value, hit.amount, hit.citation, word))
    return found


def _words(text: str) -> list[str]:
    """The pieces of ``text`` that may name a topic: asking and generic words cut out, spoken words written."""
    pieces = _GENERIC.sub(" ", _ASKING.sub(" ", _written(text))).split()
    return [p for p in pieces if len(p) >= 2]


def _written(text: str) -> str:
    for spoken, written in _WRITTEN.items():
        text = text.replace(spoken, written)
    return text


def _shared(words: list[str], name: str) -> str | None:
    """The longest of ``words`` when ``name`` writes every one of them whole (垃圾分类宣传 is never matched by a
    name writing only 宣传), else None."""
    if not words or any(word not in name for word in words):
        return None
    return max(words, key=len)


def _rows(decl: Declaration, money: bool) -> list[Hit]:
    """The project's 项目构成 rows where money is asked, else its indicators (then its 项目构成 rows)."""
    lines = [
        Hit(decl, line.name, f"{line.amount:,.2f} 元", line.amount, _line_citation(decl, line.name), "")
        for line in decl.budget_lines
        if line.amount is not None
    ]
    if money:
        return lines
    indicators = [Hit(decl, i.name, i.value.raw, None, indicator_citation(decl, i), "") for i in decl.indicators]
    return indicators + lines


def _line_citation(decl: Declaration, name: str) -> SourceRef:
    section = decl.section(SectionKind.COMPOSITION)
    if section is not None and name in section.text:
        return section_citation(decl, section, quote=name)
    return SourceRef(ref=f"{decl.id}#header", project=decl.header.name, year=decl.header.year, part="项目构成")


def _answer(question: str, hits: list[Hit]) -> Answer:
    words = "”“".join(dict.fromkeys(hit.word for hit in hits))
    lines_only = all(hit.amount is not None for hit in hits)
    no_lines = all(hit.amount is None for hit in hits)
    what = "项目构成行" if lines_only else "绩效指标" if no_lines else "绩效指标或项目构成行"
    forms = len({hit.decl.id for hit in hits})
    lines = [f"名称写有“{words}”的{what}（{len(hits)} 行，{forms} 份申报表）："]
    lines += [
        f"- {hit.decl.header.name}（{hit.decl.header.year or '年度不详'}）：{hit.name} {hit.value} {hit.citation.label}"
        for hit in hits
    ]
    if lines_only and (len(hits) > 1 or _SUM.search(question)):
        total = sum((hit.amount for hit in hits if hit.amount is not None), Decimal(0))
        lines.append(f"以上 {len(hits)} 行合计 {total:,.2f} 元。")
    said = [f"问题中的“{s}”按表中写的“{w}”理解。" for s, w in _WRITTEN.items() if s in question and w in words]
    rows = [
        Row(
            declaration_id=hit.decl.id,
            project=hit.decl.header.name,
            year=hit.decl.header.year,
            field=hit.name,
            value=hit.value,
            amount=hit.amount,
            citation=hit.citation,
        )
        for hit in hits
    ]
    citations = list(dict.fromkeys(hit.citation for hit in hits))
    # 有没有做过档案数字化的: 有 and how many forms, said first, then the rows
    yes = [f"有。语料库中有 {forms} 份申报表写到："] if _ASKS_ANY.search(question) else []
    text = "\n".join([*yes, *said[:1], *lines])
    return Answer(question=question, text=text, route=Route.STRUCTURED, rows=rows, citations=citations)
