"""An information project narrowed by a word said before it (issue 24): 组织部23年建设类信息化项目 — of the year's
information projects, the one whose name holds 建设 (信息化建设项目), not all of them. Read only where exactly one
information project of the years asked holds the word; otherwise the word is left to the other readers."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.cues import CUT, Cues
from assistant.qa.lexicon import Lexicon
from assistant.qa.select import is_it_name

_KIND_WORD = re.compile(r"([\u4e00-\u9fff]{2})类的?$")  # 建设类 / 运维类的, right before 信息化项目


def it_kind_named(before: str, text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """``before``: the text up to the 信息化项目 just read; the project whose name holds the word before it, if one."""
    found = _KIND_WORD.search(before)
    if found is None or cues.project or cues.declaration_id:
        return text, cues
    word = found.group(1)
    names = [
        name
        for name in lexicon.projects
        if word in name and is_it_name(name) and (not cues.years or set(cues.years) & set(lexicon.years_of(name)))
    ]
    if len(names) != 1:
        return text, cues
    return text.replace(found.group(), CUT, 1), replace(cues, project=names[0], matched=((found.group(), names[0]),))
