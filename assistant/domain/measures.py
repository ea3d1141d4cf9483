"""Statements other than counts in one piece of a brief's clause: cost standards (每人500元, 约0.55元/页,
住宿费每人每天不超过500元), rates (不低于85%), deadlines (3个工作日内, 11月底前, 当日) and zero targets or
commitments (零损毁, 不发生…事故, 不重不漏). ``assistant.domain.statements`` calls these for each piece."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.phrases import STOP, clean_object, is_verb, phrase, tagged
from assistant.domain.quantities import cn_number
from assistant.domain.statement_base import (
    AT_LEAST,
    AT_MOST,
    COUNT_UNITS,
    NOT_BEFORE,
    NUM,
    TIME_UNITS,
    Kind,
    Statement,
    read_number,
)
from assistant.domain.values import MONTH_DEADLINE

# What a standard may be priced per: every count unit (每册40元, 每吨80元, 每株1200元) and a place (托位, 床位).
_PER_UNITS = sorted({*COUNT_UNITS, "托位", "床位", "床", "客"}, key=len, reverse=True)
_STANDARD = re.compile(
    rf"(?:每个?(?P<per1>{'|'.join(_PER_UNITS)})"
    rf"(?P<times>每次|每年|每天|每日|每晚|每月)?"
    rf"(?P<middle>[\u4e00-\u9fff]{{0,8}}?)(?P<approx1>约)?(?P<num1>{NUM})(?P<wan1>万)?元)"
    rf"|(?:(?P<approx2>约)?(?P<num2>{NUM})(?P<wan2>万)?元\s*/\s*(?P<per2>(?:人次|[\u4e00-\u9fff]{{1,3}})"
    rf"(?:[·・•‧∙⋅](?:小时|课时|天|日|晚|周|月|年|次))?))"  # 4500元/人·月: the product is the unit, never 元/人
)
# A share written in words reads as its digits (red team rt10 #6: 百分之九十五 was ignored and the draft took a template
# 90%): 百分之九十五 / 百分之95 / 百分之百 / 百分之九十五点五, 九成 (90%), 九成五 (95%).
_CN_DIGIT = "零〇一二两三四五六七八九"
_RATE_WORDS = (
    rf"百分之(?P<cn>[{_CN_DIGIT}十百]+(?:点[{_CN_DIGIT}]+)?|\d+(?:\.\d+)?)"
    rf"|(?<![{_CN_DIGIT}十百千万])(?P<tenths>[一二三四五六七八九])成(?P<half>[一二三四五六七八九])?(?![员本果功立绩熟交就效型品不为都了])"
)
_RATE = re.compile(
    rf"(?P<op>{'|'.join(sorted(AT_LEAST + AT_MOST, key=len, reverse=True))}|≥|≤)?\s*"
    rf"(?:(?P<num>\d+(?:\.\d+)?)\s*(?:%|％)|{_RATE_WORDS})(?P<tail>以上|以下|以内)?"
)
_DEADLINE = re.compile(rf"(?P<num>{NUM})(?P<unit>{'|'.join(TIME_UNITS)})(?:之内|以内|内)")
_CEILING_DEADLINE = re.compile(
    r"(?P<what>[\u4e00-\u9fff]{0,12}(?:时间|时限|用时|周期|期限))(?:应|须|需|要)?(?:在|为)?"
    rf"(?P<figure>(?:不超过|不多于|控制在|≤|≦|<=|＜＝)\s*(?P<num>{NUM})(?P<unit>{'|'.join(TIME_UNITS)}))(?!内|以内|之内)"
)
_SAME_DAY = re.compile(r"(?P<word>当日|当天|即时)(?P<verb>[\u4e00-\u9fff]{1,4})")
_ZERO = re.compile(
    r"(?:不发生|无|杜绝|避免)(?P<obj1>[\u4e00-\u9fff]{0,12}?)(?P<what1>事故|事件|差错|损毁|丢失|泄密|失密|投诉)"
    r"|零(?P<what2>差错|损毁|丢失|事故|投诉|失误|泄密|遗漏)"
    r"|(?P<what3>事故|事件|差错|损毁|丢失|泄密|投诉)(?:发生)?(?:次数|起数|数)?(?:为|是|保持为?)(?:零|0)(?![\d.%])"
)
_COMPLETE = re.compile(
    r"不重不漏|应发尽发|发放到人|发放到位|足额发放|全覆盖|应检尽检|应收尽收|应录尽录|"
    r"依法[\u4e00-\u9fff]{0,4}(?:确认|公告|公布)|按期办结|按时办结|按期答复|按时答复"
    r"(?!率)"
)


# -- standards, rates, deadlines, zero targets ----------------------------------------------------------------


def read_standards(part: str, label: str, clause: str, taken: list[tuple[int, int]]) -> list[Statement]:
    """每人500元, 每批次约350元, 约0.55元/页: money per unit the brief states."""
    found = []
    for m in _STANDARD.finditer(part):
        n = "1" if m["num1"] else "2"
        per = m[f"per{n}"]
        number = read_number(m[f"num{n}"], m[f"wan{n}"])
        if per == "客":
            per = "客次"  # 按每客补贴4元: one meal served, counted in 客次
        elif m["times"] == "每次" and per in {"人", "名"}:
            per = "人次"  # 每人每次750元
        elif m["times"] in {"每天", "每日", "每晚"}:
            per = f"{per}·天"  # 住宿费每人每天不超过500元
        elif m["times"] == "每月":
            per = f"{per}·月"  # 每个托位每月800元
        middle = _rest_of_word(per, m["middle"] or "") if m["num1"] else ""
        prefix = part[
            : m.start()
        ].rstrip()  # 配送补贴≤3元/单, 配送补贴不超过3元/单: the ceiling written before the figure
        ceiling = bool(m[f"approx{n}"]) or any(w in middle for w in AT_MOST) or prefix.endswith(AT_MOST)
        ceiling = ceiling or bool(_CEILING_AFTER.match(part[m.end() :]))  # 每座造价75万元以内: ≤, as 不超过75万元
        middle = re.sub("|".join(sorted(AT_MOST, key=len, reverse=True)), "", middle)
        before = _line_name(_OPERATOR_END.sub("", prefix), label) + middle
        subject = clean_object(re.sub(r"(?:为|是|按|按照)$", "", before))
        if not subject.endswith(_PRICED):  # 按每个托位每月800元的标准给予运营补贴 → 托位运营补贴
            named_after = _NAMED_AFTER.match(part[m.end() :])
            unit = per.split("·")[0]
            unit = f"每{unit}" if len(unit) == 1 else unit  # 每家补贴, never 家补贴 (a measure word is no word alone)
            subject = f"{unit}{named_after['what']}" if named_after else subject
        verb, obj = phrase(before, "")
        obj = obj or clean_object(re.sub(r"(?:为|是|按|按照)$", "", before))
        taken.append(m.span())
        found.append(
            Statement(
                Kind.STANDARD,
                number,
                f"元/{per}",
                "≤" if ceiling else "=",
                verb,
                obj,
                label,
                clause,
                m.group(0),
                approx=bool(m[f"approx{n}"]),
                subject=subject if subject.endswith(_PRICED) else "",
                per_unit=per,
                paid_by_users=bool(_USERS_PAY.search(before)),
            )
        )
    return found


def _rest_of_word(per: str, middle: str) -> str:
    """What follows 每个… once the measure word's own word is read whole: 每个项目5万元 prices 项目 (项 + 目), so nothing
    of 目 is left to name the standard (never 目标准); 每人培训费800元 keeps 培训费."""
    first = tagged(per + middle)[0][0] if middle else per
    return middle[len(first) - len(per) :] if len(first) > len(per) and first.startswith(per) else middle


# A ceiling said after the figure: 75万元以内, 500元以下, 3000元之内 (以上 is a floor, not a price's bound).
_CEILING_AFTER = re.compile(r"\s*(?:以内|之内|以下|及以下|或以下)")
_OPERATOR_END = re.compile("(?:" + "|".join(map(re.escape, sorted(AT_LEAST + AT_MOST, key=len, reverse=True))) + ")$")
# What a standard's own words end with when they name what is priced: 慰问标准, 送餐费, 就餐补贴, 套餐售价.
_PRICED = ("标准", "单价", "费用", "成本", "价格", "费", "补贴", "补助", "售价")
# A price the people served pay (自付, 个人负担, 售价, 收费), not what the project spends.
_USERS_PAY = re.compile(r"自付|自理|个人(?:负担|承担|支付)|售价|收费")
# What the money per unit is, said after the figure: …800元的标准给予运营补贴, …500元发放慰问金.
_NAMED_AFTER = re.compile(
    r"^(?:的)?(?:标准)?(?:给予|发放|拨付|补贴)?(?P<what>[\u4e00-\u9fff]{0,4}?(?:补贴|补助|经费|慰问金))"
)
_SHARE = re.compile(
    rf"^(?:其中)?(?P<who>[\u4e00-\u9fff]{{0,8}}?)(?P<what>补贴|补助|承担|支付|负担|出资|自付|自理)(?P<approx>约)?"
    rf"(?P<num>{NUM})元$"
)


def read_shares(part: str, label: str, clause: str, base: Statement) -> list[Statement]:
    """其中政府补贴5元、老年人自付10元 after 每份套餐售价15元: shares of a standard stated just before, per its unit."""
    m = _SHARE.match(part.strip())
    if m is None or base.per_unit is None:
        return []
    who = clean_object(m["who"] or "")
    subject = f"{who}{m['what']}"
    return [
        Statement(
            Kind.STANDARD,
            read_number(m["num"], None),
            base.unit,
            "=",
            "",
            base.object,
            label,
            clause,
            m.group(0),
            approx=bool(m["approx"]),
            subject=subject,
            per_unit=base.per_unit,
            paid_by_users=bool(_USERS_PAY.search(subject) or _PEOPLE_PAY.search(who)),
        )
    ]


_PEOPLE_PAY = re.compile(r"老年人|老人|居民|家庭|家长|个人|群众|服务对象|本人|学员|用户")


def _line_name(before: str, label: str) -> str:
    """In a 项目构成 line (会议餐饮：按每人每次120元标准) the standard is the line's: its name, not 会议餐饮：按."""
    return before.split("：", 1)[0] if label == "项目构成" and "：" in before else before


def read_rates(part: str, label: str, clause: str, taken: list[tuple[int, int]]) -> list[Statement]:
    found = []
    for m in _RATE.finditer(part):
        op_word, tail = m["op"] or "", m["tail"] or ""
        number = _rate_number(m)
        op = "≤" if op_word in AT_MOST or op_word == "≤" or tail in {"以下", "以内"} else "≥"
        op = "=" if number == 100 and op == "≥" else op
        subject = clean_object(re.sub(r"(?:要|应|须|需|均|要求)+$", "", part[: m.start()]))
        subject = re.sub(r"(?:不低于|不少于|达到|达|保持|控制在|为|在)+$", "", subject)
        taken.append(m.span())
        verb, obj = phrase(part[: m.start()], "")
        found.append(
            Statement(Kind.RATE, number, "%", op, verb, obj, label, clause, m.group(0).strip(), subject=subject)
        )
    return found


def _rate_number(m: re.Match[str]) -> Decimal:
    """The percent a `_RATE` match states: digits, 百分之 + a Chinese number (点 for the decimals), or 成 tenths."""
    if m["num"]:
        return Decimal(m["num"])
    if m["tenths"]:
        return Decimal(10 * cn_number(m["tenths"]) + (cn_number(m["half"]) if m["half"] else 0))
    whole, _, decimals = m["cn"].partition("点")
    digits = "".join(str(cn_number(c)) for c in decimals)
    return cn_number(whole) + (Decimal(f"0.{digits}") if digits else Decimal(0))


def read_deadlines(part: str, label: str, clause: str, taken: list[tuple[int, int]]) -> list[Statement]:
    """3个工作日内出具检测报告 / 检测报告在抽样后10个工作日内出具 / 当日出具."""
    found = []
    for m in _DEADLINE.finditer(part):
        if NOT_BEFORE.search(part[: m.start()]):
            continue
        taken.append(m.span())
        before = re.sub(r"(?:在|于)[\u4e00-\u9fff]{0,4}?后$", "", part[: m.start()])
        verb, obj = _deadline_phrase(before, part[m.end() :])
        unit = m["unit"]
        found.append(
            Statement(Kind.DEADLINE, read_number(m["num"], None), unit, "≤", verb, obj, label, clause, m.group(0))
        )
    for m in _CEILING_DEADLINE.finditer(part):  # 投诉处理时间≤3个工作日, 办结时限不超过5个工作日
        if overlaps(m.span(), taken) or NOT_BEFORE.search(part[: m.start()]):
            continue
        taken.append(m.span())
        verb, obj = _deadline_phrase(m["what"], "")
        obj = re.sub(r"(?:时间|时限|用时|周期|期限)$", "", obj) or obj
        unit = m["unit"]
        found.append(
            Statement(
                Kind.DEADLINE, read_number(m["num"], None), unit, "≤", verb, obj, label, clause, m.group("figure")
            )
        )
    for m in MONTH_DEADLINE.finditer(part):  # 研究报告于2027年11月底前完成结题评审 → 11月底前
        taken.append(m.span())
        verb, obj = _deadline_phrase(re.sub(r"(?:在|于)$", "", part[: m.start()]), part[m.end() :])
        words = f"{int(m['month'])}月{m['when'] or ''}前"
        found.append(Statement(Kind.DEADLINE, Decimal(m["month"]), "月", "≤", verb, obj, label, clause, words))
    for m in _SAME_DAY.finditer(part):
        later = tagged(STOP.split(part[m.start("verb") :], maxsplit=1)[0])
        verb = next((w for w, tag in later if is_verb(w, tag)), m["verb"][:2])
        obj = phrase(part[: m.start()], "")[1] or clean_object(part[: m.start()])
        found.append(Statement(Kind.DEADLINE, Decimal(1), "天", "≤", verb, obj, label, clause, m["word"]))
    return found


# 将报告反馈本人, 把结果告知申请人: the thing handed over sits between 将/把 and the verb; who receives it is no object.
_HANDED = re.compile(
    r"^(?:将|把)(?P<what>[\u4e00-\u9fff]{2,8}?)(?=反馈|告知|送达|报送|提交|交付|移交|发放|通知|寄送|推送|出具)"
)


def _deadline_phrase(before: str, after: str) -> tuple[str, str]:
    handed = _HANDED.match(after)
    if handed:  # 30个工作日内将报告反馈本人并录入健康档案 → 反馈, 报告
        rest = after[handed.end() :]
        verb = next((w for w, tag in tagged(rest) if is_verb(w, tag)), rest[:2])
        return verb, clean_object(handed["what"]) or handed["what"]
    after_words = tagged(STOP.split(after, maxsplit=1)[0])
    verb = next((w for w, tag in after_words if is_verb(w, tag)), "")
    rest = "".join(w for w, _ in after_words[[w for w, _ in after_words].index(verb) + 1 :]) if verb else ""
    obj = clean_object(rest) or clean_object(before)
    return verb, obj


def read_zeros(part: str, label: str, clause: str) -> list[Statement]:
    """不发生食品安全事故, 纸质档案零损毁, 不重不漏: targets of zero (or of everything)."""
    found = []
    for m in _ZERO.finditer(part):
        what = m["what1"] or m["what2"] or m["what3"]  # 施工期间安全事故为0: the object before it, as 零事故
        obj = clean_object(m["obj1"] or "") if m["what1"] else clean_object(phrase(part[: m.start()], "")[1])
        found.append(Statement(Kind.ZERO, Decimal(0), "", "=", what, obj, label, clause, m.group(0)))
    for m in _COMPLETE.finditer(part):
        obj = clean_object(part[: m.start()])
        found.append(Statement(Kind.COMPLETE, None, "", "=", m.group(0), obj, label, clause, m.group(0)))
    return found


def overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in taken)


# 每人训练15天, 每名学员培训5天: the time each person is given, a target of its own (人均训练天数 ≥15(天)).
_PERSON_DAYS = re.compile(
    rf"每(?:人|名|位)(?:学员|队员|民兵|人员)?(?P<verb>训练|培训|参训|轮训|学习|实训|集训)(?:时间)?(?:不少于|不低于|至少)?"
    rf"(?P<num>{NUM})(?P<unit>天|日|个工作日)(?!内|以内|之内)"
)


def read_person_days(part: str, label: str, clause: str, taken: list[tuple[int, int]]) -> list[Statement]:
    """每人训练15天 → COUNT 15 天 per 人 (训练): the days each person trains, never multiplied into a total here."""
    found = []
    for m in _PERSON_DAYS.finditer(part):
        if overlaps(m.span(), taken):
            continue
        taken.append(m.span())
        unit = "天" if m["unit"] == "日" else m["unit"]
        number = read_number(m["num"], None)
        found.append(Statement(Kind.COUNT, number, unit, "≥", m["verb"], "", label, clause, m.group(0), per_unit="人"))
    return found
