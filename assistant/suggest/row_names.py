"""Names of rows made from a brief's counted figures: object and verb in the order the brief reads
(选区划分, 选民登记, 调研活动), the suffix the unit counts (人数, 场次, 面积, 样次), and an object cut to its last
whole words (never a word or a range of figures cut in two).

    count_name(statement) -> str        # 划分选区约180个 → 选区划分数量
    last_words(obj, limit) -> str
"""

from __future__ import annotations

import re

from assistant.domain.phrases import tagged
from assistant.domain.statement_base import TIMES_UNITS
from assistant.domain.statements import Statement

MAX_OBJECT = 10  # characters of an object kept in a name (the last ones: 选举工作人员业务培训)

COUNT_SUFFIX = {"人": "人数", "名": "人数", "位": "人数", "户": "户数", "人次": "人次", "场": "场次", "次": "次数"}
COUNT_SUFFIX |= {"轮": "次数", "期": "期数", "班": "期数", "批次": "批次", "课时": "课时数", "学时": "学时数"}
COUNT_SUFFIX |= {"卷": "卷数", "页": "页数", "立方米": "方量"} | dict.fromkeys(
    ("平方米", "平方公里", "公顷", "亩"), "面积"
)


def count_name(s: Statement) -> str:
    """选区 + 划分 + 数量; 选民 + 登记 + 人数; 选举工作人员业务培训 + 人次; 抽检 + 批次."""
    unit = s.unit.removeprefix("万")
    suffix = COUNT_SUFFIX.get(unit, unit if unit in TIMES_UNITS else "数量")  # 检测500样次 → 检测样次
    if "·" in unit:
        suffix = f"{unit.replace('·', '')}数"  # 培训5700人·天 → 培训人天数: the product, in its own unit
    if s.op == "=" and unit in {"人", "名", "位"}:
        suffix = "名额"  # a fixed number of seats (应选区人大代表约300名 → 应选区人大代表名额 =300(名))
    verb = s.verb[-2:] if len(s.verb) == 4 else s.verb  # 走访慰问 → 慰问
    verb = "" if verb in LIGHT_VERBS else verb  # 对26家食堂给予运营补贴 → 食堂数量, never 食堂给予数量
    obj = object_words(s.object)
    if re.fullmatch(r"(?:19|20)\d{2}年", obj):
        return f"{obj}度完成{suffix}"  # 2027年完成60万页 → 2027年度完成页数 (a project over several years)
    base = obj if verb and obj.endswith(verb) else in_order(obj, verb, s.clause)
    if suffix == "面积" and obj.endswith("面积"):  # 改造面积约1500平方米 → 改造面积
        return f"{obj[:-2]}{verb}面积"
    if obj in {"项目", "类别", "品种", "样品"}:  # 检测农药残留、兽药残留等32项 → 检测项目数量
        base = f"{verb}{obj}"
    if base.endswith(suffix) or (suffix == "人数" and base.endswith("人员")):
        return base if base.endswith(suffix) else f"{base}数量"
    if base and suffix[0] == base[-1] and len(suffix) > 1:
        return f"{base}{suffix[1:]}"  # 代表性传承人 + 人数 → 代表性传承人数: no word said twice
    return f"{base}{suffix}"


# Nouns of an event: a verb before them names the kind of event (调研活动, 培训会议), never what is done to it.
_EVENT = re.compile(r"^(?:活动|会议|座谈会|讲座|论坛|比赛|竞赛|展览|演出|沙龙)$")


def in_order(obj: str, verb: str, clause: str) -> str:
    """Object then verb (选区划分, 选民登记), except an event noun the brief names after its verb: 组织代表专题调研
    活动8次 → 调研活动 (not 活动调研)."""
    if verb and _EVENT.match(obj) and f"{verb}{obj}" in clause:
        return f"{verb}{obj}"
    if verb and obj.endswith(verb):
        return obj  # 每公里造价62万元: verb and object are one word (造价), never 造价造价
    if verb and verb not in _GENERIC and _an_action(obj) and f"{obj}{verb}" not in clause:
        return f"{verb}{obj}"  # 进行数字化加工 → 数字化加工, 处置到位 → 处置到位: an action after its verb, as read
    if obj and verb.endswith(obj):
        return verb
    return f"{obj}{verb}"


# Verbs a row name writes after the action they complete (加工完成时限, 培训开展情况), as the forms do.
_GENERIC = frozenset({"完成", "实现", "开展", "组织", "实施", "落实"})
# Verbs that name no action of their own (给予补贴, 进行加工): the row names the thing counted, not them.
LIGHT_VERBS = frozenset({"给予", "予以", "进行", "加以", "作出", "做出"})


def _an_action(obj: str) -> bool:
    """Whether the object is itself an action (加工, 到位: one verb word): the reader reads it after its verb, so the
    name keeps that order (数字化加工, not 加工数字化) unless the clause writes it first."""
    words = tagged(obj)
    return len(words) == 1 and words[0][1] in {"v", "vn"}


# The agent and its preposition before what is acted on (委托专业保洁单位对区管河道): the row counts what follows.
_PREPOSITIONS = frozenset({"对", "向", "给", "为", "针对", "对于"})


def _after_preposition(obj: str) -> str:
    """``obj`` after its last preposition (保洁单位对区管河道 → 区管河道), where two characters or more follow."""
    words = tagged(obj)
    at = max((k for k, (w, tag) in enumerate(words) if tag == "p" and w in _PREPOSITIONS), default=-1)
    rest = "".join(w for w, _ in words[at + 1 :])
    return rest if at >= 0 and len(rest) >= 2 else obj


# A generic verb inside a long object (委托高校和研究机构开展调研课题): what is counted is what follows it.
_INNER_VERB = re.compile(r"(?:开展|组织|进行|实施|完成)(?P<rest>[\u4e00-\u9fff]{2,})$")


def object_words(obj: str) -> str:
    """The object as a row name keeps it: what follows a generic verb in a long object, in its last words."""
    obj = _after_preposition(obj)
    inner = _INNER_VERB.search(obj) if len(obj) > MAX_OBJECT else None
    return last_words(inner["rest"] if inner else obj, MAX_OBJECT)


def last_words(obj: str, limit: int) -> str:
    """The object's last words within ``limit`` characters, never a word cut in two (…街道 → not 道)."""
    if len(obj) <= limit:
        return obj
    kept = ""
    for word, _ in reversed(tagged(obj)):
        if len(kept) + len(word) > limit:
            break
        kept = word + kept
    return _whole_figures(obj, kept) if kept else obj[-limit:]


# A figure or a range of figures (1960-1990年, 2001至2010年) and the date unit after it.
_FIGURES = re.compile(r"^[\d.]*(?:[-—–~～至到][\d.]*)*[年月日号]?")


def _whole_figures(obj: str, kept: str) -> str:
    """``kept``, the end of ``obj``, less a figure or range it starts inside (馆藏1960-1990年文书档案 kept as
    -1990年文书档案 → 文书档案): a range is named whole or not at all."""
    cut = len(obj) - len(kept)
    before = obj[cut - 1] if cut > 0 else ""
    after_figure = before.isdigit() or before in "-—–~～至到."
    inside = (
        kept[0] in "-—–~～"
        or (kept[0] in "至到" and kept[1:2].isdigit())
        or ((kept[0].isdigit() or kept[0] in "年月日号") and after_figure and before != "")
    )
    if not inside:
        return kept
    rest = _FIGURES.sub("", kept, count=1)
    return rest or kept
