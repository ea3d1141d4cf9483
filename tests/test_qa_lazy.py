"""Issue 24: a question the patterns read, asked in a fresh ``assistant ask`` process, loads neither the model client
(langchain, openai), the index (chromadb), the draft store (SQLAlchemy) nor the Office readers (openpyxl,
python-docx): those load only on the paths that need them. (Its latency is measured by evals/qa/bench.py.)"""

from qa_support import fresh_python

HEAVY = ("langchain_core", "openai", "chromadb", "sqlalchemy", "openpyxl", "docx", "assistant.drafting.chain")
PROBE = """
import sys
sys.argv = ["assistant", "ask", "信访平台的预算是多少？", "--llm", "none"]
from assistant.cli.entry import main
try:
    main()
except SystemExit as done:
    assert not done.code, done.code
print("LOADED", [name for name in {heavy!r} if name in sys.modules])
"""


def test_a_parser_read_question_loads_no_model_index_store_or_office_module():
    stdout = fresh_python(PROBE.format(heavy=HEAVY))
    assert "1,148,240.00 元" in stdout
    assert stdout.strip().splitlines()[-1] == "LOADED []", stdout[-500:]


def test_the_full_cli_still_registers_every_command():
    from assistant.cli.main import app

    names = {command.name for command in app.registered_commands} | {group.name for group in app.registered_groups}
    assert {"ask", "chat", "draft", "check", "suggest", "eval", "serve", "monitor", "selfeval"} <= names
