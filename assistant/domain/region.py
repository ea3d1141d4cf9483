"""Whether a declaration is another region's form (宁乡市坝塘镇's 项目绩效目标表) rather than a Shanghai one.

The readers map every layout onto Shanghai's three (市级表 2021, 2019, 区级表 2020); a form from Hunan read that way
is not a 市级表, and saying so would mislead. The place is told by the units (申报单位, 主管部门, 实施单位): a name of Shanghai or
of one of its 16 districts makes it Shanghai's; a city, county or province named otherwise (宁乡市, 湘潭县, 湖南省)
makes it another region's; neither leaves it undecided (None). A form whose units are blank (鄂州's run-together
page) is told by its title (``鄂州市2022年市直部门预算项目支出绩效目标表``): the reader notes the place the title names
(`TITLE_NOTE`, see `place_in_title`), and that note counts as a unit's name here.
"""

from __future__ import annotations

import re

from assistant.domain.model import Declaration

_SHANGHAI = re.compile(r"上海|浦东|黄浦|静安|徐汇|长宁|普陀|虹口|杨浦|闵行|宝山|嘉定|金山|松江|青浦|奉贤|崇明|本市")
# A place before 省/市/县/自治区/州/盟/旗 (two to four characters): 湖南省, 宁乡市, 湘潭县, 鄂尔多斯市.
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,4}?(?:省|自治区|市|县|自治州|州|盟|旗))")
_NOT_PLACES = ("城市", "超市", "都市", "市场", "门市", "本市", "全市", "各市", "全县", "各县", "全省", "各省")
# Cities whose name runs into one of those words (荆门市 holds 门市, 聊城市 城市, 成都市 都市): the prefecture-level
# ones and the county-level ones ending in 门 or 城. A 门市(部) that is a shop (新华门市部) names none of them.
_CITIES_LIKE_WORDS = frozenset(
    ("厦门", "江门", "荆门", "天门", "玉门", "成都")
    + ("聊城", "晋城", "盐城", "白城", "运城", "宣城", "邹城", "诸城", "韩城", "海城", "凤城", "项城", "麻城", "应城")
    + ("宜城", "丰城", "共青城")
)
# A district elsewhere (潼南区五桂镇): two or three characters before 区 that are no Shanghai district (matched above)
# and no kind of area a Shanghai unit may name (开发区, 园区, 社区…).
_DISTRICT = re.compile(r"([一-鿿]{2,3}?区)")
_NOT_DISTRICTS = (
    "开发区",
    "园区",
    "社区",
    "小区",
    "片区",
    "城区",
    "市区",
    "景区",
    "校区",
    "街区",
    "新区",
    "保税区",
    "自贸区",
    "辖区",
    "郊区",
    "示范区",
    "功能区",
    "集聚区",
)
# A province at the start of a unit's name (安徽金寨经济开发区), not a street named after it (江苏路街道).
_PROVINCE = re.compile(
    r"^(北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|四川|"
    r"贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆)(?![东西南北中]?路)"
)


TITLE_NOTE = "layout.title_place"
# A place at the start of a line or cell before a form title: 鄂州市2022年…项目支出绩效目标表 (not 年月 日鄂州市…, a
# title run into the cells before it, whose first characters cannot be told from the place's).
_TITLED = re.compile(
    r"(?:^|[|\t])[\s#]*([\u4e00-\u9fff]{2,4}?(?:省|自治区|市|县|自治州|州|盟|旗))[^|\t]{0,24}?"
    r"项目(?:支出)?绩效目标(?:申报|批复|审批|审核)?表"
)


def place_in_title(line: str) -> str | None:
    """The place a form title on ``line`` starts with (``鄂州市``), or None (none, or a Shanghai one)."""
    found = _TITLED.search(line.strip())
    if found is None or _SHANGHAI.search(found[1]) or not _is_place(found[1]):
        return None
    return found[1]


def other_region(decl: Declaration) -> str | None:
    """The place another region's form names (``宁乡市``), or None when it is Shanghai's or names no place."""
    h = decl.header
    titled = [n.fragment for n in decl.parse_notes if n.code == TITLE_NOTE and n.fragment]
    texts = [t for t in (h.applicant, h.department, h.implementer) if t] + titled
    if not texts or any(_SHANGHAI.search(t) for t in texts):
        return None
    for text in texts:
        if text.startswith("县"):  # 县财政局: Shanghai has had no county since 2016
            return text
        if province := _PROVINCE.match(text):
            return province[1]
        for found in _PLACE.finditer(text):
            place = found[1]
            if _is_place(place):
                return place
        for found in _DISTRICT.finditer(text):
            if not any(found[1].endswith(word) for word in _NOT_DISTRICTS):
                return found[1]
    return None


def _is_place(place: str) -> bool:
    """Whether a match of `_PLACE` is a place: no word of `_NOT_PLACES` in it (超市, 门市, 全县), unless it ends with
    a city whose name runs into such a word (荆门市, 聊城市, 成都市)."""
    if place.endswith("市") and any(place[:-1].endswith(city) for city in _CITIES_LIKE_WORDS):
        return True
    return not any(word in place for word in _NOT_PLACES)
