"""`--help` reads in Chinese: our command and option texts, and the panel titles and markers typer adds (real CLI)."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from assistant.cli.main import app

runner = CliRunner()
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("args", [["--help"], ["search", "--help"], ["export", "--help"], ["drafts", "show", "--help"]])
def test_help_panels_and_markers_are_chinese(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "选项" in result.output
    assert "显示本帮助并退出" in result.output
    for english in ("─ Options", "─ Arguments", "─ Commands", "[required]", "[default:", "Show this message"):
        assert english not in result.output


def test_every_command_and_option_has_chinese_help() -> None:
    def walk(command, path: str):
        yield path, command.help or ""
        for param in command.params:
            if param.name != "help":
                yield f"{path} {param.name}", getattr(param, "help", None) or ""
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}")

    english = [where for where, text in walk(typer.main.get_command(app), "assistant") if not HAN.search(text)]
    assert english == []
