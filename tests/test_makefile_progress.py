"""`make demo`'s install says what it compiles, and for how long, before the long silent llama-cpp-python build."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_install_announces_the_llama_compile_before_it_starts(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    done = subprocess.run(
        ["make", "-n", "-B", f"VENV={venv}", f"{venv}/.installed"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    build = next(i for i, line in enumerate(lines) if "pip install" in line and "llama-cpp-python" in line)
    notice = [i for i, line in enumerate(lines[:build]) if "llama-cpp-python" in line and "echo" in line]
    assert notice, "no progress line before the llama-cpp-python build"
    text = lines[notice[-1]]
    assert "编译" in text and "分钟" in text and "2 核" in text
