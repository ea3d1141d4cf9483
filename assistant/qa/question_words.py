"""The words a question is read by (`parse`): what asks for a count, a sum, a list, a comparison or typical
values, what points back at the project in focus, and the filler that says nothing the query does not hold.

Moved out of `parse` unchanged; every table is data, read in `parse.read_question` and `targets.intent_of`.
"""

from __future__ import annotations

import re

from assistant.qa.lexicon import LEVEL_TERMS

FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B) if chr(code - 0xFEE0).isalnum()}
# 信息化项目, 信息系统项目: IT projects in general (非信息化项目: no)
IT_PROJECTS = re.compile(r"(?<!非)(信息化|信息系统|信息平台)类?的?项目")
GENERIC_NAMES = (
    "各项目",
    "所有项目",
    "哪些项目",
    "全部项目",
    "各个项目",
    "每个项目",
    "这个项目",
    "该项目",
    "此项目",
    "上述项目",
    "那个项目",
)
FOCUS_WORDS = ("这个项目", "该项目", "此项目", "上述项目", "那个项目", "这个的", "它的", "其")
# 社会效益指标最多的那个项目, 钱第二多的那个: the ranking's winner, no pointer back at a project discussed before
RANKED_ONE = re.compile(
    r"((?:最|排?第[一二三四五六七八九十\d]+(?:名|位)?)(?:多|少|高|低|大|小|贵|便宜|省|长|短|早|晚)?)的?[那这]一?个(?=项目|的|$|[？?。])"
)
IT = re.compile(r"(?<![其])它")  # 它一共设了多少个指标 (其它 is "other")
FOLLOW_UP_START = (
    "那",
    "那么",
    "还有",
    "换成",
    "改成",
    "再看",
    "其中",
    "这里面",
    "这些",
    "这几",
    "上述",
    "上面",
    "里面",
)
COMPARE = ("对比", "比较", "变化", "增减", "相比", "增加了多少", "减少了多少", "差多少", "差额")
COUNT = (
    "多少个",
    "几个",
    "多少项",
    "几项",
    "多少份",
    "几份",
    "多少条",
    "几条",
    "个数",
    "数目",
    "项目数量",
    "申报表数量",
    "项目数",
)
SUM = (
    "合计",
    "总计",
    "一共",
    "总共",
    "共计",
    "加起来",
    "总和",
    "多少",
    "是多少",
    "几何",
    "加总",
    "汇总",
    "累计",
    "加一起",
    "加在一起",
    "合起来",
    "合在一起",
    "合一起",
)
LIST_PROJECTS = (
    "哪些项目",
    "哪几个项目",
    "什么项目",
    "项目有哪些",
    "项目有哪几",  # 指标里写到“故障”的项目有哪几个: the projects, not their indicators
    "项目都哪",  # 指标名称里有“及时”的项目都哪些: the projects, spoken without 有
    "哪些申报表",
    "项目清单",
    "列出",
    "哪个项目",
    "有哪些",
    "有哪几个",
    "哪几个",
    "是哪些",
    "啥项目",
    "有没有",
    "有啥",
    "些啥",
    "叫什么",  # 2020年那两个项目叫什么: their names
    "叫啥",
    "什么名字",
    "列一下",  # 区级项目都列一下: a list asked for
    "列下",
    "列一列",
    "列个",  # 名里带“平台”的 列个单子 / 列个清单: a list asked for
    "拉个单",
    "拉个清单",
    "开个单",
    "列举",
    "罗列",
    "哪几笔",  # 名里带“平台”的都哪几笔: the projects (笔 counts a project's money)
    "哪几家",
)
# The words that ask for projects even where indicators are named (指标里带覆盖率的项目是哪些: the projects)
PROJECTS_ASKED = (*LIST_PROJECTS[:9], "项目是哪", "项目都是哪", "项目都有哪", "项目分别是哪", "项目包括哪")
# 没有/没写/未设/缺少 成本指标: the projects WITHOUT that kind of indicator (negation verbs as officers write them).
LACKS = tuple("没有 缺少 未设 没设 缺 不含 未设置 漏 没写 未写 没填 未填 没列 未列 不设 没定 未定".split())
# Questions across projects: how past forms usually write something, not what one form says.
# 填多少, 写的多少, 定在多少, 百分之几: the value; 怎么填 too (a value is what one fills in).
TYPICAL = re.compile(
    r"(填|设|写|定|定为|设置|设定|是|为|取|给)(的|了|成|在|为)?(个)?多少|多少(合适|比较好|为宜|才行)|百分之(多少|几)"
    r"|目标值|指标值|取值|数值|怎么填|如何填|咋填|怎样填|(填|设|写|定)(的|了|成|为)?几个?(人|天|次|件|小时|分钟|个百分点)"
)
ASPECTS = re.compile(
    r"哪些方面|哪几个方面|什么方面|几个方面|角度|怎么写|如何写|怎样写|咋写|写法|写些?什么|写哪些|包括哪些内容"
    r"|怎么起笔|如何起笔|咋起笔|怎么开头|如何开头|咋开头|怎么落笔|从哪写起|从哪儿写起"  # 总目标那段怎么起笔: how written
)
# 控制在几件以内, 不超过几次, 几月底前完成: a bound or a date asked, the value of a measure named by its own words
BOUND = re.compile(
    r"控制在|[几多少]\S{0,3}(?:以内|以下|之内|以上)|不超过|不高于|不低于|几月|哪个月|什么时候|何时|哪天|几号"
    r"|啥时候?|几时|什么时间|最晚|最迟|最后期限"  # 啥时候弄完, 最晚几号: a deadline said as officers say it
)
# 一周几条, 每月多少次: a value per period asked (the target of a measure named by its own words)
RATE = re.compile(r"(?:每|一)(?:周|月|年|天|日|季度?|学期)(?:几|多少)")
HOW = re.compile(
    r"怎么写|如何写|怎样写|咋写|写法|怎么用|咋用|如何用|如何使用|怎么表述|如何表述|怎么措辞|怎么提|怎么描述|提法|措辞"
)
COMMON = re.compile(
    r"常见|一般|通常|常用|普遍|大多|大都|往往|都会|都设|都有哪些|往年|以往|历年|过去|别人|大家|各家|参考|借鉴|举例"  # 有什么可参考的
)
# COMMON less its listing words: the usual ones asked for, not every one (别人都写了啥 vs 都有哪些)
# 有没有范文看看, 有没有现成的例子, 给个参考: examples of how something is written (a short synthesis, not every one)
EXAMPLE_WORDS = re.compile(r"范文|范例|样例|样本|模板|例子|参考|借鉴|示例")
USUAL_ONLY = re.compile(r"常见|一般|通常|常用|普遍|大多|大都|往往|往年|以往|历年|过去|别人|大家|各家|参考|借鉴|举例")
LIST_SAID = re.compile(r"哪些|哪几|列|清单|全部|所有|都有|每一?[条项个]")
QUESTION_WORDS = re.compile(r"怎么|怎样|什么|哪些|哪个|如何|多少|是否|为什么|为何|咋|几")
# Words a question may carry that say nothing the query does not already hold.
FILLER_WORDS = (
    "请问 请 帮我 麻烦 一下 看看 查查 查一下 列出 列一下 告诉我 我想知道 想知道 想问 问下 问一下 谢谢 大佬们 大佬 各位 求助 求 "
    "的 了 吗 呢 啊 呀 吧 哈 嘛 是 有 都 在 和 与 及 或 里 中 上 下 这 那 个 些 项 份 张 条 年 度 "
    "上海市 上海 项目 申报表 申报 绩效 指标 目标 一般 通常 常见 哪些 哪个 什么 多少 几 怎么 如何 写 填 设 设置 设了 "
    "往年 以往 历年 过去 之前 以前 去年 今年 我们 单位 部门 合计 总计 一共 共 各 所有 全部 每个 分别 "
    "对比 比较 变化 相比 引用 依据 根据 提到 没有 缺少 时候 内容 情况 要求 方面 部分 从 样 么 值"
).split()
# Longest first, so that 项目 goes before 项.
FILLER = re.compile("|".join(sorted(map(re.escape, FILLER_WORDS), key=len, reverse=True)) + r"|[？?。，,！!、：:｜¤\s]")
LEVEL_STEMS = {term.removesuffix("指标") for term, _, _ in LEVEL_TERMS}
FIGURE_WORDS = re.compile(
    r"平均|均值|最多|最少|最高|最低|最大|最小|占比|比例|比重|排名|排序|前[一二两三四五六七八九十\d]"
    r"|前[俩仨]|头[俩仨]|垫底|倒数|排(?:在|到)?(?:最后|末尾|末位)|最后一名|均摊|平摊|摊到|摊下来"  # spoken ranks, averages
)
UNSURE_REST = 4  # unexplained characters left over that make a reading unsure


def any_word(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` holds any of ``words`` (one of the tables above)."""
    return any(word in text for word in words)
