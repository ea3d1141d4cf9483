"""The built wheel works outside the checkout: prompts and the corpus ship inside it (assistant/resources.py).

Builds the wheel from a copy of the sources, installs it into a fresh virtual environment whose only other
packages are this environment's dependencies (the checkout is on no path), and drafts the bundled example
with the rules from an empty directory.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "README.md", "assistant", "prompts", "corpus")


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{args[:3]} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "_data"))
        else:
            shutil.copy2(source, src / name)
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(src)])
    return next(out.glob("shenbao_assistant-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    purelib = Path(
        _run(
            [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
        ).stdout.strip()
    )
    # The dependencies come from this environment, appended after the new venv's own site-packages; a .pth line
    # adds a folder without running the .pth files inside it, so the checkout's editable hook stays out.
    (purelib / "_test_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "--no-deps",
            "--no-index",
            str(wheel),
        ]
    )
    return venv


def _clean_env(home: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_") and k not in {"PYTHONPATH", "VIRTUAL_ENV"}
    }
    return env | {"HOME": str(home), "XDG_DATA_HOME": str(home / "share"), "HF_HUB_OFFLINE": "1"}


def test_the_wheel_carries_prompts_and_corpus(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for prompt in (REPO / "prompts").glob("*.md"):
        assert f"assistant/_data/prompts/{prompt.name}" in names
    assert "assistant/_data/corpus/manifest.json" in names
    declarations = {n for n in names if n.startswith("assistant/_data/corpus/declarations/")}
    assert len(declarations) == len(list((REPO / "corpus" / "declarations").glob("*.json")))
    assert any(n.startswith("assistant/_data/corpus/policies/") for n in names)


def test_the_installed_wheel_drafts_from_an_empty_directory(installed: Path, tmp_path: Path) -> None:
    home, work = tmp_path / "home", tmp_path / "empty"
    home.mkdir()
    work.mkdir()
    env = _clean_env(home)
    where = _run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "import assistant.prompts as p; print(p.__file__); print(p.PROMPTS_DIR)",
        ],
        cwd=work,
        env=env,
    ).stdout.split()
    assert all(Path(w).is_relative_to(installed) for w in where), where
    _run(
        [str(installed / "bin" / "assistant"), "draft", "--example", "--llm", "none", "-o", "draft.json"],
        cwd=work,
        env=env,
    )
    draft = json.loads((work / "draft.json").read_text(encoding="utf-8"))
    assert draft["indicators"], "the rules drafted no indicator table"
    assert list(work.iterdir()) == [work / "draft.json"], (
        "nothing but the asked-for file is written to the working directory"
    )
    assert (home / "share" / "shenbao-assistant").is_dir(), "state goes to the user's data folder"
