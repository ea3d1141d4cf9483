"""`assistant eval`: every suite of evals/ in one report, with the generic-RAG baseline side by side."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.cli.wiring import open_services
from assistant.errors import InputError
from assistant.settings import LLMProvider

_err = Console(stderr=True)


class _Bar:
    """The runner's progress as a rich bar on stderr."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def start(self, total: int) -> None:
        self.task = self.progress.add_task("评测", total=total)

    def step(self, label: str) -> None:
        if self.task is not None:
            self.progress.update(self.task, advance=1, description=label)


def eval_(
    quick: Annotated[bool, typer.Option("--quick", help="只起草少量申报表和简报（2 核机器上约 10 分钟内）。")] = False,
    compare: Annotated[
        tuple[Path, Path] | None, typer.Option("--compare", help="比较两次运行的 report.json，打印差异表，不运行评测。")
    ] = None,
    llm: Annotated[
        LLMProvider | None,
        typer.Option("--llm", help="local（内置模型）、openai（配置的接口）或 none（不用模型，基线不运行）。"),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="每个套件最多运行的用例数（检查流程用）。")
    ] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option(
            "--skip",
            help="跳过的部分，可重复：retrieval indicators types review qa qa-officer store office drafting-loo drafting-types。",
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="报告目录，默认为检出目录的 evals/。")] = None,
    max_minutes: Annotated[
        float | None,
        typer.Option(
            "--max-minutes",
            min=0,
            help="超过这么多分钟后不再开始新的起草用例（已缓存的照常计入），报告列出未运行的用例。",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="不取 data/eval-cache 中已完成的用例，全部重跑。")
    ] = False,
) -> None:
    """运行 evals/ 下的全部评测，写出 evals/report.md、report.json 和图表；已完成的起草用例缓存在 data/eval-cache，中断后可续跑。"""
    if compare is not None:
        _print_comparison(*compare)
        return
    from assistant.evals.report import write_report
    from assistant.evals.runner import ALL_PARTS, EvalOptions, default_evals_dir, run_eval

    unknown = sorted(set(skip or []) - set(ALL_PARTS))
    if unknown:
        raise InputError(f"--skip 不认识：{'、'.join(unknown)}", hint=f"可选：{' '.join(ALL_PARTS)}")
    with open_services(llm=llm) as services:  # the eval harness runs its own model and corpora: only the settings
        settings = services.settings
    options = EvalOptions(
        quick=quick, limit=limit, skip=frozenset(skip or []), evals_dir=default_evals_dir(), max_minutes=max_minutes
    )
    if no_cache:
        options.cache_dir = settings.data_dir / "eval-cache-off"
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=_err, transient=False) as progress:
        run = run_eval(settings, options, _Bar(progress))
    written = write_report(run, out or options.evals_dir)
    typer.echo("已写出：" + "、".join(str(p) for p in written))


def _print_comparison(a: Path, b: Path) -> None:
    from assistant.evals.report import compare

    for path in (a, b):
        if not path.is_file():
            raise InputError(f"找不到评测结果文件：{path}", hint="请给出 assistant eval 写出的 report.json")
    try:
        rows = compare(a, b)
    except (ValueError, KeyError) as exc:
        raise InputError(f"不是 assistant eval 写出的 report.json：{exc}", hint="请给出两个 report.json") from None
    table = Table("指标", f"A：{a.name}", f"B：{b.name}", "B − A")
    for key, x, y, diff in rows:
        table.add_row(key, _num(x), _num(y), "" if diff in (None, 0) else f"{diff:+g}")
    Console().print(table)


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"
