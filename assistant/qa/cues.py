"""`Cues`: everything a question says by itself, as the patterns read it; and the span helpers the readers share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
from assistant.domain.project_types import ProjectType
from assistant.qa.models import FundingField, HeaderField, Measure, RowKind, Target

CUT = "｜"  # replaces a consumed span so that later matches cannot bridge it
MONEY = (
    "¤"  # replaces a consumed word for money in general (经费, 钱): what stands before it names what the money is for
)


# 也是她吗, 是不是同一个人, 也是这个号吗: the field just answered, asked of another project (answered 是/不是)
SAME_VALUE = re.compile(
    r"(?:也是|是不是|是否|是)(?:他|她|它|TA|ta|同一个?人|同一个?单位|同一家|这个人|此人|这位|这个?号码?|这个电话|同一个?号|这一?天|同一天"
    r"|这个(?:时间|日期|日子)|(?:这个|同一个?|这一?家)(?:主管|实施|申报)?(?:部门|单位)|这个(?=吗|么|嘛|[？?]?$))"
    r"|(?:跟|和|与|同)(?:他|她|它|TA|ta|前面|上面|刚才|那个)的?(?:一样|相同|一致)"  # 联系电话跟它一样吗
)

# 26年还报了吗, 今年还有吗: the project just discussed, asked of another year (a follow-up with no subject of its own)
STILL = re.compile(r"(?:还|也|又|仍然?|继续)(?:有|在|报|申报|申请|做|设)了?(?:吗|没有?|么)")


@dataclass(frozen=True)
class Cues:
    """Everything a question says by itself, before the conversation fills the gaps."""

    years: tuple[int, ...] = ()
    odd_years: tuple[str, ...] = ()  # 99999年, 0年: written as a year but no budget year (as written)
    relative_year: str | None = None  # 去年 etc., as written, when the year came from it
    relative_to: tuple[int, ...] = ()  # the year it stands for, counted from today (去年 on 2026-12-06: 2025)
    unit: str | None = None
    unknown_unit: str | None = None
    project: str | None = None
    unknown_project: str | None = None
    declaration_id: str | None = None
    level1: Level1 | None = None
    level2: Level2 | None = None
    lacks_level: bool = False
    policy_id: str | None = None
    policy_text: str | None = None
    section: SectionKind | None = None
    funding_field: FundingField | None = None
    target: Target | None = None
    follow_up: bool = False
    refers_to_focus: bool = False
    indicator_name: str | None = None
    it_only: bool = False
    project_type: ProjectType | None = None
    category: str | None = None
    header_fields: tuple[HeaderField, ...] = ()
    rows: RowKind | None = None
    row_name: str | None = None
    measure: Measure = Measure.FUNDING
    descending: bool = True
    top: int | None = None
    versus: str | None = None
    versus_id: str | None = None  # the second side's declaration, where the sides were read apart (qa/sides.py)
    refers_to_pair: bool = False  # 这两个/两者: the last two projects discussed
    matched: tuple[tuple[str, str], ...] = ()  # (as written, full name) of projects named by a short form
    matched_how: str | None = None  # 按概况中的“机房”匹配到“…”: a project named by what it does (qa/content_names.py)
    candidates: tuple[str, ...] = ()  # nearest project names to an absent one
    ambiguous: tuple[str, ...] = ()  # project names a short form fits equally well
    unknown_district: str | None = None
    unit_candidates: tuple[str, ...] = ()  # the unit a short form written at another level would be, then that level's
    unit_level: str | None = None  # 区级, 街镇级…: the level written before a unit's short form, where it disagrees
    unknown_subject: str | None = None  # 换届选举经费: what money is asked for that no declaration or row is about
    project_years: int = 0  # how many years the named project has in the corpus
    mentions: str | None = None  # 哪些项目用了第三方支付: what the forms must write (a condition on their text)
    exists: bool = False  # 有没有…项目/先例: answered 有 with the matches, or 语料库中没有…
    unknown_kind: str | None = None  # 老年助餐(类)项目: a kind of project no declaration is
    mentions_in: RowKind | None = None  # 项目构成里有测评费的项目: the condition holds in those rows only
    tier: str | None = None  # 市级 / 区级 项目
    spans_years: bool = False  # 跨年度项目: 起止日期 in two years
    unrecorded: str | None = None  # 重点项目: a qualifier no field of the forms records (as written)
    amount_condition: str | None = None  # an amount condition the reader could not turn into a filter (as written)
    self_unit: str | None = None  # 咱们部门: the asker's own unit, not named (as written)
    more_units: tuple[str, ...] = ()  # 组织部和人大: the units named after the first, joined to it (either one's forms)
    amount_over: Decimal | None = None  # 超过100万元: amounts strictly above (yuan; ≥X is)
    amount_under: Decimal | None = None  # 50万以下: amounts strictly below (yuan; ≤X is X+0.01)
    amount_written: str | None = None  # the amount condition as written (超过100万元)
    indicators_over: int | None = None  # 指标超过10个: more indicators than this
    indicators_under: int | None = None  # 指标不到10个: fewer indicators than this
    name_has: str | None = None  # 名称里带平台的项目: words the project's name holds
    by_year: bool = False  # 哪一年资金最多: the years are ranked, by their sums
    fallback_field: FundingField | None = None  # 申请额空着的按总额算: the amount a blank one is counted with
    corrected: tuple[tuple[str, str], ...] = ()  # (as written, as read) of characters written for a homophone
    rest: str = field(default="", compare=False)


def cut(text: str, span: str) -> str:
    return text.replace(span, CUT)


def common(a: str, b: str) -> str:
    """Longest common substring (the question is short, the names are short)."""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best
