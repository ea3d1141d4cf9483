"""A follow-up right after a refusal (养老院的系统负责人叫啥？ refused; then 联系人呢？): it names nothing of its own and
the conversation holds no project, so it is refused as well — asked back which project is meant — never answered with
every form's field."""

from __future__ import annotations

from assistant.qa.conversation import Conversation
from assistant.qa.cues import Cues
from assistant.qa.execute import holdings
from assistant.qa.models import Answer, Route, Target
from assistant.qa.scope import Scope
from assistant.qa.subjects import ask_which

# Targets about one project's form: over every form they would answer for projects nobody asked about
_ONE_FORM = frozenset({Target.SHOW_FIELD, Target.LIST_ROWS, Target.COUNT_ROWS, Target.SHOW_SECTION})


def follows_refusal(cues: Cues, conversation: Conversation) -> bool:
    """Whether ``cues`` ask of one form, name no subject, and follow a refused turn with nothing in focus."""
    if not conversation.turns or not conversation.turns[-1].refused or conversation.last_query is not None:
        return False
    if conversation.focus.project or cues.target not in _ONE_FORM:
        return False
    named = (cues.project, cues.declaration_id, cues.versus, cues.unit, cues.years, cues.mentions, cues.category)
    return not any(named) and cues.project_type is None and not cues.it_only


def refused_again(question: str, scope: Scope) -> Answer:
    """The answer to such a follow-up: the subject asked before is not in the corpus, nor is a project named now."""
    lines = [
        "语料库中没有上一问所问的项目，这一问也没有写出项目名称，不以全部项目代答。",
        ask_which(scope, "的联系人是谁？"),
        *holdings(None, scope),
    ]
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, refused=True)
