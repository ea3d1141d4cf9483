"""Administrative levels in a question: 区人大, 县委组织部, 街道党建服务中心, 全国人大, 浦东新区人大.

A short form (人大, 组织部, 党建服务中心) names a unit of the corpus only where the level and district written just
before it agree with the unit's own: 区人大 is no short form of 上海市人民代表大会常务委员会办公厅 (a city unit), so a
question about it is refused instead of being answered from the city's declarations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.qa.entities import DISTRICT, DISTRICTS

CITY, DISTRICT_LEVEL, BELOW, ABOVE = "市级", "区级", "街镇级", "市级以上"
_WORD_LEVELS = {
    "全国": ABOVE,
    "中央": ABOVE,
    "国家": ABOVE,
    "省": ABOVE,
    "市": CITY,
    "区": DISTRICT_LEVEL,
    "县": DISTRICT_LEVEL,
    "新区": DISTRICT_LEVEL,
    "街道": BELOW,
    "镇": BELOW,
    "乡": BELOW,
    "乡镇": BELOW,
    "村": BELOW,
    "社区": BELOW,
}
_DISTRICT_NAMES = "|".join(DISTRICTS)
# The words written just before a unit's short form that say its level: 区, 某区, 各区, 浦东新区, 县委, 区级, 街道, 全国.
_QUALIFIER = re.compile(
    rf"((?:某个?|各个?|本|一个|每个|哪个)?(?:{_DISTRICT_NAMES})?(?:新区|区|县)|全国|中央|国家|省|市|街道|镇|乡|村|社区)"
    r"(?:级|委|党委|党工委|里|的)*$"
)


@dataclass(frozen=True)
class Level:
    """A level as written or as a unit's name holds it; ``district``: 浦东, 闵行… where one is named."""

    level: str
    district: str | None = None
    written: str = ""


def written_level(before: str) -> Level | None:
    """The level the text just before a unit's short form gives it (``before`` ends where the short form starts)."""
    found = _QUALIFIER.search(before)
    if found is None:
        return None
    word = found.group(1)
    district = DISTRICT.search(word)
    stem = word[district.end(1) :] if district else word
    stem = re.sub(r"^(?:某个?|各个?|本|一个|每个|哪个)", "", stem)
    level = _WORD_LEVELS.get(stem, DISTRICT_LEVEL if stem.endswith(("区", "县")) else CITY)
    return Level(level=level, district=district.group(1) if district else None, written=found.group())


# A level written as the scope itself, with no unit: 区里的项目, 各区的, 某街道的, 区级项目, 乡镇的 (园区的 is no level).
_SCOPE = re.compile(
    r"(?:^|(?<=[｜，,。？?！!\s]))((?:某个?|各个?|每个|本)?(?:区|县|街道|乡镇|镇|乡|社区|村)(?:里|级|层面|一级)?)"
    r"(?=的|项目|申报表|单位|部门|资金|经费|钱|有|花|报|一共|合计|总共)"
    r"|((?:某个?|各个?|每个)(?:区|县|街道|乡镇|镇|乡))"
)


def level_scope(text: str) -> Level | None:
    """A level the question asks about as its scope, with no unit named (区里的项目资金合计多少, 某街道的项目)."""
    found = _SCOPE.search(text)
    if found is None:
        return None
    written = found.group(1) or found.group(2)
    level = written_level(written)
    return Level(level=level.level, district=level.district, written=written) if level else None


# The places that are Shanghai itself (上海市委组织部, 本市, 沪): no other city.
_HOME = ("上海", "沪", "本", "全", "该", "我", "咱", "各", "某", "哪", "每", "这", "那")
_PLACE_RUN = re.compile(r"[\u4e00-\u9fa5]{2,8}$")
# A run ending in a particle or a pointing word ends in no place name (jieba's tagger, 1-3 s to load, is not needed).
_NO_PLACE_END = re.compile(r"[的和跟与及或同是了个把对给从向为那这该此其吗呢吧啊呀]$")


def other_place(before: str) -> str | None:
    """The city or province written just before a unit's short form when it is not Shanghai, as written (北京 of
    北京市委组织部, 杭州市 of 杭州市人大, 浙江省 of 浙江省委组织部); None for Shanghai, its districts or no place.

    A place is a word jieba tags as a place name (ns), or any noun written with 市/省 after it (合肥市)."""
    run = _PLACE_RUN.search(before)
    if run is None or _NO_PLACE_END.search(run.group()):  # 那个组织部, 人大和组织部: no place, jieba not loaded
        return None
    from assistant.domain.phrases import tagged  # jieba, loaded only where a word stands before a unit's short form

    words = tagged(run.group())
    suffix = ""
    if words and words[-1][0] in ("市", "省") and len(words) > 1:
        suffix = words.pop()[0]
    if not words:
        return None
    word, flag = words[-1]
    written = word + suffix
    if len(word) < 2 or word.startswith(_HOME) or DISTRICT.search(word) is not None:
        return None
    if flag == "ns" or suffix and flag in ("n", "nr", "nz", "ns"):
        return written
    return None


def unit_level(unit: str) -> Level | None:
    """The level a unit's full name holds: 闵行区党建服务中心 → 区级 (闵行); 中共上海市委组织部 → 市级; None: unsaid."""
    if district := DISTRICT.search(unit):
        return Level(level=DISTRICT_LEVEL, district=district.group(1))
    if "市" in unit or "上海" in unit:
        return Level(level=CITY)
    return None


def agrees(written: Level | None, unit: str) -> bool:
    """Whether the level written before a short form fits the unit (nothing written fits every unit)."""
    own = unit_level(unit)
    if written is None or own is None:
        return True
    if written.level != own.level:
        return False
    return written.district is None or own.district is None or written.district == own.district


def units_at(level: Level, units: tuple[str, ...]) -> list[str]:
    """The units of the corpus at ``level`` (in its district where one is written): the real candidates."""
    return [unit for unit in units if agrees(level, unit) and unit_level(unit) is not None]
