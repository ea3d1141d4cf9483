"""Whether a declaration is another region's form (宁乡市坝塘镇's 项目绩效目标表) rather than a Shanghai one.

The readers map every layout onto Shanghai's three (市级表 2021, 2019, 区级表 2020); a form from Hunan read that way
is not a 市级表, and saying so would mislead. The place is told by the units (申报单位, 主管部门, 实施单位): a name of Shanghai or
of one of its 16 districts makes it Shanghai's; a city, county or province named otherwise (宁乡市, 湘潭县, 湖南省)
makes it another region's; neither leaves it undecided (None).
"""

from __future__ import annotations

import re

from assistant.domain.model import Declaration

_SHANGHAI = re.compile(r"上海|浦东|黄浦|静安|徐汇|长宁|普陀|虹口|杨浦|闵行|宝山|嘉定|金山|松江|青浦|奉贤|崇明|本市")
# A place before 省/市/县/自治区/州/盟/旗 (two to four characters): 湖南省, 宁乡市, 湘潭县, 鄂尔多斯市.
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,4}?(?:省|自治区|市|县|自治州|州|盟|旗))")
_NOT_PLACES = ("城市", "超市", "都市", "市场", "门市", "本市", "全市", "各市", "全县", "各县", "全省", "各省")


def other_region(decl: Declaration) -> str | None:
    """The place another region's form names (``宁乡市``), or None when it is Shanghai's or names no place."""
    h = decl.header
    texts = [t for t in (h.applicant, h.department, h.implementer) if t]
    if not texts or any(_SHANGHAI.search(t) for t in texts):
        return None
    for text in texts:
        for found in _PLACE.finditer(text):
            place = found[1]
            if not any(word in place for word in _NOT_PLACES):
                return place
    return None
