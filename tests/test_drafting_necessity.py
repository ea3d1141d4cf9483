"""必要性 from the brief's own reasons (issue 22): the why of a brief is told from its what, and a brief with no
why gets a request for it, never its 主要内容 pasted as the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain.brief import Brief, load_brief
from assistant.drafting.necessity import MISSING, brief_reasons, brief_sentences, rules_necessity, rules_overview
from assistant.evals.subject import copied_share

BRIEFS = Path(__file__).resolve().parent.parent / "evals" / "drafting" / "briefs"


def _brief(content: str) -> Brief:
    return Brief.model_validate({"项目名称": "某项目", "年度": 2027, "主要内容": content})


def test_an_election_brief_that_only_says_what_is_done_gets_a_request_not_its_content():
    brief = load_brief(BRIEFS / "election.yaml")  # 依法组织…；开展…培训…，选举结果依法确认并公告
    assert not brief_reasons(brief)
    text = rules_necessity(brief, ["《中华人民共和国全国人民代表大会和地方各级人民代表大会选举法》"])
    assert MISSING in text and "选举法" in text
    assert copied_share(text, brief.content) < 0.2


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("对全区设备开展日常运维。现有设备使用已超过6年，故障频发，需要更新。", "situation"),
        ("开展测评，出具报告18份。根据网络安全法的要求，三级系统每年至少测评一次。", "mandates"),
        ("举办讲座240场。居民反映身边缺少学法用法的渠道。", "needs"),
    ],
)
def test_each_kind_of_reason_is_found_and_the_work_is_left_out(content: str, kind: str):
    reasons = brief_reasons(_brief(content))
    found = getattr(reasons, kind)
    assert len(found) == 1 and found[0] == content.split("。")[1]
    text = rules_necessity(_brief(content), [])
    assert content.split("。")[0] not in text and text.endswith("有必要设立本项目。")


def test_an_activity_sentence_with_a_problem_word_in_it_is_still_the_work():
    # 故障响应 and 高风险问题整改率 describe the service bought, not why it is needed
    content = "对平台开展日常运维，提供7×24小时故障响应，发现的高风险问题整改率100%。"
    assert not brief_reasons(_brief(content))


def test_policies_and_reasons_are_both_said():
    text = rules_necessity(_brief("目前河道漂浮物多，沿河居民投诉较多。"), ["《甲条例》", "《乙办法》"])
    assert text.startswith("目前河道漂浮物多，沿河居民投诉较多。")
    assert "为落实《甲条例》、《乙办法》等规定" in text


def test_a_sentence_wrapped_over_lines_is_one_sentence_and_short_lines_are_items():
    wrapped = "对全区86处不可移动文物开展日常巡查，对其中20处开展屋面检漏、白蚁防治等\n日常保养维护，建立巡查台账。"
    assert brief_sentences(wrapped) == [
        "对全区86处不可移动文物开展日常巡查，对其中20处开展屋面检漏、白蚁防治等日常保养维护，建立巡查台账"
    ]
    assert brief_sentences("日常巡查\n保养维护") == ["日常巡查", "保养维护"]


def test_numbered_items_are_read_past_their_numbers():
    content = (
        "1、对全区120台终端开展日常运维。\n2、现有终端使用已超过5年，故障频发。\n（三）根据上级要求，每季度巡检1次。"
    )
    reasons = brief_reasons(_brief(content))
    assert reasons.situation == ["2、现有终端使用已超过5年，故障频发"]
    assert reasons.mandates == ["（三）根据上级要求，每季度巡检1次"]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("本项目是区委区政府确定的年度重点任务", "mandates"),
        ("随着辖区老年人口增加，助餐需求日益增长", "needs"),
        ("随着办件量逐年增加，现有窗口日益拥挤", "situation"),
        ("为满足居民就近办事的需求，设立便民服务点", "needs"),
    ],
)
def test_other_ways_of_saying_why(sentence: str, kind: str):
    assert getattr(brief_reasons(_brief(sentence + "。")), kind) == [sentence]


def test_rules_necessity_reads_past_the_brief_s_labels_and_keeps_an_office_s_requirement():
    """New user: 必要性 began 现状：…, and 市民政局要求…全覆盖 (the brief's 上级要求) was left out."""
    from assistant.domain.brief import Brief
    from assistant.drafting.necessity import rules_necessity

    brief = Brief.model_validate(
        {
            "项目名称": "社区老年人助餐服务补贴经费",
            "年度": 2027,
            "主要内容": "依托42个助餐点提供助餐服务，全年供餐45万人次。\n"
            "现状：辖区老龄化率达37.8%，部分老人反映就餐难。\n市民政局要求2027年底前实现助餐服务街镇全覆盖。",
        }
    )
    text = rules_necessity(brief, [])
    assert not text.startswith("现状") and "现状：" not in text
    assert "市民政局要求2027年底前实现助餐服务街镇全覆盖" in text and "45万人次" not in text


@pytest.mark.parametrize(
    ("content", "work", "reason"),
    [
        (
            "依托辖区42个助餐点提供助餐服务，全年供餐45万人次。\n现状：辖区老龄化率达37.8%，现有助餐点覆盖不足；"
            "市民政局要求2027年底前实现全覆盖。",
            "依托辖区42个助餐点提供助餐服务，全年供餐45万人次",
            "老龄化率",
        ),
        (
            "主要内容：对区管河道28条开展日常保洁养护。\n原因：近年来居民投诉水面漂浮物问题较多；"
            "河长制考核要求区管河道保洁全覆盖。",
            "对区管河道28条开展日常保洁养护",
            "投诉",
        ),
        (
            "1、开展普法讲座40场。2、居民反映身边缺少学法用法的渠道。",
            "开展普法讲座40场",
            "居民反映",
        ),
    ],
)
def test_the_rules_overview_is_an_overview_not_the_brief_with_its_labels(content: str, work: str, reason: str):
    brief = Brief.model_validate(
        {
            "项目名称": "某项目",
            "年度": 2027,
            "实施单位": "某中心",
            "主管部门": "某局",
            "资金": {"总额": 3260000, "年度申请": 3260000},
            "主要内容": content,
        }
    )
    text = rules_overview(brief)
    assert (
        text.startswith("某项目由某中心实施，主管部门为某局。") and work in text and text.endswith("项目资金326万元。")
    )
    assert reason not in text and "现状：" not in text and "原因：" not in text and "主要内容：" not in text
    assert reason in rules_necessity(brief, [])  # the reasons are 必要性's


def test_a_brief_of_reasons_only_keeps_them_without_labels_and_a_split_year_names_its_request():
    brief = Brief.model_validate(
        {
            "项目名称": "某项目",
            "年度": 2027,
            "资金": {"总额": 5000000, "年度申请": 2000000},
            "主要内容": "现状：设备老化。",
        }
    )
    assert rules_overview(brief) == "某项目由实施单位实施。设备老化。项目资金500万元，本年度申请200万元。"


def test_a_law_on_how_to_buy_is_no_reason_the_project_is_needed():
    """New-user trial: a river clean-up's rules 必要性 said 为落实《中华人民共和国政府采购法》…, because its plan buys the
    service by 政府采购; the law stays a candidate for 立项依据, not a reason."""
    from assistant.drafting.necessity import necessity_titles
    from assistant.services.scope import CorpusScope
    from assistant.services.writing import draft_context

    brief = Brief.model_validate(
        {
            "项目名称": "2027年度区管河道保洁养护服务",
            "年度": 2027,
            "主要内容": "委托专业保洁单位对区管河道28条开展日常保洁养护。近年来居民投诉水面漂浮物问题较多。",
            "政策依据": ["《上海市河道管理条例》"],
            "实施计划": [{"时间": "2027年1月-2月", "内容": "政府采购确定保洁服务单位并签订合同"}],
        }
    )
    ctx, _ = draft_context(brief, CorpusScope(BRIEFS.parent.parent.parent / "corpus").current())
    assert any("政府采购" in item.citation.project for item in ctx.policies)  # the case this test is about
    titles = necessity_titles(ctx)
    assert titles and not any("政府采购" in t for t in titles), titles
