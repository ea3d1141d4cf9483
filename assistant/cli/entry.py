"""The ``assistant`` command's entry point (and ``python -m assistant``).

``ask`` and ``chat`` run from `assistant.cli.qa_main`, which loads only what Q&A needs; every other command (and
``--help`` at the top) from `assistant.cli.main`, which registers them all.
"""

from __future__ import annotations

import os
import signal
import sys

QA_COMMANDS = frozenset({"ask", "chat"})


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in QA_COMMANDS:
        from assistant.cli.qa_main import app
    else:
        from assistant.cli.main import app
    try:
        try:
            app()
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        _closed_pipe()


def _closed_pipe() -> None:
    """The reader of our output went away (``assistant ask … | head``): stop quietly with the status a Unix tool
    killed by SIGPIPE has (128 + 13), pointing stdout at /dev/null so the exit's own flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(128 + signal.SIGPIPE)
