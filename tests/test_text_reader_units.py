"""The text-export reader applies the unit a group label names on a row of its own (``项目资金 (万元) |``, one
cell and its ``|`` on a line of a page copied as ``|`` rows) to the figures under it: the real 六安 page
(fixtures/real_pages/found/test3/luan_nongchanpin_zhijian.txt) had its 51.35 (万元) read as 51.35 元."""

from decimal import Decimal
from pathlib import Path

from assistant.ingest.assemble import BlockParser
from assistant.ingest.cells import is_loose_row, split_row
from assistant.ingest.notes import NoteSink
from assistant.ingest.text_export import decode, split_blocks, split_lines

PAGE = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found" / "test3" / "luan_nongchanpin_zhijian.txt"


def _text_reading(path: Path):
    data = path.read_bytes()
    notes = NoteSink()
    text = decode(data, path.name, notes)
    lines = split_lines(text, notes)
    loose = "\t" not in text and any(is_loose_row(line) for line in lines)
    rows = [split_row(i, line, loose=loose) for i, line in enumerate(lines, start=1)]
    return [
        BlockParser(b.layout, path.name, "sha", b.index).parse(b.rows) for b in split_blocks(rows, path.name, notes)
    ]


def test_a_cell_ending_in_its_pipe_is_the_cell_without_it():
    assert [c.raw for c in split_row(9, "项目资金 (万元) |", loose=True).cells] == ["项目资金 (万元)"]
    assert [c.raw for c in split_row(9, "其中:财政拨款 | 51.35 |", loose=True).cells] == ["其中:财政拨款", "51.35"]


def test_the_group_labels_wan_reaches_the_figures_under_it():
    (decl,) = _text_reading(PAGE)
    assert decl.funding.fiscal_annual == Decimal("513500.00")
    wan = [n for n in decl.parse_notes if n.code == "funding.wan_yuan"]
    assert wan and all("项目资金 (万元)" in n.message for n in wan)
    assert not any(n.fragment == "项目资金 (万元) |" for n in decl.parse_notes)
