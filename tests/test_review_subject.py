"""Review rules for drafts that leave the project (issue 22): BASIS-OFF-SUBJECT, GOAL-REPEATS, NEC-OFF-DOMAIN.

The issue's two drafts are rebuilt as draft JSON (what the embedded model wrote for a legislative-research
and an archive-digitisation brief) and reviewed through the real `assistant check`; a draft of the same
briefs that stays on its project gets none of these findings.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain.brief import load_brief
from assistant.domain.model import SectionKind
from assistant.drafting.as_declaration import to_declaration
from assistant.drafting.models import BasisEntry, Draft, DraftSection
from assistant.review.checks_relevance import ReviewContext
from assistant.review.engine import review
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
BRIEFS = REPO / "evals" / "drafting" / "briefs"
SOURCES = CorpusScope(REPO / "corpus").current()
RULES = {"BASIS-OFF-SUBJECT", "GOAL-REPEATS", "NEC-OFF-DOMAIN"}
runner = CliRunner()


def _draft(name: str, sections: dict[SectionKind, str], basis: list[BasisEntry]) -> Draft:
    return Draft(
        brief=load_brief(BRIEFS / f"{name}.yaml"),
        provider="local",
        model="recorded",
        sections=[DraftSection(kind=k, text=t, generated_by="recorded") for k, t in sections.items()],
        basis=basis,
        indicators=[],
    )


def _legislation_as_the_issue_drafted_it() -> Draft:
    brief = load_brief(BRIEFS / "legislation.yaml")
    pasted = brief.content.replace("\n", "")
    return _draft(
        "legislation",
        {
            SectionKind.OVERVIEW: f"{brief.name}由区人大常委会法制工作委员会实施。{pasted}",
            SectionKind.NECESSITY: "为推进人大预算联网监督工作，实现预算审查监督信息化，有必要设立本项目。"
            "目前基层意见收集渠道单一，需要通过调研为法规修改提供依据。",
            SectionKind.GOAL_TOTAL: pasted,
            SectionKind.GOAL_ANNUAL: pasted,
        },
        [
            BasisEntry(
                title="关于推进地方人大预算联网监督工作的指导意见", policy_id="budget-online-supervision-guidance"
            ),
            BasisEntry(title="上海市预算审查监督条例", policy_id="sh-budget-review-regulation"),
        ],
    )


def _archive_as_the_issue_drafted_it() -> Draft:
    brief = load_brief(BRIEFS / "archive.yaml")
    pasted = brief.content.replace("\n", "")
    return _draft(
        "archive",
        {
            SectionKind.OVERVIEW: pasted,
            SectionKind.NECESSITY: "本项目符合国家关于涉密专用信息设备集中采购的相关政策要求。"
            "现有纸质档案老化破损，查档需调阅原件，亟需通过数字化实现在线查阅。",
            SectionKind.GOAL_TOTAL: pasted[:120],
            SectionKind.GOAL_ANNUAL: pasted[:120],
        },
        [BasisEntry(title="关于中央国家机关涉密专用信息设备集中采购有关事宜的通知", policy_id="guojicai-2017-15")],
    )


def test_check_on_the_issue_s_drafts_is_no_longer_clean(tmp_path):
    for name, draft in (
        ("legislation", _legislation_as_the_issue_drafted_it()),
        ("archive", _archive_as_the_issue_drafted_it()),
    ):
        path = tmp_path / f"{name}.json"
        path.write_text(draft.model_dump_json(), encoding="utf-8")
        result = runner.invoke(app, ["check", str(path), "--json"])
        findings = json.loads(result.output)[0]["findings"]
        fired = {f["rule_id"] for f in findings}
        assert fired >= RULES, (name, fired)
        necessity = next(f for f in findings if f["rule_id"] == "NEC-OFF-DOMAIN")
        assert ("联网监督" if name == "legislation" else "涉密") in necessity["message"]


def test_a_draft_that_stays_on_its_project_gets_none_of_these_findings():
    draft = _draft(
        "archive",
        {
            SectionKind.OVERVIEW: "区档案馆对馆藏文书档案约12万卷进行数字化加工。",
            SectionKind.NECESSITY: "现有纸质档案老化破损，查档需调阅原件，利用效率低，亟需通过数字化实现在线查阅。",
            SectionKind.GOAL_TOTAL: "完成12万卷档案数字化，数据准确率不低于99.5%，实现档案在线查阅，提高查档效率。",
            SectionKind.GOAL_ANNUAL: "完成12万卷档案数字化，数据准确率不低于99.5%，实现档案在线查阅，提高查档效率。",
        },
        [BasisEntry(title="纸质档案数字化规范", doc_number="DA/T 31-2017", user_supplied=True)],
    )
    context = ReviewContext.from_declarations(SOURCES.corpus.declarations, SOURCES.policies)
    fired = {f.rule_id for f in review(to_declaration(draft), context).findings}
    assert not fired & RULES


def test_an_annual_goal_equal_to_a_short_total_goal_is_not_a_copy():
    brief = load_brief(BRIEFS / "archive.yaml")
    goal = "完成档案数字化加工。"
    draft = _draft("archive", {SectionKind.OVERVIEW: brief.content, SectionKind.GOAL_TOTAL: goal}, [])
    assert "GOAL-REPEATS" not in {f.rule_id for f in review(to_declaration(draft)).findings}
