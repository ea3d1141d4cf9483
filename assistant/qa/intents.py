"""What a question asks of the matched subjects: a field, a ranking, a comparison, a change, a share, an average,
or a count, and of what (funding, indicators, projects, 项目构成/制度保障 rows).

Read from the whole normalised question (``full``), since the parser cuts the words it placed out of its working
text. `classify` returns None when none of these applies; the older targets (lists, sections, sums,
syntheses) are then read by `targets.intent_of`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.qa.models import FundingField, Measure, RowKind, Target

# The last place said as officers say it: 垫底, 倒数第一, 排最后, 排在末位, 最后一名, 吊车尾, 最不…
_LAST = r"垫底|倒数|排(?:在|到)?(?:最后|最末|末尾|末位)|末位|最后一名|最后一位|倒一|吊车尾|殿后|最不(?=多|高|大|贵)"
# The first place said as officers say it: 排头名, 拿头名, 排在首位, 居首, 数第一, 拔头筹
_FIRST_PLACE = r"头一?名|排头(?!兵)|排(?:在)?首位|居首|数第一|排在第一|拔头筹"
# The first N said as officers say it: 前三, 前仨, 头俩, 头三个, top3, 前几名 (every one, in order)
_SMALL = r"[一二两三四五六七八九十\d]+|[俩仨]"
_FIRST_N = (
    rf"前(?:{_SMALL})(?:名|个|位|笔|项|家)?|头(?:[俩仨]|[一二两三四五六七八九十\d]+(?=名|个|位|笔|项|家|份))|top\s*\d+"
)
_SOME_FIRST = r"[前头]几(?:名|个|位|笔|项|家)"
_RANK = re.compile(
    r"最多|最少|最高|最低|最大|最小|最贵|最便宜|最省|排名|排序|排行|排一下|排个序|从高到低|从低到高|由高到低|由低到高|从大到小|从小到大|"
    r"从多到少|从少到多|由多到少|由少到多|"
    rf"{_FIRST_N}|{_SOME_FIRST}|{_LAST}|第一名|排第一|{_FIRST_PLACE}|top",
    re.IGNORECASE,
)
_ASCENDING = re.compile(rf"最少|最低|最小|最便宜|最省|从低到高|由低到高|从小到大|从少到多|由少到多|{_LAST}")
_TOP = re.compile(
    rf"前({_SMALL})|头([俩仨]|[一二两三四五六七八九十\d]+(?=名|个|位|笔|项|家|份))|top\s*(\d+)", re.IGNORECASE
)
# 资金最多的三个项目, 钱最少的两个, 最多的俩: the first N without 前
_TOP_AFTER = re.compile(
    r"最(?:多|少|高|低|大|小|贵|便宜)的(?:([一二两三四五六七八九十\d]+)(?:个|项|名|家|笔)|([俩仨]))"
)
# 哪两个项目钱最少, 是哪三家: a number written instead of 几 asks for that many
_TOP_WHICH = re.compile(r"哪(?:([二两三四五六七八九十]|[2-9])(?:个|项|名|家|笔|份)|([俩仨]))")
_CN_NUMBERS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2, "俩": 2, "仨": 3}
_ALL = re.compile(
    r"排名|排序|排行|排一下|排个序|从高到低|从低到高|由高到低|由低到高|从大到小|从小到大|从多到少|从少到多|由多到少|由少到多"
)
_SHARE = re.compile(r"占比|比例|比重|占.{0,16}(多少|百分之|百分比|几成|的份额|的?几分之几)")
# 满意度指标一般设几个: how many a form usually sets, the average per form
# 平摊到每笔多少条, 均摊下来, 一个项目合几条: spread over the forms, the average per form
_AVERAGE = re.compile(
    r"平均|均值|人均|均摊|平摊|摊到|摊给|摊下来|摊一下|(?:合|算)下来|(?:每|一)(?:个|笔|份|家|项)(?:项目)?(?:大概|大约|约)?(?:合|摊|算)(?:多少|几)|"
    r"每个项目.{0,6}(多少|几)|(?:一般|通常|大多|往往|常常)都?(?:设|写|定|列|放)了?(?:几|多少)(?:个|条|项)"
)
CHANGE_WORDS = _CHANGE = re.compile(
    r"变化|变了|怎么变|有何变|不同|区别|差异|异同|增减|增加|减少|增长|下降|多了|少了|涨了|降了|减了|增了|升了|差了|多出|高出|对比|比较|相比|比一比|比比|差多少|差几|相差|差额|差距|减去|减掉|相减|差值|"
    r"比.{1,12}(多|少|高|低)|比.{1,12}?(砍|删|去掉|拿掉|减|缩减|压缩|削减|增|加|新增)|"  # 26年比23年砍掉几个
    r"(?:砍|删|去|拿|撤|添|增|新增|加)(?:了|掉了?)(?:几|多少)(?:条|个|项)"  # 26年砍了几条: against the year before
)
# 带社会效益指标的项目 哪个年度最多, 有成本指标的项目哪一年少: the projects (so conditioned) counted by year
_PROJECTS_BY_YEAR = re.compile(r"(?:的|了)项目(?:数量?|个数)?[^，,。？?]{0,3}?(?:哪一?年|哪个年度?|哪些年)")
# 哪一年报的项目最多 / 哪年项目数最多: the years ranked by how many projects they hold
_WHICH_YEAR = re.compile(r"哪一?年|哪个年度?|哪些年")
# 2019年和2026年…哪年多: the two years; 组织部哪年报的项目少: every year of the unit (多少 is no 多)
_WHICH_YEAR_MORE = re.compile(r"(?:哪一?年|哪个年度?)(?:的|度)?.{0,6}?(多(?!少)|高|大|(?<!多)少|低|小)")
_WHICH_MORE = re.compile(r"(?:哪个|哪一个|谁).{0,8}?(多|高|大|少|低|小)")
DEMONSTRATIVE = re.compile(r"[那这哪]几[个项份家张]|哪几条|那些|这些")  # 那几个项目加起来: which projects, not how many
_COUNT = re.compile(
    r"几个|几项|几条|几份|几家|几张|多少个|多少项|多少条|多少份|多少家|多少张|个数|数量(?!指标|方面|类)|数目|项数|条数|"
    r"多少(?=(?:绩效)?指标)"  # 一共设了多少指标
)
_PARTS = re.compile(r"几块(?!钱)|几大块|几大项|几个?部分|几大部分|分成几|拆成几|拆了几|分了几")  # of 项目构成: its rows
_COUNTED = (
    ("项目构成", None),  # before 项目: 几项项目构成 counts the rows, not the projects
    ("项目明细", None),
    ("指标", Measure.INDICATORS),
    ("项目", Measure.PROJECTS),
    ("申报表", Measure.PROJECTS),
    ("表", Measure.PROJECTS),
    ("构成", None),
    ("明细", None),
    ("子项", None),
    ("制度", None),
    ("保障", None),
)
# 23年几条 今年几条 / 19年几个项目 23年几个: a count asked of each of two years is a change between them
# (the parser has cut the years to ｜ by then; `classify` is only asked where two years were read)
_YEAR_COUNT = re.compile(r"(?:\d{2,4}年|今年|去年|前年|｜)(?:的|度)?[^｜]{0,6}?(?:几个|几项|几条|几份|多少)")
# 23年和26年各几个 / 分别多少 / 23年几条 26年呢: each year's figure asked
_EACH = re.compile(
    r"(?:各|分别)(?:有|是|为|报了?|设了?|申请了?)?(?:几|多少)|(?:几|多少).{0,8}?(?:\d{2,4}年|今年|去年|前年|｜)的?呢"
)
_BOTH_YEARS = re.compile(r"两年|两个年度|各年|每年|历年|逐年")
# 各年项目数排个序, 按年份的项目个数排一下: the years ranked by how many forms they hold
_YEARS_COUNTED = re.compile(r"(?:各|每|历|按)(?:个)?年(?:份|度)?的?(?:报的|申报的?)?项目(?:数量|个数|数)")
_THAT_PROJECT = re.compile(r"[那这]个项目|[那这]一?项目")
_PROJECT_COUNT = re.compile(
    r"项目(数量|数|个数)|(?:几个项目|多少个项目|多少项目)(?!构成|明细)|项目有几个|申报表数量|几份申报表|多少份"
)


@dataclass(frozen=True)
class Intent:
    target: Target
    measure: Measure = Measure.FUNDING
    descending: bool = True
    top: int | None = None
    rows: RowKind | None = None
    by_year: bool = False  # 哪一年资金最多: the years ranked by their sums


def classify(
    full: str, *, projects: int, years: int, rows: RowKind | None, has_fields: bool, project_years: int
) -> Intent | None:
    """The intent of ``full`` given how many projects and years it names (``project_years``: the years the one
    named project has in the corpus), or None for the older targets."""
    if _SHARE.search(full):
        return Intent(Target.SHARE)
    if _AVERAGE.search(full):
        return Intent(Target.AVERAGE, measure=_measure(full))
    if _RANK.search(full):
        if _YEARS_COUNTED.search(full):  # 各年项目数排个序: the years by their number of forms
            return Intent(Target.RANK, measure=Measure.PROJECTS, descending=_ASCENDING.search(full) is None, top=0)
        # 哪一年设“及时”类指标的项目最多: the indicators pick the projects counted, they are not counted
        picked = _PICKING_PROJECTS.sub("项目", full)
        if _WHICH_YEAR.search(full) and (not _mentions_money_or_indicators(picked) or _PROJECTS_BY_YEAR.search(full)):
            return Intent(Target.RANK, measure=Measure.PROJECTS, descending=_ASCENDING.search(full) is None)
        if _WHICH_YEAR.search(full) and _MONEY.search(_WHICH_YEAR.sub("", full)) and "指标" not in full:
            return Intent(Target.RANK, descending=_ASCENDING.search(full) is None, by_year=True)  # 哪一年资金最多
        return _rank(full, rows)
    # 23年跟26年哪年少: the two ranked; 组织部哪年报的项目少: every year (one year named asks nothing of years)
    if projects == 0 and years != 1 and (which := _WHICH_YEAR_MORE.search(full)):
        descending = which.group(1) in "多高大"
        if not _mentions_money_or_indicators(full):
            return Intent(Target.RANK, measure=Measure.PROJECTS, descending=descending)
        if "指标" not in full:
            return Intent(Target.RANK, descending=descending, by_year=True)
    changes = _CHANGE.search(full) or _AGAINST.search(full) or _WHICH_MORE.search(full) or _WHICH_YEAR_MORE.search(full)
    if projects == 0 and years <= 1 and (which := _WHICH_MORE.search(full)):  # 2020年哪个项目钱多
        return Intent(Target.RANK, measure=_measure(full), descending=which.group(1) in "多高大", top=None)
    if projects >= 2 and (changes or "比" in full):
        return Intent(Target.COMPARE_PROJECTS, measure=_measure(full))
    # 23年几条 26年几条 / 23年和26年各几个: each year's figure, and the change between them
    # 两年各几条 of a project filed in two years: each year's figure too
    per_year = (years >= 2 or project_years >= 2 and _BOTH_YEARS.search(full) is not None) and (
        len(_YEAR_COUNT.findall(full)) >= 2 or _EACH.search(full) is not None
    )
    if (changes or per_year) and (
        years >= 2 or project_years >= 2 or "两年" in full or "历年" in full or "逐年" in full
    ):
        changed = change_measure(full)
        if projects == 0 and changed is Measure.FUNDING and _FORMS_COUNTED.search(full):
            changed = Measure.PROJECTS  # 两百万往上的项目今年较去年多几个: the forms so filtered, counted
        return Intent(Target.COMPARE_YEARS, measure=changed)
    if rows is not None and _PARTS.search(full):  # 项目构成拆成了几块: its rows counted
        return Intent(Target.COUNT_ROWS, rows=rows)
    if counted := _counted(full):
        measure, what = counted
        if what is not None or rows is not None and measure is None:
            return Intent(Target.COUNT_ROWS, rows=what or rows)
        if measure is Measure.INDICATORS:
            return Intent(Target.COUNT_INDICATORS)
        if measure is Measure.PROJECTS:
            return Intent(Target.COUNT_PROJECTS)
    if has_fields:
        return Intent(Target.SHOW_FIELD)
    if rows is not None:
        return Intent(Target.LIST_ROWS, rows=rows)
    if projects == 0 and _FILED.search(full) and "指标" not in full and not _MONEY.search(full):
        return Intent(Target.LIST_PROJECTS)  # 今年特定目标类报了哪些: the projects filed
    return None


# 报了哪些, 都申报了啥: the projects a year, unit or category filed
_FILED = re.compile(r"(?:申?报了?|报的|报过|交了|上报了?)(?:哪些|哪几个|哪几项|什么|啥|些啥|些什么)")


# 少几个, 多了几家, 差几笔 with no indicator named: the forms counted
_FORMS_COUNTED = re.compile(r"(?:几|多少)(?:个|家|笔|份)(?!指标|构成|明细)")
# 26年较23年掉了多少, 今年较之去年涨了几个, 比19年缩水了几个: a change said with 较 or with a verb of shrinking or growing
_AGAINST = re.compile(
    r"(?<![比相])较(?:之|于)?(?:｜|\d{2,4}年|今年|去年|前年|上年|上一年).{0,8}?(?:多|少|高|低|缩|涨|降|增|减|砍|删|掉|跌|升)"
    r"|比.{1,12}?(?:缩|涨|跌|降|升)"
)
_MONEY = re.compile(r"钱|资金|金额|预算|经费|拨款|元|申请额|申报额|总额|执行数|结转")


def _mentions_money_or_indicators(full: str) -> bool:
    return "指标" in _WHICH_YEAR.sub("", full) or _MONEY.search(_WHICH_YEAR.sub("", full)) is not None


# 设了满意度指标的项目 申请额…: the indicators pick the projects whose money is measured, they are not measured
_PICKING_PROJECTS = re.compile(r"指标的?(?:项目|申报表)")


# 数量类目标条数 哪张表最多: targets (the indicators) counted in 条, no money asked
_TARGETS_COUNTED = re.compile(r"目标的?(?:条数|个数|数量|数)")


def _measure(full: str) -> Measure:
    if "指标" in _PICKING_PROJECTS.sub("", full):
        return Measure.INDICATORS
    counted = _TARGETS_COUNTED.search(full) is not None and _MONEY.search(full) is None
    return Measure.INDICATORS if counted else Measure.FUNDING


def change_measure(full: str) -> Measure:
    """项目数 / 项目多了还是少了几个: the number of projects changes; else the money or the indicators."""
    if _PROJECT_COUNT.search(full) or _counted(full) == (Measure.PROJECTS, None):
        return Measure.PROJECTS
    return _measure(full)


def _rank(full: str, rows: RowKind | None) -> Intent:
    descending = _ASCENDING.search(full) is None
    top = None
    if found := _TOP.search(full) or _TOP_AFTER.search(full) or _TOP_WHICH.search(full):
        top = _number(next(g for g in found.groups() if g))
    elif _ALL.search(full) or re.search(_SOME_FIRST, full):
        top = 0  # every one, in order
    if rows is not None and re.search(r"哪一?项|哪个|哪一?部分|哪一?块", full):
        return Intent(Target.RANK, measure=Measure.FUNDING, descending=descending, top=top, rows=rows)
    return Intent(Target.RANK, measure=_measure(full), descending=descending, top=top)


def _number(written: str) -> int:
    if written.isdigit():
        return int(written)
    if written == "十":
        return 10
    return sum(_CN_NUMBERS.get(c, 0) for c in written) or 1


def counts_something(full: str) -> bool:
    """Whether the question asks how many of something it names (几个指标, 几个项目, 几项构成)."""
    return _counted(full) is not None


_IN_FORMS = re.compile(r"(?:申报)?表(?:里|中|上|内)(?:面|边)?")


def _counted(full: str) -> tuple[Measure | None, RowKind | None] | None:
    """What a count word counts: the noun after it (几个绩效指标), else the nearest before it (项目构成一共分了几项)."""
    full = _THAT_PROJECT.sub("◇", DEMONSTRATIVE.sub("◇", full))  # 远教电教那个项目有几个…: 项目 there is no count
    full = _IN_FORMS.sub("◇", full)  # 指标 23年的表里一共多少条: 表里 is where they are counted, not what
    found = _COUNT.search(full)
    if found is None:
        return None
    if _PROJECT_COUNT.search(full) and "指标" not in full[found.end() :]:
        return Measure.PROJECTS, None
    after = full[found.end() : found.end() + 10]
    before = full[: found.start()]
    for text, reverse in ((after, False), (before, True)):
        hits = [(text.rfind(word) if reverse else text.find(word), word, measure) for word, measure in _COUNTED]
        hits = [h for h in hits if h[0] >= 0]
        if hits:
            # nearest; of words at one place the longest (项目构成 over 项目)
            _, word, measure = (
                max(hits, key=lambda h: (h[0], len(h[1]))) if reverse else min(hits, key=lambda h: (h[0], -len(h[1])))
            )
            if measure is None:
                return None, RowKind.SAFEGUARDS if word in ("制度", "保障") else RowKind.BUDGET_LINES
            return measure, None
    return None


_HELPERS = re.compile(r"按|把|跟|和|与|同|个序|排|序|谁|占|总额|想确认|确认|哪天|→|->|（|）")


def intent_words(text: str) -> str:
    """``text`` without the words `classify` reads (排名前三, 比一比, 占…比例, 平均) and their helpers (按, 跟, 把)."""
    for pattern in (_RANK, _SHARE, _CHANGE, _AGAINST, _WHICH_MORE, _AVERAGE, _HELPERS):
        text = pattern.sub("", text)
    return text


def money_field(written: FundingField | None) -> FundingField:
    """The funding field a ranking, comparison or average uses when the question names none: 项目资金总额."""
    return written or FundingField.TOTAL
