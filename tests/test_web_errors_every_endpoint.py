"""Internal exception text never reaches a user: every API endpoint of `serve --login` called with missing, huge,
negative, malformed and another user's ids answers with a Chinese message (or Gradio's generic one), never an
English exception (``'NoneType' object is not subscriptable``), and never with the other user's draft."""

from __future__ import annotations

import re

import pytest
from gradio_client import Client
from web_support import live_app, web_settings

from assistant.services import build_services

INTERNAL = re.compile(
    r"[A-Z][a-zA-Z]+Error|Traceback|NoneType|object is not|not subscriptable|has no attribute|invalid literal"
)

ANSWER_S = 120  # seconds an endpoint may take to answer one bad call


@pytest.fixture(scope="module")
def apps(tmp_path_factory):
    settings = web_settings(tmp_path_factory.mktemp("errors") / "data")
    with build_services(settings) as services:
        services.users.set_password("alice", "alice-password")
        services.users.set_password("bob", "bob-password")
    with live_app(settings, login=True) as url:
        alice = Client(url, auth=("alice", "alice-password"), verbose=False, download_files=False)
        out = alice.predict(False, *alice.predict(api_name="/load_example"), api_name="/draft")
        bob = Client(url, auth=("bob", "bob-password"), verbose=False, download_files=False)
        yield bob, out[1]


def test_every_endpoint_answers_bad_ids_in_chinese(apps):
    bob, foreign = apps
    endpoints = bob.view_api(return_format="dict", print_info=False)["named_endpoints"]
    answers = {"error": 0, "ok": 0}
    leaks, internal, hung = [], [], []
    for name, spec in endpoints.items():
        for bad in (None, 10**30, -1, "abc", foreign):
            args = [bad] * len(spec["parameters"])
            try:  # a bounded wait: an endpoint that never answers is a finding, not a hung suite
                result = bob.submit(*args, api_name=name).result(timeout=ANSWER_S)
            except TimeoutError:
                hung.append(f"{name}({bad!r})")
                continue
            except Exception as exc:
                message = str(exc)
                answers["error"] += 1
                if INTERNAL.search(message):
                    internal.append(f"{name}({bad!r}): {message[:160]}")
                continue
            answers["ok"] += 1
            if "党员教育平台运维项目" in str(result) and name not in ("/load_example", "/suggest"):
                leaks.append(f"{name}({bad!r})")
    print(f"\n  {len(endpoints)} endpoints × 5 bad ids: {answers['error']} refused, {answers['ok']} answered")
    assert not hung, f"no answer within {ANSWER_S} s: {hung}"
    assert not internal, "\n".join(internal)
    assert not leaks, leaks
