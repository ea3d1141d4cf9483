"""rt14 F3: a draft field saved from the web or the services longer than a brief's field may be (LONG_TEXT) is
refused with the field and the limit named; nothing already saved is lost (real SQLite store, rules only)."""

from __future__ import annotations

import pytest
from web_support import web_settings

from assistant.domain.brief import LONG_TEXT, example_brief
from assistant.domain.model import SectionKind
from assistant.errors import InputError
from assistant.services import build_services
from assistant.services.editing import FieldEdit


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("long") / "data"))
    yield opened
    opened.close()


def test_an_over_long_section_is_refused_naming_field_and_limit(services):
    ws = services.workspace()
    draft_id = ws.draft(example_brief(), on_event=lambda _: None).info.draft_id
    before = ws.open(draft_id).draft
    with pytest.raises(InputError) as refused:
        ws.save_sections(draft_id, {SectionKind.OVERVIEW: "概" * (LONG_TEXT + 1)}, base=1)
    message = str(refused.value)
    assert "项目概况" in message and f"{LONG_TEXT:,}" in message and "未保存" in message
    assert max(v.number for v in ws.history(draft_id)) == 1 and ws.open(draft_id).draft == before
    with pytest.raises(InputError):  # refused (by the indicator model or the length policy), not stored
        ws.edit_fields(draft_id, [FieldEdit("indicator.1.name", "指" * (LONG_TEXT + 1))], base=1)
    saved = ws.save_sections(draft_id, {SectionKind.OVERVIEW: "概况正文。" * 100}, base=1)
    assert saved.info.number == 2
