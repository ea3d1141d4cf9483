"""Bad input: clear errors naming the file, partial reads with line-numbered notes, never a crash."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import InputError, NotADeclarationError
from assistant.ingest.text_export import parse_file, parse_text_bytes

RAW = Path(__file__).resolve().parent.parent / "corpus" / "raw"
SEED_2023 = (RAW / "003_4c2dd59215bbba6d.txt").read_text(encoding="utf-8")


def test_not_a_declaration_names_the_file(tmp_path):
    path = tmp_path / "菜谱.txt"
    path.write_text("番茄炒蛋\n鸡蛋 两个\n", encoding="utf-8")
    with pytest.raises(NotADeclarationError) as err:
        parse_file(path)
    assert "菜谱.txt" in err.value.message and "不是绩效目标申报表" in err.value.message


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="无法读取文件"):
        parse_file(tmp_path / "nope.txt")


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError):
        parse_file(path)


def test_gbk_file_is_read_and_reported(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SEED_2023.encode("gbk"))
    result = parse_file(path)
    assert len(result.declarations) == 6
    assert [n.code for n in result.notes] == ["encoding.gbk"]
    assert result.declarations[0].header.name == "组织部门建设和管理工作经费"


def test_utf8_bom_is_stripped_and_reported(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SEED_2023.encode("utf-8"))
    result = parse_file(path)
    assert len(result.declarations) == 6
    assert [n.code for n in result.notes] == ["encoding.bom"]


def test_truncated_file_gives_what_could_be_read(tmp_path):
    lines = SEED_2023.split("\n")
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(lines[:30]), encoding="utf-8")  # stops inside the first indicator table
    decl = parse_file(path).declarations[0]
    assert decl.header.name == "组织部门建设和管理工作经费"
    assert len(decl.indicators) == 12


def test_unknown_cells_become_notes_with_line(tmp_path):
    text = SEED_2023.replace("主管部门\t中共上海市委组织部", "主管部门\t中共上海市委组织部\t多出来的单元格", 1)
    result = parse_text_bytes(text.encode("utf-8"), "x.txt")
    notes = result.declarations[0].parse_notes
    assert any(n.fragment == "多出来的单元格" and n.line == 8 for n in notes)


def test_content_before_the_first_title_is_reported():
    result = parse_text_bytes(("说明文字\n" + SEED_2023).encode("utf-8"), "x.txt")
    assert any(n.fragment == "说明文字" and n.line == 1 for n in result.notes)


@given(st.text(max_size=400))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_arbitrary_text_never_crashes(text):
    try:
        result = parse_text_bytes(text.encode("utf-8"), "random.txt")
    except NotADeclarationError:
        return
    for decl in result.declarations:
        json.loads(decl.model_dump_json())


# Cells of a random alphabet that cannot form a label, a category or a value keyword.
_cell = st.text(alphabet="甲乙丙丁戊己庚辛壬癸", min_size=1, max_size=6)
_row = st.lists(st.one_of(st.just(""), _cell), min_size=1, max_size=6).map("\t".join)


@given(st.lists(_row, min_size=1, max_size=8), st.integers(min_value=0, max_value=40))
@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
def test_nothing_is_silently_dropped(extra_rows, at):
    """Rows spliced into a real declaration: every one of their cells is kept as content or in a note."""
    lines = SEED_2023.split("\n")[:42]
    at = 7 + at % 35  # after the first title block begins
    spliced = lines[:at] + extra_rows + lines[at:]
    result = parse_text_bytes("\n".join(spliced).encode("utf-8"), "spliced.txt")
    dumped = "".join(d.model_dump_json() for d in result.declarations) + "".join(
        n.model_dump_json() for n in result.notes
    )
    dumped = json.loads(json.dumps(dumped))
    for row in extra_rows:
        for cell in filter(None, row.split("\t")):
            assert cell in dumped, cell
