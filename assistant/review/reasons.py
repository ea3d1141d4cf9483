"""Why a project is needed, told from what it does: the sentence kinds of a 必要性 or a brief's 主要内容.

A reason is the state of things now and what is wrong with it (现状、问题: 现有设备老化, 投诉较多), and how it is
getting worse (老龄化加剧, 矛盾凸显), what a law or a superior requires (上级要求: 根据网络安全法的要求…), or what the
people served need, said of them (服务对象的需要: 居民反映缺少场所) or of the demand itself (辅助器具需求上升, 就诊量
持续增长). A sentence that starts with what the project does (开展…, 对…进行…, 通过政府采购购置…) is the work,
whatever words it has (故障响应, 高风险问题整改率), unless it says what superiors require. A policy named as
what the project carries out (为落实《…》等要求) is no reason of its own: it is taken off before judging.
"""

from __future__ import annotations

import re

ACTIVITY = re.compile(
    r"^(?:依法|按期|按时|全年|每年|年内|计划|拟|本项目)?(?:组织|开展|举办|对|通过|委托|购置|采购|印制|印发|制作|建立|"
    r"完成|召开|实施|围绕|提供|编制|编印|汇编|发放|设立|配备|聘请|做好|保障|推进|落实|承办|组建|培训|维护|运维|"
    r"更换|改造|修缮|新建|建设|升级|部署|出版|拍摄|征集|走访|慰问|资助|补贴|支付|用于)"
)
MANDATE = re.compile(
    r"(?:根据|按照|依据|依照|遵照|落实)[^。；]{0,40}(?:要求|规定|部署|精神|安排|计划)|上级|(?:中央|国务院|市委|市政府|区委|区政府)[^。；]{0,20}(?:要求|部署|确定的|重点任务)"
)
# 市民政局要求…全覆盖, 河长制考核要求…: an office or an assessment that requires it (not in a work sentence:
# 开展年度考核，考核要求合格率… is the work's own standard)
OFFICE_MANDATE = re.compile(r"(?:局|委|办|厅|部|政府|考核|督查|巡视|巡察|审计)的?(?:明确)?要求")
_PEOPLE = (
    r"(?:居民|群众|市民|村民|选民|老人|老年人|学生|家长|企业|代表|来访人|服务对象|使用者|办事人|职工|游客|读者|"
    r"残疾人|患者|病人|儿童|青少年|妇女|婴幼儿|孕产妇|家庭|农户|退役军人|困难群体|人群|学员|用户|商户|经营者|市场主体)"
)
# What the people served ask for, growing or pressing: 需求上升, 就诊量持续增长, 需求迫切 (not a target: a project does
# not set out to raise a demand, a burden or a risk).
_DEMAND = (
    r"(?:需求|需要|压力|负担|缺口|矛盾|工作量|业务量|案件量|投诉量|就诊量|来访量|咨询量)[^。；，,]{0,6}?"
    r"(?:上升|增加|增长|增多|攀升|激增|扩大|旺盛|迫切|强烈|日益|不断|持续)"
)
NEED = re.compile(
    _PEOPLE + r"[^。；]{0,30}(?:反映|需求|需要|期盼|呼声|投诉|不足|缺少|缺乏|意见|困难|不便|不满)|" + _DEMAND
)
SITUATION = re.compile(
    r"现状|目前|当前|现有|尚未|尚无|缺乏|缺少|不足|老化|破损|损坏|故障|隐患|风险|难以|无法|滞后|偏低|偏高|不匹配|单一|"
    r"频发|突出|年久失修|逐年|日益|日趋|随着|已超过|超过\d+年|亟需|亟待|急需|短板|薄弱|压力|瓶颈|不到位|不健全|不完善|空白|多由|引起|导致|"
    r"加剧|加深|恶化|凸显|趋紧|老龄化|高龄化|少子化|"  # how things are getting worse: 老龄化加剧, 矛盾凸显
    r"仍有|仍存在|依然存在|仍较|仍未|不高(?!于)|不够|不佳|不理想|未达标|不达标|不达|"  # what is still wrong: 仍有部分小区纯净度不高
    r"(?:较|比)(?:上年|上一年|去年|往年)|同比|环比|"  # 2025年受理案件较上年增长18%: how things went, not a target
    r"近年来?[^。；]{0,12}?(?:增多|增加|频繁|多发|频发|上升|加剧)"  # 近年汛期极端天气增多: how things are getting worse
)
# A need stated as what must be done (需要通过…, 需要更新): a reason when it says what for.
NEEDS_ACTION = re.compile(r"(?:需要|需|有待)通过|需要(?:更新|及时|有针对性|加强|保持|集中|就近|补充|扩大|提升|改善)")
# 为落实《甲》、《乙》等要求， / 根据《甲》的规定，: the policies a text carries out, not a reason of its own
POLICY_CLAUSE = re.compile(
    r"(?:为了?|为进一步)?(?:落实|贯彻|贯彻落实|根据|按照|依据|依照)《[^》]+》(?:[、和及与]《[^》]+》)*等?的?"
    r"(?:有关|相关)?(?:要求|规定|精神|部署)?[，,]?"
)
CLOSING = re.compile(r"[，,]?(?:为解决上述问题，)?(?:因此|故)?[，,]?有必要(?:设立|实施|开展)本项目")


# An item's number or label before its sentence: 1、 (一) 一是 ① 背景： 主要内容： 上级要求：
_LEAD = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|[一二三四五六七八九十]是|[①-⑩]|"
    r"(?:项目|主要|工作|实施|上级)?(?:背景|现状|问题|理由|原因|依据|内容|目的|说明|要求|需求)[:：])\s*"
)


def without_lead(sentence: str) -> str:
    """``sentence`` without an item's number or label in front (现状：…, 原因：…, 1、…)."""
    return _LEAD.sub("", sentence)


def reason_kind(sentence: str) -> str | None:
    """``situation`` (现状、问题), ``mandate`` (上级要求), ``need`` (服务对象的需要) or None (the work, or nothing).
    An item's number or label in front (1、 一是 背景：) is read past."""
    sentence = without_lead(sentence)
    work = ACTIVITY.match(sentence) is not None
    mandate = MANDATE.search(sentence) is not None or (not work and OFFICE_MANDATE.search(sentence) is not None)
    if work and not mandate:
        return None
    if mandate:
        return "mandate"
    if NEED.search(sentence):
        return "need"
    if SITUATION.search(sentence) or NEEDS_ACTION.search(sentence):
        return "situation"
    return None


def without_policy_clauses(text: str) -> str:
    """``text`` without the policies it says it carries out and without ``有必要设立本项目``."""
    return CLOSING.sub("", POLICY_CLAUSE.sub("", text)).strip("，, ")
