"""``assistant ask`` and ``assistant chat`` on their own: the same commands, options and error handling as in
`assistant.cli.main`, without loading the modules of the other commands (drafting chain, model client, draft
store, Office export, cycle forms), so that a fresh ``assistant ask`` a pattern reads answers in about a second.
`assistant.cli.entry` picks this app for those two commands."""

from __future__ import annotations

from assistant.cli import ask_cmd, help_zh
from assistant.cli.group import new_app

help_zh.install()
app = new_app()
app.command("ask")(ask_cmd.ask)
app.command("chat")(ask_cmd.chat)
