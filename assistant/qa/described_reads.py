"""What a question names by its content, not by a name the forms write (issue 24), read after the patterns:

- ``line_by_content``: with one project read and its money asked, a 项目构成 line of that project the question writes
  the words of (闵行交党费那套系统 做安全测评预算了几块钱 → the line 安全测评费用): that line's amount is asked, never the
  project's total;
- ``indicator_anywhere``: with no project, no target and nothing else read, one indicator of the corpus the question's
  words describe clearly better than any other (选调生到村任职后考核称职 要求达到多少 → 到村任职选调生在职考核称职率),
  scored as a named project's indicator is (`assistant.qa.described_measure.best_measure`) but over every form and
  with a higher bar; the scope line says how it was read. Two close, or none: nothing is read here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.qa.content_names import Content
from assistant.qa.cues import Cues
from assistant.qa.described_measure import scored_measures
from assistant.qa.lexicon import Lexicon
from assistant.qa.mentions import squash
from assistant.qa.models import RowKind, Target
from assistant.qa.reading import take_money_subject

if TYPE_CHECKING:
    from assistant.qa.parse import Reading

MIN_LINE_RUN = 3  # characters of a 项目构成 line's name the question must write in a row
ANYWHERE_LEAST = 8.0  # the score an indicator read across every form needs (four pairs of characters it writes)
ANYWHERE_MARGIN = 3.0  # its lead over the next indicator of another name
_MONEY_ASKED = (Target.SUM_FUNDING,)
# What asks an indicator's value (要求达到多少, 要办几期, 定的多少, 上限): an indicator described, not a passage asked for
_VALUE_ASKED = re.compile(
    r"多少|几[期次条个天人份月回项成周]|达到|达标|定的|定了|定在|设的|设了|填的|上限|下限|至少|不低于|不少于|百分"
)
_LINE_WORDS = re.compile(r"费用?$|经费$|支出$")


def _lines_of(content: Content) -> list[str]:
    """The 项目构成 line names of one form, as its content lists them (name, then content; after the section of the
    same title)."""
    rows = next((text for label, text in reversed(content.places) if label == "项目构成"), "")
    return [row.split(" ")[0] for row in rows.split("\n") if row.strip()]


def _longest_run(text: str, name: str) -> str:
    best = ""
    for i in range(len(text)):
        for j in range(i + len(best) + 1, len(text) + 1):
            if text[i:j] not in name:
                break
            best = text[i:j]
    return best


def line_by_content(question: str, cues: Cues, lexicon: Lexicon) -> Cues:
    """The cues asking for the 项目构成 line of the one project read whose name the question writes a run of (see the
    module); else unchanged."""
    if not cues.project or cues.versus or cues.row_name or cues.indicator_name or cues.target not in _MONEY_ASKED:
        return cues
    forms = [c for c in lexicon.contents if c.name == cues.project and (not cues.years or c.year in cues.years)]
    said = squash(question)
    for written, _ in cues.matched:  # the words that named the project name no line
        said = said.replace(squash(written), "｜")
    runs = {}
    for line in {line for form in forms for line in _lines_of(form)}:
        run = _longest_run(said, _LINE_WORDS.sub("", line))
        if len(run) >= MIN_LINE_RUN and run not in cues.project:
            runs[line] = run
    if not runs:
        return _unlined_subject(cues, lexicon)
    run = max(runs.values(), key=len)
    return replace(cues, target=Target.LIST_ROWS, rows=RowKind.BUDGET_LINES, row_name=run, funding_field=None)


def _unlined_subject(cues: Cues, lexicon: Lexicon) -> Cues:
    """远教电教那笔 宽带租赁花了多少: money asked of a described project for a thing none of its lines is; the thing is
    the subject asked (refused with the forms writing it), never the project's total. Projects read by name are read
    so before (`assistant.qa.reading.take_money_subject`)."""
    if not cues.matched_how or cues.unknown_subject:
        return cues
    _, found = take_money_subject(cues.rest, replace(cues, matched_how=None), lexicon)
    subject = found.unknown_subject
    if subject is None or _shares_a_pair(subject, [cues.project or "", *(w for w, _ in cues.matched)]):
        return cues  # 交党费那套系统 一共花了多少: the words that described the project, no other thing
    return replace(cues, unknown_subject=subject)


def _shares_a_pair(words: str, others: list[str]) -> bool:
    return any(words[i : i + 2] in other for other in others for i in range(len(words) - 1))


def indicator_anywhere(question: str, cues: Cues, lexicon: Lexicon) -> Cues:
    """The cues naming the one indicator of the corpus the question describes (see the module); else unchanged."""
    unread = cues.target is None and not cues.follow_up and not cues.refers_to_focus
    named = (cues.project, cues.declaration_id, cues.unit, cues.mentions, cues.section, cues.indicator_name)
    if not unread or any(named) or cues.level1 or cues.level2 or cues.header_fields or cues.rows or cues.exists:
        return cues
    if cues.unknown_project or cues.unknown_subject or cues.unknown_kind or cues.unknown_unit:
        return cues
    if not _VALUE_ASKED.search(question):  # 党费缴纳移动端包括哪些功能: what a form says, no indicator's value
        return cues
    forms = [c for c in lexicon.contents if not cues.years or c.year in cues.years]
    ranked = scored_measures("".join(question.split()), forms)
    if not ranked or ranked[0][1] < ANYWHERE_LEAST:
        return cues
    if len(ranked) > 1 and ranked[0][1] < ranked[1][1] + ANYWHERE_MARGIN:
        return cues
    name = ranked[0][0]
    how = f"问题中的描述按指标“{name}”理解"
    return replace(cues, target=Target.LIST_INDICATORS, indicator_name=name, matched_how=how)


def read_described(question: str, reading: Reading, lexicon: Lexicon) -> Reading:
    """``reading`` with a budget line or an indicator named by content read (see the module), sure of it."""
    cues = indicator_anywhere(question, line_by_content(question, reading.cues, lexicon), lexicon)
    return reading if cues == reading.cues else replace(reading, cues=cues, doubts=())
