"""The words typer puts around our own Chinese help texts (Options, [required], [default: …]), in Chinese.

typer reads them from module constants of ``typer.rich_utils`` when it renders help, so they are set once
before any help is shown. The ``--help`` option's own text is a literal inside typer's copy of click, so the
decorator that builds that option is wrapped to put the Chinese text on the option it adds. (``Usage:`` is a
literal in the formatter, with no hook to change it.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import typer._click.decorators as click_decorators
import typer.rich_utils
from typer._click.core import Command
from typer.core import TyperOption

_TYPER_CONSTANTS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "DEPRECATED_STRING": "（已停用）",
    "ERRORS_PANEL_TITLE": "错误",
    "ABORTED_TEXT": "已中止。",
}


HELP_OPTION_TEXT = "显示本帮助并退出。"


def install() -> None:
    """Point typer's help words at Chinese (idempotent)."""
    for name, text in _TYPER_CONSTANTS.items():
        setattr(typer.rich_utils, name, text)
    if not getattr(click_decorators.help_option, "_zh", False):
        # typer's own name for it is typed as that exact function; the wrapper has the same call shape.
        click_decorators.help_option = cast(Any, _chinese_help_option(click_decorators.help_option))


HelpOption = Callable[[list[str]], Callable[[Command], Command]]


def _chinese_help_option(original: HelpOption) -> HelpOption:
    """Wrap typer's ``help_option`` so the option it appends to a command carries the Chinese text."""

    def help_option(param_decls: list[str]) -> Callable[[Command], Command]:
        add = original(param_decls)

        def decorator(command: Command) -> Command:
            command = add(command)
            option = command.params[-1]
            if isinstance(option, TyperOption):
                option.help = HELP_OPTION_TEXT
            return command

        return decorator

    help_option._zh = True  # type: ignore[attr-defined]
    return help_option
