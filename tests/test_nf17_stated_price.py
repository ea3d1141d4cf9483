"""After a funding edit, a price the product stated in 项目概况 is computed again from the new money (nf17 item 4):
26家 × 每家每年6万元 = 156万元 becomes 每家每年5万元 once the money is 130万元, so review no longer flags
COST-STATED-SUM; a person's own text keeps its words and the saved message says where it still prices the old money.
Through the real CLI (`assistant draft`, `assistant drafts edit --field 资金.…`)."""

from __future__ import annotations

from pathlib import Path

from cli_support import cli_env, ok

from assistant.domain.model import SectionKind
from assistant.services import build_services
from assistant.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "nf17"
MONEY = ["--field", "资金.总额", "130万", "--field", "资金.财政资金", "130万", "--field", "资金.年度申请", "130万"]
OWN = "人工写的概况：为26家长者食堂按每家每年5万元补贴运营。"


def _latest(tmp_path: Path):
    return build_services(Settings(data_dir=tmp_path / "data")).store.latest(1)


def _rules(draft) -> set[str]:
    return {f.rule_id for f in draft.review.findings} if draft.review else set()


def test_a_rules_overview_restates_its_price_and_a_persons_is_flagged(tmp_path, monkeypatch):
    cli_env(tmp_path, monkeypatch)
    ok(["draft", str(FIXTURES / "canteen.yaml")])
    before = _latest(tmp_path).draft.section(SectionKind.OVERVIEW).text
    assert "每家每年6万元" in before
    edited = ok(["drafts", "edit", "1", *MONEY])
    after = _latest(tmp_path).draft
    overview = after.section(SectionKind.OVERVIEW).text
    assert "每家每年5万元" in overview and "6万元" not in overview, overview
    assert "COST-STATED-SUM" not in _rules(after)
    assert (
        "简报主要内容" in edited.output and "请核对单价" in edited.output
    )  # the brief is the person's: said, not changed
    assert "每家每年6万元" in after.brief.content
    # a person's 项目概况 is kept as written, and the next funding edit says it still prices the old money
    ok(["drafts", "edit", "1", "--field", "项目概况", OWN])
    again = ok(["drafts", "edit", "1", *[m.replace("130万", "104万") for m in MONEY]])
    assert _latest(tmp_path).draft.section(SectionKind.OVERVIEW).text == OWN
    assert "项目概况写明的" in again.output and "130万元" in again.output
