"""A Big5 (Traditional Chinese) text file is named for its encoding, not refused as 不是绩效目标申报表 (red team
2026-12-06 20h, finding 10); GBK exports still read. Real seed text, encoded here."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus.store import read_source
from assistant.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SEED = "\n".join((ROOT / "corpus/raw/003_4c2dd59215bbba6d.txt").read_text(encoding="utf-8").splitlines()[:46]) + "\n"
TRADITIONAL = (
    "財政項目支出績效目標申報表\n(2023年度)\n項目名稱\t組織部門建設和管理工作經費\t項目性質\t經常性項目\n"
    "主管部門\t中共上海市委組織部\t實施單位\t中共上海市委組織部\n項目資金總額\t9,382,600.00\n"
)


@pytest.mark.parametrize(
    "data",
    [TRADITIONAL.encode("big5"), SEED.encode("big5", errors="replace")],
    ids=["traditional", "converted-with-replacements"],
)
def test_a_big5_text_file_is_named_as_big5(tmp_path, data):
    path = tmp_path / "form.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert "Big5" in caught.value.message and "不是绩效目标申报表" not in caught.value.message
    assert "UTF-8" in (caught.value.hint or "")


def test_a_gbk_export_still_reads(tmp_path):
    path = tmp_path / "form.txt"
    path.write_bytes(SEED.encode("gbk"))
    assert read_source(path).declarations[0].header.name == "组织部门建设和管理工作经费"
