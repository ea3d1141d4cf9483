"""Money a brief's text states against its own 资金 and 项目构成 (rt12 finding 5), said as 起草提示 notes:
``项目总投入300万元（其中运维150万元）`` in a brief whose 资金.总额 is 265万元 and whose 平台日常运维 line is 215万元. The
draft's 项目概况 quotes the brief, so it would carry both totals; the note says which figures disagree and where."""

from __future__ import annotations

from assistant.domain.brief import Brief
from assistant.domain.stated_money import in_wan, stated_parts, stated_totals
from assistant.drafting.models import GroundingNote, NoteKind


def brief_money_notes(brief: Brief) -> list[GroundingNote]:
    """A note for each total in 主要内容 that no funding figure is, and each part (其中运维…) that differs from the one
    项目构成 line named for it; empty when the text states no money or it agrees."""
    f = brief.funding
    funding = [a for a in (f.total, f.annual, f.fiscal) if a is not None and a > 0]
    notes = []
    for s in stated_totals(brief.content) if funding else []:
        if any(s.agrees(a) for a in funding):
            continue
        notes.append(
            _note(
                s.words,
                f"简报主要内容写明“{s.words}”，与简报资金（{'、'.join(dict.fromkeys(in_wan(a) for a in funding))}）不一致；"
                "草稿的项目概况照录了这句话，表头和成本指标按资金填写，请核对哪一个正确，并改正另一处",
            )
        )
    for s in stated_parts(brief.content):
        named = [c for c in brief.composition if s.label in c.part]
        if len(named) != 1 or s.agrees(named[0].amount):
            continue
        notes.append(
            _note(
                s.words,
                f"简报主要内容写明“{s.words}”，项目构成中“{named[0].part}”为{in_wan(named[0].amount)}，两处金额不一致；"
                "请核对后改正其中一处",
            )
        )
    return notes


def _note(words: str, message: str) -> GroundingNote:
    return GroundingNote(kind=NoteKind.CONFLICTING_FIGURES, fragment=f"主要内容“{words}”", message=message)
