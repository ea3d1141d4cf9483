"""An input of the web brief form left empty says it cannot be empty and names the field (web trial wf1): an empty
项目名称 said 缺少该字段, pydantic's word for a key absent from a file, though the field is right there on the form, and the message sat on 资金·总额 (a missing field's error is located by its
Chinese alias, which the form did not map to its input).
The real form reader on nu12's brief b1 with one input blanked; files keep their own wording (缺少该字段)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain.brief import load_brief
from assistant.errors import InputError
from assistant.web.brief_form import SCALARS, form_problems, form_values, read_form

B1 = Path(__file__).resolve().parent / "fixtures" / "nu12_b1_yanglao.yaml"
KEYS = [key for key, _ in SCALARS]


@pytest.mark.parametrize(("key", "label"), [("name", "项目名称"), ("year", "年度")])
def test_an_empty_required_input_is_said_to_be_empty_on_itself_and_in_the_error(key: str, label: str) -> None:
    values = form_values(load_brief(B1))
    values[KEYS.index(key)] = "   "
    problems = form_problems(tuple(values))
    assert problems.get(KEYS.index(key)) == f"{label}不能为空", problems
    with pytest.raises(InputError) as raised:
        read_form(*values)
    assert f"{label}：不能为空" in raised.value.message and "缺少" not in raised.value.message
