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

from assistant.domain.brief import Brief
from assistant.domain.model import SectionKind
from assistant.drafting.models import GroundingNote, NoteKind

# A sentence that starts with what the project does (开展…, 对…进行…, 通过政府采购购置…) is an activity, whatever
# words it has (故障响应, 高风险问题整改率), unless it says what superiors require.
_ACTIVITY = re.compile(
    r"^(?:依法|按期|按时|全年|每年|年内|计划|拟|本项目)?(?:组织|开展|举办|对|通过|委托|购置|采购|印制|印发|制作|建立|"
    r"完成|召开|实施|围绕|提供|编制|编印|汇编|发放|设立|配备|聘请|做好|保障|推进|落实|承办|组建|培训|维护|运维|"
    r"更换|改造|修缮|新建|建设|升级|部署|落实|出版|拍摄|征集|走访|慰问|资助|补贴|支付|用于)"
)
# 上级要求: a requirement the brief says comes from a law, a superior or a plan.
_MANDATE = re.compile(
    r"(?:根据|按照|依据|依照|遵照|落实)[^。；]{0,40}(?:要求|规定|部署|精神|安排|计划)|上级|(?:市委|市政府|区委|区政府)[^。；]{0,20}要求"
)
# 服务对象的需要: the people served and what they ask for or lack.
_PEOPLE = r"(?:居民|群众|市民|村民|选民|老人|老年人|学生|家长|企业|代表|来访人|服务对象|使用者|办事人|职工|游客|读者)"
_NEED = re.compile(_PEOPLE + r"[^。；]{0,30}(?:反映|需求|需要|期盼|呼声|投诉|不足|缺少|缺乏|意见|困难|不便|不满)")
# 现状 and 问题: the state of things now and what is wrong with it.
_SITUATION = re.compile(
    r"现状|目前|当前|现有|尚未|尚无|缺乏|缺少|不足|老化|破损|损坏|故障|隐患|风险|难以|无法|滞后|偏低|偏高|不匹配|单一|"
    r"频发|突出|年久失修|逐年|已超过|超过\d+年|亟需|亟待|急需|短板|薄弱|压力|瓶颈|不到位|不健全|不完善|空白|多由|引起|导致"
)
# A reason that is only a need (需要…) with no state of things: counts when it says what for.
_NEEDS_ACTION = re.compile(r"(?:需要|需|有待)通过|需要(?:更新|及时|有针对性|加强|保持|集中|就近|补充|扩大|提升|改善)")
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
    situation, mandates, needs = [], [], []
    for sentence in brief_sentences(brief.content):
        mandate = _MANDATE.search(sentence) is not None
        need = _NEED.search(sentence) is not None
        state = _SITUATION.search(sentence) is not None or _NEEDS_ACTION.search(sentence) is not None
        if _ACTIVITY.match(sentence) and not mandate:  # 开展…测评，发现的高风险问题整改率100%: what is done
            continue
        if mandate:
            mandates.append(sentence)
        elif need:
            needs.append(sentence)
        elif state:
            situation.append(sentence)
    return Reasons(situation=situation, mandates=mandates, needs=needs)


def rules_necessity(brief: Brief, policy_titles: list[str]) -> str:
    """必要性 by rules: the brief's reasons, then the fitting policies (``《题名》（文号）``) as what the project
    carries out; with no reason in the brief, the policies (where any) and ``MISSING``, never the 主要内容."""
    reasons = brief_reasons(brief).all()
    titles = "、".join(policy_titles)
    if not reasons:
        return (f"本项目依据{titles}等规定实施。" if titles else "") + MISSING
    text = "。".join(reasons) + "。"
    return text + (f"为落实{titles}等规定，解决上述问题，" if titles else "为解决上述问题，") + "有必要设立本项目。"
