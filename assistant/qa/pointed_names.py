"""A project pointed at by words of its name (2019年那个平台建设项目 预算多少, 这个会务系统的 联系人): one project, never
every form of the year.

The patterns read the year and the asked field but leave the words after the pointer unread, so the answer was every form
in scope summed or listed. Here the words are matched against the names of the forms in scope: one project named so is
the subject; several are asked back, listed; none is an unknown subject, refused with the forms that write the words.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.cues import Cues
from assistant.qa.models import Answer, Route
from assistant.qa.scope import Scope, forms_in_scope

# 那个平台建设项目, 这套会务系统的: a pointer opening the unread words, then two to twelve characters up to 项目, 的 or the
# end of the clause (words before the pointer, 阵地建设那个项目, are a description: qa/by_description.py reads those)
_POINTER_THEN = re.compile(r"(?:^|[｜¤])(?:那个|这个|那套|这套|那项|这项)([\u4e00-\u9fff]{2,12}?)(?:项目|的|[｜¤]|$)")


def pointed_words(rest: str) -> str | None:
    """The words a pointer is followed by in the unread rest of a question, or None."""
    found = _POINTER_THEN.search(rest)
    return found.group(1) if found else None


def settle_pointed(question: str, cues: Cues, scope: Scope) -> tuple[Cues, Answer | None]:
    """``cues`` with the pointed project as its subject, or an answer asking which of several; unchanged when the
    question names a project or points at nothing."""
    if cues.project or cues.declaration_id or cues.unknown_subject or cues.unknown_project:
        return cues, None
    words = pointed_words(cues.rest)
    if words is None:
        return cues, None
    names = list(dict.fromkeys(d.header.name for d in forms_in_scope(cues, scope) if words in d.header.name))
    if len(names) == 1:
        return replace(cues, project=names[0], matched=((words, names[0]),)), None
    if not names:
        return replace(cues, unknown_subject=words), None
    lines = [
        f"问题中的“{words}”可能指以下 {len(names)} 个项目，不以它们的合计代答。请问是哪个项目？请写出其中一个的名称再问：",
        *(f"- {name}" for name in names),
    ]
    return cues, Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, refused=True)
