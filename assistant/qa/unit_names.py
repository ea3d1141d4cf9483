"""Units a question names (issue 24): by full name or short form where the level written before it agrees, two joined
(组织部和人大), one misspelt (组织布), and the nouns that mark a unit the corpus lacks. Split from `reading`."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.cues import CUT as _CUT
from assistant.qa.cues import Cues
from assistant.qa.cues import cut as _cut
from assistant.qa.levels import agrees, other_place, units_at, written_level
from assistant.qa.lexicon import Lexicon

# A unit by the noun its name ends in; 政协, 法院, 检察院 and the people's organisations (妇联, 工会, 科协…) are units
# the corpus lacks as much as a 局 is (市政协的满意度指标: refused, not every unit's indicators listed)
UNKNOWN_UNIT = re.compile(
    r"[\u4e00-\u9fa5]{1,12}?(?:委员会|局|厅|委|办公室|中心|医院|学校|大学|政协|法院|检察院|妇联|工会|科协|侨联|文联|残联)"
)
# A unit named by its function, as officers say it: 宣传部门, 财政部门 (any two to four characters before 部门, not a
# question word or an asker's own 本部门), or a government sector with 系统/口/条线/战线/部 (教育系统, 宣传口, 卫健条线):
# which unit's forms are meant, never "every form" when the corpus holds none of that unit's
_SECTORS = (
    "宣传|财政|教育|卫生|卫健|公安|民政|人社|税务|统计|审计|交通|文旅|文化|体育|科技|商务|司法|水务|环保|生态环境|住建|"
    "规划|农业|农委|应急|市场监管|纪检|监察|统战|政法|网信|发改|经信|国资|房管|绿化|市容|城管|海关|消防|医保|信访"
)
_NOT_A_FUNCTION = r"(?<![哪这那本该各每某其它他相有主实申同全])(?!哪|这|那|什么|本|该|各|每|某|其|相关|有关|主管|实施|申报|同一|全|所有)"
FUNCTION_UNIT = re.compile(
    rf"(?:(?:{_SECTORS})(?:部门|系统|口|条线|战线|部|局|委)|{_NOT_A_FUNCTION}(?:(?![哪个么些的年们])[\u4e00-\u9fa5]){{2,4}}?部门)"
    r"(?=的|项目|申报|单位|那|这|一共|合计|总共|报|有|[\s，,？?]|$)"
)
# Words before a unit's name that are no part of it: a conjunction (和市教委), a follow-up's 那 (那市教委的呢).
LEADING = re.compile(r"^(?:和|与|及|跟|同|或|还有|以及|那么|那|这|是|的|比)+")


_JOINED = re.compile(f"{re.escape(_CUT)}(?:和|与|跟|及|以及|、|同|或|还有|加上?){re.escape(_CUT)}")


def take_units(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """One unit, or two joined (组织部和人大, 组织部跟党建服务中心): the second in ``cues.more_units`` (either one's forms)."""
    text, cues = take_unit(text, cues, lexicon)
    if cues.unit is None:
        return text, cues
    after, second = take_unit(text, replace(cues, unit=None), lexicon)
    if second.unit in (None, cues.unit) or second.unknown_unit != cues.unknown_unit or not _JOINED.search(after):
        return text, cues
    return _JOINED.sub(_CUT, after, count=1), replace(cues, more_units=(second.unit,))


def take_unit(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """A unit by its full name or short form, where the level written before it agrees (区人大 is no 市人大: it is a
    unit the corpus lacks, with the units it resembles as candidates)."""
    aliases = lexicon.unit_aliases()
    for alias, unit in aliases:
        start = text.find(alias)
        if start < 0 or _starts_a_name(text, alias, lexicon) or _qualifies(text[start + len(alias) :], unit, aliases):
            continue
        level_word = alias[:1] if alias.startswith(("市", "省")) else ""  # 合肥 + 市委组织部: 合肥市 is the place
        if place := other_place(text[:start] + level_word):  # 北京市委组织部, 杭州市人大: another city's unit
            span = place.removesuffix(level_word) + alias
            held = tuple(dict.fromkeys([unit, *all_units(lexicon)]))
            return _cut(text, span), replace(cues, unknown_unit=span, unit_candidates=held)
        written = written_level(text[:start])
        if agrees(written, unit):
            return _cut(text, alias), replace(cues, unit=unit)
        assert written is not None
        held = tuple(dict.fromkeys([unit, *units_at(written, all_units(lexicon))]))  # the one meant first
        span = written.written + alias
        return _cut(text, span), replace(cues, unknown_unit=span, unit_candidates=held, unit_level=written.level)
    return text, cues


def _qualifies(after: str, unit: str, aliases: list[tuple[str, str]]) -> bool:
    """闵行区人大: 闵行区 there says where another unit (人大) is, it is not itself the unit meant."""
    return any(after.startswith(alias) and other != unit for alias, other in aliases)


def all_units(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*lexicon.units, *(unit for _, unit in lexicon.unit_aliases())]))


def take_misspelt_unit(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """After the projects: 组织布 where no project was named (组织里建设信息化平台 is a project misspelt)."""
    if cues.unit is not None or cues.project is not None:
        return text, cues
    return _take_misspelt_unit(text, cues, lexicon)


def _starts_a_name(text: str, alias: str, lexicon: Lexicon) -> bool:
    """组织部门建设经费: 组织部 there begins a project's name, not the unit (the next character says so)."""
    start = text.find(alias)
    longer = text[start : start + len(alias) + 1]
    return len(longer) > len(alias) and any(longer in project for project in lexicon.projects)


def _take_misspelt_unit(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """组织布, 组织不: a short form of three or more characters with one character miswritten, where the written
    character belongs to no project or unit name (组织力 is a project's own word, never 组织部 misspelt)."""
    held = set("".join((*lexicon.projects, *lexicon.units)))
    for alias, unit in lexicon.unit_aliases():
        if len(alias) < 3:
            continue
        for i in range(len(alias)):
            pattern = re.escape(alias[:i]) + "(.)" + re.escape(alias[i + 1 :])
            if (found := re.search(pattern, text)) and found.group(1) not in held:
                return _cut(text, found.group()), replace(cues, unit=unit)
    return text, cues


# 管公务员局网站, 给市教委做的: a verb of what a project does for a unit, written before the unit's name
_SERVING = re.compile(r"^(?:管|给|帮|为|替|服务于?|面向|支撑)")
# 公务员局网站, 公务员局考录系统: a thing of the unit's written after it (a few words, then what kind of thing)
_ITS_THING = re.compile(r"的?[\u4e00-\u9fff]{0,4}?(?:网站|门户|系统|平台|业务|数据|信息)")


def served_unit(found: re.Match[str], cues: Cues, lexicon: Lexicon) -> bool:
    """管公务员局网站那些外网运维的: a unit the corpus holds no form of (``found`` in the question or the project's
    description), after a verb of serving or before a thing of its own, that the form of the project read writes
    whole (…上海市公务员局门户网站…): whom the project serves, not a unit asked of."""
    written = found.group()
    served = _SERVING.match(written)
    unit = written[served.end() :] if served else written
    if cues.project is None or not (served or _ITS_THING.match(found.string, found.end())):
        return False
    return any(unit in text for c in lexicon.contents if c.name == cues.project for _, text in c.places)


def of_the_unit(found: Cues | None, unit: str, lexicon: Lexicon) -> Cues | None:
    """The cues of a project read without the unit written before it (闵行 + 网上交党费…那个), with the unit kept,
    where the project's forms are that unit's (written among its units or in its name); None else."""
    if found is None or found.project is None:
        return None
    forms = [c for c in lexicon.contents if c.name == found.project]
    if not any(unit in c.units or unit in c.name for c in forms):
        return None
    return replace(found, unit=unit)
