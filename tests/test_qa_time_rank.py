"""Rankings by a time target (issue 24, q10c): 最短/最快 rank the named indicator's number upwards, 最长 downwards,
ties shown, a blank cell listed apart and not ranked. Real corpus, real parser, no model; gold from the raw JSON."""

from qa_support import DECLS, ask


def _values(name: str) -> dict[str, str]:
    return {d["id"]: i["value"]["raw"] for d in DECLS for i in d["indicators"] if i["name"] == name}


def test_the_fastest_arrival_is_ranked_and_the_blank_one_set_apart():
    values = _values("工作日故障运维人员抵达现场时间")
    blank = [k for k, v in values.items() if not v.strip()]
    result = ask("哪个项目的工作日故障运维人员抵达现场时间定得最快")
    assert blank and [row.declaration_id for row in result.rows] == [k for k in values if k not in blank]
    assert "未参加排序" in result.text and "（空白）" in result.text and "元" not in result.text


def test_a_tie_at_the_longest_is_shown_as_a_tie():
    values = _values("工作日故障响应时间")
    result = ask("工作日故障响应时间要求最长的项目是哪个")
    assert len(set(values.values())) == 1 and f"有 {len(values)} 个并列" in result.text
    assert {row.declaration_id for row in result.rows} == set(values)
