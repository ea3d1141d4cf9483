"""Projects pointed at by what they do, as the question writes them (read by `assistant.qa.reading.take_projects`):

- ``pointed_pair``: 印内刊那个跟党代表履职那个 — two sides, each the one declaration whose content holds its words, or
  the one its written words and meaning point at (管食堂车辆的那个: 车辆 is in no form; `assistant.qa.meaning`);
- ``second_side``: 党代表履职那个项目和内刊那个 — a second side after one matched by content;
- ``led_by_another``: IPTV运维那个项目 — a Latin word before a matched short form that none of that project's forms
  writes: the phrase describes another project.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.content_names import Content, match_content, sole_holder
from assistant.qa.cues import Cues
from assistant.qa.lexicon import Lexicon
from assistant.qa.meaning import by_meaning

# 远教电教那个经费, 网上交党费那个系统: the words before 那个/这个 point at a project (chatter before them is kept)
POINTED = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,14}?)(?:那个|这个)(?:项目|系统|平台|工程|经费|费用|钱)?")


_LEAD_RUN = re.compile(r"[A-Za-z]{2,}$")


def led_by_another(full: str, phrase: str, name: str, lexicon: Lexicon) -> bool:
    """IPTV运维那个项目: the words just before a matched short form (IPTV) are written by some form but by none of the
    matched project's, so the phrase describes another project (its content decides), not this one's name."""
    at = full.find(phrase[:2])
    lead = _LEAD_RUN.search(full[:at]) if at > 0 else None
    if lead is None:
        return False
    word = lead.group()
    if len(word) < 2 or not word.isascii():  # a Latin word (IPTV, PC端): Chinese before a name may be a unit or typo
        return False
    own = [c for c in lexicon.contents if c.name == name]
    holds = [c for c in lexicon.contents if any(word in text for _, text in c.places)]
    return bool(holds) and not any(c in holds for c in own)


_SIDE_JOIN = re.compile(r"(?:的|项目|系统|平台|经费)*(?:和|跟|与|同|及|对比|比较|比)")


def second_side(full: str, phrase: str, first: Content, lexicon: Lexicon) -> tuple[Content | None, str]:
    """党代表履职那个项目和内刊那个: a second project pointed at after the first (joined by 和/跟/与/比), described by
    words one other declaration's content alone holds (``match_content``); (None, "") where there is none."""
    for pointed in POINTED.finditer(full):
        if pointed.group(1) not in phrase and phrase.removesuffix("项目") not in pointed.group(1):
            continue
        joined = _SIDE_JOIN.match(full, pointed.end())
        other = POINTED.match(full, joined.end()) if joined else None
        if other is None or other.group(0) == other.group(1):
            return None, ""
        found = match_content(other.group(1), lexicon.contents)
        if found is None or found.winner is None or found.winner.name == first.name:
            return None, ""
        return found.winner, other.group(1)
    return None, ""


_ASKING_START = re.compile(r"^(?:请问|麻烦|帮我|帮忙|查下|查一下|看看|看一下|比较一下|对比一下|比一下)+")


def pointed_pair(full: str, cues: Cues, lexicon: Lexicon) -> Cues | None:
    """印内刊那个跟党代表履职那个: two phrases pointed at (…那个) and joined (跟/和/与/比), each described by words one
    declaration's content alone holds (``sole_holder``), naming two projects: the cues with them (each side's
    declaration where its name has several years and none is written), or None."""
    for first in POINTED.finditer(full):
        if first.group(0) == first.group(1) or not (joined := _SIDE_JOIN.match(full, first.end())):
            continue
        second = POINTED.match(full, joined.end())
        if second is None or second.group(0) == second.group(1):
            return None
        one, two = _ASKING_START.sub("", first.group(1)), second.group(1)
        (a, how_a), (b, how_b) = _side(one, lexicon), _side(two, lexicon)
        if a is None or b is None or a.name == b.name:
            return None
        return replace(
            cues,
            project=a.name,
            versus=b.name,
            matched=((one, a.name), (two, b.name)),
            matched_how=f"{how_a}；{how_b}",
            project_years=len(lexicon.years_of(a.name)),
            declaration_id=a.declaration_id if _shared(a, lexicon) and not cues.years else None,
            versus_id=b.declaration_id if _shared(b, lexicon) and not cues.years else None,
        )
    return None


def _side(words: str, lexicon: Lexicon) -> tuple[Content | None, str]:
    """One side of a pair described by what it does: the one declaration whose content holds its words, else the one
    its written words and its meaning point at (管食堂车辆的: 车辆 is in no form); with how it was matched."""
    if (held := sole_holder(words, lexicon.contents)) is not None:
        return held, how_matched(words, held)
    if (meant := by_meaning(words, lexicon.contents)) is not None and meant.winner is not None:
        return meant.winner, f"“{words}”{meant.how}"
    return None, ""


def _shared(content: Content, lexicon: Lexicon) -> bool:
    return sum(c.name == content.name for c in lexicon.contents) > 1


def how_matched(written: str, content: Content) -> str:
    return f"“{written}”按内容匹配到“{content.name}”"
