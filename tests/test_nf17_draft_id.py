"""The draft JSON `assistant draft -o` and `drafts export` write says which stored draft and version it is (nf17
item 6), and the file still leads back into that draft (`--draft FILE`), or is imported as a new draft whose store
keeps no stale number. Through the real CLI on a temp store, no model."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import cli_env, ok

from assistant.services import build_services
from assistant.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "nf17"


def test_the_draft_file_names_its_draft_and_version(tmp_path, monkeypatch):
    cli_env(tmp_path, monkeypatch)
    out = tmp_path / "draft.json"
    ok(["draft", str(FIXTURES / "canteen.yaml"), "-o", str(out)])
    written = json.loads(out.read_text(encoding="utf-8"))
    assert (written["draft_id"], written["version"]) == (1, 1)
    # the file leads back into draft 1 (its latest version), not into a new draft
    again = ok(["draft", "--draft", str(out), "--section", "必要性"])
    assert "在草稿 1 上继续" in again.output
    exported = tmp_path / "export.json"
    ok(["drafts", "export", "1", "-o", str(exported)])
    latest = json.loads(exported.read_text(encoding="utf-8"))
    store = build_services(Settings(data_dir=tmp_path / "data")).store
    assert (latest["draft_id"], latest["version"]) == (1, store.head(1))
    # imported, the file is a new draft; the store keeps its content, not the number the file carried
    ok(["drafts", "import", str(out)])
    imported = store.latest(2)
    assert imported.draft.draft_id is None and imported.draft.version is None
    assert imported.draft.brief == store.get(1, 1).draft.brief
