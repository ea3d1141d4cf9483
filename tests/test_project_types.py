"""Project types: the catalogue as data, classification of briefs and seed declarations, the override."""

from importlib import resources
from pathlib import Path

import pytest
import yaml

from assistant.domain.brief import Brief, load_brief
from assistant.domain.classify import brief_type, declaration_type
from assistant.domain.framework import Level2
from assistant.domain.project_types import ProjectType, TypeCatalogue, catalogue, uninvolved_markers
from assistant.errors import InputError

TYPES_DIR = Path(__file__).resolve().parent.parent / "evals" / "indicators" / "types"
CASES = sorted((TYPES_DIR / "expect").glob("*.yaml"))


def test_catalogue_covers_every_type_with_framework_names():
    cat = catalogue()
    assert set(cat.types) == set(ProjectType) and len(ProjectType) == 15
    for spec in cat.types.values():
        assert all(isinstance(row.level2, Level2) for row in spec.indicators)


@pytest.mark.parametrize("project_type", list(ProjectType), ids=[t.name for t in ProjectType])
def test_a_type_template_never_carries_words_the_review_would_call_foreign(project_type):
    names = [row.name for row in catalogue().spec(project_type).indicators]
    assert [n for n in names if uninvolved_markers(n, project_type, "")] == []


def test_a_catalogue_with_an_unknown_category_or_no_value_is_refused():
    data = yaml.safe_load((resources.files("assistant.domain") / "project_types.yaml").read_text(encoding="utf-8"))
    data["types"]["培训"]["indicators"][0]["level2"] = "数量"
    with pytest.raises(ValueError, match="level2"):
        TypeCatalogue.model_validate(data)
    data["types"]["培训"]["indicators"][0] = {
        "name": "培训期数",
        "level2": "数量指标",
        "op": "≥",
        "unit": "期",
        "source": "F2021",
    }
    with pytest.raises(ValueError, match="只能有一种取值方式"):
        TypeCatalogue.model_validate(data)


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_each_eval_brief_is_classified_as_its_type(case):
    expected = yaml.safe_load(case.read_text(encoding="utf-8"))
    verdict = brief_type(load_brief(TYPES_DIR / expected["brief"]))
    assert verdict.type is not None and verdict.type.value == expected["type"]


def test_the_verdict_says_which_word_in_which_field():
    verdict = brief_type(load_brief(TYPES_DIR / "briefs" / "01-training.yaml"))
    assert verdict.type is ProjectType.TRAINING and verdict.confidence > 0.9
    assert any(r.field == "项目名称" and r.word == "培训" and r.points == 15 for r in verdict.reasons)
    assert verdict.explain().startswith("培训（得分 ") and "项目名称含“培训”（+15）" in verdict.explain()


def test_the_brief_can_override_the_type(tmp_path):
    brief = Brief(name="青禾区人大代表履职能力培训", year=2027, project_type="会议")
    assert brief_type(brief).type is ProjectType.MEETING and brief_type(brief).overridden
    assert "简报“项目类型”字段指定" in brief_type(brief).explain()
    path = tmp_path / "brief.yaml"
    path.write_text("项目名称: 培训\n年度: 2027\n项目类型: 培训班\n", encoding="utf-8")
    with pytest.raises(InputError, match="字段 项目类型：“培训班”不是可选的项目类型，可选：培训、会议"):
        load_brief(path)


def test_a_brief_without_type_words_gets_no_type():
    verdict = brief_type(Brief(name="青禾区某项目", year=2027, content="做好相关工作。"))
    assert verdict.type is None and "未识别" in verdict.explain()


SEED_TYPES = {
    "2019-002-01": ProjectType.IT_BUILD,
    "2019-002-03": ProjectType.IT_BUILD,
    "2023-003-02": ProjectType.PARTY,
    "2023-003-04": ProjectType.UPKEEP,
    "2023-003-05": ProjectType.IT_BUILD,
    "2026-004-05": ProjectType.IT_OPERATION,
    "2026-004-01": ProjectType.PARTY,
}


def test_seed_declarations_are_classified_from_their_own_text(corpus):
    # 2019-002-03 (电子会务系统建设) says 会务 in its name, but its ticked 资金用途 is 信息化建设类.
    assert {i: declaration_type(corpus.get(i)).type for i in SEED_TYPES} == SEED_TYPES
