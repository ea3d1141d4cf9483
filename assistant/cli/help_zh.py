"""The words typer puts around our own Chinese help texts (Options, [required], [default: …]), in Chinese.

typer reads them from module constants of ``typer.rich_utils`` when it renders help, so they are set once
before any help is shown. (``Usage:`` and the ``--help`` option's own text are literals inside typer's copy
of click, with no hook to change them.)
"""

from __future__ import annotations

import typer.rich_utils

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


def install() -> None:
    """Point typer's help words at Chinese (idempotent)."""
    for name, text in _TYPER_CONSTANTS.items():
        setattr(typer.rich_utils, name, text)
