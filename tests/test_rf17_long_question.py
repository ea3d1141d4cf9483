"""rt14 F4: a long question (400 repeated characters) cost 28 s: every cut of the segment was matched against every
name, each with a quadratic string-copying LCS. A segment longer than any two names is not cut, and the LCS is the
same subsequence as before, found in linear space."""

from __future__ import annotations

import random

import pytest

from assistant.qa import entities
from assistant.qa.entities import Names, _juxtaposed, _lcs_chars

PROJECTS = ("党费缴纳管理系统项目", "组织力提升平台建设项目", "信息化运维项目")


def test_a_segment_longer_than_two_names_is_not_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = entities.match

    def counted(phrase: str, names: Names) -> object:
        calls.append(phrase)
        return real(phrase, names)

    monkeypatch.setattr(entities, "match", counted)
    assert _juxtaposed("信" * 400, Names(PROJECTS)) == []
    assert calls == []


def test_two_names_side_by_side_are_still_cut() -> None:
    assert _juxtaposed("党费缴纳系统组织力提升平台", Names(PROJECTS)) == ["党费缴纳系统", "组织力提升平台"]


def _reference(a: str, b: str) -> str:
    rows = [[""] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            rows[i][j] = a[i] + rows[i + 1][j + 1] if a[i] == b[j] else max(rows[i + 1][j], rows[i][j + 1], key=len)
    return rows[0][0]


def test_lcs_is_the_same_subsequence_as_before() -> None:
    pick = random.Random(17)
    for _ in range(300):
        a = "".join(pick.choice("党费系统平台信息") for _ in range(pick.randint(0, 12)))
        b = "".join(pick.choice("党费系统平台信息") for _ in range(pick.randint(0, 12)))
        assert _lcs_chars(a, b) == _reference(a, b), (a, b)
