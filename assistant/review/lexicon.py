"""Words that tell what an indicator measures: measure words, vague values, inputs, negative measures."""

from __future__ import annotations

import re

from assistant.domain.framework import Level2
from assistant.domain.values import IndicatorValue, ValueKind

SATISFACTION = re.compile(r"满意")
RATE_NAME = re.compile(r"(率|度)$")
COUNT_UNITS = {
    "次",
    "个",
    "人",
    "件",
    "期",
    "家",
    "部",
    "项",
    "场",
    "批",
    "台",
    "套",
    "条",
    "篇",
    "册",
    "人次",
    "户",
    "所",
    "名",
}

# A name says what it measures with a measure suffix (…率, …性, …数) or a measure word inside it.
_MEASURE_SUFFIX = re.compile(
    r"(率|度|性|数|次数|人数|人次|时间|时长|天数|时限|学时|金额|成本|费用|情况|水平|规模|指数|得分|评分|等级|占比|比例|期限|周期)$"
)
_MEASURE_WORD = re.compile(r"(满意|是否|数量|次数|人数|覆盖|达标|合格|完成率|及时|量)")

_VAGUE_EXACT = {"增长", "提升", "提高", "加强", "增加", "改善", "优化", "效率提升", "有所提升", "明显提升", "逐步提高"}
_VAGUE_WORDS = re.compile(r"(进一步|持续|不断|逐步|有效提升|大幅)")

# Inputs (money, staff, procurement compliance) and budget execution presented as results (primer §4 and
# "Cost indicators and value standards": money spent, staff provided, 预算执行率, 结余率, budget adjustments). A
# subsidy paid out to the people it is for (补贴资金拨付) is what a transfer project delivers, not money put in.
_INPUTS = re.compile(
    r"(资金到位率|资金使用合规|(?<!补贴)(?<!补助)(?<!救助)(?<!奖补)(?<!奖励)资金拨付|经费下拨|经费拨付|人员到位率|驻场人员数|财务.*制度.*健全|政府采购合规|"
    r"投入(?:财政)?(?:资金|经费)|(?:资金|经费)投入(?:额|金额|总额|量)?$|配备.{0,8}人员|人员配备|足额保障|(?:经费|资金)保障率)"
)
_EXECUTION = re.compile(r"(预算执行率|支出进度|结余率|资金结余|(?:预算|科目|资金)调整)")

# Negative-direction measures: fewer is better.
_NEGATIVE = re.compile(
    r"(故障|事故|投诉|出错|差错|错误|bug|缺陷|超过规定时间|未清理|延误|中断|停机|事件发生)", re.IGNORECASE
)

_TIME_WORDS = re.compile(r"(及时|时间|时效|按时|按期|期限|时限|时长|响应|周期|进度|天数|月底|日前|工作日|小时|分钟)")
_QUALITY_WORDS = re.compile(
    r"(合格率|达标率|通过率|验收合格|准确率|正确率|优良率|出错率|差错率|测试|测评|等级保护|可靠性)"
)
_ECOLOGY_WORDS = re.compile(r"(生态|环境|环保|节能|能耗|排放|绿色|碳|污染|节水|垃圾|绿化)")
_QUANTITY_WORDS = re.compile(r"(数量|人数|次数|个数|场次|班次|期数|覆盖面|覆盖人|完成数|件数)$")


def has_measure(name: str) -> bool:
    return bool(_MEASURE_SUFFIX.search(name) or _MEASURE_WORD.search(name))


def is_vague(value: IndicatorValue) -> bool:
    if value.kind is not ValueKind.QUALITATIVE or value.text is None:
        return False
    text = value.text.strip()
    return text in _VAGUE_EXACT or bool(_VAGUE_WORDS.search(text))


def is_input(name: str) -> bool:
    return input_kind(name) is not None


def input_kind(name: str) -> str | None:
    """``"执行"`` for budget execution (结余率, 科目调整次数), ``"投入"`` for money or staff put in, else None."""
    if _EXECUTION.search(name):
        return "执行"
    if _INPUTS.search(name):
        return "投入"
    return None


_POSITIVE_DESPITE = re.compile(r"(无[^，。]*?(故障|事故|事件)|(处置|修复|解决|排除|处理|响应)率$)")


def is_negative(name: str) -> bool:
    return bool(_NEGATIVE.search(name)) and not _POSITIVE_DESPITE.search(name)


def is_time_measure(name: str, value: IndicatorValue) -> bool:
    if value.kind is ValueKind.DEADLINE or value.kind is ValueKind.COMPOUND:
        return True
    if value.unit in {"天", "日", "小时", "分钟", "工作日", "个工作日", "月"}:
        return True
    return bool(_TIME_WORDS.search(name + (value.text or "")))


def likely_level2(name: str, value: IndicatorValue) -> Level2 | None:
    """The category a name's wording points to, where the wording is unambiguous."""
    if SATISFACTION.search(name):
        return Level2.SATISFACTION
    if re.search(r"(及时性|及时率|响应时间|抵达现场时间)$", name) or value.kind is ValueKind.DEADLINE:
        return Level2.TIMELINESS
    if re.search(r"完成(率|数|量)$", name):
        return Level2.QUANTITY
    if _QUALITY_WORDS.search(name):
        return Level2.QUALITY
    if _QUANTITY_WORDS.search(name) or value.unit in COUNT_UNITS:
        return Level2.QUANTITY
    return None


def is_ecological(name: str) -> bool:
    return bool(_ECOLOGY_WORDS.search(name))


def measure_key(name: str) -> str:
    """Two names measure the same thing when they differ only by a trailing 性/率/度/情况."""
    key = re.sub(r"[\s（）()、，,]", "", name)
    return re.sub(r"(性|率|度|情况)$", "", key)
