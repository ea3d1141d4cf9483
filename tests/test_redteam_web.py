"""Red-team findings on the web workspace, each on a live `serve --login` on loopback (real store, rules only):

- the 运行监控/绩效自评 tabs' 语料库编号 box takes a corpus id or the user's own draft, never a path on the server
  (a file there was read and shown to whoever typed its path; a folder was read file by file);
- those tabs show a project name and an uploaded file's name as text, like every other tab (they went into
  Markdown as written: ``<img …>`` and ``![…](…)`` became elements);
- a user who typed their name in another width or with spaces at login works in those tabs as themselves.
"""

from __future__ import annotations

import json
import re

import httpx
import pytest
from gradio_client import Client
from web_support import REPO, live_app, web_settings

from assistant.services import build_services

SECRET = "机密项目甲乙丙"
RAW = REPO / "corpus" / "raw" / "000_1ac9e65464ab096f.txt"
NAME = '党员教育<img src="x" onerror="window.pwned=1">![m](http://127.0.0.1:9/m)平台运维项目'
RAW_MARKUP = ("<img", "![m](", "](http")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("redteam-web")
    secret = root / "secret"
    secret.mkdir()
    text = RAW.read_text(encoding="utf-8").replace("闵行区党建服务中心党费缴纳管理系统项目", SECRET, 1)
    (secret / "elsewhere.txt").write_text(text, encoding="utf-8")
    settings = web_settings(root / "data")
    with build_services(settings) as services:
        services.users.set_password("alice", "alice-password")
        services.users.set_password("bob", "bob-password")
    with live_app(settings, login=True) as url:
        yield url, secret


def _client(url: str, name: str, password: str) -> Client:
    return Client(url, auth=(name, password), verbose=False, download_files=False)


def _draft(client: Client, name: str | None = None) -> int:
    brief = list(client.predict(api_name="/load_example"))
    if name is not None:
        brief[0] = name
    out = client.predict(False, *brief, api_name="/draft")
    return int(out[1])


def _refused(call) -> str:
    with pytest.raises(Exception) as caught:
        call()
    return str(caught.value)


def test_a_path_on_the_server_is_not_a_source_for_a_form(site):
    url, secret = site
    bob = _client(url, "bob", "bob-password")
    for typed in (str(secret / "elsewhere.txt"), str(secret), "/etc/passwd", "../secret/elsewhere.txt"):
        for api, args in (("/monitor_create", (None, typed, "")), ("/selfeval_create", (None, typed))):
            message = _refused(lambda api=api, args=args: bob.predict(*args, api_name=api))
            assert SECRET not in message, (api, typed)
            assert "语料库" in message and "编号" in message, (api, typed, message)
    listed = json.dumps(bob.predict(None, None, api_name="/monitor_load"), ensure_ascii=False)
    assert SECRET not in listed
    # a corpus id still starts a form
    out = bob.predict(None, "2023-003-01", "", api_name="/monitor_create")
    assert "运行监控表第" in out[0]


def test_form_headings_show_names_as_text(site):
    url, _ = site
    alice = _client(url, "alice", "alice-password")
    draft_id = _draft(alice, NAME)
    for api, args in (("/monitor_create", (draft_id, "", "")), ("/selfeval_create", (draft_id, ""))):
        heading = alice.predict(*args, api_name=api)[0]
        assert "党员教育" in heading and "平台运维项目" in heading, heading
        assert not any(bit in heading for bit in RAW_MARKUP), (api, heading)
        assert re.search(r"&#60;img|&lt;img", heading), heading


def test_a_login_name_typed_in_another_width_works_in_the_form_tabs(site):
    url, _ = site
    wide = _client(url, "ａｌｉｃｅ", "alice-password")  # the same user: names are normalised at login
    draft_id = _draft(wide)
    out = wide.predict(draft_id, "", "", api_name="/monitor_create")
    assert "运行监控表第" in out[0]
    plain = _client(url, "alice", "alice-password")
    listed = plain.predict(draft_id, None, api_name="/monitor_load")
    assert "运行监控表第" in listed[0]


def test_a_long_project_name_exports_in_every_format(site):
    url, _ = site
    alice = _client(url, "alice", "alice-password")
    name = "上海市" + "党员教育平台运维" * 24  # 195 characters (a name may have 200): 585 bytes, a file name 255
    draft_id = _draft(alice, name)
    for fmt in ("docx", "xlsx", "json"):
        out = alice.predict(draft_id, fmt, api_name="/export")
        shown = out.get("path") or out.get("url") if isinstance(out, dict) else out
        file_name = str(shown).rsplit("/", 1)[-1]
        assert file_name.endswith(f".{fmt}") and file_name.startswith("上海市党员教育平台运维"), out
        assert len(file_name.encode("utf-8")) <= 255


def test_a_page_on_loopback_answers_only_loopback_host_names(tmp_path):
    """DNS rebinding: a web page the officer opens names its own host, which then resolves to 127.0.0.1; the browser
    treats the workspace as that page's own site. With login off (the default) it read and changed every draft."""
    settings = web_settings(tmp_path / "data")
    with live_app(settings) as url:
        port = url.rstrip("/").rsplit(":", 1)[1]
        owner = Client(url, verbose=False, download_files=False)
        draft_id = _draft(owner)
        host = f"evil.example:{port}"
        with httpx.Client(base_url=url, timeout=30) as http:
            refused = http.get("/", headers={"Host": host})
            assert refused.status_code == 403 and "127.0.0.1" in refused.text
            for name in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
                assert http.get("/", headers={"Host": name}).status_code == 200, name
        with pytest.raises(Exception):  # noqa: B017 - whatever the client makes of a 403
            Client(url, verbose=False, download_files=False, headers={"Host": host}).predict(
                draft_id, api_name="/history"
            )


def test_another_sites_page_cannot_upload_to_a_workspace_on_loopback(tmp_path):
    """A cross-site form post needs no preflight: any page the officer opened could fill the disk with 20 MB
    uploads while the workspace ran."""
    settings = web_settings(tmp_path / "data")
    with live_app(settings) as url, httpx.Client(base_url=url, timeout=30) as http:
        files = {"files": ("a.txt", b"x" * 1024)}
        refused = http.post("gradio_api/upload", files=files, headers={"Origin": "http://evil.example"})
        assert refused.status_code == 403
        own = url.rstrip("/")
        assert http.post("gradio_api/upload", files=files, headers={"Origin": own}).status_code == 200


def test_the_login_page_does_not_describe_the_api(site):
    """Red team 2026-12-07 finding 10: ``/`` before login carried every endpoint's name and parameters."""
    url, _ = site
    with httpx.Client(base_url=url, timeout=30) as anonymous:
        page = anonymous.get("/")
        assert page.status_code == 200 and "window.gradio_api_info = {};" in page.text
        assert "/save_row" not in page.text and "corpus_add" not in page.text
    with httpx.Client(base_url=url, timeout=30) as signed_in:
        assert signed_in.post("/login", data={"username": "bob", "password": "bob-password"}).status_code == 200
        page = signed_in.get("/")
        assert "corpus_add" in page.text  # the signed-in page still has it (the client needs it)


def test_route_tables_and_run_history_answer_401_before_login(site):
    """Red team rt7 finding 10: ``/openapi.json``, ``/gradio_api/app_id`` and ``/gradio_api/runs`` answered before
    login while ``/config`` did not."""
    url, _ = site
    paths = ("/openapi.json", "/OpenAPI.json", "/docs", "/gradio_api/app_id", "/gradio_api/runs", "/gradio_api/runs/x")
    with httpx.Client(base_url=url, timeout=30) as anonymous:
        for path in paths:
            answer = anonymous.get(path)
            assert answer.status_code == 401 and "请先登录" in answer.text, (path, answer.status_code)
    with httpx.Client(base_url=url, timeout=30) as signed_in:
        assert signed_in.post("/login", data={"username": "bob", "password": "bob-password"}).status_code == 200
        assert signed_in.get("/gradio_api/app_id").status_code == 200
