"""The phrase a figure of a brief belongs to: the verb and the object around it.

    phrase("全区划分选区约", "") -> ("划分", "选区")
    phrase("对全区", "个街镇人大代表联络站进行标准化改造") -> ("", "街镇人大代表联络站")

Part-of-speech tags from jieba (verbs ``v``), with the verbs briefs use most where jieba tags them otherwise;
the noun after a measure word is what is counted (18个站点阵地), else what follows the last verb before it.
jieba's dictionary loads once per process (about 0.5–1.5 s), then a brief takes milliseconds.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# An estimate, a floor or a ceiling written before a figure, in words or as a person types it (≥13个, >=13个, ≤3元).
APPROX = (
    "约|近|逾|不超过|不多于|超过|不少于|不低于|至少|达到|达|共计|共|累计|合计|总计|计|>=|<=|＞＝|＜＝|≥|≧|≤|≦|＞|＜|>|<"
)
# A 约 that closes a word (签约, 合约, 预约, 制约, 节约, 条约, 公约, 契约, 邀约, 特约), not an estimate before a figure.
WORD_YUE = re.compile(r"[签合预制节条公契邀特履违]约$")
ACTIVITY = re.compile(r"(?:活动|会议|座谈会|讲座|培训|检查|调研|演练|宣讲)$")
# Words that open a clause but say nothing of the object: 全区, 预计, 全年…
_LEAD = re.compile(
    r"^(?:并|且|同时|其中|另|共|全年|年内|年度|预计|计划|拟|力争|确保|保证|保障|实现|做到|要求|对|向|为|在|"
    r"全区|全市|全镇|全县|全街道|本区|本市|本镇|辖区内|辖区|区内|市内|各|约|近|累计|合计|全部|依法|按规定|分别)+"
)
GENERIC_VERBS = {
    "开展",
    "组织",
    "进行",
    "完成",
    "实施",
    "预计",
    "计划",
    "安排",
    "做好",
    "推进",
    "加强",
    "确保",
    "保障",
}
# Verbs briefs use that jieba may tag as nouns (vn) or split; longest first when matched.
KNOWN_VERBS = (
    "走访慰问",
    "慰问",
    "走访",
    "划分",
    "设立",
    "登记",
    "培训",
    "抽检",
    "检测",
    "检验",
    "出具",
    "整理",
    "扫描",
    "数字化",
    "接待",
    "受理",
    "办理",
    "调解",
    "提供",
    "编制",
    "修订",
    "审查",
    "巡查",
    "检查",
    "改造",
    "建设",
    "购置",
    "采购",
    "印制",
    "制作",
    "发布",
    "召开",
    "举办",
    "举行",
    "调研",
    "编写",
    "录入",
    "发放",
    "处置",
    "服务",
    "开发",
    "修缮",
    "维修",
    "更换",
    "宣讲",
    "督查",
    "审核",
    "核查",
    "调查",
    "咨询",
    "答复",
    "化验",
    "采样",
    "排查",
    "整治",
    "清理",
    "征集",
    "聘请",
    "编印",
    "出版",
    "录制",
    "拍摄",
    "建立",
    "提交",
    "清运",
    "收运",
    "治理",
    "新建",
    "改建",
    "铺设",
    "疏浚",
    "养护",
    "监测",
    "清查",
    "登记",
    "审理",
    "代理",
    "出具",
    "接待",
    "收集",
    "汇编",
    "走访",
    "回访",
    "选聘",
    "聘用",
    "公布",
    "设立",
    "划分",
    "配发",
    "设置",
)
STOP = re.compile(r"[，,；;。！？!?\n（）()：:]")


def phrase(before: str, after: str) -> tuple[str, str]:
    """(verb, object) of a figure from the words before it (划分选区约 → 划分, 选区) or, where nothing names
    an object before it, the noun right after it (18个站点 → 站点; 3个工作日内出具检测报告 → 出具, 检测报告)."""
    before = before.rstrip("（( ")
    if not WORD_YUE.search(before):  # 新增签约: the 约 is the word's own
        before = re.sub(rf"(?:{APPROX}|每[月季周年天日]|每)+$", "", before)
    words = tagged(before)
    known = [n for n, (w, _) in enumerate(words) if (w in KNOWN_VERBS or w in GENERIC_VERBS) and not _in_noun(words, n)]
    verbs = known or [n for n, (w, tag) in enumerate(words) if is_verb(w, tag) and not _in_noun(words, n)]
    verb_at = verbs[-1] if verbs else -1
    verb = words[verb_at][0] if verb_at >= 0 else ""
    tail = "".join(w for w, _ in words[verb_at + 1 :])
    after_text = STOP.split(after, maxsplit=1)[0]
    after_words = tagged(after_text)
    activity = ACTIVITY.search(after_text) and len(after_text) <= 12 and not re.match(r"[并和及且同]", after_text)
    head = after_text if activity else _noun_before_verb(after_text, after_words)
    if verb_at >= 0 and not tail.strip("（( ：:") and verb in GENERIC_VERBS and head:
        tail = ""  # 每月至少开展1次代表接待选民活动: the object follows the figure
    elif verb_at >= 0 and not tail.strip("（( ：:"):  # 开展选举工作人员业务培训（约2500人次）: the verb ends the phrase
        start = max((n for n in verbs if n < verb_at), default=-1)
        tail = "".join(w for w, _ in words[start + 1 : verb_at])
    modified = "的" in tail
    obj = clean_object(tail)
    people = bool(_PEOPLE_WORD.search(obj))
    if head and (len(head) >= 2 or not obj) and not people:  # 18个站点阵地: the noun after the measure word is counted
        obj = head
    later = next((w for w, tag in after_words if is_verb(w, tag) and w not in GENERIC_VERBS), "")
    if modified:  # 形成的纸质档案12万卷进行数字化扫描: the activity follows the figure
        verb = later
    elif head:
        verb = _final_verb(after_words) or verb
    elif not verb:
        verb = later
    if not obj and verb_at > 0:  # 水质检测每季度开展一次 → 水质 检测
        earlier = [n for n in verbs if n < verb_at and words[n][0] not in GENERIC_VERBS]
        if earlier:
            verb = words[earlier[-1]][0]
            obj = clean_object("".join(w for w, _ in words[: earlier[-1]]))
    if verb in GENERIC_VERBS:
        verb = ""
    if obj.endswith(verb) and verb:
        verb = ""
    return verb, obj


_PEOPLE_WORD = re.compile(r"(?:人口|人员|群众|居民|对象|选民|党员|代表|干部|职工|学员|老人|家庭|户)$")


# What follows a verb used inside a noun (为老服务中心, 托育服务点, 检测机构): the verb is part of the name there.
NOUN_HEADS = (
    "中心",
    "站",
    "点",
    "所",
    "室",
    "机构",
    "平台",
    "对象",
    "设施",
    "队伍",
    "热线",
    "大厅",
    "窗口",
    "车",
    "项目",
)


def _in_noun(words: list[tuple[str, str]], n: int) -> bool:
    return n + 1 < len(words) and words[n + 1][0].startswith(NOUN_HEADS)


def _noun_before_verb(text: str, words: list[tuple[str, str]]) -> str:
    """农村集中供水站开展维修养护 → 农村集中供水站: the words before the first verb briefs use, else jieba's nouns; a
    verb inside a noun (社区综合为老服务中心设置助浴点) is read past."""
    pattern = "|".join(sorted((*KNOWN_VERBS, *GENERIC_VERBS), key=len, reverse=True))
    m = next((v for v in re.finditer(pattern, text) if not text[v.end() :].startswith(NOUN_HEADS)), None)
    if m and m.start() >= 2 and not re.search(r"[\d的]", text[: m.start()]):
        return _HANGING.sub("", _MEANS.split(text[: m.start()])[0])
    return leading_noun(words)


def _final_verb(words: list[tuple[str, str]]) -> str:
    """约800名职工参赛: a verb that ends the phrase after the figure is what those counted do; 320名区人大代表
    举办培训班: a verb with its own object is not."""
    if words and is_verb(*words[-1]) and words[-1][0] not in GENERIC_VERBS:
        return words[-1][0]
    return ""


# Words jieba tags as verbs that only say by what means (依托…, 通过…): never the verb of a figure.
MEANS = {"依托", "通过", "按照", "依据", "根据", "围绕", "借助", "依靠", "结合"}
# A figure with its measure word: the object of another statement, never part of this one's object.
_FIGURE = re.compile(r"\d+(?:\.\d+)?[万亿]?[个家名人位户次份单餐辆台套处所条件项场期班批座间幢栋块张部册本卷页]")
_HANGING = re.compile(r"(?:(?<![总饱])和|(?<![涉惠普危以])及|(?<![参给赋])与|(?<![合])并|或|同时|依托|通过|按照|的)+$")
_MEANS = re.compile(r"依托|通过(?!率)|按照|依据|根据|围绕|借助|依靠")


def clean_object(text: str) -> str:
    text = _FIGURE.split(text)[-1].rsplit("：", 1)[-1]  # 在3个街道建设3家长者食堂和依托…: what follows the last figure
    text = re.split(r"通过(?!率)|经由|由|按照|依托", text)[0]  # 考核通过率 is a rate, not 通过… (by means of)
    text = re.sub(r"^每(?:月|季度|季|周|半年|年|天|日|个|门|期|场|班|次|批|轮|堂|集|节)", "", text)
    text = _LEAD.sub("", text)
    if "的" in text:
        text = text.rsplit("的", 1)[1]
    text = re.sub(r"(?:做到|实现|确保|达到|保证)$", "", text)
    return _HANGING.sub("", text.strip("（()）“”\"' 等：:")).strip("（()）“”\"' 等：:")


_AGENT = {"人", "者", "员"}  # 传承人, 传习者, 协管员: a verb and who does it make one noun


def leading_noun(words: list[tuple[str, str]]) -> str:
    """The noun phrase that opens a word list (个站点阵地 → 站点阵地; 名生活困难党员和老党员发放… → 生活困难党员和老党员),
    up to a verb, an adverb or a time word."""
    taken: list[str] = []
    skip = -1
    for n, (w, tag) in enumerate(words):
        if n == skip:
            continue
        if not taken and _place_head(words, n):  # 助餐点: jieba's 助 (v) + 餐点 (n), one place noun
            taken.append(w)
            continue
        if is_verb(w, tag) and n + 1 < len(words) and words[n + 1][0] in _AGENT:
            taken.append(w + words[n + 1][0])  # 代表性传承人: jieba's 传承 (v) + 人, one noun of who does it
            skip = n + 1
            continue
        if is_verb(w, tag) or not tag.startswith(("n", "vn", "a", "c", "b", "j")) or tag == "ad":  # j: 中小学, 人大
            if taken or tag not in {"m", "q"}:
                break
            continue
        taken.append(w)
    return "".join(taken).rstrip("和及与")


def _place_head(words: list[tuple[str, str]], n: int) -> bool:
    """A one-character verb opening a place noun (助餐点, 助浴点, 供水站): jieba splits it off as a verb."""
    w, tag = words[n]
    nxt = words[n + 1] if n + 1 < len(words) else ("", "")
    return len(w) == 1 and tag == "v" and nxt[1].startswith("n") and nxt[0].endswith(NOUN_HEADS)


def is_verb(word: str, tag: str) -> bool:
    return word not in MEANS and ((tag == "v" and len(word) >= 2) or word in KNOWN_VERBS)


@cache
def _posseg() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    for verb in KNOWN_VERBS:
        jieba.add_word(verb, tag="v")
    return jieba.posseg


def tagged(text: str) -> list[tuple[str, str]]:
    if not text:
        return []
    return [(p.word, p.flag) for p in _posseg().lcut(text, HMM=False)]
