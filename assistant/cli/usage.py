"""Usage errors of the command line (unknown option, missing argument, a value not among the choices…) in Chinese.

Click localises its messages only through the process-wide ``gettext`` domain and the environment's
language, which an application cannot switch for itself without a compiled catalogue and global side
effects; so the CLI reads the structured exception (its class and parameter, and the pydantic error
behind a value typer could not convert) and words it here. Typer ships its own copy of click from 0.29
(``typer._click``), older releases use click itself: the classes are taken from wherever typer's are.
"""

from __future__ import annotations

import re
import sys

import typer
from pydantic import ValidationError

from assistant.errors import printable, validation_error_text

_EXCEPTIONS = sys.modules[typer.BadParameter.__module__]
CLICK_ERROR: type[Exception] = _EXCEPTIONS.ClickException
USAGE_ERROR: type[Exception] = _EXCEPTIONS.UsageError
# A group called bare shows its help through this usage error (click >= 8.2): it is not a mistake.
SHOWS_HELP: tuple[type[Exception], ...] = tuple(c for c in [getattr(_EXCEPTIONS, "NoArgsIsHelpError", None)] if c)

_CHOICE = re.compile(r"'(?P<value>[^']*)' is not (?:one of )?(?P<choices>'.*')\.?$")
_QUOTED = re.compile(r"'([^']*)'")
_NO_COMMAND = re.compile(r"No such command '(.+)'")
_EXTRA = re.compile(r"unexpected extra argument(?:s|\(s\))? \((.*)\)", re.DOTALL)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLICK_TYPES = (
    ("valid integer", "应为整数"),
    ("valid float", "应为数字"),
    ("not in the range", "超出允许的范围"),
    ("does not exist", "路径不存在"),
)


def describe_usage_error(exc: Exception) -> tuple[str, str]:
    """(what was wrong, what to do), both in Chinese, for a click/typer usage error."""
    hint = f"运行 {_command_path(exc)} --help 查看可用的参数和选项"
    if isinstance(exc, _EXCEPTIONS.NoSuchOption):
        return _no_such_option(exc), hint
    if isinstance(exc, _EXCEPTIONS.MissingParameter):
        return _missing(exc), hint
    if isinstance(exc, _EXCEPTIONS.BadParameter):
        return _bad_value(exc), hint
    if isinstance(exc, _EXCEPTIONS.BadOptionUsage):
        return _option_usage(exc), hint
    return _general(exc)


def _command_path(exc: Exception) -> str:
    ctx = getattr(exc, "ctx", None)
    return ctx.command_path if ctx is not None else "assistant"


def _no_such_option(exc) -> str:
    name = str(exc.option_name)
    if re.match(r"-[\d.]", name):  # "-5万" after --field 资金.总额, --actual -5个, drafts show -1: a value
        return _dash_value(exc, name)
    message = f"没有 {printable(name)} 这个选项"
    if exc.possibilities:
        message += f"；是不是要用 {'、'.join(sorted(exc.possibilities))}？"
    return message


def _dash_value(exc, name: str) -> str:
    """What to write instead, for this command: an option's value joined by ``=`` (``--actual=-5个``; in ``--actual --
    -5个`` the ``--`` is taken as the option's value), --field's value and the arguments after ``--``. Where the command
    line shows which option the value was meant for, only that way is given."""
    ctx = getattr(exc, "ctx", None)
    params = list(ctx.command.params) if ctx is not None else []
    valued = [p for p in params if p.param_type_name == "option" and not p.is_flag and p.name != "field"]
    field = next((p for p in params if p.name == "field"), None)
    raw, before = _written(name)
    value = printable(raw)
    said = f"以减号开头的值（{value}）被当成了选项："
    if before is not None and field is not None and before in field.opts:
        return said + f"--field 的值请写在 -- 之后，如 --field 资金.总额 -- {value}"
    if before is not None and any(before in p.opts for p in valued):
        return (
            said
            + f"选项的值请用等号紧跟选项：{before}={value}（写成 {before} -- {value} 时，-- 被当作了 {before} 的值）"
        )
    ways = []
    if valued:
        ways.append(f"选项的值请用等号紧跟选项，如 {max(valued[0].opts, key=len)}={value}")
    if field is not None:
        ways.append(f"--field 的值写在 -- 之后，如 --field 资金.总额 -- {value}")
    if any(p.param_type_name == "argument" for p in params):
        ways.append(f"命令的参数写在 -- 之后，如 {_command_path(exc)} -- {value}")
    return said + "；".join(ways or ["请把它写在 -- 之后"])


_FIELD_OPTS = ("--field", "-f")  # drafts edit: the value follows the field's path


def _written(name: str) -> tuple[str, str | None]:
    """The value as the command line wrote it (click names only ``-5`` of ``-5个``) and the option written before it
    (``--actual -- -5个``; for ``--field 路径 -5万`` the --field), when the command line shows them."""
    argv = sys.argv[1:]
    at = next((n for n, token in enumerate(argv) if token.startswith(name)), None)
    if at is None:
        return name, None
    previous, two_back = (argv[at - 1] if at >= 1 else ""), (argv[at - 2] if at >= 2 else "")
    if previous == "--":  # --actual -- -5个
        option = two_back
    elif previous.startswith("-"):  # after a flag (--actual -5个 itself is read as the value, never an error)
        option = previous
    else:  # --field 路径 -5万; after an argument or another option's value, no option is meant
        option = two_back if two_back in _FIELD_OPTS else ""
    return argv[at], option if option.startswith("-") and option != "--" else None


def _param_label(exc) -> str:
    param = exc.param
    if param is None:
        hint = exc.param_hint if isinstance(exc.param_hint, str) else "、".join(exc.param_hint or [])
        return f"参数 {hint}".rstrip()
    if getattr(param, "param_type_name", "") == "option":
        return f"选项 {' / '.join(param.opts)}"
    return f"参数 {param.metavar or (param.name or '').upper()}"


def _missing(exc) -> str:
    help_text = getattr(exc.param, "help", None)
    return f"缺少{_param_label(exc)}" + (f"（{help_text}）" if help_text else "")


def _bad_value(exc) -> str:
    label, message = _param_label(exc), exc.message
    if _CJK.search(message):  # our own check, already worded for the user
        return f"{label}：{message}"
    choice = _CHOICE.search(message)
    if choice:
        choices = "、".join(_QUOTED.findall(choice["choices"]))
        return f"{label} 的值“{printable(choice['value'])}”不是可选值；可选值为 {choices}"
    cause = exc.__cause__
    if isinstance(cause, ValidationError) and cause.errors():
        error = cause.errors()[0]
        return f"{label} 的值“{printable(str(error.get('input', '')))}”无效：{validation_error_text(error)}"
    quoted = _QUOTED.search(message)
    value = f"“{printable(quoted[1])}”" if quoted else ""
    expected = next((chinese for english, chinese in _CLICK_TYPES if english in message), "请按 --help 中的说明填写")
    return f"{label} 的值{value}无效：{expected}"


def _option_usage(exc) -> str:
    if "does not take a value" in exc.message:
        return f"选项 {exc.option_name} 不带值（直接写 {exc.option_name} 即可）"
    return f"选项 {exc.option_name} 后面需要给出一个值"


def _general(exc) -> tuple[str, str]:
    path, message = _command_path(exc), exc.message
    no_command = _NO_COMMAND.search(message)
    if no_command:
        return f"没有 {printable(no_command[1])} 这个命令", f"运行 {path} --help 查看全部命令"
    extra = _EXTRA.search(message)
    if extra:
        return (
            f"多余的参数：{printable(extra[1])}",
            f"若一个参数中含有空格，请用引号括起来；运行 {path} --help 查看用法",
        )
    if "Missing command" in message:
        return "缺少子命令", f"运行 {path} --help 查看全部命令"
    if _CJK.search(message):
        return message, f"运行 {path} --help 查看用法"
    return "命令行的写法有误", f"运行 {path} --help 查看用法"
