"""A drafted 指标值 that is a 模板参考值 (neither the brief nor a precedent gave it) gets a review 提示 until a person
confirms it (new-user trial 2026-12-06, finding 8): a clean check must not read as ready to file. Real corpus, real
SQLite store, rules only."""

from __future__ import annotations

import json

import pytest
from test_cost_consistency import BRIEF_A
from web_support import web_settings

from assistant.domain.brief import load_brief
from assistant.drafting.as_declaration import to_declaration
from assistant.review.engine import review
from assistant.review.models import Severity
from assistant.services import build_services
from assistant.services.editing import FieldEdit
from assistant.suggest.models import Ground


def _quiet(_: object) -> None:
    return None


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("template") / "data"))
    yield opened
    opened.close()


def _hinted(findings) -> dict[str, Severity]:
    return {f.location.indicator.name: f.severity for f in findings if f.rule_id == "VAL-TEMPLATE"}


def test_each_template_value_is_named_until_a_person_types_it(services, tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text(BRIEF_A, encoding="utf-8")
    ws = services.workspace()
    saved = ws.draft(load_brief(path), on_event=_quiet)
    rows = saved.draft.indicators
    template = [n for n, r in enumerate(rows, start=1) if r.value.ground is Ground.TEMPLATE]
    assert template, "the trial's brief A gives no figure for a quality row: its value is the template's"
    hinted = _hinted(saved.draft.review.findings)
    assert hinted == {rows[n - 1].name: Severity.HINT for n in template}
    # `assistant check N` reads the stored draft the same way
    stored = services.subjects.draft(saved.info.draft_id)
    assert _hinted(review(stored).findings) == hinted
    # a person's figure is no longer the template's
    first = template[0]
    edited, _ = ws.edit_fields(saved.info.draft_id, [FieldEdit(f"指标.{first}.指标值", "≥98%")], base=1)
    assert rows[first - 1].name not in _hinted(edited.draft.review.findings)
    assert set(_hinted(edited.draft.review.findings)) == {rows[n - 1].name for n in template[1:]}


def test_forms_read_from_files_are_never_flagged_and_the_grounds_are_not_written_out(corpus, services, tmp_path):
    for decl in corpus.declarations:
        assert not [f for f in review(decl).findings if f.rule_id == "VAL-TEMPLATE"]
    path = tmp_path / "brief.yaml"
    path.write_text(BRIEF_A, encoding="utf-8")
    saved = services.workspace().draft(load_brief(path), on_event=_quiet)
    decl = to_declaration(saved.draft)
    assert Ground.TEMPLATE.value in decl.value_grounds.values()
    assert "value_grounds" not in json.loads(decl.model_dump_json())
