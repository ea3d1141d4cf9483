"""A policy fits a brief by its subject said as a word, never by a fragment of a longer word (new-user trial nu12,
finding 1): the 非遗 brief's 代表性项目/代表性传承人 put 《…代表法》 (subject 代表) into 立项依据 and 必要性, and the
review said nothing. The real policy library; nu12's brief (b3) and a variant (密码锁 against 《密码法》)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain.brief import load_brief
from assistant.domain.text import word_positions
from assistant.drafting.relevance import brief_project, fitting_policies
from assistant.review.subject import Project, fits
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SOURCES = CorpusScope(REPO / "corpus").current()

# nu12's b3_feiyi.yaml (the header and the content as the officer wrote them)
B3 = """项目名称: 青浦区非物质文化遗产保护传承项目
年度: 2027
主管部门: 上海市青浦区文化和旅游局
实施单位: 上海市青浦区文化馆
项目性质: 其他经常性项目
项目类别: 其他项目
资金: {总额: 1200000, 财政资金: 1200000, 其他资金: 0, 年度申请: 800000, 上年结转资金: 0}
开始日期: 2027-01-01
结束日期: 2028-06-30
主要内容: |-
  青浦区现有国家级非遗代表性项目3项、市级12项，部分传承人年事已高，青浦田山歌等项目面临后继乏人。
  2027年对24名区级以上代表性传承人给予带徒补贴，每人每年6000元；
  在15所中小学开设非遗课程，每校每学期16课时，全年两个学期共480课时，每课时课酬300元；
  对6个代表性项目开展影像记录，每个项目5万元；
  举办非遗展演活动12场，每场1.5万元；
  举办传承人研修培训2期，每期40人，每人400元。
  2028年上半年编印《青浦非遗图录》2000册，每册200元。
  展演观众满意度不低于92%。
政策依据:
  - 《中华人民共和国非物质文化遗产法》
  - 《上海市非物质文化遗产保护条例》
"""

# a variant: 密码 only inside 密码锁 (a door lock), never the 密码 (cryptography) 《密码法》 governs
LOCKS = """项目名称: 某街道老旧小区单元门禁改造项目
年度: 2027
主管部门: 上海市某区某街道办事处
实施单位: 上海市某区某街道办事处
项目性质: 新增项目
项目类别: 其他项目
资金: {总额: 400000, 财政资金: 400000, 其他资金: 0, 年度申请: 400000, 上年结转资金: 0}
开始日期: 2027-01-01
结束日期: 2027-12-31
主要内容: 为12个老旧小区的200个单元门更换智能密码锁，每套2000元；其中60个单元门加装电子密码锁。居民满意度不低于90%。
"""


def _fitting(tmp_path, text: str) -> list[str]:
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    return [p.id for p in fitting_policies(brief_project(load_brief(path)), SOURCES.policies)]


def test_nu12_heritage_brief_gets_no_deputies_law(tmp_path):
    ids = _fitting(tmp_path, B3)
    assert "deputies-law" not in ids


def test_a_door_lock_brief_gets_no_cryptography_law(tmp_path):
    assert "cryptography-law" not in _fitting(tmp_path, LOCKS)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法",
            "区人大代表履职培训：组织区人大代表、街镇代表开展学习",
        ),
        ("中华人民共和国密码法", "商用密码应用安全性评估，核心系统密码改造"),
    ],
)
def test_the_subject_said_as_a_word_still_fits(title, text):
    assert fits(Project(name=text.split("：")[0], text=text), title)


def test_word_positions_reads_heads_not_fronts():
    assert word_positions("代表", "区级以上代表性传承人") == []
    assert word_positions("代表", "组织党代表和人大代表") == [3, 8]
    assert word_positions("密码", "更换智能密码锁") == []


def test_review_warns_on_nu12_draft_citing_the_deputies_law():
    """nu12's draft as it was written (before the fix): the review now says the cited law is off the subject."""
    from assistant.services.review import ReviewService, load_subjects

    (decl,) = load_subjects(REPO / "tests" / "fixtures" / "nu12_b3_feiyi.draft.json")
    report = ReviewService(CorpusScope(REPO / "corpus")).check_declaration(decl)
    rules = {(f.rule_id, "代表法" in f.message) for f in report.findings}
    assert ("BASIS-OFF-SUBJECT", True) in rules and ("NEC-OFF-DOMAIN", True) in rules
