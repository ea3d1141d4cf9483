"""What a policy is about, and whether a project is about the same thing.

A policy's subject is its title without what every title has (issuing bodies, regions, 关于/推进/加强,
工作/管理, the document kind at its end): 《关于推进地方人大预算联网监督工作的指导意见》 → 预算联网监督,
《中华人民共和国档案法》 → 档案, 《纸质档案数字化规范》 → 纸质档案数字化. A policy fits a project when the
project's own text says that subject (shared generic words such as 人大/上海/工作/管理 never count, nor
broad words that name a kind of activity rather than its object: 教育/宣传/组织/保护/监督/系统/信息/安全); an
optional one-line ``scope`` of the policy (what it regulates) is a second way in: two of its specific
phrases said by the project (four characters in a row in its text, or three or more in its name), or one
of them and most of the title's specific subject, so that 党组织的换届选举 does not fit 人大代表的换届选举.

The same vocabulary finds a sentence about another domain: a run of three or more characters whose
every two-character piece belongs to another project or to a policy that does not fit, and to nothing the
project or its fitting policies say (``foreign_runs``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from assistant.domain.text import CJK_RUN, cjk_bigrams, pairs, word_positions

_BRACKETED = re.compile(r"[（(][^（）()]{0,12}[）)]")  # （试行）, （2016-2020年）, （修订）
_MARKS = re.compile(r"[《》〈〉<>“”\"'「」『』\s·]+")
# The document kind at the end of a title; only one is taken off (立法法 → 立法, not 立).
_KIND_SUFFIX = re.compile(
    r"(?:任务责任清单|实施细则|实施办法|实施意见|实施条例|管理条例|指导意见|若干意见|实施方案|行动计划|工作规划|技术方案|"
    r"若干规定|暂行规定|暂行办法|工作规则|"
    r"管理办法|管理规定|工作条例|基本要求|意见|通知|条例|办法|规定|细则|规则|规范|标准|指南|指引|方案|规划|纲要|"
    r"清单|决定|决议|要点|名录|法)$"
)
# What titles share whatever their subject: bodies, regions, verbs of policy, 工作/管理, function words.
_GENERIC_WORDS = (
    "中华人民共和国|中国共产党|中共中央|全国人民代表大会常务委员会|全国人大常委会|全国人民代表大会|地方各级人民代表大会|"
    "各级人民代表大会常务委员会|各级人民代表大会|人民代表大会|常务委员会|常委会|人大|国务院办公厅|国务院|办公厅|"
    "中央国家机关|中央部门|中共|中央|市委|区委|人民政府|上海市|上海|本市|我市|各区|各地|地方|全国|国家|中国|"
    "财政部|民政部|司法部|公安部|教育部|人力资源社会保障部|国家档案局|国家保密局|财政局|民政局|市政府|区政府|"
    "关于|印发|贯彻|落实|进一步|全面|推进|推动|加强|加快|做好|深化|完善|健全|实施|开展|建立|创新|工作|管理|"
    "解决|突出|方法|拓展|促进|提高|提升|改进|优化|强化|"
    "有关|相关|事宜|若干|问题|重点|试行|暂行|修订|规定|规范|明确|要求|包括|涉及|适用于|适用|用于|以及|"
    "意见|通知|办法|条例|细则|任务|责任|清单|政府(?!采购|购买|投资|信息公开)|机关|部门|单位|项目|经费|资金|专项|年度|的|和|与|及"
)
_GENERIC = re.compile(_GENERIC_WORDS)
_IMPLEMENTING = re.compile(r"..法(?:实施条例|实施细则|实施办法)$")  # a law's implementing rules
# Words too common in declarations to mark a domain on their own (the review's generic vocabulary).
_COMMON = re.compile(
    r"(满意度|满意|完成率|完成|及时|合格|达标|验收|工作|项目|管理|情况|数量|人员|服务|系统|平台|建设|质量|时间|"
    r"发生|次数|规范|有效|制度|健全|执行|预算|资金|使用|合规|机制|长效|效率|水平|年度|全年|各类|相关|是否|提升|"
    r"保障|运行|稳定|安全|故障|事故|事件|响应|处置|经费|政策|要求|国家|上海|政府|信息|技术|数据|网络|单位|部门|"
    r"提高|加强|推进|促进|进一步|确保|实现|开展|需要|必要|有利于|为了|通过|以及|相应|社会|群众|人民|"
    r"基础上|全覆盖|覆盖|全过程|过程|各级|党政|领导|重视)"  # 2019 seed forms' own 必要性: no domain in these
)
# Words that name a kind of activity, not its object (教育 of pupils or of residents, 宣传 of the party or of the
# law, 保护 of relics or of networks): they match projects of every domain, so they neither make a title's
# whole subject nor let a policy's scope in.
_BROAD = re.compile(_COMMON.pattern[:-1] + "|监督|发展|改革|教育|宣传|组织|保护|活动|政务|培训|检查|评估|监测)")
# Words that cannot be a title's whole subject: the common words and the broad ones.
_WEAK = _BROAD
MIN_COVERAGE = 0.7  # share of a title subject's two-character pieces the project's text must contain
MIN_COVERED = 3  # pieces a subject needs for that share to mean something
MIN_PHRASE = 4  # a subject or scope phrase this long found verbatim in the project's text is enough
MIN_NAME_PHRASE = 3  # a scope phrase this long found in the project's name is one piece of evidence
MIN_SCOPE_PHRASES = 2  # a policy whose title the project does not say needs this many of its scope's phrases
MIN_FOREIGN_RUN = 2  # consecutive foreign two-character pieces (three characters) that mark another domain


def _runs(text: str, generic: re.Pattern[str]) -> list[str]:
    return [run for run in CJK_RUN.findall(generic.sub(" ", text)) if len(run) >= 2]


def title_subject(title: str, *, kind_as_subject: bool = True) -> list[str]:
    """The phrases a title is about, e.g. ``关于推进地方人大预算联网监督工作的指导意见`` → ``['预算联网监督']``;
    ``中华人民共和国宪法`` → ``['宪法']`` (or ``[]`` without ``kind_as_subject``: a basic law cited by projects
    of every kind is not judged off-subject)."""
    core = _MARKS.sub(" ", _BRACKETED.sub("", title)).strip()
    stripped = _KIND_SUFFIX.sub("", core)
    if _IMPLEMENTING.search(core):  # 档案法实施条例 is about what 档案法 is about: 档案
        stripped = stripped.removesuffix("法")
    runs = _runs(stripped, _GENERIC)
    if runs or not kind_as_subject:
        return runs
    return _runs(core, _GENERIC)  # 宪法: the kind is the subject when nothing else is left


def scope_phrases(scope: str) -> list[str]:
    """The specific phrases of a one-line scope (what a policy regulates)."""
    return _runs(scope, _GENERIC)


# Short forms a project's text uses for what a policy title writes out (居委会 → 居民委员会): the long form is
# added to the text, so that a title's subject said in its short form is found.
LONG_FORMS = {
    "居委会": "居民委员会",
    "村委会": "村民委员会",
    "城管执法": "城市管理行政执法",
    "城管": "城市管理",
    "科协": "科学技术协会",
    "残联": "残疾人联合会",
    "妇联": "妇女联合会",
    "政协": "政治协商会议",
    "文旅": "文化和旅游",
    "卫健": "卫生健康",
    "网信": "网络安全和信息化",
    "国资": "国有资产",  # 国资监督, 国资委, 国资系统接口 (the 2019 budget-review platform)
}


def with_long_forms(text: str) -> str:
    """``text`` and, on a line of their own, the long forms of the short ones it uses."""
    added = [long for short, long in LONG_FORMS.items() if short in text and long not in text]
    return "\n".join([text, *added]) if added else text


@dataclass(frozen=True)
class Project:
    """A project's own words: its name, and all its text (name, content, plan, parts, goals)."""

    name: str
    text: str

    def has_bigrams(self) -> set[str]:
        return cjk_bigrams(self.text)


def fits(project: Project, title: str, scope: str | None = None) -> bool:
    """Whether a policy titled ``title`` (with an optional one-line ``scope``) is about what the project is."""
    return _title_fits(project, title_subject(title)) or (bool(scope) and _scope_fits(project, title, scope or ""))


def _title_fits(project: Project, subject: list[str]) -> bool:
    """The subject's main phrase (its longest) is the project's: a two-character one in its name or said in
    two different phrases, a longer one verbatim; or most of the subject's pieces are in the project's text. A subject of
    one common word (监督, 预算, 管理) says too little to judge by the title."""
    grams = pairs(subject)
    if not judgeable(subject):
        return False
    specific = [run for run in subject if not _WEAK.fullmatch(run)]
    longest = max(len(run) for run in specific)
    # A two-character word is enough only when it is the whole of what the title is about: 保守国家秘密法's
    # subject is 保守…秘密 (国家 is generic), so 秘密 alone in a name (鲍勃的秘密项目) does not make it the project's.
    for run in (r for r in specific if len(r) == longest):
        rest_said = all(other in project.text for other in specific if other != run)
        if len(run) == 2 and rest_said and (_in_name(run, project.name) or _said_twice(run, project.text)):
            return True
        if len(run) >= MIN_PHRASE and run in project.text:
            return True
    objects = [part for run in specific for part in _runs(run, _BROAD)]  # 农产品质量安全 → 农产品
    if objects and max(map(len, objects)) >= MIN_NAME_PHRASE and all(part in project.text for part in objects):
        return True
    if len(grams) < MIN_COVERED:  # a one- or two-piece subject is judged by its words above only
        return False
    return len(grams & project.has_bigrams()) / len(grams) >= MIN_COVERAGE


def _said_twice(word: str, text: str) -> bool:
    """A two-character word the project says in two different phrases (纸质档案…文书档案), not one phrase said
    twice: 影像档案 in the content and again in a part's name is a by-product of the work (巡查台账和影像档案),
    not what the project is about."""
    return len({text[max(i - 2, 0) : i] for i in word_positions(word, text)}) >= 2


def _positions(word: str, text: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)]


def judgeable(subject: list[str]) -> bool:
    """Whether a title's subject says what it is about (not nothing, not one common word)."""
    return any(not _WEAK.fullmatch(run) for run in subject)


def _in_name(word: str, name: str) -> bool:
    """A two-character word in the name as a word (not 代表 in 代表性, `word_positions`), or written out in its long
    form (信访 in 来信来访, 人大 in 人民代表大会)."""
    if word_positions(word, name):
        return True
    return re.search(re.escape(word[0]) + r"[\u4e00-\u9fff]{1,2}" + re.escape(word[1]), name) is not None


def _scope_fits(project: Project, title: str, scope: str) -> bool:
    """What the policy regulates is what the project does: the project's text says ``MIN_SCOPE_PHRASES`` of the
    scope's specific phrases (four characters in a row of one, or a phrase of three or more in the name), or
    says one of them and most of the title's subject. Broad words (教育, 宣传, 保护, 监督) are no evidence: a
    policy whose object is another (反食品浪费宣传教育, 党组织的换届选举) shares only them, or one phrase, with a
    project (法治宣传教育, 人大代表的换届选举)."""
    phrases = [part for phrase in scope_phrases(scope) for part in _runs(phrase, _BROAD)]
    said = {p for p in phrases if _said(p, project)}
    return len(said) >= MIN_SCOPE_PHRASES or (len(said) == 1 and _specific_coverage(project, title) >= MIN_COVERAGE)


def _said(phrase: str, project: Project) -> bool:
    """Four characters of ``phrase`` in a row in the project's text (a window that starts inside the phrase must
    continue it there: 民委员会 of 村民委员会 is not said by 居民委员会), or a phrase of three or more in its name."""
    windows = range(len(phrase) - MIN_PHRASE + 1)
    return any(_continues(phrase, i, project.text) for i in windows) or (
        len(phrase) >= MIN_NAME_PHRASE and phrase in project.name
    )


def _continues(phrase: str, start: int, text: str) -> bool:
    window = phrase[start : start + MIN_PHRASE]
    for at in _positions(window, text):
        before = text[at - 1] if at > 0 else ""
        if start == 0 or not CJK_RUN.fullmatch(before) or before == phrase[start - 1]:
            return True
    return False


def _specific_coverage(project: Project, title: str) -> float:
    """Share (0–1) of the specific two-character pieces of ``title``'s subject (broad words taken out) that the
    project's text has; 1 for a title that names no object of its own (上海市人大常委会工作规定): its scope says it."""
    grams = pairs(part for run in title_subject(title) for part in _runs(run, _BROAD))
    return len(grams & project.has_bigrams()) / len(grams) if grams else 1.0  # a title that names no object


def domain_bigrams(texts: Iterable[str]) -> set[str]:
    """The specific two-character pieces of ``texts`` (policy titles and scopes, other projects' names):
    bodies, regions, verbs of policy and the words every declaration uses taken out first."""
    return pairs(part for text in texts for run in _runs(text, _GENERIC) for part in _runs(run, _COMMON))


def foreign_runs(sentence: str, *, allowed: set[str], foreign: set[str], said_in: str | None = None) -> list[str]:
    """Runs of ``sentence`` (three characters or more) made only of pieces of ``foreign`` (another domain's
    vocabulary) that are not in ``allowed`` (the pieces of what the project and its fitting policies say).
    With ``said_in`` (the foreign texts, one a line), a run counts only when three characters of it in a
    row are written in one of them: pieces of two unrelated texts (履职 of one policy's scope, 职能 of
    another's) do not make another domain's object (履职能)."""
    found: list[str] = []
    for run in _runs(sentence, _COMMON):
        marks = [run[i : i + 2] in foreign and run[i : i + 2] not in allowed for i in range(len(run) - 1)]
        i = 0
        while i < len(marks):
            j = i
            while j < len(marks) and marks[j]:
                j += 1
            if j - i >= MIN_FOREIGN_RUN and (said_in is None or _written_in(run[i : j + 1], said_in)):
                found.append(run[i : j + 1])
            i = max(j, i + 1)
    return found


def _written_in(run: str, text: str) -> bool:
    width = MIN_FOREIGN_RUN + 1
    return any(run[k : k + width] in text for k in range(len(run) - width + 1))


text_bigrams = cjk_bigrams  # the name the relevance checks import


MAX_COPIED = 0.6  # a goal this much another text's sentences is a copy, not a goal
MIN_COPIED_RUN = 6  # characters: shorter shared runs are ordinary words of the project
MIN_COPIED_CHARS = 30  # a one-line goal taken from the brief's own aim (保障平台全年稳定运行) is not a paste
_SPACE = re.compile(r"\s+")


def copied_share(text: str, source: str) -> float:
    """Share (0–1) of ``text``'s characters (whitespace ignored) in runs of ``MIN_COPIED_RUN`` or more copied
    verbatim from ``source``."""
    a, b = _SPACE.sub("", text), _SPACE.sub("", source)
    if not a or not b:
        return 0.0
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks if block.size >= MIN_COPIED_RUN) / len(a)


def is_copy(text: str, source: str) -> bool:
    """``text`` is mostly ``source`` pasted: ``MAX_COPIED`` of it, and at least ``MIN_COPIED_CHARS`` characters."""
    share = copied_share(text, source)
    return share >= MAX_COPIED and share * len(_SPACE.sub("", text)) >= MIN_COPIED_CHARS
