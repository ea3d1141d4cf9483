"""What a brief's measurable statements are (``assistant.domain.statements`` reads them): their kinds, the
``Statement`` record, the units and operator words they are written with, and how a written number is read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from assistant.domain.quantities import CN_NUMBER, cn_number


class Kind(StrEnum):
    INPUT = "投入"  # 配备接待人员12名: staff or money put in, never an output row
    COUNT = "数量"
    RATE = "比率"
    STANDARD = "标准"
    DEADLINE = "时限"
    ZERO = "零目标"
    COMPLETE = "承诺"


@dataclass(frozen=True)
class Statement:
    """One measurable statement. ``number`` is None only for a COMPLETE commitment (不重不漏)."""

    kind: Kind
    number: Decimal | None
    unit: str  # 个, 万人, 人次, %, 元/人, 个工作日, 次
    op: str  # ≥, ≤ or =
    verb: str  # 划分, 慰问, 出具; "" when the clause has none
    object: str  # 选区, 困难党员, 检测报告
    field: str  # 主要内容, 实施计划, 项目构成, 政策目标
    clause: str
    words: str  # the figure as written: 约180个, 每人500元, 3个工作日内
    approx: bool = False
    subject: str = ""  # a standard's or rate's own name where the brief gives one: 困难党员慰问标准
    derivation: str | None = None  # 每月40批次 × 12个月 = 480批次
    parts: tuple[Statement, ...] = ()
    per_unit: str | None = None  # a standard's unit of measure: 人 in 元/人
    paid_by_users: bool = False  # a price or share the people served pay (自付10元, 售价15元): not the project's cost

    @property
    def phrase(self) -> str:
        return f"{self.object}{self.verb}"

    @property
    def shown(self) -> str:
        return f"{'约' if self.approx else ''}{plain(self.number)}{self.unit}" if self.number is not None else ""


def plain(number: Decimal | None) -> str:
    return "" if number is None else f"{number.normalize():f}"


# -- numbers and units --------------------------------------------------------------------------------

# Measure words for animals, plants and small things (收容流浪犬只1600只, 种植乔木300株, 更换路灯120盏): counts like 台/个.
ANIMAL_PLANT_UNITS = ("只", "头", "株", "棵", "羽", "尾", "枚", "盏", "艘", "架")
NUM = rf"\d+(?:[,，]\d{{3}})*(?:\.\d+)?|{CN_NUMBER}"
# Measures of volume, area, length and haulage (清除淤泥3000立方米, 养护公益林1200亩): longer units first, so that
# 平方公里 is never read as 公里 nor 吨公里 as 吨.
MEASURE_UNITS = ("立方米", "平方公里", "平方米", "吨公里", "公顷", "延米", "千米", "亩")
# Times counted per thing (a 量词 + 次): 检测500样次, 出车1200车次, 巡查800点次, 服务3000人次. Any measure word before 次
# makes one unit, read whole: 500样次 is 500 samples tested, never 500 of an unknown "样".
TIMES_MEASURES = "人客户批样车架台件班场组点井船艘趟轮座处所家间辆条站"
TIMES_UNITS = tuple(f"{m}次" for m in TIMES_MEASURES)
COUNT_UNITS = (
    *MEASURE_UNITS,
    *TIMES_UNITS,
    "人次",
    "客次",  # 助餐 counts its meals served per visit: 全年补贴助餐1095000客次
    "户次",
    "批次",
    "课时",
    "学时",
    "公里",
    "吨",
    "口",
    "人",
    "名",
    "户",
    "位",
    "期",
    "班",
    "场",
    "讲",
    "次",
    "通",  # calls or letters handled (全年受理来电不少于9万通); 通道/通知/通过 after a figure are refused in statements.py
    "册",
    "本",
    "份",
    "页",
    "卷",
    "件",
    "个",
    "处",
    "项",
    "台",
    "套",
    "辆",
    "条",
    "篇",
    "家",
    "所",
    "座",
    "块",
    "幅",
    "张",
    "部",
    "批",
    "宗",
    "起",
    "类",
    "种",
    "盒",
    "箱",
    "间",
    "幢",
    "栋",
    "轮",
    "节",
    "门",
    "堂",
    "集",
    "单",
    "餐",
    "分钟",
    *ANIMAL_PLANT_UNITS,
)
TIME_UNITS = ("个工作日", "工作日", "个月", "小时", "分钟", "天", "日", "周")
AT_LEAST = (
    "不少于",
    "不低于",
    "至少",
    "超过",
    "逾",
    "达到",
    "以上",
    "不小于",
    "高于",
    "≥",
    "≧",
    ">=",
    "＞＝",
    ">",
    "＞",
)
AT_MOST = ("不超过", "不高于", "不多于", "控制在", "以内", "以下", "低于", "不大于", "≤", "≦", "<=", "＜＝", "<", "＜")
PEOPLE = ("人", "名", "户", "位", "人次")
NOT_BEFORE = re.compile(r"(?:[A-Za-z/／\-—–~～.]|第|满|各)$")  # 各1次: per item, no total


def read_number(num: str, multiplier: str | None) -> Decimal:
    value = cn_number(num.replace("，", ","))
    return value * {"万": 10000, "亿": 100000000}.get(multiplier or "", 1)
