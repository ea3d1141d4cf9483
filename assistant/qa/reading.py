"""The subjects a question names: units (also misspelt), projects by full or short name, header fields, 项目构成 /
制度保障 rows and a named row, 项目类别 values, and units or districts the corpus lacks."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.absent_names import absent_money_name, absent_partner
from assistant.qa.content_names import match_content
from assistant.qa.cues import CUT as _CUT
from assistant.qa.cues import MONEY, SAME_VALUE, Cues
from assistant.qa.cues import common as _common
from assistant.qa.cues import cut as _cut
from assistant.qa.described import POINTED as _POINTED
from assistant.qa.described import how_matched, led_by_another, pointed_pair, second_side
from assistant.qa.entities import (
    DISTRICT,
    NAME_NOUNS,
    Names,
    exact_names,
    informative,
    nearest,
    phrases,
    resolve,
)
from assistant.qa.entities import match as match_name
from assistant.qa.fillers import trim_fillers, without_fillers
from assistant.qa.homophones import sounds
from assistant.qa.intents import intent_words
from assistant.qa.levels import level_scope, units_at
from assistant.qa.lexicon import HEADER_TERMS, IMPLEMENTER_ASKED, ROW_TERMS, Lexicon
from assistant.qa.meaning import by_meaning
from assistant.qa.models import HeaderField, RowKind
from assistant.qa.name_context import alike_unsettled, changes_between, one_in_years, unit_then_described
from assistant.qa.unit_names import FUNCTION_UNIT, UNKNOWN_UNIT, all_units, of_the_unit, served_unit
from assistant.qa.unit_names import LEADING as _LEADING


def take_exact_projects(text: str, lexicon: Lexicon) -> tuple[str, list[tuple[int, str]]]:
    """Project names written whole (before units: 组织部 is also part of 组织部门建设和管理工作经费)."""
    found = []
    for name in exact_names(text, lexicon.projects):
        found.append((text.find(name), name))
        text = _cut(text, name)
    return text, found


def take_projects(text: str, cues: Cues, lexicon: Lexicon, exact: list[tuple[int, str]], full: str) -> tuple[str, Cues]:
    """The projects named whole or by a short form, in the order written (at most two), or an absent one."""
    names = _names(lexicon)
    resolution = resolve(phrases(text, _CUT), names)
    found = [(position, name, name) for position, name in exact]
    for match in resolution.matches:
        if led_by_another(full, match.phrase, match.name, lexicon):  # IPTV运维那个项目: not 信息化运维项目
            continue
        if any(match.phrase in same.group() for same in SAME_VALUE.finditer(full)):  # 也是这个部门吗: the value before
            continue
        if match.name not in {name for _, name, _ in found}:
            at = full.find(match.phrase)  # where written whole; else where its first two characters are
            found.append((at if at >= 0 else max(full.find(match.phrase[:2]), 0), match.name, match.phrase))
            text = _cut_phrase(text, match.phrase)
    pointed = _POINTER.search(full)  # 管服务器那笔23年运维钱: the description decides, not the year
    between = changes_between(cues, full)  # 运维那笔26年比23年: the one filed in both, though pointed
    usable = len(found) < 2 and (not pointed or between)  # 23年运维: the one filed that year
    one = one_in_years(resolution, cues, lexicon, every=between) if usable else None
    if one is not None and one[0] not in {name for _, name, _ in found}:  # 23年信息化建设跟运维: the second side
        found.append((max(full.find(one[1]), 0), one[0], one[1]))
        text = _cut_phrase(text, one[1])
    found.sort()
    if not found:
        absent = resolution.absent if cues.unknown_unit is None else None
        if (
            absent is None
            and cues.indicator_name
            and (money := absent_money_name(full, cues.indicator_name, names, _CUT))
        ):
            return text, replace(cues, unknown_project=money, indicator_name=None, candidates=nearest(money, names))
        if (by_content := _by_content(full, absent, cues, lexicon)) is not None:
            for written, _ in by_content.matched if by_content.project else ():  # the described words are read
                text = text.replace(written, _CUT, 1)
            return text, by_content
        if absent is None and (asked := alike_unsettled(resolution, cues, lexicon)) is not None:  # 运维联系人是谁
            return text, asked
        return text, replace(cues, unknown_project=absent, candidates=resolution.candidates)
    if len(found) == 1 and (other := absent_partner(full, found[0][2], names, _CUT)):  # A和B, B absent: refused
        return text, replace(cues, project=found[0][1], unknown_project=other, candidates=nearest(other, names))
    first = found[0][1]
    versus = found[1][1] if len(found) > 1 else None
    matched = tuple((written, name) for _, name, written in found if written != name)
    held = len(lexicon.years_of(first))
    return text, replace(
        cues, project=first, versus=versus, matched=matched, ambiguous=resolution.ambiguous, project_years=held
    )


_POINTER = re.compile(r"那笔|这笔|那个|这个|那套|这套|那项|这项")
# A project pointed at by what it does: 机房改造那个项目, 考录系统这个项目, 机房那个系统.
_DESCRIBED = re.compile(
    r"([\u4e00-\u9fffA-Za-z]{2,14}?)(?:那个|这个|那笔|这笔|那套|这套|那|这)(?:项目|系统|平台|工程|经费|费用|钱)"
)


# 远教电教那个经费, 网上交党费那个系统: the words before 那个/这个 point at a project (chatter before them is kept)
_NAME_GENERIC = re.compile(
    r"项目|经费|建设|管理|工作|系统|平台|信息|上海|市|区|人大|党建|组织|服务|中心|改造|采购|购置|维修|升级|加装|开发|运维"
)  # what a project is or does in general: no one name's mark (档案馆改造 is no 基础设施改造)


_UNIT_POINTED = re.compile(r"((?:[\u4e00-\u9fffA-Za-z]|、){2,20}?)(?:那个|这个)[\u4e00-\u9fff]{1,6}?(?:经费|项目)")


def _unit_project_by_content(full: str, cues: Cues, lexicon: Lexicon) -> Cues | None:
    """做内刊的那个组织部经费: a unit named after 那个, and before it what the project does; the one project whose
    content holds those words clearly (``match_content``), else None."""
    if (pointed := _UNIT_POINTED.search(full)) is None:
        return None
    found = match_content(pointed.group(1), lexicon.contents)
    if found is None or found.winner is None:
        return None
    return replace(
        cues,
        project=found.winner.name,
        matched=((pointed.group(1), found.winner.name),),
        matched_how=found.how,
        project_years=len(lexicon.years_of(found.winner.name)),
    )


def _sole_name_word(phrase: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """The longest word (two characters or more, no generic name word inside) of ``phrase`` that exactly one project's
    name holds, with that name; None where none or several do."""
    names = sorted(set(lexicon.projects))
    for size in range(len(phrase), 1, -1):
        for start in range(len(phrase) - size + 1):
            word = phrase[start : start + size]
            if _NAME_GENERIC.search(word):
                continue
            holders = [n for n in names if word in n]
            if len(holders) == 1:
                return word, holders[0]
    return None


# 党员教育平台升级经费: a phrase followed (within a few words, none of them 项目/那/这) by 经费 is a formal title
_TITLE_END = r"(?:(?!项目|那|这)[^，。？?！!、\s]){0,4}?(?:经费|费)"


def _by_content(full: str, absent: str | None, cues: Cues, lexicon: Lexicon) -> Cues | None:
    """The project an absent name-like phrase (or a phrase before 那个项目) describes by its content: one clear
    winner is the project, with how it was matched; two or more close are offered (``ambiguous``); None else."""
    if cues.unknown_unit is not None:
        return None
    if cues.unit is not None:  # 印内刊、做事业单位审计的那个组织部经费: the unit's project the words describe
        by_unit = _unit_project_by_content(full, cues, lexicon)
        if by_unit is not None or absent is None:  # nothing refused yet: the readers after this one may describe it
            return by_unit
        then = unit_then_described(_DESCRIBED.search(full), cues, lexicon)  # 闵行算…那个平台: read as described
        # 闵行网上交党费 做PC端和手机端那个: described as without the unit, where the project found is the unit's
        return then or of_the_unit(_by_content(full, absent, replace(cues, unit=None), lexicon), cues.unit, lexicon)
    if (pair := pointed_pair(full, cues, lexicon)) is not None:
        return pair  # 印内刊那个跟党代表履职那个: both sides by what they do
    described = _DESCRIBED.search(full)
    phrase = absent or (described.group(1) if described else None)
    if absent and described and match_content(absent, lexicon.contents) is None:  # IPTV运维那个平台故障处理率
        found = match_content(described.group(1), lexicon.contents)
        phrase = described.group(1) if found is not None and found.winner is not None else phrase
    if not phrase or re.search(re.escape(phrase) + _TITLE_END, full):
        return None  # 党员教育平台升级经费: a formal title the corpus lacks, not a description
    if (found := match_content(phrase, lexicon.contents)) is None and (at := _POINTED.search(full)):
        # 远教电教那个经费, 主席团表决系统那个项目: pointed at, with words only one project's name holds
        if not _names(lexicon).lost_word(at.group(1)) and (sole := _sole_name_word(at.group(1), lexicon)) is not None:
            word, name = sole
            return replace(
                cues,
                project=name,
                unknown_project=None,
                candidates=(),
                matched=((at.group(1), name),),
                matched_how=f"按名称中的“{word}”",
                project_years=len(lexicon.years_of(name)),
            )
    if found is None and (described or absent and _POINTED.search(full)):  # 管食堂车辆的那个: 车辆 read by meaning
        found = by_meaning(phrase, lexicon.contents)
        if found is None and described and described.group(1) != phrase:  # 手机上缴党费那套系统
            found = by_meaning(described.group(1), lexicon.contents)
            phrase = described.group(1) if found is not None else phrase
    if found is None:
        if absent is None and NAME_NOUNS.search(phrase):  # 档案馆改造那个项目: a described project the corpus lacks
            return replace(cues, unknown_project=phrase, candidates=nearest(phrase, _names(lexicon)))
        return None
    if found.winner is None:
        how = "、".join(f"“{w}”" for w in found.words)
        return replace(cues, matched=((phrase, found.close[0]),), ambiguous=found.close, matched_how=f"按内容中的{how}")
    # 党员体检项目多少钱: a project named so is no form whose only mention is one indicator (援派干部培训那个项目 points at it)
    pointed = re.search(re.escape(phrase.removesuffix("项目")) + "(?:那个|这个|那|这)", full) is not None
    if not pointed and found.where == "指标" and cues.funding_field is not None:
        return replace(cues, unknown_project=phrase, candidates=(found.winner.name,))
    shared = sum(c.name == found.winner.name for c in lexicon.contents) > 1
    versus, other = second_side(full, phrase, found.winner, lexicon)
    return replace(
        cues,
        project=found.winner.name,
        declaration_id=found.winner.declaration_id if shared and not cues.years else None,
        versus=versus.name if versus else None,
        matched=((phrase, found.winner.name), *([(other, versus.name)] if versus else [])),
        matched_how=found.how + (f"；{how_matched(other, versus)}" if versus else ""),
        project_years=len(lexicon.years_of(found.winner.name)),
    )


def _cut_phrase(text: str, phrase: str) -> str:
    """Cut the written span a phrase came from (its characters in order, with at most the noise words between)."""
    pattern = ".{0,4}?".join(map(re.escape, phrase))
    return re.sub(pattern, _CUT, text, count=1)


_NAMES: dict[tuple[str, ...], Names] = {}


def _names(lexicon: Lexicon) -> Names:
    if lexicon.projects not in _NAMES:
        _NAMES[lexicon.projects] = Names(lexicon.projects)
    return _NAMES[lexicon.projects]


def project_names(lexicon: Lexicon) -> Names:
    """The corpus's project names with their character weights (built once per corpus)."""
    return _names(lexicon)


def take_unknown_places(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """A unit (…委, …局) or a district (浦东新区) the corpus does not hold."""
    # also beside a project (市教委的信息化建设项目) or inside its description (市教委网站那个运维)
    described = (written for written, name in cues.matched if name == cues.project)
    found = (unit.search(phrase) for unit in (UNKNOWN_UNIT, FUNCTION_UNIT) for phrase in (text, *described))
    if cues.unit is None and (unknown := next((m for m in found if m), None)):
        written = _LEADING.sub("", unknown.group())
        # 致远厅: a hall in a project's name, no unit; 管公务员局网站那些外网运维的: whom the project serves;
        # 跟税务局数据打通的 (a condition read before): what the forms write (市税务局), no filer asked of
        linked = bool(cues.mentions and written in cues.mentions)
        if (
            not linked
            and not any(written in name for name in lexicon.projects)
            and not served_unit(unknown, cues, lexicon)
        ):
            cues = replace(cues, unknown_unit=written)
    if cues.unit is None and cues.unknown_unit is None and (scope := level_scope(text)) is not None:
        held = ("", *units_at(scope, all_units(lexicon)))  # no unit meant: only the units of that level
        cues = replace(cues, unknown_unit=scope.written, unit_candidates=held, unit_level=scope.level)
    if (district := DISTRICT.search(text)) and not any(
        district.group(1) in held for held in (*lexicon.projects, *lexicon.units)
    ):
        cues = replace(cues, unknown_district=district.group())
    return text, cues


_WHEN = re.compile(
    r"(什么时候|啥时候|何时|几时|哪天|哪一天|几号|几月几号|几月几日|几月份?|哪年哪月|哪个月)"
    r"(开始|启动|开工|起始|结束|完成|截止|到期|结项|完工|收尾|弄完|搞完|做完|干完|办完|搞定|弄好|做好)"
)
_STARTS = ("开始", "启动", "开工", "起始")
_BY_PHONE = re.compile(r"手机(?:上|端|缴|交|支付|付|办|用|APP|app|客户端)")


def take_fields(text: str, cues: Cues) -> tuple[str, Cues]:
    """Header fields (项目负责人, 联系电话…) and 项目构成 / 制度保障 rows."""
    fields: list[HeaderField] = []
    # 几号开始几号结束, 哪天完成: the form's start or end date; with an indicator named (事业单位审计啥时候弄完), the
    # date is that indicator's target value, not the form's
    for when in _WHEN.finditer(text) if cues.indicator_name is None else ():
        field = HeaderField.START if when.group(2) in _STARTS else HeaderField.END
        fields += [field] if field not in fields else []
    text = _WHEN.sub(_CUT, text) if cues.indicator_name is None else text
    if implements := IMPLEMENTER_ASKED.search(text):
        fields, text = [HeaderField.IMPLEMENTER], _cut(text, implements.group())
    for term, named in HEADER_TERMS:
        if term in text and not (term == "手机" and _BY_PHONE.search(text)):  # 手机上缴党费: a means, no field
            fields += [f for f in named if f not in fields]
            text = _cut(text, term)
    rows = next((kind for term, kind in ROW_TERMS if term in text), None)
    if rows is not None:
        text = _cut(text, next(term for term, kind in ROW_TERMS if term in text))
    return text, replace(cues, header_fields=tuple(fields), rows=rows or cues.rows)


def take_category(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """A 项目类别 value (特定目标类; also written with characters of the same sound: 其它运转类) filters the projects;
    项目类别 is then no field asked for."""
    for category in lexicon.categories:
        written = category if category in text else _sounding(text, category) or _tail_of(text, category, lexicon)
        if written:
            fields = tuple(f for f in cues.header_fields if f is not HeaderField.CATEGORY)
            shown = cues.corrected if written == category else (*cues.corrected, (written, category))
            return _cut(text, written), replace(cues, category=category, header_fields=fields, corrected=shown)
    return text, cues


def _tail_of(text: str, category: str, lexicon: Lexicon) -> str | None:
    """运转类 for 其他运转类: the category's end (three characters or more, ending in 类) that no other category ends
    in, written in ``text``."""
    for start in range(1, len(category) - 2):
        tail = category[start:]
        if (
            tail.endswith("类")
            and tail in text
            and not any(c.endswith(tail) for c in lexicon.categories if c != category)
        ):
            return tail
    return None


def _sounding(text: str, word: str) -> str | None:
    """The span of ``text`` that sounds as ``word`` does, every character but one written as in it (其它运转类)."""
    heard = sounds(word)
    for start in range(len(text) - len(word) + 1):
        span = text[start : start + len(word)]
        if sum(a != b for a, b in zip(span, word, strict=True)) == 1 and sounds(span) == heard:
            return span
    return None


_MONEY = re.compile(r"钱|费用|金额|元|预算|花|多少")  # not 费 alone: 党费缴纳移动端 asks about functions


def take_named_line(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """软件测评费是多少钱: a 项目构成 line named with a money word is that line's amount, not an indicator."""
    if not _MONEY.search(text):
        return text, cues
    spans = {span for name in lexicon.budget_lines if _line_span(span := _common(text, name)) and _CUT not in span}
    spans = {span for span in spans if not any(span in project for project in lexicon.projects)}
    spans = {span for span in spans if not _rate_after(text, span)}  # …开发完成率
    if not spans:
        return _take_line_by_parts(text, cues, lexicon)
    span = max(sorted(spans), key=len)
    return _cut(text, span), replace(cues, rows=RowKind.BUDGET_LINES, row_name=span)


def _line_span(span: str) -> bool:
    """Five characters of a line's name, or four ending in its cost word (测评费用 of 安全测评费用)."""
    return len(span) >= 5 or len(span) == 4 and span.endswith(("费", "费用"))


_RATE_AFTER = re.compile(r"[^｜？?，,。 ]{0,2}率")


def _rate_after(text: str, span: str) -> bool:
    """移动端开发完成率: a rate written right after the words, which then name an indicator's measure, not a line."""
    return _RATE_AFTER.match(text, text.find(span) + len(span)) is not None


def _take_line_by_parts(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """移动端开发 for 党费缴纳移动端功能开发: a line named by its parts in order, a word left out between them; taken
    where exactly one line's name fits (the row is then named in full)."""
    fits = {name: span for name in lexicon.budget_lines if (span := in_order(text, name))}
    fits = {  # 老干部系统, 组织力平台: the words fit a project's name as well (a line may repeat it): the project
        name: span
        for name, span in fits.items()
        if not any(in_order(span, p, least=len(span)) for p in lexicon.projects)
    }
    if len(fits) != 1:
        return text, cues
    (name, span), *_ = fits.items()
    if _rate_after(text, span):
        return text, cues
    return _cut(text, span), replace(cues, rows=RowKind.BUDGET_LINES, row_name=name)


def in_order(text: str, name: str, least: int = 5, chunk: int = 3) -> str | None:
    """The longest run of ``text`` (``least`` characters or more, no cut) whose characters stand in ``name`` in order
    and which shares ``chunk`` characters in a row with it (移动端开发 in 党费缴纳移动端功能开发), or None."""
    best = None
    for start in range(len(text)):
        at, end = 0, start
        while end < len(text) and text[end] != _CUT and (found := name.find(text[end], at)) >= 0:
            at, end = found + 1, end + 1
        run = text[start:end]
        if len(run) >= max(least, len(best or "") + 1) and len(_common(run, name)) >= chunk:
            best = run
    return best


def take_row_name(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """A 项目构成 line named by its own words (第三方接口开发, 安全测评费用)."""
    if cues.rows is not RowKind.BUDGET_LINES or cues.row_name:
        return text, cues
    spans = {span for name in lexicon.budget_lines if len(span := _common(text, name)) >= 4 and _CUT not in span}
    if not spans:
        return text, cues
    span = max(sorted(spans), key=len)
    return _cut(text, span), replace(cues, row_name=span)


def masked(full: str, cues: Cues, lexicon: Lexicon) -> str:
    """The question with the names it holds blanked out, so that their words (数量, 项目) are not read as intent."""
    named = (cues.project, cues.versus, cues.indicator_name, cues.row_name, cues.mentions, cues.unknown_kind)
    # 新增几个业务流程: no count asked; 验收达表率 read as part of an indicator's name: its 表 is no 申报表
    read_as = (w for w, name in cues.corrected if cues.indicator_name and name in cues.indicator_name)
    for name in (*(w for w, _ in cues.matched), *read_as, *named):
        if name:
            full = full.replace(name, "◇")
    return full


_POINTED_MONEY = re.compile(f"([^{re.escape(_CUT + MONEY)}？?。，,！!、：:；;（）()\\s]+?)(?:那笔|这笔){_CUT}")
_MONEY_RUN = re.compile(f"([^{re.escape(_CUT + MONEY)}？?。，,！!、：:；;（）()\\s]+){MONEY}")
# Words before a word for money that say nothing of what the money is for (申请的, 一共花的, 这几个项目的).
_CHATTER = (
    r"到底|究竟|按年份看?|按年度看?|分年度|年份|看看|看|大致|整体|总体|"  # spoken: 到底多少钱, 按年份看哪一年花钱最多
    r"申请|申报|报了|报的|花费|花了|花的|花|用了|用的|用于|拨付|拨款|安排|下达|批复|需要|预计|计划|实际|大概|大约|具体|对应|"
    r"一共|总共|合计|总计|共计|加起来|加一起|加一块|总的|多少|[一二两三四五六七八九十几\d]+[个项份]|各个|各|所有|全部|这些|那些|"
    r"这个|那个|这几个|那几个|这块|那块|[这那]一?[行栏]|这一块|哪一?块|一块|哪一?部分|哪一?项|方面|相关|有关|关于|为了|年度|当年|本年|项目|申报表|哪一个|哪几个|哪个|哪些|哪|谁|"
    r"什么|啥|其中|里面|每个|平均|均|每一?年|历年|逐年|各年|[两三四五近]年|年|的|了|是|有|在|上|里|中|总|共|要|用"
)
_CHATTER_EDGES = re.compile(f"^(?:{_CHATTER})+|(?:{_CHATTER})+$")
_CHATTER_ANY = re.compile(_CHATTER)


def take_money_subject(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """换届选举经费, 干部体检的钱: the words just before a word for money in general say what the money is for. Where
    they name no project of the corpus (rows, indicators, units, years and fields are read before), the question
    asks about money no declaration holds: it is refused, never answered with a unit's or a year's total."""
    if cues.unknown_project or cues.unknown_subject or cues.matched_how:  # 考录系统那个项目: matched by content
        return text, cues
    names = _names(lexicon)
    # 修办公楼那笔23年的 多少钱: the year cut between 那笔 and the money, the words before 那笔 say what it is for
    pointed = [m[1] for m in _POINTED_MONEY.finditer(text)] if MONEY in text else []
    for run in (*_MONEY_RUN.findall(text), *pointed):
        subject = trim_fillers(_CHATTER_EDGES.sub("", intent_words(run)))
        core = without_fillers(_CHATTER_ANY.sub("", subject))  # 那笔, 多出: no subject
        if len(core) < 2 or not informative(core) or _is_known(subject, cues, names):
            continue
        return text.replace(run, _CUT, 1), replace(cues, unknown_subject=subject)
    return text, cues


def _is_known(subject: str, cues: Cues, names: Names) -> bool:
    """The words name a project of the corpus (or the one already read: 信访平台的经费)."""
    found, tied = match_name(names.trim(subject), names)
    if found is not None or tied:
        return True
    named = [name for name in (cues.project, cues.versus) if name]
    return any(names.score(subject, name)[0] >= 0.5 for name in named)


def without_chatter(text: str) -> str:
    """``text`` without the words that say nothing of a subject (申请的, 一共, 平均每个, 这些…)."""
    return _CHATTER_ANY.sub("", text)
