"""The ``assistant`` command. It only parses arguments, calls services and renders their results."""

from __future__ import annotations

from assistant.cli import (
    ask_cmd,
    corpus_cmd,
    cycle_cmd,
    draft_cmd,
    drafts_cmd,
    eval_cmd,
    help_zh,
    index_cmd,
    office_cmd,
    policies_cmd,
    review_cmd,
    selfeval_cmd,
    serve_cmd,
    suggest_cmd,
)
from assistant.cli.group import new_app

help_zh.install()
app = new_app()
app.add_typer(corpus_cmd.app, name="corpus")
app.add_typer(index_cmd.app, name="index")
app.command("search")(index_cmd.search)
app.command("rules")(review_cmd.rules)
app.command("policies")(policies_cmd.policies)
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
app.add_typer(cycle_cmd.monitor_app, name="monitor")
app.add_typer(selfeval_cmd.selfeval_app, name="selfeval")


def main() -> None:
    app()
