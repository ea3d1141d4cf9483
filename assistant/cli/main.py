"""The ``assistant`` command. It only parses arguments, calls services and renders their results."""

from __future__ import annotations

import typer
from typer.core import TyperGroup

from assistant.cli import ask_cmd, corpus_cmd, draft_cmd, drafts_cmd, eval_cmd, index_cmd, office_cmd, review_cmd, serve_cmd, suggest_cmd
from assistant.errors import AssistantError


class _Group(TyperGroup):
    """User errors become a Chinese message and exit code 2, never a traceback."""

    def invoke(self, ctx):  # noqa: ANN001, ANN201 - click signature
        try:
            return super().invoke(ctx)
        except AssistantError as exc:
            typer.echo(f"错误：{exc.message}", err=True)
            if exc.hint:
                typer.echo(f"建议：{exc.hint}", err=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    name="assistant",
    cls=_Group,
    help="申报助手：财政项目支出绩效目标申报表的起草、指标建议与审核工具。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(corpus_cmd.app, name="corpus")
app.add_typer(index_cmd.app, name="index")
app.command("search")(index_cmd.search)
app.command("rules")(review_cmd.rules)
app.command("check")(review_cmd.check)
app.command("suggest")(suggest_cmd.suggest)
app.command("draft")(draft_cmd.draft)
app.add_typer(drafts_cmd.app, name="drafts")
app.command("ask")(ask_cmd.ask)
app.command("chat")(ask_cmd.chat)
app.command("export")(office_cmd.export)
app.command("import")(office_cmd.import_)
app.command("serve")(serve_cmd.serve)
app.add_typer(serve_cmd.users_app, name="users")
app.command("eval")(eval_cmd.eval_)


def main() -> None:
    app()
