"""A brief's reason may be a need or a trend, not only a problem (new-user trial 2026-12-06, finding 7): 辖区持证残疾人
约1.2万人，老龄化加剧使辅助器具需求上升 states the situation and the need, and the rules' 必要性 argues from it instead of
saying the brief gave no reason; the wider reading never takes the work or a target for a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.domain.brief import load_brief
from assistant.drafting.necessity import MISSING, rules_necessity
from assistant.review.reasons import reason_kind

TRIAL = "辖区持证残疾人约1.2万人，老龄化加剧使辅助器具需求上升"


@pytest.mark.parametrize(
    "sentence",
    [
        TRIAL,
        "辅助器具适配需求逐年上升",  # the demand itself, rising
        "高龄独居老人上门助浴需求迫切",
        "社区卫生服务中心门诊就诊量持续增长",
        "法律援助咨询量不断增加",
        "城区人口密度加大，停车矛盾凸显",  # worsening
        "河道水质恶化，周边居民投诉增多",
        "本区人口老龄化程度加深",
        "残疾人家庭反映适配网点少、往返不便",  # people named beyond the old list (残疾人, 家庭)
        "患者对夜间急诊服务需求较大",
    ],
)
def test_needs_and_trends_are_reasons(sentence):
    assert reason_kind(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "全年适配1500人次，每人次平均补贴800元",  # the work
        "开展辅助器具需求评估300户",  # the work, whatever words it has
        "全年服务人数增加到2000人",  # a target, not a demand
        "满意度提升至95%",
        "加大执法检查力度，全年检查200次",
        "力争全年受理案件增加10%",
    ],
)
def test_the_work_and_targets_are_not_reasons(sentence):
    assert reason_kind(sentence) is None


def test_the_rules_necessity_argues_from_the_trial_briefs_need(tmp_path):
    fields = {
        "项目名称": "残疾人辅助器具适配补贴",
        "年度": 2027,
        "主管部门": "上海市长宁区残疾人联合会",
        "实施单位": "上海市长宁区残疾人辅助器具服务中心",
        "资金": {"总额": 1260000, "年度申请": 1260000},
        "主要内容": "为辖区持证残疾人提供辅助器具适配补贴，全年适配1500人次，每人次平均补贴800元，共120万元；\n"
        "2027年6月30日前完成上半年补贴发放，补贴发放准确率100%，服务对象满意度不低于95%。\n"
        f"{TRIAL}。",
    }
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
    text = rules_necessity(load_brief(Path(path)), ["《上海市残疾人辅助器具适配补贴办法》"])
    assert MISSING not in text
    assert "需求上升" in text and "全年适配1500人次" not in text
