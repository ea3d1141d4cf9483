"""`assistant import --help` names every format `assistant import` reads (issue 25: the help listed fewer)."""

import re

from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.ingest.text_export import HTML_SUFFIXES
from assistant.office.importer import is_office_file

runner = CliRunner()


def test_import_help_names_every_format_the_readers_take():
    result = runner.invoke(app, ["import", "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    text = re.sub(r"[\s│]+", "", result.output)
    for suffix in (".docx", ".xlsx", ".xls", ".doc", ".wps", ".pdf", ".html", ".txt", "JSON"):
        assert suffix in text, suffix
    from pathlib import Path

    assert all(is_office_file(Path(f"a{s}")) for s in (".docx", ".xlsx", ".xls", ".doc", ".wps", ".pdf"))
    assert ".html" in HTML_SUFFIXES
