"""The words typer puts around our own Chinese help texts (Options, [required], [default: …]), in Chinese.

typer reads them from module constants of ``typer.rich_utils`` when it renders help, so they are set once
before any help is shown. The ``--help`` option's own text is a literal inside typer's copy of click, so the
decorator that builds that option is wrapped to put the Chinese text on the option it adds. The rest are not
constants: ``Usage:`` (the formatter's default prefix), ``[OPTIONS]`` / ``COMMAND [ARGS]...`` (the usage pieces) and
the value placeholders (``<str>``, ``<int>``, ``<path>``; ``<bool>`` beside a flag that takes no value) are
rewritten by wrapping the methods that produce them (a new user read ``<str>`` and ``[OPTIONS]`` as unexplained).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import typer._click.decorators as click_decorators
import typer.rich_utils
from typer._click.core import Command
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperGroup, TyperOption

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
USAGE_PREFIX = "用法："
_USAGE_PIECES = {"[OPTIONS]": "[选项]", "COMMAND": "命令", "[ARGS]...": "[参数]..."}
_TYPE_WORDS = {
    "str": "文字",
    "int": "整数",
    "float": "数字",
    "path": "路径",
    "file": "文件",
    "directory": "目录",
    "datetime": "日期",
}


def install() -> None:
    """Point typer's help words at Chinese (idempotent)."""
    for name, text in _TYPER_CONSTANTS.items():
        setattr(typer.rich_utils, name, text)
    if not getattr(click_decorators.help_option, "_zh", False):
        # typer's own name for it is typed as that exact function; the wrapper has the same call shape.
        click_decorators.help_option = cast(Any, _chinese_help_option(click_decorators.help_option))
    if not getattr(HelpFormatter.write_usage, "_zh", False):
        HelpFormatter.write_usage = _chinese_usage(HelpFormatter.write_usage)  # type: ignore[method-assign]
        for command in (Command, TyperGroup):  # a group appends its COMMAND [ARGS]... after Command's pieces
            command.collect_usage_pieces = _chinese_pieces(command.collect_usage_pieces)  # type: ignore[method-assign]
        for kind in (TyperOption, TyperArgument):
            kind.display_type_rich = _chinese_type(kind.display_type_rich)  # type: ignore[method-assign]


def _chinese_usage(original: Callable[..., None]) -> Callable[..., None]:
    def write_usage(self: HelpFormatter, prog: str, args: str = "", prefix: str | None = None) -> None:
        original(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

    write_usage._zh = True  # type: ignore[attr-defined]
    return write_usage


def _chinese_pieces(original: Callable[..., list[str]]) -> Any:  # Any: it replaces methods of two classes
    def collect_usage_pieces(self: Command, ctx: Any) -> list[str]:
        return [" ".join(_USAGE_PIECES.get(word, word) for word in piece.split(" ")) for piece in original(self, ctx)]

    return collect_usage_pieces


def _chinese_type(original: Callable[..., str | None]) -> Any:  # Any: it replaces methods of two classes
    """``<str>`` → ``<文字>``, ``<int>`` → ``<整数>``…; a flag (``--force``: no value) shows no placeholder."""

    def display_type_rich(self: TyperOption | TyperArgument, ctx: Any) -> str | None:
        shown = original(self, ctx)
        if shown is None or (isinstance(self, TyperOption) and self.metavar is not None):
            return shown  # an option's own metavar is ours, already in Chinese
        if isinstance(self, TyperOption) and self.is_flag:
            return None
        return re.sub(r"(?<=<)(\w+)(?=(?:\.\.\.)?>|\.\.\.)", lambda m: _TYPE_WORDS.get(m[1], m[1]), shown)

    return display_type_rich


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
