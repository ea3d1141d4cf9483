"""Many users at once, bounded: N sessions (default 20) against a workspace served on 127.0.0.1 (temp store, the
checkout's corpus, rules writer), each doing ROUNDS rounds of draft → edit (save a section) → review (open the
draft, whose review re-ran on save) → ask; prints p50/p95 per action, errors, and whether any session saw another
session's draft (each session's brief carries its own marker). Stops by itself.

    PYTHONPATH=. python evals/security/load.py [--sessions 20] [--rounds 2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))

from gradio_client import Client
from web_support import live_app, web_settings

from assistant.services import build_services


def session(url: str, n: int, rounds: int, times: dict[str, list[float]], errors: list[str], leaks: list[str]) -> None:
    marker = f"负载会话{n:02d}"
    client = None
    for attempt in range(10):  # logins in a burst from one address are paced (429, 请稍后再试): retry like a person
        try:
            client = Client(url, auth=(f"user{n}", "load-test-password"), verbose=False, download_files=False)
            break
        except Exception as exc:
            last = exc
            time.sleep(1 + attempt)
    if client is None:
        errors.append(f"session {n}: login: {str(last)[:120]}")
        return
    for _ in range(rounds):
        try:
            form = list(client.predict(api_name="/load_example"))
            form[0] = f"{marker}平台运维项目"
            started = time.monotonic()
            out = client.predict(False, *form, api_name="/draft")[1:]
            times["draft"].append(time.monotonic() - started)
            draft_id = out[0]
            sections = [out[i]["value"] if isinstance(out[i], dict) else out[i] for i in (3, 4, 5, 6)]
            started = time.monotonic()
            saved = client.predict(
                draft_id, sections[0], sections[1] + marker, *sections[2:], api_name="/save_sections"
            )
            times["save"].append(time.monotonic() - started)
            started = time.monotonic()
            opened = client.predict(draft_id, api_name="/history")
            times["review"].append(time.monotonic() - started)
            for other in range(40):
                if f"负载会话{other:02d}" in str(opened) + str(saved) and other != n:
                    leaks.append(f"session {n} saw session {other}")
            started = time.monotonic()
            client.predict("2023年组织部各项目资金合计多少？", [], api_name="/ask")
            times["ask"].append(time.monotonic() - started)
        except Exception as exc:
            errors.append(f"session {n}: {str(exc)[:120]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="shenbao-load-")) / "data"
    settings = web_settings(data)
    with build_services(settings) as services:
        for n in range(args.sessions):
            services.users.set_password(f"user{n}", "load-test-password")
    times: dict[str, list[float]] = {"draft": [], "save": [], "review": [], "ask": []}
    errors: list[str] = []
    leaks: list[str] = []
    with live_app(settings, login=True) as url:
        started = time.monotonic()
        with ThreadPoolExecutor(args.sessions) as pool:
            for n in range(args.sessions):
                pool.submit(session, url, n, args.rounds, times, errors, leaks)
        wall = time.monotonic() - started
    print(f"{args.sessions} sessions × {args.rounds} rounds in {wall:.0f} s; errors {len(errors)}, leaks {len(leaks)}")
    for action, values in times.items():
        if values:
            values.sort()
            p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
            print(f"  {action:6s} n={len(values):3d}  p50 {statistics.median(values):6.2f} s  p95 {p95:6.2f} s")
    for line in errors[:10] + leaks[:10]:
        print("  " + line)


if __name__ == "__main__":
    main()
