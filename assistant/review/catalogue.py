"""The rule catalogue: what each rule checks, how severe, which criterion and guidance it serves."""

from __future__ import annotations

from assistant.review.models import Criterion, Rule, Severity

E, W, H = Severity.ERROR, Severity.WARNING, Severity.HINT
C_COMPLETE, C_RELEVANT = Criterion.COMPLETENESS, Criterion.RELEVANCE
C_APPROPRIATE, C_FEASIBLE = Criterion.APPROPRIATENESS, Criterion.FEASIBILITY

# What a user reads in the rules' 依据 column: the guidance in plain words. The four review criteria are
# commonly attributed to 财预〔2015〕88号, but their exact wording has not been checked against the
# document, so the text says so instead of quoting it.
_PRIMER2 = "申报表表样的栏目（上海市财政项目支出绩效目标申报表）"
_PRIMER3 = (
    "指标框架：财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》；"
    "上海市市级部门项目支出核心绩效目标和指标设置及取值指引（试行，2025年）"
)
_PRIMER3_LEGACY = "2019、2020 年申报表表样的旧指标框架"
_PRIMER4 = "指标值填写要求：能量化的尽量量化，无法量化的定性指标须分级表述（公开的填报说明）"
_PRIMER_COST = "上海市市级部门项目支出核心绩效目标和指标设置及取值指引（试行，2025年）：原则上设成本指标，分总成本、单位成本、分项成本"
_PRIMER5 = (
    "绩效目标审核中常见的退回情形（公开案例归纳）；完整性、相关性、适当性、可行性四项审核要点"
    "一般引自财预〔2015〕88号，本工具未与原文逐字核对"
)

RULES: tuple[Rule, ...] = (
    Rule(id="HDR-REQUIRED", severity=E, criterion=C_COMPLETE, source=_PRIMER2, title="表头必填项缺失",
         fix="按表样补齐该栏目。"),
    Rule(id="HDR-CHECKBOX", severity=W, criterion=C_COMPLETE, source=_PRIMER2, title="勾选项未勾选或无法核对",
         fix="在表样中勾选一项；若为导出丢失勾选，请核对原件。"),
    Rule(id="SEC-REQUIRED", severity=E, criterion=C_COMPLETE, source=_PRIMER2, title="必填文字部分为空",
         fix="补写该部分内容，说明项目做什么、为什么做、要达到什么目标。"),
    Rule(id="SEC-TOTAL-GOAL-BLANK", severity=W, criterion=C_COMPLETE, source=_PRIMER2, title="项目总目标为空",
         fix="填写项目总目标；一年期项目可与年度总体目标一致，但不应留空。"),
    Rule(id="FUND-BLANK", severity=W, criterion=C_COMPLETE, source=_PRIMER2, title="资金栏目空白",
         fix="填写金额（没有的填 0），空白不等于零。"),
    Rule(id="FUND-ANNUAL-BLANK", severity=E, criterion=C_COMPLETE, source=_PRIMER2, title="当年（年度）申请金额空白",
         fix="填写当年预算 / 年度资金申请总额。"),
    Rule(id="FUND-SUM", severity=E, criterion=C_FEASIBLE, source=_PRIMER5, title="资金构成不平衡",
         fix="核对各项资金，使分项之和等于合计。"),
    Rule(id="FUND-ANNUAL-GT-TOTAL", severity=E, criterion=C_FEASIBLE, source=_PRIMER5, title="年度金额超过项目总额",
         fix="年度申请金额不应大于项目资金总额，请核对。"),
    Rule(id="BUDGET-LINES-SUM", severity=E, criterion=C_FEASIBLE, source=_PRIMER5, title="预算明细合计与申报金额不一致",
         fix="调整预算明细或申报金额，使明细合计等于申报金额。"),
    Rule(id="DATE-OUTSIDE-YEAR", severity=E, criterion=C_FEASIBLE, source=_PRIMER5, title="日期不在预算年度内",
         fix="将起止日期限定在预算年度内；跨年项目请在项目总目标中说明。"),
    Rule(id="DATE-ORDER", severity=E, criterion=C_FEASIBLE, source=_PRIMER5, title="结束日期早于开始日期",
         fix="核对起止日期。"),
    Rule(id="DATE-PLAN", severity=W, criterion=C_FEASIBLE, source=_PRIMER5, title="实施计划或时限与起止日期不一致",
         fix="使实施计划中的日期、时效指标的时限都落在项目起止日期之内。"),
    Rule(id="FW-MISSING-L2", severity=E, criterion=C_COMPLETE, source=_PRIMER3, title="缺少必备的指标类别",
         fix="补充该类别的指标：产出须有数量、质量、时效指标，并有效益指标和满意度指标。"),
    Rule(id="FW-COST", severity=W, criterion=C_COMPLETE, source=_PRIMER3, title="缺少成本指标",
         fix="增设成本指标（经济成本：总成本、单位成本或分项成本控制），如“单位运维成本≤××元/年”。"),
    Rule(id="FW-PAIR", severity=E, criterion=C_COMPLETE, source=_PRIMER3, title="一级与二级指标搭配不符合框架",
         fix="按框架选择一级/二级指标。"),
    Rule(id="FW-L2-BLANK", severity=W, criterion=C_COMPLETE, source=_PRIMER3, title="未填写二级指标",
         fix="为该指标选择二级类别。"),
    Rule(id="FW-MISPLACED", severity=W, criterion=C_RELEVANT, source=_PRIMER5, title="指标归类与含义不符",
         fix="把指标移到与其含义相符的类别下。"),
    Rule(id="FW-LEGACY-INPUT", severity=H, criterion=C_RELEVANT, source=_PRIMER3_LEGACY, title="旧框架投入管理类指标",
         fix="沿用到现行框架时删除此类指标（投入与过程管理不是绩效目标），改设产出、效益指标。"),
    Rule(id="VAL-MISSING", severity=E, criterion=C_FEASIBLE, source=_PRIMER4, title="指标缺少目标值",
         fix="填写可衡量的目标值，如“≥90(%)”“=365(天)”。"),
    Rule(id="VAL-NO-UNIT", severity=E, criterion=C_FEASIBLE, source=_PRIMER4, title="数值缺少计量单位",
         fix="为数值加上单位，如“≥1000(件)”。"),
    Rule(id="VAL-NO-OPERATOR", severity=H, criterion=C_FEASIBLE, source=_PRIMER4, title="数值缺少比较符号",
         fix="写明方向：正向指标用“≥”，反向指标用“≤”，确定值用“=”。"),
    Rule(id="VAL-RATE-QUALITATIVE", severity=W, criterion=C_FEASIBLE, source=_PRIMER4, title="比率类指标使用定性值",
         fix="比率类指标应给出百分比，如“=100(%)”或“≥95(%)”。"),
    Rule(id="VAL-VAGUE", severity=W, criterion=C_FEASIBLE, source=_PRIMER4, title="目标值表述模糊",
         fix="给出可衡量的水平，如“较上年增长≥10(%)”或分级的定性标准。"),
    Rule(id="VAL-DECIMAL-COUNT", severity=W, criterion=C_APPROPRIATE, source=_PRIMER4, title="整数计量写成小数",
         fix="人数、次数、个数等应写整数，如“≥4(次)”。"),
    Rule(id="VAL-DIRECTION", severity=W, criterion=C_APPROPRIATE, source=_PRIMER4, title="比较方向与指标性质相反",
         fix="正向指标（越高越好）用“≥”，反向指标（故障、投诉、事故等越少越好）用“≤”。"),
    Rule(id="NAME-NO-MEASURE", severity=W, criterion=C_FEASIBLE, source=_PRIMER4, title="指标名称未体现衡量维度",
         fix="在名称中写明衡量什么，如“…完成率”“…数量”“…及时率”“…合格率”。"),
    Rule(id="SAT-NOT-PERCENT", severity=E, criterion=C_FEASIBLE, source=_PRIMER4, title="满意度不是百分比",
         fix="满意度应以百分比表示，如“≥90(%)”。"),
    Rule(id="SAT-FLOOR", severity=W, criterion=C_APPROPRIATE, source=_PRIMER5, title="满意度目标偏低或不现实",
         fix="满意度目标一般在 80%–95% 之间，用“≥”表示。"),
    Rule(id="ALL-100", severity=W, criterion=C_APPROPRIATE, source=_PRIMER5, title="全部数值指标均为100%",
         fix="区分指标难度，给出有依据的目标值（历史标准、计划标准、行业标准），不要一律填写100%。"),
    Rule(id="INPUT-AS-RESULT", severity=W, criterion=C_RELEVANT, source=_PRIMER4, title="把投入或过程当作绩效结果",
         fix="删除资金、人员等投入类指标和预算执行、结余、调整等过程类指标，改为反映产出或效益的指标。"),
    Rule(id="COST-NO-LEVEL", severity=W, criterion=C_COMPLETE, source=_PRIMER_COST, title="成本指标未写明成本水平",
         fix="改为写明金额的成本指标（总成本、单位成本或分项成本），如“人均培训成本≤2700(元/人)”。"),
    Rule(id="VAL-IMPOSSIBLE", severity=E, criterion=C_FEASIBLE, source=_PRIMER4, title="比率目标值超过100%",
         fix="核对原表：合格率、达标率、覆盖率、满意度等比率的目标值不能超过 100%。"),
    Rule(id="NAME-PLACEHOLDER", severity=W, criterion=C_COMPLETE, source=_PRIMER4, title="指标名称留有未填写的模板内容",
         fix="删去名称中未填写的模板内容（如“(≥**场)”“**%”、开头的“*”）；名称只写衡量什么，目标值写在指标值栏。"),
    Rule(id="NAME-VALUE-CONFLICT", severity=W, criterion=C_FEASIBLE, source=_PRIMER4, title="指标名称自带的目标与指标值不一致",
         fix="目标值只写在指标值栏：删去名称中的目标，并核对应取哪个值。"),
    Rule(id="DUPLICATE", severity=W, criterion=C_APPROPRIATE, source=_PRIMER5, title="同一衡量内容重复设置",
         fix="合并重复的指标，保留表述最清楚的一条。"),
    Rule(id="REL-UNRELATED", severity=W, criterion=C_RELEVANT, source=_PRIMER5, title="指标与项目内容无关联",
         fix="删除与项目无关的指标，或在项目概况、目标中说明其关联。"),
    Rule(id="REL-TYPE", severity=W, criterion=C_RELEVANT, source=_PRIMER5 + "；相关性：指标应与项目类型和内容相符",
         title="指标不属于本类项目",
         fix="删除该指标，改设本类项目的常见指标（可用 assistant suggest 按项目类型生成）；确与本项目有关的，请在项目概况中写明其对象。"),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}
