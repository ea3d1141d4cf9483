"""What a policy title is about (issue 22, second batch of briefs): 政府 is an issuer's word in 上海市人民政府关于…
but part of the object in 政府采购/政府购买服务; a two-character subject said twice in one phrase (影像档案 in the
content and again in a part's name) is a by-product of the work, not the project's subject."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain.brief import load_brief
from assistant.drafting.relevance import brief_project, fitting_policies
from assistant.review.subject import Project, fits, title_subject
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
BRIEFS = REPO / "evals" / "drafting" / "briefs"
POLICIES = CorpusScope(REPO / "corpus").current().policies


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("中华人民共和国政府采购法", ["政府采购"]),
        ("政府购买服务管理办法", ["政府购买服务"]),
        ("中华人民共和国政府信息公开条例", ["政府信息公开"]),
        ("上海市人民政府关于加强管理的意见", []),
    ],
)
def test_government_is_kept_where_it_is_part_of_the_object(title: str, subject: list[str]):
    assert title_subject(title) == subject


def test_a_purchase_through_government_procurement_finds_the_procurement_law():
    project = Project(name="执法记录仪购置", text="通过政府采购购置执法记录仪400台")
    assert fits(project, "中华人民共和国政府采购法")
    assert not fits(Project(name="河道保洁", text="对区管河道开展水面保洁"), "中华人民共和国政府采购法")


def test_records_kept_by_the_work_do_not_make_it_an_archives_project():
    ids = {p.id for p in fitting_policies(brief_project(load_brief(BRIEFS / "relics-upkeep.yaml")), POLICIES)}
    assert "cultural-relics-law" in ids
    assert not ids & {"archives-law", "archives-law-regulation", "sh-archives-regulation"}
    archive = {p.id for p in fitting_policies(brief_project(load_brief(BRIEFS / "archive.yaml")), POLICIES)}
    assert "archives-law" in archive
    said_twice = Project(name="某项目", text="整理文书档案，扫描纸质档案")
    assert fits(said_twice, "中华人民共和国档案法")


def test_a_short_form_in_the_brief_finds_the_policy_that_writes_it_out():
    training = {
        p.id for p in fitting_policies(brief_project(load_brief(BRIEFS / "community-worker-training.yaml")), POLICIES)
    }
    assert "sh-residents-committee-regulation" in training  # 居委会书记主任 → 居民委员会
    assert not fits(Project(name="某项目", text="居民区环境整治"), "上海市居民委员会工作条例")
    assert "villagers-committee-law" not in training  # 民委员会 of 居民委员会 is not 村民委员会


def test_four_characters_inside_a_longer_phrase_must_continue_it():
    scope = "村民委员会的组成和职责、选举、村民会议和村民代表会议"
    assert not fits(Project(name="某项目", text="居民委员会换届选举"), "中华人民共和国村民委员会组织法", scope)
    assert fits(
        Project(name="某项目", text="指导村民委员会换届选举和村民代表会议"), "中华人民共和国村民委员会组织法", scope
    )
