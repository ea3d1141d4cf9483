"""``assistant … | head``: a reader that goes away before the output is written ends the command quietly, with
a failure status and no message, not 程序内部出错（BrokenPipeError） (red team 2026-12-06 20h, finding
10). Real CLI processes whose stdout pipe is closed before they write."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "args", [["corpus", "list"], ["ask", "组织部门建设和管理工作经费2023年的资金总额是多少？", "--llm", "none"]]
)
def test_a_closed_pipe_ends_quietly(tmp_path, args):
    env = os.environ | {
        "PYTHONPATH": str(ROOT),
        "ASSISTANT_CORPUS__CORPUS_DIR": str(ROOT / "corpus"),
        "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader is gone before anything is written
    _, err = process.communicate(timeout=300)
    assert process.returncode in (1, 141), err  # click stops on EPIPE with 1; a failed final flush gives 141
    assert "程序内部出错" not in err and "Traceback" not in err and "Exception ignored" not in err, err
    assert not (tmp_path / "data" / "logs" / "cli.log").exists()
