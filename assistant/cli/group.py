"""The command group every ``assistant`` command runs in: user errors, usage errors included, become a Chinese
message and exit code 2, never a traceback; an unexpected error is logged to ``data_dir/logs/cli.log``."""

from __future__ import annotations

import logging

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from assistant.cli.usage import CLICK_ERROR, SHOWS_HELP, USAGE_ERROR, describe_usage_error
from assistant.errors import AssistantError
from assistant.settings import load_settings

HELP = "申报助手：财政项目支出绩效目标申报表的起草、指标建议与审核工具。"


def _refuse(message: str, hint: str | None) -> typer.Exit:
    typer.echo(f"错误：{message}", err=True)
    if hint:
        typer.echo(f"建议：{hint}", err=True)
    return typer.Exit(2)


class CommandGroup(TyperGroup):
    """User errors, usage errors included, become a Chinese message and exit code 2, never a traceback."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except USAGE_ERROR as exc:  # the top level's own options (assistant --bogus)
            if isinstance(exc, SHOWS_HELP):
                raise
            raise _refuse(*describe_usage_error(exc)) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except AssistantError as exc:
            raise _refuse(exc.message, exc.hint) from None
        except USAGE_ERROR as exc:
            if isinstance(exc, SHOWS_HELP):
                raise
            raise _refuse(*describe_usage_error(exc)) from None
        except (typer.Abort, KeyboardInterrupt):
            typer.echo("已中止，操作未完成。", err=True)
            raise typer.Exit(1) from None
        except (typer.Exit, TyperException, CLICK_ERROR, BrokenPipeError):
            raise  # a closed pipe (| head) ends quietly in `assistant.cli.entry`
        except Exception as exc:
            log = _log_unexpected(exc)
            typer.echo(f"错误：程序内部出错（{type(exc).__name__}），操作未完成。", err=True)
            typer.echo(f"建议：请检查输入后重试；详细信息已写入 {log}，报告问题时请附上该文件。", err=True)
            raise typer.Exit(3) from None


def _log_unexpected(exc: Exception) -> str:
    """Append the traceback to ``data_dir/logs/cli.log``; the path shown to the user (or stderr's name if unwritable)."""
    try:
        path = load_settings().data_dir / "logs" / "cli.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except (OSError, AssistantError):
        return "（无法写入日志）"
    logger = logging.getLogger("assistant.cli")
    logger.addHandler(handler)
    try:
        logger.error("unexpected error", exc_info=exc)
    finally:
        logger.removeHandler(handler)
        handler.close()
    return str(path)


def new_app() -> typer.Typer:
    """The top-level ``assistant`` command group (the full CLI and the fast ``ask``/``chat`` entry share it)."""
    return typer.Typer(
        name="assistant",
        cls=CommandGroup,
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
