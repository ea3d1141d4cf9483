"""Red team rt8 R8: a numeric target whose number cannot be read (``≥1,200.5.3(次)``) is refused at the edit instead
of being saved as a qualitative value that no self-evaluation can score. The real CLI on a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import cli_env, runner
from cli_support import ok as _ok

from assistant.cli.main import app
from assistant.domain.values import mistyped_number


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


@pytest.mark.parametrize("text", ["≥1,200.5.3(次)", "≥1..2(个)", "＞1e3(次)", "=9.9.9（%）"])
def test_a_mistyped_numeric_target_is_refused_at_the_edit(data_dir: Path, text: str) -> None:
    _ok(["draft", "--example"])
    before = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)
    refused = runner.invoke(app, ["drafts", "edit", "1", "--field", "indicator.1.value", text])
    assert refused.exit_code == 2 and "数字无法读取" in refused.output and "Traceback" not in refused.output
    after = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)
    assert after == before  # nothing saved


def test_a_readable_numeric_or_a_qualitative_value_is_still_saved(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    _ok(["drafts", "edit", "1", "--field", "indicator.1.value", "≥1200(次)"])
    _ok(["drafts", "edit", "1", "--field", "indicator.2.value", "按时完成年度运维报告"])
    rows = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)["draft"]["indicators"]
    assert rows[0]["value"]["number"] is not None and rows[1]["value"]["kind"] == "qualitative"


@pytest.mark.parametrize("text", ["≥1200(次)", "=100(%)", "≥90%", "按时完成", "2027年12月(前)", "≥ 1200 (次)"])
def test_readable_and_qualitative_values_are_not_called_mistyped(text: str) -> None:
    assert not mistyped_number(text)


# ---- R9: saved web pages in UTF-16, or declaring a charset their bytes are not in ---------------------------------

_WEB = Path(__file__).resolve().parent / "fixtures" / "web" / "web-01-pipes-batch-title.txt"


def _page(meta: str) -> str:
    """The fixture's ``|`` rows as an HTML table (other lines as paragraphs), with ``meta`` in the head."""
    import html

    body, rows = [], []
    for line in _WEB.read_text(encoding="utf-8").splitlines():
        if "|" in line:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
            continue
        if rows:
            body.append("<table>" + "".join(rows) + "</table>")
            rows = []
        body.append(f"<p>{html.escape(line)}</p>")
    if rows:
        body.append("<table>" + "".join(rows) + "</table>")
    return f"<!DOCTYPE html><html><head>{meta}<title>t</title></head><body>" + "\n".join(body) + "</body></html>"


@pytest.mark.parametrize(
    ("meta", "encoding"),
    [
        ('<meta charset="utf-16">', "utf-16"),  # with a BOM, as Word's 网页 in Unicode writes
        ('<meta charset="utf-16">', "utf-16-le"),  # no BOM
        ('<meta charset="iso-8859-1">', "utf-8"),  # a wrong single-byte charset
        ('<meta charset="utf-16">', "utf-8"),  # a wrong UTF-16 claim
        ('<meta charset="big5">', "utf-8"),
        ('<meta charset="gb2312">', "gb18030"),
    ],
)
def test_a_saved_page_reads_whatever_its_encoding_says(tmp_path: Path, meta: str, encoding: str) -> None:
    from assistant.ingest.text_export import parse_file

    path = tmp_path / "page.html"
    path.write_bytes(_page(meta).encode(encoding))
    reference = tmp_path / "utf8.html"
    reference.write_bytes(_page('<meta charset="utf-8">').encode("utf-8"))
    read, expected = parse_file(path).declarations, parse_file(reference).declarations
    assert [d.header.name for d in read] == [d.header.name for d in expected] and expected
    assert [len(d.indicators) for d in read] == [len(d.indicators) for d in expected]


def test_a_page_with_no_chinese_after_decoding_is_called_an_encoding_problem(tmp_path: Path) -> None:
    from assistant.errors import InputError
    from assistant.ingest.text_export import parse_file

    path = tmp_path / "page.htm"
    path.write_bytes(_page('<meta charset="iso-8859-1">').encode("gb18030"))  # GBK bytes read as Latin-1
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert "编码" in caught.value.message and "iso-8859-1" in caught.value.message


def test_review_flags_a_saved_mistyped_target_and_nothing_in_the_corpus(corpus) -> None:
    from assistant.domain.values import parse_value
    from assistant.review.engine import review

    decl = corpus.declarations[0]
    first = decl.indicators[0].model_copy(update={"value": parse_value("≥1,200.5.3(次)")})
    odd = decl.model_copy(update={"indicators": [first, *decl.indicators[1:]]})
    assert [f.rule_id for f in review(odd).findings].count("VAL-NUMBER-UNREADABLE") == 1
    assert not [f for d in corpus.declarations for f in review(d).findings if f.rule_id == "VAL-NUMBER-UNREADABLE"]
