"""The aspects a declaration's text sections are written from, and the words that mark each one.

A sentence belongs to an aspect when it contains one of the aspect's words; a declaration covers an
aspect when one of its sentences does. The aspects follow how the primer describes each section
(§2: 必要性 states the policy basis, the present situation and its problems, the work the unit must
do, and what the project will achieve; the goals state outputs, standards, time and effects).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.domain.model import SectionKind
from assistant.domain.text import sentences as split_sentences


@dataclass(frozen=True)
class Aspect:
    name: str
    words: tuple[str, ...]

    def hits(self, sentence: str) -> int:
        return sum(word in sentence for word in self.words)


_WHY = (
    Aspect(
        "政策依据与上级要求", ("指导意见", "文件", "部署", "《", "讲话", "指示", "精神", "规定", "依据", "中央", "要求")
    ),
    Aspect(
        "现状与存在的问题",
        ("现有", "目前", "当前", "已不能", "无法满足", "不能满足", "故障", "局限", "不够", "寿命", "参差不齐", "不足"),
    ),
    Aspect("履职与业务工作需要", ("职责", "任务", "履职", "工作需要", "业务需求", "实际工作", "的需要", "必然要求")),
    Aspect("信息化手段与技术", ("信息化", "信息技术", "互联网", "智能", "移动", "大数据", "网络", "数据")),
    Aspect("预期作用与意义", ("意义", "有利于", "效率", "效能", "提高", "提升", "促进", "更好")),
    Aspect("服务对象与社会关注", ("群众", "代表", "用户", "社会", "服务对象", "党员", "老干部")),
)
_GOALS = (
    Aspect("工作内容与产出", ("完成", "开展", "建设", "开发", "采购", "培训", "举办", "运维")),
    Aspect("质量标准", ("质量", "合格", "达标", "验收", "标准", "规范")),
    Aspect("时间进度", ("年底", "月底", "按期", "及时", "进度", "年内")),
    Aspect("效益与作用", ("提高", "提升", "促进", "保障", "效率", "支撑", "稳定")),
    Aspect("服务对象满意度", ("满意",)),
    Aspect("长效机制", ("机制", "长效", "持续")),
)
_MEANS = (
    Aspect("制度建设", ("制度", "办法", "规定", "规范")),
    Aspect("组织与人员", ("领导小组", "专人", "人员", "组织", "负责")),
    Aspect("资金管理", ("资金", "财务", "预算", "经费", "专款")),
    Aspect("采购与合同", ("采购", "招标", "合同", "招投标")),
    Aspect("进度、监督与验收", ("进度", "验收", "监督", "检查", "考核")),
    Aspect("建设内容与构成", ("功能", "模块", "开发", "硬件", "软件", "系统")),
)
_BY_KIND = {
    SectionKind.OVERVIEW: _WHY,
    SectionKind.BASIS: _WHY,
    SectionKind.NECESSITY: _WHY,
    SectionKind.APPROVAL: _WHY,
    SectionKind.GOAL_TOTAL: _GOALS,
    SectionKind.GOAL_ANNUAL: _GOALS,
}


def aspects_for(kind: SectionKind) -> tuple[Aspect, ...]:
    return _BY_KIND.get(kind, _MEANS)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in split_sentences(text, ends="。；;！？", breaks="\n★") if len(s.strip()) >= 4]
