"""A pronoun read as the project just discussed (那它安全测评咋定的, 它的年度目标呢): where the question with 它
read alone asks nothing the parser knows (no target), it is read again with the project's name (and its year, where
the conversation held one) written in place of 它, so that every wording that works with a name written works with
it too (issue 24, follow-ups)."""

from __future__ import annotations

from datetime import date

from assistant.qa.conversation import Conversation
from assistant.qa.lexicon import Lexicon
from assistant.qa.models import RowKind, Target
from assistant.qa.parse import Reading, read
from assistant.qa.question_words import IT
from assistant.qa.safeguard_cells import DOCUMENT_ASKED, named_document
from assistant.qa.scope import Scope

# What a pronoun's reading asks where it read nothing of one project: no target, or projects (它的X率咋定的 read as
# the projects having X率), which a question about the project discussed never asks
_UNREAD = (None, Target.LIST_PROJECTS)


def with_focus_named(
    question: str, reading: Reading, conversation: Conversation, lexicon: Lexicon, *, today: date
) -> Reading:
    """The reading of ``question`` with the project discussed named in place of its pronoun, where the pronoun's own
    reading has no target (or projects) and names no project; else ``reading`` unchanged (and so where the name's reading does
    not come back to the same project)."""
    cues, focus = reading.cues, conversation.focus
    if focus.project is None or cues.target not in _UNREAD or cues.project or cues.declaration_id:
        return reading
    if not cues.refers_to_focus or IT.search(question) is None:
        return reading
    year = f"{focus.years[0]}年" if len(focus.years) == 1 else ""
    named = read(IT.sub(f"{year}{focus.project}", question, count=1), lexicon, today=today)
    if named.cues.target in _UNREAD or named.cues.project != focus.project:
        return reading
    return named


def with_focus_document(
    question: str, reading: Reading, conversation: Conversation, scope: Scope, *, today: date
) -> Reading:
    """内部财务管理制度那条 归哪类制度 right after a question about one project: a 制度保障 document that project's
    form holds, asked with no project named, is that form's row; the question is read again with the project's name
    (and year) written before it. Else ``reading`` unchanged (and where that reading is not of the same project)."""
    cues, focus = reading.cues, conversation.focus
    if focus.project is None or cues.project or cues.declaration_id:
        return reading
    forms = [d for d in scope.corpus.declarations if d.header.name == focus.project]
    forms = [d for d in forms if d.id == focus.declaration_id or not focus.declaration_id]
    forms = [d for d in forms if not focus.years or d.header.year in focus.years]
    # 专款专用制度那条 after that project's 制度保障: its row; a document it lacks, right after its 制度保障 listed: 没有
    if not any(named_document(question, d) for d in forms) and not _after_its_safeguards(question, conversation):
        return reading
    year = f"{focus.years[0]}年" if len(focus.years) == 1 else ""
    named = read(f"{year}{focus.project} {question}", scope.lexicon, today=today)
    return named if named.cues.project == focus.project else reading


def _after_its_safeguards(question: str, conversation: Conversation) -> bool:
    """内部财务管理制度那条 归哪类 right after a project's 制度保障 were listed: a document asked of that form."""
    last = conversation.last_query
    listed = last is not None and last.target is Target.LIST_ROWS and last.rows is RowKind.SAFEGUARDS
    return listed and DOCUMENT_ASKED.search(question) is not None
