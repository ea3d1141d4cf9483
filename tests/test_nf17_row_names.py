"""Indicator names made from briefs of kinds the corpus does not hold are whole phrases (nf17 item 2): a river-cleaning
service purchase, a community-canteen subsidy and an archive digitisation, each with its own counts and prices.
Before: 保洁单位对区管河道数量 (the agent and its 对 glued to what is counted), 社区长者食堂给予数量 (a light verb as the
action), 家补贴标准 (每家 cut to its measure word), 加工数字化卷数 and 到位处置时限 (an action word put before its verb).
Through the real CLI (`assistant suggest BRIEF.yaml --json`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import cli_env, ok

FIXTURES = Path(__file__).parent / "fixtures" / "nf17"
EXPECTED = {
    "river": {"区管河道数量": "≥78(条)", "处置到位时限": "≤2(小时)", "保洁河道长度": "≥156(公里)"},
    "canteen": {"社区长者食堂数量": "≥26(家)", "每家补贴标准": "=60000(元/家)"},
    "archive": {"数字化加工卷数": "≥4.8(万卷)", "数字化加工页数": "≥240(万页)", "加工完成时限": "2027年11月底前"},
}
GARBLED = ("单位对", "给予", "进行", "加工数字化", "到位处置")


@pytest.mark.parametrize("brief", sorted(EXPECTED))
def test_names_from_a_brief_of_a_new_kind_are_whole_phrases(brief, tmp_path, monkeypatch):
    cli_env(tmp_path, monkeypatch)
    rows = json.loads(ok(["suggest", str(FIXTURES / f"{brief}.yaml"), "--json"]).stdout)["suggestions"]
    names = {r["name"]: r["value"]["value"] for r in rows}
    for name, value in EXPECTED[brief].items():
        assert names.get(name) == value, names
    assert not [n for n in names if any(g in n for g in GARBLED)], names
    assert not [n for n in names if n[0] in "家人个户条" and n[1:3] in ("补贴", "补助")], names  # a cut 每X
