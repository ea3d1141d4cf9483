"""必要性 from the brief's own reasons: its 现状 and 问题, the 上级要求 it cites, the needs of the people it serves.

A brief's 主要内容 mixes what the project does (开展…培训、印制…、保障投票站运转) with why (现有设备老化, 居民
反映缺少场所, 根据网络安全法的要求每年测评). Only the why makes a 必要性; the what pasted after "为落实…等要求"
reads as a second copy of 主要内容 (seen with an election brief). ``brief_reasons`` sorts the brief's sentences;
``rules_necessity`` writes the section from the reasons and the fitting policies' titles, and, when the brief
gives no reason at all, says what is missing instead of pasting the content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.domain.brief import Brief
from assistant.domain.model import SectionKind
from assistant.domain.refs import BRIEF_REF, SourceRef
from assistant.domain.statements import plain
from assistant.drafting.context import DraftContext, own_policy_labels
from assistant.drafting.models import GroundingNote, NoteKind
from assistant.review.reasons import reason_kind, without_lead
from assistant.review.subject import copied_share

_END = "。；;！？!?"
MISSING = (
    "（简报未写明立项理由：请在简报“主要内容”中补充本项目的现状、存在的问题、上级要求或服务对象的需要，"
    "再重新起草本部分。）"
)


def no_reasons_note(by_rules: bool) -> GroundingNote:
    """The note of a draft whose brief gives no reason: the rules text asks for them; a model's text is to be checked."""
    what = (
        "“项目设立的必要性”未写理由，只列出了依据"
        if by_rules
        else "“项目设立的必要性”由模型依据政策和参考材料写成，请逐句核对"
    )
    return GroundingNote(
        kind=NoteKind.NO_REASONS,
        section=SectionKind.NECESSITY,
        message=f"简报未写明立项理由（现状、存在的问题、上级要求或服务对象的需要），{what}："
        "请在简报“主要内容”中补充后重新起草该部分，不宜用工作内容代替立项理由",
    )


@dataclass(frozen=True)
class Reasons:
    """The brief's sentences that say why, by kind (each as written, without its end mark)."""

    situation: list[str] = field(default_factory=list)  # 现状、问题
    mandates: list[str] = field(default_factory=list)  # 上级要求
    needs: list[str] = field(default_factory=list)  # 服务对象的需要

    def all(self) -> list[str]:
        """Problems first, then what superiors require, then what the people served need; no repeats."""
        seen: list[str] = []
        for sentence in (*self.situation, *self.mandates, *self.needs):
            if sentence not in seen:
                seen.append(sentence)
        return seen

    def __bool__(self) -> bool:
        return bool(self.situation or self.mandates or self.needs)


def brief_sentences(text: str) -> list[str]:
    """The sentences of a brief's free text. A line break ends a sentence only after an end mark or when the
    line is short (a list item); a long line wrapped in the middle of a sentence (YAML ``|-`` blocks) is joined.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    joined = ""
    for line in lines:
        if joined and (joined[-1] in _END or len(joined.split("\n")[-1]) < WRAPPED_LINE):
            joined += "\n"
        joined += line
    parts = re.split(r"[。；;！？!?\n]", joined)
    return [q for p in parts if (q := p.strip().rstrip("，,、：: "))]


WRAPPED_LINE = 24  # characters: a line at least this long that ends without an end mark goes on in the next one


def brief_reasons(brief: Brief) -> Reasons:
    """The brief's own reasons, sorted by kind; an activity sentence (开展…, 印制…) is none, even with 依法 or
    故障 in it."""
    found: dict[str, list[str]] = {"situation": [], "mandate": [], "need": []}
    for sentence in brief_sentences(brief.content):
        kind = None if states_targets(sentence) else reason_kind(sentence)
        if kind is not None:
            found[kind].append(sentence)
    return Reasons(situation=found["situation"], mandates=found["mandate"], needs=found["need"])


# A commitment with its figure (不低于90%, 每台不超过2次, 合格率100%, 控制在3天内, 零损毁): what is to be achieved.
_TARGET = re.compile(
    r"(?:不低于|不少于|不超过|不多于|不高于|控制在|达到|力争|确保)\s*\d|率(?:为|达)?\s*\d+(?:\.\d+)?[%％]|零[\u4e00-\u9fff]{1,3}$"
)


def states_targets(sentence: str) -> bool:
    """A sentence of the brief's targets (加装电梯工程竣工验收合格率100%，电梯投入使用后年故障停梯次数每台不超过2次，
    居民满意度不低于90%): a clause with a target figure and no clause that gives a reason without one. Its words
    (故障, 困难) are what the project keeps down, never why it is needed."""
    clauses = [c for c in re.split(r"[，,]", without_lead(sentence)) if c.strip()]
    targets = [c for c in clauses if _TARGET.search(c)]
    return bool(targets) and all(c in targets or reason_kind(c) is None for c in clauses)


PASTED = 0.4  # a 必要性 holding this share of the brief's work plan restates what is done, not why (the eval's bar)


def work_plan(brief: Brief) -> str:
    """The brief's sentences that say what the project does (none of its reasons), one a line."""
    return "\n".join(s for s in brief_sentences(brief.content) if reason_kind(s) is None)


def pastes_work_plan(text: str, brief: Brief) -> bool:
    """``text`` reproduces ``PASTED`` or more of the brief's work plan (runs of 6 characters or more)."""
    work = work_plan(brief)
    return bool(work) and copied_share(work, text) >= PASTED


def rules_necessity(brief: Brief, policy_titles: list[str]) -> str:
    """必要性 by rules: the brief's reasons, then the fitting policies (``《题名》（文号）``) as what the project
    carries out; with no reason in the brief, the policies (where any) and ``MISSING``, never the 主要内容."""
    reasons = [without_lead(r) for r in brief_reasons(brief).all()]  # 现状：… → … (the label is the brief's own)
    titles = "、".join(policy_titles)
    if not reasons:
        return (f"本项目依据{titles}等规定实施。" if titles else "") + MISSING
    text = "。".join(reasons) + "。"
    return text + (f"为落实{titles}等规定，解决上述问题，" if titles else "为解决上述问题，") + "有必要设立本项目。"


def rules_overview(brief: Brief) -> str:
    """项目概况 by rules, an overview: who carries the project out and under whom, what it does, where and for whom
    (the brief's work sentences, an item's label such as 内容： taken off), and how much money. The brief's reasons
    (现状、问题、上级要求、服务对象的需要, labelled 现状：/原因： or not) are 必要性's, not repeated here; a brief that
    gives only reasons keeps them, without their labels, rather than an overview of nothing."""
    sentences = [without_lead(s) for s in brief_sentences(brief.content)]
    work = [s for s in sentences if s and reason_kind(s) is None] or [s for s in sentences if s]
    department = f"，主管部门为{brief.department}" if brief.department else ""
    head = f"{brief.name}由{brief.implementer or '实施单位'}实施{department}。"
    return head + "".join(f"{s}。" for s in work or [brief.name]) + _money(brief)


def money_sentence(brief: Brief) -> str:
    """The money sentence a rules 项目概况 ends with (``项目资金326万元。``), or nothing; what a funding edit rewrites."""
    return _money(brief)


def _money(brief: Brief) -> str:
    """``项目资金326万元。`` (with the year's request where it differs from the total), or nothing."""
    total, annual = brief.funding.total, brief.funding.annual
    first = total if total is not None else annual
    if first is None:
        return ""
    text = f"项目资金{_wan(first)}"
    if total is not None and annual is not None and annual != total:
        text += f"，本年度申请{_wan(annual)}"
    return text + "。"


def _wan(amount: Decimal) -> str:
    """326万元 for 3,260,000; an amount under 1万 in 元."""
    return f"{plain(amount / 10000)}万元" if amount >= 10000 else f"{plain(amount)}元"


NECESSITY_POLICIES = 3  # library policies a rules 必要性 names at most (the user's own are all named)


def necessity_titles(ctx: DraftContext) -> list[str]:
    """The policies a rules 必要性 carries out: every one the user gave (政策依据, then those the brief's text
    names), then the library's fitting ones up to ``NECESSITY_POLICIES`` in all."""
    own = own_policy_labels(ctx)
    library = [
        label
        for item in ctx.policies
        if (label := item.citation.project) not in own and not _how_to_buy(label, ctx.prompt_brief.name)
    ]
    return own + library[: max(NECESSITY_POLICIES - len(own), 0)]


# Laws on how public money buys (政府采购, 招标投标, 政府购买服务): a brief that buys a service names them in its plan
# (政府采购确定保洁服务单位), but they say how the project is carried out, never why it is needed.
_MEANS = re.compile(r"政府采购|招标投标|政府购买服务")


def _how_to_buy(label: str, project: str) -> bool:
    """A library policy on how to buy, for a project that is not itself about buying (a procurement platform is)."""
    return bool(_MEANS.search(label)) and not _MEANS.search(project)


def necessity_by_rules(ctx: DraftContext) -> tuple[str, list[SourceRef]]:
    """The rules' 必要性 (`rules_necessity` with `necessity_titles`) and what it cites: the brief and the
    fitting policies it names, never a precedent (it borrows no precedent's words)."""
    text = rules_necessity(ctx.prompt_brief, necessity_titles(ctx))
    return text, [BRIEF_REF, *(item.citation for item in ctx.policies[:NECESSITY_POLICIES])]
