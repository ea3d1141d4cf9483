"""``assistant serve``: the web workspace in a browser (Gradio); ``assistant users add``: who may log in to it."""

from __future__ import annotations

import faulthandler
import ipaddress
import signal
import threading
from types import FrameType
from typing import Annotated

import typer

from assistant.cli.wiring import open_services
from assistant.settings import LLMProvider

users_app = typer.Typer(help="网页工作台的用户：登录用的用户名和密码（密码只存加盐散列）。", no_args_is_help=True)


def serve(
    host: Annotated[
        str | None,
        typer.Option(
            "--host", help="监听地址；默认只在本机（127.0.0.1，设置项 ASSISTANT_WEB__HOST），0.0.0.0 对局域网开放。"
        ),
    ] = None,
    port: Annotated[
        int | None, typer.Option("--port", min=1, max=65535, help="端口；默认 7860（ASSISTANT_WEB__PORT）。")
    ] = None,
    login: Annotated[
        bool | None,
        typer.Option("--login/--no-login", help="要求登录（用户用 assistant users add 添加；ASSISTANT_WEB__LOGIN）。"),
    ] = None,
    llm: Annotated[
        LLMProvider | None, typer.Option("--llm", help="local（内置模型）、openai（配置的接口）或 none（不用模型）。")
    ] = None,
    origin: Annotated[
        list[str] | None,
        typer.Option(
            "--origin",
            help="经反向代理访问时，用户在浏览器中打开的地址（如 https://shenbao.example.gov.cn），可重复；"
            "来自这些页面的请求也被接受（设置项 ASSISTANT_WEB__PUBLIC_ORIGINS，逗号分隔）。",
        ),
    ] = None,
) -> None:
    """启动网页工作台：起草、版本、指标推荐、问答、语料库。浏览器打开 http://HOST:PORT 。"""
    from assistant.errors import InputError
    from assistant.settings import load_settings, parse_origins
    from assistant.web.app import launch

    try:
        origins = parse_origins(",".join(origin or []))
    except ValueError as exc:
        raise InputError(f"--origin 有误：{exc}", hint="例如 --origin https://shenbao.example.gov.cn") from None
    configured = load_settings().web
    host, port = host or configured.host, port or configured.port
    require_free_port(host, port)  # before the model starts and before the address is printed
    _stop_on_sigterm()
    with open_services(llm=llm) as services:  # closing the services stops the embedded model server
        web = services.settings.web
        login = web.login if login is None else login
        if (warning := network_warning(host, login=login)) is not None:
            typer.echo(warning, err=True)
        typer.echo(f"申报助手网页工作台：http://{host}:{port}（按 Ctrl+C 停止）", err=True)
        threading.Thread(target=services.runtime.warm, daemon=True, name="model-warm").start()
        try:
            launch(services, host=host, port=port, login=login, origins=origins)
        except OSError:  # taken between the check and the start (gradio: "Cannot find empty port")
            require_free_port(host, port)
            raise
    typer.echo("网页工作台已停止。", err=True)


def network_warning(host: str, *, login: bool) -> str | None:
    """The warning for a workbench others on the network can reach with no sign-in (red team rt14 F6): any address
    but loopback (127.0.0.0/8, ::1, localhost) without ``--login``; None otherwise."""
    if login or host.strip().lower() == "localhost":
        return None
    try:
        if ipaddress.ip_address(host.strip().strip("[]")).is_loopback:
            return None
    except ValueError:  # a host name: it may resolve to an address others reach
        pass
    return (
        f"警告：网页工作台监听 {host}，且未要求登录：同一网络中的任何人都能打开、修改和导出所有草稿。"
        "如需在网络上使用，请先用 assistant users add 用户名 添加用户，再加 --login 启动"
        "（或设置 ASSISTANT_WEB__LOGIN=true）；只在本机使用请去掉 --host（默认 127.0.0.1）。"
    )


def require_free_port(host: str, port: int) -> None:
    """`InputError` (Chinese) when ``host:port`` cannot be listened on: the port taken by another program (red team
    rt13 #8: this was 程序内部出错（OSError）, after the address had been printed), no permission, no such address."""
    import errno
    import socket

    from assistant.errors import InputError

    other = f"请用 --port 指定另一个端口（如 assistant serve --port {port + 1 if port < 65535 else 8000}），或设置 ASSISTANT_WEB__PORT"
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError):
        raise InputError(
            f"监听地址 {host} 无法识别，网页工作台未启动", hint="请用 --host 写本机的 IP 地址，如 127.0.0.1 或 0.0.0.0"
        ) from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the web server does: TIME_WAIT is no owner
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise InputError(
                    f"端口 {port} 已被占用（{host}:{port} 上已有别的程序在监听），网页工作台未启动",
                    hint=f"{other}；或先停止占用该端口的程序",
                ) from None
            if exc.errno == errno.EACCES:
                raise InputError(
                    f"没有权限监听端口 {port}（1024 以下的端口需要管理员权限），网页工作台未启动", hint=other
                ) from None
            raise InputError(
                f"无法在 {host}:{port} 上监听（{exc.strerror or exc}），网页工作台未启动",
                hint=f"请检查 --host 是否为本机的地址（如 127.0.0.1 或 0.0.0.0）；{other}",
            ) from None


def _stop_on_sigterm() -> None:
    """SIGTERM (``kill``, systemd, a container stop) and SIGINT end serve as Ctrl+C does: the page server closes and
    the services close, which stops the embedded model server, instead of the process dying with its server left
    running. SIGINT is set too: a serve started in the background by a shell inherits SIGINT *ignored*, and Python
    then installs no Ctrl+C handler, so ``kill -INT`` did nothing (the serve-process test hung that way in a suite
    run started in the background)."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    # ``kill -USR1 <pid>`` prints every thread's stack to stderr: how a serve that will not stop is diagnosed.
    faulthandler.register(signal.SIGUSR1, all_threads=True)


@users_app.command("add")
def add_user(name: Annotated[str, typer.Argument(help="用户名")]) -> None:
    """添加用户或修改其密码（交互输入，至少 8 位）。"""
    from assistant.services.users import normalise_name

    normalise_name(name)  # a name that cannot be stored is refused before the password is typed twice
    password = typer.prompt("密码", hide_input=True, confirmation_prompt="再输入一次")
    with open_services() as services:
        stored = services.users.set_password(name, password)
    typer.echo(f"已保存用户 {stored}。启动时加 --login（或设置 ASSISTANT_WEB__LOGIN=true）即要求登录。")


@users_app.command("list")
def list_users() -> None:
    """列出网页工作台的用户及其能否登录。"""
    from assistant.services.login_limits import wait_text

    with open_services() as services:
        accounts = services.users.accounts()
    if not accounts:
        typer.echo("还没有用户：用 assistant users add 用户名 添加。")
    for account in accounts:
        state = "可登录" if account.can_log_in else "已停用"
        if account.locked_s > 0:
            state += (
                f"（从 {account.locked_addresses} 个地址登录失败次数过多，这些地址暂停登录，"
                f"还剩 {wait_text(account.locked_s)}；unlock 可解除）"
            )
        typer.echo(f"{account.name}\t{state}")


@users_app.command("disable")
def disable_user(name: Annotated[str, typer.Argument(help="用户名")]) -> None:
    """停用用户：不能再登录（已登录的会话在 30 秒内结束），其草稿保留；用 reset 重设密码即恢复。"""
    with open_services() as services:
        stored = services.users.disable(name)
    typer.echo(f"已停用用户 {stored}。")


@users_app.command("unlock")
def unlock_user(name: Annotated[str, typer.Argument(help="用户名")]) -> None:
    """解除用户因登录失败次数过多而被暂停的登录（所有地址），密码不变。"""
    with open_services() as services:
        stored, count = services.users.unlock(name)
    if count:
        typer.echo(f"已解除用户 {stored} 的登录暂停（{count} 个地址），密码未改动。")
    else:
        typer.echo(f"用户 {stored} 当前没有被暂停登录，已清除其登录失败记录。")


@users_app.command("reset")
def reset_user(name: Annotated[str, typer.Argument(help="用户名")]) -> None:
    """为已有用户重设密码（交互输入，至少 8 位）；已停用或因登录失败过多而暂停的用户随之恢复。"""
    password = typer.prompt("新密码", hide_input=True, confirmation_prompt="再输入一次")
    with open_services() as services:
        stored = services.users.reset(name, password)
    typer.echo(f"已重设用户 {stored} 的密码。")
