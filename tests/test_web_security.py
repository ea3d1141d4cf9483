"""Login hardening and ownership of what is served, against a live workspace on loopback (`serve --login`):
failed-login limits per user and per address with back-off and a Chinese message, other users' latency during a
brute force (figures printed), names normalised (NFKC, trimmed) at creation and login, `users list/disable/reset`,
sessions that expire, exports served only to their owner and only while fresh, a CSP on every page, and the
command line's drafts owned by a name no web user can have."""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from gradio_client import Client
from typer.testing import CliRunner
from web_support import live_app, web_settings

from assistant.cli.main import app as cli
from assistant.errors import InputError
from assistant.services import build_services
from assistant.services.login_limits import LoginLimited, LoginLimiter
from assistant.services.users import UserService, normalise_name
from assistant.settings import WebSettings
from assistant.store import DraftStore
from assistant.store.schema import sqlite_url
from assistant.web.guard import ExportRegistry

ATTACKER = "127.0.0.2"  # another loopback address: the brute force comes from elsewhere than the other users
OTHER = "127.0.0.3"


def _users(settings, **people: str) -> None:
    with build_services(settings) as services:
        for name, password in people.items():
            services.users.set_password(name, password)


def _login(url: str, name: str, password: str, *, source: str | None = None) -> httpx.Response:
    transport = httpx.HTTPTransport(local_address=source) if source else None
    with httpx.Client(transport=transport, timeout=30) as client:
        return client.post(url + "login", data={"username": name, "password": password})


def test_brute_force_is_refused_and_other_users_keep_their_speed(tmp_path, monkeypatch):
    """The lock is a stored fact, so the counts are exact whatever the machine's speed: the 6th to 40th guesses
    and the right password are refused without a password check; the flood from one address costs at most the
    address's remaining allowance of checks; another user's login latency is printed and stays within 2x."""
    import assistant.services.users as users_module

    checks = [0]
    real_verify = users_module.verify_password

    def counted(password: str, stored: str) -> bool:
        checks[0] += 1
        return real_verify(password, stored)

    monkeypatch.setattr(users_module, "verify_password", counted)
    settings = web_settings(tmp_path / "data")
    _users(settings, alice="alice-password", carol="carol-password")
    with live_app(settings, login=True) as url:
        baseline = _carol_latencies(url, 12)
        checks[0] = 0
        started = time.monotonic()
        answers = [_login(url, "alice", f"guess-{n}", source=ATTACKER).status_code for n in range(40)]
        brute_s = time.monotonic() - started
        assert 429 not in answers[:5] and 200 not in answers[:5] and answers[5:] == [429] * 35, answers
        assert checks[0] == 5  # five passwords checked, then none
        for source in (ATTACKER, OTHER):  # the right password is refused too, from any address
            right = _login(url, "alice", "alice-password", source=source)
            assert right.status_code == 429 and "登录失败次数过多" in right.json()["detail"]
            assert "15 分钟后再试" in right.json()["detail"]
        assert checks[0] == 5

        stop = threading.Event()
        flood = ThreadPoolExecutor(16)
        for n in range(80):  # 80 parallel wrong logins, names varied, all from the attacker's address
            flood.submit(lambda n=n: stop.is_set() or _login(url, f"user{n % 7}", "wrong-password", source=ATTACKER))
        during = _carol_latencies(url, 12)
        stop.set()
        flood.shutdown(wait=True)
        flood_checks = checks[0] - 5 - 12  # carol's own 12 logins are checked
        # the address's 20 failures less alice's 5, plus at most 2 more already in flight (3 per address) when the
        # 20th locked it: then none
        assert flood_checks <= 15 + 2
        # the flood's guesses ended early (refused while 3 were in flight, or stopped): the address's count goes on
        more = [_login(url, f"other{n}", "wrong-password", source=ATTACKER).status_code for n in range(20)]
        assert more.count(429) == 20 - max(0, 15 - flood_checks), (flood_checks, more)
        assert _login(url, "carol", "carol-password", source=ATTACKER).status_code == 429  # the address, any name
    p50_before, p50_during = statistics.median(baseline), statistics.median(during)
    print(
        f"\n  brute force: 40 wrong passwords in {brute_s:.2f} s, 35 refused (429) without a check, then the right"
        f" password refused too (locked 15 min); 80 parallel wrong logins cost {flood_checks} password checks"
        f"\n  carol's login+page p50 {p50_before * 1000:.0f} ms before, {p50_during * 1000:.0f} ms during the flood"
        f" (max {max(during) * 1000:.0f} ms)"
    )
    # the exact guarantee is the count of checks above; the latency is a figure on a shared 2-core machine, so its
    # bound allows 0.25 s of noise: without the limits 80 parallel scrypt checks put seconds on carol's login
    assert p50_during <= 2 * p50_before + 0.25


def _carol_latencies(url: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.monotonic()
        with httpx.Client(timeout=30) as client:
            assert (
                client.post(url + "login", data={"username": "carol", "password": "carol-password"}).status_code == 200
            )
            assert client.get(url + "gradio_api/info").status_code == 200
        times.append(time.monotonic() - started)
    return times


def test_a_lock_is_a_stored_fact_that_holds_for_its_whole_period(tmp_path):
    """With the clock in the test's hands: locked from the Nth failure for the whole 15 minutes whatever the attempts'
    timing, from any address, across a restart (a new store on the same file); free after; per address too."""
    url, now = sqlite_url(tmp_path / "store.db"), [1_800_000_000.0]
    start = now[0]
    limiter = LoginLimiter(DraftStore(url).login_locks, per_user=3, per_address=5, clock=lambda: now[0])
    for _ in range(3):
        limiter.check("a", "1.1.1.1")
        limiter.failed("a", "1.1.1.1")
    for elapsed in (0.0, 1.0, 60.0, 600.0, 899.0):
        now[0] = start + elapsed
        with pytest.raises(LoginLimited) as refused:
            limiter.check("a", "2.2.2.2")  # the user is locked from any address
        assert refused.value.wait_s == pytest.approx(900.0 - elapsed)
    assert "15 分钟后再试" in str(LoginLimited(899.0).message) and "40 秒后再试" in LoginLimited(39.2).message
    restarted = LoginLimiter(DraftStore(url).login_locks, per_user=3, clock=lambda: now[0])
    now[0] = start + 899.5
    with pytest.raises(LoginLimited):
        restarted.check("a", "3.3.3.3")
    assert list(restarted.locked_users()) == ["a"]
    now[0] = start + 900.5
    restarted.check("a", "3.3.3.3")
    restarted.failed("a", "3.3.3.3")  # the old failures aged out with the lock: one new failure does not lock
    restarted.check("a", "3.3.3.3")
    for name in "bcdef":  # one address trying five names once each (no name reaches its own limit)
        limiter.failed(name, "9.9.9.9")
    with pytest.raises(LoginLimited):
        limiter.check("g", "9.9.9.9")  # a name never tried, from the locked address
    limiter.check("g", "8.8.8.8")


def test_a_success_clears_failures_and_reset_lifts_a_lock(tmp_path):
    now = [1_800_000_000.0]
    store = DraftStore(sqlite_url(tmp_path / "store.db"))
    users = UserService(store, LoginLimiter(store.login_locks, clock=lambda: now[0]))
    users.set_password("alice", "alice-password")
    for _ in range(4):
        assert not users.check("alice", "wrong-password")
    assert users.check("alice", "alice-password")  # 4 failures, then a success: the count starts again
    for _ in range(4):
        assert not users.check("alice", "wrong-password")
    assert not users.check("alice", "wrong-password")  # the 5th in a row locks
    now[0] += 800
    with pytest.raises(LoginLimited, match="2 分钟后再试"):
        users.check("alice", "alice-password")
    assert [(a.name, round(a.locked_s)) for a in users.accounts()] == [("alice", 100)]
    users.reset("alice", "new-password")
    assert users.check("alice", "new-password") and users.accounts()[0].locked_s == 0


def test_names_are_normalised_and_lookalikes_refused(tmp_path):
    assert normalise_name("  ａｌｉｃｅ  ") == "alice" and normalise_name("张　三") == "张 三"
    for bad in ("", "   ", "本机:root", "a\u0000b", "pаypal"):  # the last has a Cyrillic а
        with pytest.raises(InputError):
            normalise_name(bad)
    settings = web_settings(tmp_path / "data")
    _users(settings, **{"ａｌｉｃｅ ": "alice-password"})
    with build_services(settings) as services:
        assert [a.name for a in services.users.accounts()] == ["alice"]
        assert services.users.check(" alice", "alice-password")


def test_users_list_disable_reset(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    assert runner.invoke(cli, ["users", "add", "王五"], input="secret-pass\nsecret-pass\n").exit_code == 0
    assert runner.invoke(cli, ["users", "disable", "王五"]).exit_code == 0
    listed = runner.invoke(cli, ["users", "list"])
    assert "王五\t已停用" in listed.output
    with build_services(web_settings(tmp_path / "data")) as services:
        assert not services.users.check("王五", "secret-pass")
    reset = runner.invoke(cli, ["users", "reset", "王五"], input="another-pass\nanother-pass\n")
    assert reset.exit_code == 0, reset.output
    with build_services(web_settings(tmp_path / "data")) as services:
        assert services.users.check("王五", "another-pass") and not services.users.check("王五", "secret-pass")
    unknown = runner.invoke(cli, ["users", "reset", "nobody"], input="another-pass\nanother-pass\n")
    assert unknown.exit_code != 0 and "没有用户" in unknown.output


def test_sessions_expire(tmp_path):
    settings = web_settings(tmp_path / "data").model_copy(update={"web": WebSettings(session_hours=2 / 3600)})
    _users(settings, alice="alice-password")
    with live_app(settings, login=True) as url, httpx.Client(timeout=30) as client:
        assert client.post(url + "login", data={"username": "alice", "password": "alice-password"}).status_code == 200
        assert client.get(url + "gradio_api/user").json() == "alice"
        time.sleep(2.5)
        assert client.get(url + "gradio_api/user").json() is None  # the session ended


def test_an_export_is_served_only_to_its_owner(tmp_path):
    settings = web_settings(tmp_path / "data")
    _users(settings, alice="alice-password", bob="bob-password")
    with live_app(settings, login=True) as url:
        alice = Client(url, auth=("alice", "alice-password"), verbose=False, download_files=False)
        out = alice.predict(False, *alice.predict(api_name="/load_example"), api_name="/draft")[1:]
        exported = alice.predict(out[0], "docx", api_name="/export")
        file_url = exported["url"]
        with httpx.Client(timeout=30) as a, httpx.Client(timeout=30) as b:
            a.post(url + "login", data={"username": "alice", "password": "alice-password"})
            b.post(url + "login", data={"username": "bob", "password": "bob-password"})
            assert a.get(file_url).status_code == 200 and a.get(file_url).content[:2] == b"PK"
            refused = b.get(file_url)
            assert refused.status_code == 404 and "过期" in refused.text
        assert "/tmp/shenbao-export" not in exported["path"]


def test_exports_expire_and_are_cleaned_up(tmp_path):
    registry = ExportRegistry(tmp_path / "exports", ttl_s=0.2)
    folder = registry.folder()
    (folder / "草稿1_第1版.docx").write_bytes(b"PK")
    name = registry.register(folder / "草稿1_第1版.docx", "alice").name
    assert not registry.refused(f"/gradio_api/file=/tmp/gradio/x/{name}", "alice", login=True)
    assert registry.refused(f"/gradio_api/file=/tmp/gradio/x/{name}", "bob", login=True)
    time.sleep(0.3)
    assert registry.refused(f"/gradio_api/file=/tmp/gradio/x/{name}", "alice", login=True)
    import os

    os.utime(folder, (time.time() - 10, time.time() - 10))
    registry.folder()  # the next export sweeps the old folders away
    assert not folder.exists()


def test_every_page_carries_a_content_security_policy(tmp_path):
    with live_app(web_settings(tmp_path / "data")) as url:
        page = httpx.get(url, timeout=30)
    policy = page.headers.get("content-security-policy", "")
    assert "img-src 'self' data: blob:" in policy and "default-src 'self'" in policy


def test_command_line_drafts_belong_to_a_name_no_web_user_can_have(tmp_path):
    settings = web_settings(tmp_path / "data").model_copy(
        update={"store": web_settings(tmp_path).store.model_copy(update={"user": None})}
    )
    with build_services(settings) as services:
        assert services.author.startswith("本机:")
        with pytest.raises(InputError):
            services.users.set_password(services.author, "long-enough-password")
        with pytest.raises(InputError):
            services.users.set_password(services.author.removeprefix("本机:") + ":x", "long-enough-password")
