"""A project named by what it does, said verb first where its name writes the object first (交党费的系统: the name
writes 党费缴纳管理系统; 办证件的平台: 证件办理平台).

A phrase read as no project's name is split into a verb of one or two characters and the object after it; a name that
writes the object right before a word holding the verb (or a character of the same sound: 交 for 缴) is the project,
where exactly one name does. The answer says how it matched.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.cues import CUT, Cues
from assistant.qa.homophones import sounds
from assistant.qa.lexicon import Lexicon

MIN_OBJECT = 2  # characters of the object the name must write verbatim
_KINDS = "(?:系统|平台|项目|工程|经费)"  # the kind of thing a project is, after what it does
_KIND = re.compile(f"的?{_KINDS}$")
VERB_GAP = 2  # characters of the name after the object within which the verb stands (党费缴纳: 缴 at once)


def inverted_name(phrase: str, projects: tuple[str, ...]) -> tuple[str, str] | None:
    """(the one name writing ``phrase``'s object before its verb, the name's words so written), or None where no
    name or several do."""
    phrase = _KIND.sub("", phrase)  # 缴党费系统: what the project does, less the kind of thing it is
    for size in (1, 2):
        verb, thing = phrase[:size], phrase[size:]
        if len(thing) < MIN_OBJECT:
            continue
        spoken = set(sounds(verb))
        found = {}
        for name in dict.fromkeys(projects):
            at = name.find(thing)
            if at < 0:
                continue
            after = name[at + len(thing) : at + len(thing) + VERB_GAP]
            if after and (set(verb) & set(after) or spoken & set(sounds(after))):
                found[name] = name[at : at + len(thing) + len(after)]
        if len(found) == 1:
            return next(iter(found.items()))
    return None


# 交党费那套系统: the words before a pointer, where the name reader kept only part of them (党费套系统)
_POINTED_RUN = re.compile(r"([\u4e00-\u9fffA-Za-z]{3,8}?)(?:那|这)(?:套|个|笔|项)")


def named_inverted(cues: Cues, lexicon: Lexicon, text: str = "") -> Cues | None:
    """The cues naming the project an absent phrase names verb first (``inverted_name``), said how; None otherwise.
    ``text``: the question as read, whose words before a pointer are tried as well."""
    if not cues.unknown_project or cues.project:
        return None
    phrases = [cues.unknown_project, *(m.group(1) for m in _POINTED_RUN.finditer(text))]
    found = next((hit for phrase in phrases if (hit := inverted_name(phrase, lexicon.projects))), None)
    if found is None:
        return None
    name, written = found
    return replace(
        cues,
        project=name,
        unknown_project=None,
        candidates=(),
        matched=((cues.unknown_project, name),),
        matched_how=f"按名称中的“{written}”",
        project_years=len(lexicon.years_of(name)),
    )


def cut_inverted(text: str, written: str) -> str:
    """``text`` less the words that named the project (缴党费, with 的系统 after it), so no later reader takes them for a
    second subject."""
    found = re.search(f"{re.escape(written)}的?{_KINDS}?", text) if written else None
    return text if found is None else text[: found.start()] + CUT + text[found.end() :]
