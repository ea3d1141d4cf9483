"""Time `assistant draft` on the embedded model for some of the drafting eval's briefs, and judge what it wrote.

    ASSISTANT_DATA_DIR=... python evals/drafting/time_drafts.py --out /tmp/drafts --timeout 240 meeting office-repair

Each brief is drafted by the CLI as a user runs it (a fresh process: the llama.cpp server starts and the model
is paged in, which counts), under a hard timeout. Printed per brief: the process's wall seconds; the draft's own
seconds (the CLI's last ``[  t s]`` stamp, from the start of drafting); when the rule-made parts (立项依据,
指标表) were shown and when the first streamed prose arrived (both from the start of the process); and the eval's
judge of the draft (`assistant.evals.subject.judge`: foreign policies in 立项依据, off-domain sentences in 必要性,
goals that copy 主要内容, a 必要性 that pastes it). Then p50 / p95 / max over the briefs, and `uptime` before and
after (the machine is shared). Exit status 0 even when a brief times out: it is reported as such.
"""

from __future__ import annotations

import argparse
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from assistant.drafting.models import Draft  # noqa: E402
from assistant.evals.subject import judge, load_cases  # noqa: E402
from assistant.evals.suites import percentile  # noqa: E402
from assistant.services.scope import CorpusScope  # noqa: E402

_STAMP = re.compile(r"\[\s*([\d.]+)s\]")


def _run(brief: Path, out: Path, timeout: float, llm: str) -> dict[str, float | str | None]:
    """One CLI draft; times from the start of the process (seconds)."""
    command = [sys.executable, "-m", "assistant", "draft", str(brief), "--llm", llm, "-o", str(out)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    arrivals: list[tuple[int, float]] = []  # (offset in the text, seconds) of each chunk
    text = ""
    timed_out = False
    while True:
        left = timeout - (time.perf_counter() - started)
        if left <= 0:
            proc.kill()
            timed_out = True
            break
        readable, _, _ = select.select([proc.stderr], [], [], min(left, 1.0))
        if not readable:
            if proc.poll() is not None:
                break
            continue
        chunk = os.read(proc.stderr.fileno(), 4096)
        if not chunk:
            break
        arrivals.append((len(text), time.perf_counter() - started))
        text += chunk.decode("utf-8", errors="replace")
    proc.wait()
    wall = time.perf_counter() - started
    ready, prose, last_stamp = _read_progress(text, arrivals)
    return {
        "wall_s": round(wall, 1),
        "draft_s": last_stamp,
        "ready_s": None if ready is None else round(ready, 1),
        "first_prose_s": None if prose is None else round(prose, 1),
        "status": "timeout" if timed_out else ("ok" if proc.returncode == 0 else f"exit {proc.returncode}"),
    }


def _read_progress(text: str, arrivals: list[tuple[int, float]]) -> tuple[float | None, float | None, float | None]:
    """(rule-made parts shown, first streamed prose, the CLI's last stamp): the first two in seconds from the
    start of the process (when the characters arrived), the last as the CLI printed it."""

    def arrived(offset: int) -> float:
        return max((t for start, t in arrivals if start <= offset), default=0.0)

    ready = prose = last_stamp = None
    offset, previous = 0, ""
    for line in text.splitlines(keepends=True):
        stamp = _STAMP.search(line)
        if stamp:
            last_stamp = float(stamp.group(1))
            if "已生成" in line and ready is None:
                ready = arrived(offset)
        elif line.startswith("  ") and "开始" in previous and "立项依据" not in previous and prose is None:
            prose = arrived(offset + 2)  # the section's streamed text follows its 开始 line
        previous = line if stamp else previous
        offset += len(line)
    return ready, prose, last_stamp


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="+")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--timeout", type=float, default=240.0)
    parser.add_argument("--llm", default="local", help="local (the embedded model); none to try the script")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    found = load_cases(REPO / "evals")
    cases = {c.name: c for c in found.cases}
    policies = CorpusScope(REPO / "corpus").current().policies
    print(f"uptime before: {_uptime()}")
    rows = []
    for name in args.cases:
        case = cases[name]
        out = args.out / f"{name}.json"
        out.unlink(missing_ok=True)
        timing = _run(case.brief, out, args.timeout, args.llm)
        judged = {}
        if out.is_file():
            judged = judge(Draft.model_validate_json(out.read_text(encoding="utf-8")), case, found.domains, policies)
        rows.append((name, case, timing, judged))
        print(f"{name} ({case.split}, batch {case.batch}): {timing} {judged}", flush=True)
    print(f"uptime after: {_uptime()}")
    walls = [float(t["wall_s"]) for _, _, t, _ in rows]
    drafts = [float(t["draft_s"]) for _, _, t, _ in rows if t["draft_s"] is not None]
    for label, values in (("process wall", walls), ("draft (CLI stamp)", drafts)):
        if values:
            print(
                f"{label}: p50 {percentile(values, 50):.1f} s, p95 {percentile(values, 95):.1f} s, "
                f"max {max(values):.1f} s over {len(values)} briefs"
            )
    for key in ("ready_s", "first_prose_s"):
        values = [float(t[key]) for _, _, t, _ in rows if t[key] is not None]
        if values:
            print(f"{key}: p50 {percentile(values, 50):.1f} s, max {max(values):.1f} s")
    for key in ("foreign_basis", "foreign_sentences", "goal_copies", "necessity_pastes"):
        print(f"{key}: {sum(j.get(key, 0) for _, _, _, j in rows)}")


if __name__ == "__main__":
    main()
