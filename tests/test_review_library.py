"""A draft (JSON passed on or edited by hand) that claims a policy from the policy library which the library does
not hold as written is flagged by review (BASIS-NOT-IN-LIBRARY), in Chinese with where and what to do, and
`drafts import` says so; the library's own entries, a person's own policy and a form read from a file are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_support import rules_draft  # noqa: F401 - fixture
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain.model import SectionKind
from assistant.domain.policy import load_policies
from assistant.domain.refs import SourceRef
from assistant.drafting.as_declaration import to_declaration
from assistant.drafting.models import BasisEntry, Draft
from assistant.review.checks_relevance import ReviewContext
from assistant.review.engine import review
from assistant.services.scope import CorpusScope
from assistant.settings import load_settings

RULE = "BASIS-NOT-IN-LIBRARY"
INVENTED = "关于加强党员教育平台建设的若干意见"
NUMBER = "沪委办发〔2099〕99号"


@pytest.fixture(scope="module")
def context() -> ReviewContext:
    return CorpusScope(load_settings().corpus.corpus_dir).current().review_context


def _flagged(draft: Draft, context: ReviewContext) -> list[str]:
    return [f.message for f in review(to_declaration(draft), context).findings if f.rule_id == RULE]


def _with_basis(draft: Draft, *entries: BasisEntry) -> Draft:
    return draft.model_copy(update={"basis": [*draft.basis, *entries]})


def test_the_drafts_own_library_entries_pass(rules_draft, context):
    assert rules_draft.basis and all(b.policy_id for b in rules_draft.basis)
    assert _flagged(rules_draft, context) == []


def test_an_invented_policy_under_another_entrys_id_is_flagged_with_the_record_it_is_not(rules_draft, context):
    real = rules_draft.basis[0]
    fake = BasisEntry(title=INVENTED, doc_number=NUMBER, policy_id=real.policy_id)
    (message,) = _flagged(_with_basis(rules_draft, fake), context)
    assert message.startswith(f"立项依据中的《{INVENTED}》（{NUMBER}）") and f"《{real.title}》" in message
    assert "名称或文号与之不符" in message


def test_an_invented_policy_without_an_id_or_with_an_unknown_one_is_flagged(rules_draft, context):
    for policy_id in (None, "no-such-policy"):
        fake = BasisEntry(title=INVENTED, doc_number=NUMBER, policy_id=policy_id)
        (message,) = _flagged(_with_basis(rules_draft, fake), context)
        assert "政策库中没有这份文件" in message and "疑似编造" in message


def test_a_real_title_with_a_wrong_number_is_flagged_and_a_persons_own_policy_is_not(rules_draft, context):
    real = rules_draft.basis[0]
    wrong = BasisEntry(title=real.title, doc_number=NUMBER, policy_id=real.policy_id)
    assert len(_flagged(_with_basis(rules_draft, wrong), context)) == 1
    own = BasisEntry(title=INVENTED, doc_number=NUMBER, user_supplied=True)
    assert _flagged(_with_basis(rules_draft, own), context) == []
    assert _flagged(_with_basis(rules_draft, own), ReviewContext()) == []  # no library: nothing to check against


def test_a_section_citing_a_policy_the_library_lacks_is_flagged_there(rules_draft, context):
    fake = SourceRef(ref="policy:does-not-exist", project="《伪造的政策文件》", year=2020, part="政策库", quote="伪造")
    sections = [
        s.model_copy(update={"citations": [*s.citations, fake]}) if s.kind is SectionKind.NECESSITY else s
        for s in rules_draft.sections
    ]
    found = [f for f in review(to_declaration(rules_draft.model_copy(update={"sections": sections})), context).findings]
    (hit,) = [f for f in found if f.rule_id == RULE]
    assert hit.location.section is SectionKind.NECESSITY and "《伪造的政策文件》" in hit.message


def test_drafts_import_says_which_policy_cannot_be_found(rules_draft, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "none")
    real = rules_draft.basis[0]
    path = tmp_path / "d.json"
    fake = BasisEntry(title=INVENTED, doc_number=NUMBER, policy_id=real.policy_id)
    path.write_text(_with_basis(rules_draft, fake).model_dump_json(), encoding="utf-8")
    result = CliRunner().invoke(app, ["drafts", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "已导入 d.json" in result.output and f"注意：立项依据中的《{INVENTED}》" in result.output
    checked = CliRunner().invoke(app, ["check", "1", "--json"])
    assert RULE in {f["rule_id"] for r in _reports(checked.stdout) for f in r["findings"]}


def _reports(stdout: str) -> list[dict]:
    data = json.loads(stdout)
    return data if isinstance(data, list) else data["reports"]


def test_the_library_loads(context):
    assert context.policies and load_policies  # the review context holds the library the checks read
