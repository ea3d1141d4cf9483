"""Optional login: users with scrypt-hashed passwords in the store, added by `assistant users add`; with login on,
each user sees only their own drafts (a live app, gradio_client logging in)."""

from __future__ import annotations

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from typer.testing import CliRunner
from web_support import live_app, web_settings

from assistant.cli.main import app as cli
from assistant.errors import InputError
from assistant.services import build_services
from assistant.services.users import hash_password, verify_password


def test_hash_is_salted_and_verifies_only_the_right_password():
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second and "correct" not in first and first.startswith("scrypt$")
    assert verify_password("correct horse", first) and not verify_password("wrong horse", first)
    assert not verify_password("correct horse", "not-a-hash")


def test_cli_adds_a_user_and_refuses_a_short_password(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    added = CliRunner().invoke(cli, ["users", "add", "王五"], input="secret-pass\nsecret-pass\n")
    assert added.exit_code == 0, added.output
    with build_services(web_settings(tmp_path / "data")) as services:
        assert services.users.check("王五", "secret-pass") and not services.users.check("王五", "other-pass")
        with pytest.raises(InputError, match="太短"):
            services.users.set_password("王五", "short")


def test_cli_refuses_a_bad_user_name_before_asking_for_the_password(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    refused = CliRunner().invoke(cli, ["users", "add", "a:b"], input="")  # no password typed: it must not be asked
    assert refused.exit_code != 0
    assert "冒号" in refused.output and "密码" not in refused.output, refused.output


def test_with_login_each_user_sees_only_their_own_drafts(tmp_path):
    settings = web_settings(tmp_path / "data")
    with build_services(settings) as services:
        services.users.set_password("alice", "alice-password")
        services.users.set_password("bob", "bob-password")
    with live_app(settings, login=True) as url:
        with pytest.raises(Exception):  # noqa: B017 - gradio_client raises on a refused login
            Client(url, auth=("alice", "wrong-password"), verbose=False)
        alice = Client(url, auth=("alice", "alice-password"), verbose=False, download_files=False)
        bob = Client(url, auth=("bob", "bob-password"), verbose=False, download_files=False)
        out = alice.predict(False, *alice.predict(api_name="/load_example"), api_name="/draft")[1:]
        assert "alice" in out[2]
        assert "当前用户：bob" in bob.predict(api_name="/_who")
        with pytest.raises(AppError, match="你的草稿中没有编号"):
            bob.predict(out[0], api_name="/open_draft")
