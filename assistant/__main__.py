"""``python -m assistant …`` runs the same CLI as the ``assistant`` command."""

from assistant.cli.main import main

main()
