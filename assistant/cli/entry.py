"""The ``assistant`` command's entry point (and ``python -m assistant``).

``ask`` and ``chat`` run from `assistant.cli.qa_main`, which loads only what Q&A needs; every other command (and
``--help`` at the top) from `assistant.cli.main`, which registers them all.
"""

from __future__ import annotations

import sys

QA_COMMANDS = frozenset({"ask", "chat"})


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in QA_COMMANDS:
        from assistant.cli.qa_main import app
    else:
        from assistant.cli.main import app
    app()
