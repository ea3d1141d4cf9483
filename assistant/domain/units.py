"""The short forms officers write for the units of the corpus (组织部, 人大), and matching a written unit."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Short forms → the unit's full name as the forms write it.
UNIT_ALIASES: dict[str, str] = {
    "上海市人民代表大会常务委员会办公厅": "上海市人民代表大会常务委员会办公厅",
    "市人大常委会办公厅": "上海市人民代表大会常务委员会办公厅",
    "人大常委会办公厅": "上海市人民代表大会常务委员会办公厅",
    "市人大常委会": "上海市人民代表大会常务委员会办公厅",
    "人大常委会": "上海市人民代表大会常务委员会办公厅",
    "市人大": "上海市人民代表大会常务委员会办公厅",
    "人大": "上海市人民代表大会常务委员会办公厅",
    "中共上海市委组织部": "中共上海市委组织部",
    "上海市委组织部": "中共上海市委组织部",
    "市委组织部": "中共上海市委组织部",
    "组织部": "中共上海市委组织部",
    "上海市党建服务中心": "上海市党建服务中心",
    "市党建服务中心": "上海市党建服务中心",
    "闵行区党建服务中心": "闵行区党建服务中心",
    "闵行区": "闵行区党建服务中心",
    "闵行": "闵行区党建服务中心",
    "党建服务中心": "上海市党建服务中心",
}


def fold(text: str) -> str:
    """NFKC, no spaces: the form unit names are compared in."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def units_meant(written: str, units: Iterable[str]) -> list[str]:
    """The units ``written`` names: those containing it, or the one a short form of it stands for (人大)."""
    needle = fold(written)
    if not needle:
        return []
    full = {fold(alias): unit for alias, unit in UNIT_ALIASES.items()}
    meant = {full[alias] for alias in full if needle in alias or alias in needle}
    return sorted(unit for unit in units if needle in fold(unit) or unit in meant)
