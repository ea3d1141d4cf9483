"""nu10 item 16 (small): an empty brief or page is called empty, not a malformed mapping or a form without a header.
The user's empty files, and variants of blank lines only."""

from pathlib import Path

import pytest

from assistant.domain.brief import load_brief
from assistant.errors import InputError, NotADeclarationError
from assistant.ingest.text_export import parse_file


@pytest.mark.parametrize("content", ["", "\n\n   \n", "# 只有注释\n"])
def test_an_empty_brief_is_said_empty(tmp_path: Path, content: str) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="是空的"):
        load_brief(path)


@pytest.mark.parametrize("content", ["", "\n \n\t\n"])
def test_an_empty_page_is_said_empty(tmp_path: Path, content: str) -> None:
    path = tmp_path / "page.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NotADeclarationError, match="是空的"):
        parse_file(path)
