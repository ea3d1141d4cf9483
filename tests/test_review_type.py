"""REL-TYPE: an indicator that belongs to another kind of project, whatever the corpus holds."""

from pathlib import Path

from assistant.domain.brief import Brief, load_brief
from assistant.domain.values import parse_value
from assistant.review.engine import review, review_all
from assistant.suggest.bank import build_bank
from assistant.suggest.guard import draft_declaration
from assistant.suggest.suggest import suggest

BRIEFS = Path(__file__).resolve().parent.parent / "evals" / "indicators" / "types" / "briefs"


def _with(decl, *rows):
    """``decl`` with rows (level1, level2, name, value) appended to its indicator table."""
    from assistant.domain.framework import normalise
    from assistant.domain.model import Indicator

    extra = []
    for n, (l1, l2, name, value) in enumerate(rows, start=len(decl.indicators) + 1):
        placed = normalise(l1, l2)
        extra.append(
            Indicator(
                position=n,
                line=n,
                level1_written=l1,
                level2_written=l2,
                level1=placed.level1,
                level2=placed.level2,
                name=name,
                name_written=name,
                value=parse_value(value),
            )
        )
    return decl.model_copy(update={"indicators": [*decl.indicators, *extra]})


def _type_findings(decl):
    return [f for f in review(decl).findings if f.rule_id == "REL-TYPE"]


def test_it_indicators_in_a_training_declaration_are_flagged(corpus):
    brief = load_brief(BRIEFS / "01-training.yaml")
    table = suggest(brief, build_bank(corpus.declarations)).suggestions
    clean = draft_declaration(brief, table)
    assert _type_findings(clean) == []
    bad = _with(
        clean,
        ("产出指标", "时效指标", "工作日故障响应时间", "≤30(分钟)"),
        ("效益指标", "可持续影响指标", "年度服务可用时间", "=365(天)"),
        ("满意度指标", "服务对象满意度指标", "系统使用人员满意度", "≥90(%)"),
    )
    found = _type_findings(bad)
    assert [f.location.indicator.name for f in found] == [
        "工作日故障响应时间",
        "年度服务可用时间",
        "系统使用人员满意度",
    ]
    assert found[0].severity.value == "warning" and found[0].criterion.value == "相关性"
    assert "本项目为培训类项目" in found[0].message and "“故障”（信息化" in found[0].message
    assert "按项目类型生成" in found[0].fix


def test_a_show_in_a_river_cleaning_project_is_flagged():
    brief = Brief(name="青禾区河道保洁养护", year=2027, content="对辖区32条河道开展日常保洁和绿化养护，每周保洁2次。")
    decl = _with(
        draft_declaration(brief, []),
        ("产出指标", "数量指标", "文艺演出场次", "≥2(场)"),
        ("产出指标", "数量指标", "河道保洁次数", "≥3328(次)"),
    )
    assert [f.location.indicator.name for f in _type_findings(decl)] == ["文艺演出场次"]


def test_words_the_project_itself_uses_are_not_flagged():
    brief = Brief(name="青禾区人大代表履职能力培训", year=2027, content="举办培训班4期，依托网上学习平台开展线上学习。")
    decl = _with(draft_declaration(brief, []), ("产出指标", "数量指标", "平台学习人次", "≥3000(人次)"))
    assert _type_findings(decl) == []


def test_a_project_of_unclear_type_gets_no_type_claim():
    decl = _with(
        draft_declaration(Brief(name="青禾区某项目", year=2027, content="做好相关工作。"), []),
        ("产出指标", "时效指标", "工作日故障响应时间", "≤30(分钟)"),
    )
    assert _type_findings(decl) == []


def test_no_new_finding_on_the_seed_corpus(corpus):
    """The 18 seed declarations: REL-TYPE adds nothing (their platform rows are in party-work funds that run
    platforms, their 课题 rows in party work that commissions research, 竣工 in IT builds)."""
    assert [f for r in review_all(corpus.declarations) for f in r.findings if f.rule_id == "REL-TYPE"] == []
