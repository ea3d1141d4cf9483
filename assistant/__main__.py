"""``python -m assistant …`` runs the same CLI as the ``assistant`` command."""

from assistant.cli.entry import main

main()
