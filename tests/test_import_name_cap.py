"""A 项目名称 longer than a name can be (200 characters, as briefs allow) is refused at import with a clear message,
from a text export and from a Word form (red team 2026-12-06 20h, finding 10: 600,000 characters were taken)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from assistant.corpus.store import read_source
from assistant.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
NAME = "组织部门建设和管理工作经费"


def _text(folder: Path, name: str) -> Path:
    lines = (ROOT / "corpus/raw/003_4c2dd59215bbba6d.txt").read_text(encoding="utf-8").splitlines()[:46]
    path = folder / "form.txt"
    path.write_text("\n".join(lines).replace(NAME, name, 1) + "\n", encoding="utf-8")
    return path


def _docx(folder: Path, name: str) -> Path:
    doc = Document()
    table = doc.add_table(rows=4, cols=4)
    cells = [["项目名称", name, "主管部门", "某区民政局"], ["一级指标", "二级指标", "三级指标", "指标值"]]
    cells += [
        ["产出指标", "数量指标", "助餐人次", "≥20000(人次)"],
        ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90(%)"],
    ]
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = folder / "form.docx"
    doc.save(str(path))
    return path


@pytest.mark.parametrize("make", [_text, _docx])
def test_a_giant_name_is_refused_and_a_long_one_kept(tmp_path, make):
    with pytest.raises(InputError) as caught:
        read_source(make(tmp_path, "哈" * 5_000))
    assert "5,000 个字" in caught.value.message and "200 字" in caught.value.message
    assert len(caught.value.message) < 300
    kept = read_source(make(tmp_path, "项" * 200)).declarations
    assert kept and kept[0].header.name == "项" * 200
