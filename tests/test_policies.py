"""The policy corpus loads, and every policy reference the seeds make resolves to the right entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.domain.policy import PolicyReference, PolicyStatus, find_policy, load_policies
from assistant.errors import CorpusError
from assistant.settings import REPO_ROOT, Settings

POLICIES_DIR = REPO_ROOT / "corpus" / "policies"

S0 = "000_1ac9e65464ab096f.txt"
S1 = "001_719a78178ce17806.txt"
S2 = "002_90e6a7b91dded67c.txt"
S3 = "003_4c2dd59215bbba6d.txt"

# Every policy reference in the seeds' 立项依据 / 项目概况 / 项目立项情况 / 项目总目标 text,
# copied from the seed line as written: (seed file, line, text, expected policy id).
SEED_REFERENCES: list[tuple[str, int, str, str]] = [
    (S0, 14, "组厅字[2017]7号", "zutingzi-2017-7"),
    (S0, 14, "《全国党员管理信息化工程应用系统部署技术方案》", "zutingzi-2017-7"),
    (S1, 15, "组厅字[2017]7号", "zutingzi-2017-7"),
    (S1, 15, "中共中央组织部办公厅关于印发《全国党员管理信息化工程应用系统部署技术方案》的通知", "zutingzi-2017-7"),
    (S1, 15, "中共中央组织部关于印发《2016-2020年全国组织系统信息化工作规划》的通知", "zutongzi-2016-21"),
    (S1, 15, "《2016-2020年全国组织系统信息化工作规划》", "zutongzi-2016-21"),
    (S1, 15, "组通字[2016]21号", "zutongzi-2016-21"),
    (S1, 15, "《上海市组织系统大数据行动计划（2016-2020年）》", "huweizu-2016-fa22"),
    (S1, 15, "沪委组〔2016〕发22号", "huweizu-2016-fa22"),
    (S1, 15, "《2016-2020年上海市组织系统信息化工作规划》", "huweizu-2016-fa23"),
    (S1, 15, "沪委组[2016]发23号", "huweizu-2016-fa23"),
    (
        S1,
        15,
        "《贯彻〈中共市委关于全面加强城市基层党建工作的意见〉的任务责任清单》",
        "sh-urban-party-building-task-list",
    ),
    (S1, 15, "中共上海市委关于全面加强城市基层党建工作的意见", "huweifa-2017-12"),
    (S1, 15, "沪委发[2017] 12号", "huweifa-2017-12"),
    (S1, 15, "《关于加强本市各区党建服务中心规范化建设的指导意见》", "sh-district-party-service-center-guidance"),
    (S1, 15, "《关于实施涉密领域国产化替代工程的通知》", "tingzi-2017-22"),
    (S1, 15, "厅字〔2017〕22号", "tingzi-2017-22"),
    (S1, 15, "《关于中央国家机关涉密专用信息设备集中采购有关事宜的通知》", "guojicai-2017-15"),
    (S1, 15, "国机采〔2017〕15号", "guojicai-2017-15"),
    (S1, 15, "关于印发《涉密专用信息设备名录》的通知", "guobaofa-2017-40"),
    (S1, 15, "《涉密专用信息设备名录》", "guobaofa-2017-40"),
    (S1, 15, "国保发〔2017〕40号", "guobaofa-2017-40"),
    (S1, 15, "关于印发《涉密专用信息设备适配软硬件产品名录》的通知", "guobaomizi-2018-1"),
    (S1, 15, "《涉密专用信息设备适配软硬件产品名录》", "guobaomizi-2018-1"),
    (S1, 15, "国保秘字〔2018〕1号", "guobaomizi-2018-1"),
    (S1, 15, "《关于加强基层服务型党组织建设的意见》", "service-oriented-party-org-opinion"),
    (S1, 16, "《关于加强基层服务型党组织建设的意见》", "service-oriented-party-org-opinion"),
    (S2, 14, "《关于印发〈关于推进地方人大预算联网监督工作的指导意见〉的通知》", "budget-online-supervision-guidance"),
    (S2, 15, "《宪法》", "constitution"),
    (S2, 15, "《中华人民共和国预算法》", "budget-law"),
    (S2, 15, "《中华人民共和国各级人民代表大会常务委员会监督法》", "supervision-law"),
    (S2, 15, "《上海市预算审查监督条例》", "sh-budget-review-regulation"),
    (S2, 15, "《关于推进地方人大预算联网监督工作的指导意见》", "budget-online-supervision-guidance"),
    (S2, 15, "《关于建立国务院向全国人大常委会报告国有资产管理情况的制度的意见》", "state-assets-report-opinion"),
    (S2, 15, "《关于人大预算审查监督重点向支出预算和政策拓展的指导意见》", "budget-review-expenditure-guidance"),
    (S2, 22, "《关于推进地方人大预算联网监督工作的指导意见》", "budget-online-supervision-guidance"),
    (S2, 34, "《关于推进地方人大预算联网监督工作的指导意见》", "budget-online-supervision-guidance"),
    (S2, 38, "《关于建立国务院向全国人大常委会报告国有资产管理情况的制度的意见》", "state-assets-report-opinion"),
    (S2, 40, "《关于人大预算审查监督重点向支出预算和政策拓展的指导意见》", "budget-review-expenditure-guidance"),
    (S2, 42, "宪法", "constitution"),
    (S2, 42, "预算法", "budget-law"),
    (S2, 42, "监督法", "supervision-law"),
    (S2, 52, "《关于推进各地预算联网监督工作的指导意见》", "budget-online-supervision-guidance"),
    (S2, 52, "上海预算审查监督条例", "sh-budget-review-regulation"),
    (S2, 243, "《关于创新群众工作方法解决信访突出问题的意见》", "petition-work-opinion"),
    (S3, 132, "《中华人民共和国公务员法》", "civil-servant-law"),
]

# primer §6 "commonly cited elsewhere", as the primer writes them.
PRIMER_REFERENCES: list[tuple[str, str]] = [
    ("中发〔2018〕34号", "zhongfa-2018-34"),
    ("沪委发〔2019〕12号", "huweifa-2019-12"),
    ("沪府办发〔2023〕16号", "hufubanfa-2023-16"),
    ("财预〔2021〕101号", "caiyu-2021-101"),
    ("财预〔2015〕88号", "caiyu-2015-88"),
    ("财预〔2020〕10号", "caiyu-2020-10"),
    ("国办发〔2019〕57号", "guobanfa-2019-57"),
    ("国发〔2016〕51号", "guofa-2016-51"),
    ("《中国共产党支部工作条例（试行）》", "party-branch-regulation"),
    ("《中国共产党党员教育管理工作条例》", "party-member-education-regulation"),
    ("《网络安全法》", "cybersecurity-law"),
    ("《数据安全法》", "data-security-law"),
    ("《密码法》", "cryptography-law"),
    ("GB/T 22239-2019", "gbt-22239-2019"),
    ("《中华人民共和国各级人民代表大会常务委员会监督法》", "supervision-law"),
    ("《关于建立国务院向全国人大常委会报告国有资产管理情况的制度的意见》", "state-assets-report-opinion"),
]


@pytest.fixture(scope="module")
def policies() -> list[PolicyReference]:
    return load_policies(POLICIES_DIR)


def _seed_path(name: str) -> Path | None:
    path = Settings().corpus.seeds_dir / name
    return path if path.is_file() else None


def test_every_file_loads_with_id_equal_to_stem(policies: list[PolicyReference]) -> None:
    stems = sorted(path.stem for path in POLICIES_DIR.glob("*.yaml"))
    assert [policy.id for policy in policies] == stems
    assert len(set(stems)) == len(stems) >= 35


@pytest.mark.parametrize(("seed", "line", "text", "expected"), SEED_REFERENCES)
def test_seed_reference_resolves(
    policies: list[PolicyReference], seed: str, line: int, text: str, expected: str
) -> None:
    policy = find_policy(policies, text)
    assert policy is not None, text
    assert policy.id == expected
    assert f"{seed}:L{line}" in policy.cited_in


@pytest.mark.parametrize(("seed", "line", "text", "expected"), SEED_REFERENCES)
def test_seed_reference_is_written_on_that_seed_line(seed: str, line: int, text: str, expected: str) -> None:
    path = _seed_path(seed)
    assert path is not None, f"seed {seed} missing from corpus/raw"
    assert text in path.read_text(encoding="utf-8").splitlines()[line - 1]


def test_every_cited_in_location_is_in_the_reference_table(policies: list[PolicyReference]) -> None:
    listed = {(policy_id, f"{seed}:L{line}") for seed, line, _, policy_id in SEED_REFERENCES}
    recorded = {(policy.id, place) for policy in policies for place in policy.cited_in}
    assert recorded == listed


@pytest.mark.parametrize(("text", "expected"), PRIMER_REFERENCES)
def test_primer_reference_resolves(policies: list[PolicyReference], text: str, expected: str) -> None:
    policy = find_policy(policies, text)
    assert policy is not None and policy.id == expected


@pytest.mark.parametrize(
    "text",
    [
        "组厅字〔2017〕7号",
        "组厅字[2017]7号",
        "组厅字［2017］7号",
        "组厅字（2017）7号",
        "组厅字(2017)7号",
        "组厅字【2017】7号",
        "组厅字 〔2017〕 7 号",
        "（组厅字[2017]7号）",
        "组厅字〔2017〕7号。",
        "全国党员管理信息化工程应用系统部署技术方案",
        "《全国党员管理信息化工程应用系统部署技术方案》",
        "《 全国党员管理信息化工程应用系统部署技术方案 》",
    ],
)
def test_variants_resolve_to_the_same_policy(policies: list[PolicyReference], text: str) -> None:
    policy = find_policy(policies, text)
    assert policy is not None and policy.id == "zutingzi-2017-7"


@pytest.mark.parametrize(
    "text", ["GB/T 22239-2019", "GB/T22239-2019", "gb/t 22239—2019", "ＧＢ／Ｔ　２２２３９－２０１９"]
)
def test_standard_number_variants_resolve(policies: list[PolicyReference], text: str) -> None:
    policy = find_policy(policies, text)
    assert policy is not None and policy.id == "gbt-22239-2019"


@pytest.mark.parametrize(
    "text",
    [
        "沪委发〔2099〕1号",
        "沪委发〔2017〕13号",  # a neighbouring number is a different document
        "组厅字〔2018〕7号",
        "沪委组发〔2016〕22号",  # not the way the seed writes it; no guessing
        "关于加强基层服务型党组织建设的实施意见",
        "《2017年中国共产党党内统计公报》",  # a statistics bulletin in 000, not a policy
        "",
        "   ",
        "《》",
    ],
)
def test_unknown_reference_is_none(policies: list[PolicyReference], text: str) -> None:
    assert find_policy(policies, text) is None


def test_a_stated_status_has_a_public_source(policies: list[PolicyReference]) -> None:
    for policy in policies:
        if policy.status is not PolicyStatus.UNVERIFIED:
            assert "公开检索" in policy.source_note, policy.id


def test_an_entry_not_cited_by_the_seeds_comes_from_the_primer_or_a_checked_source(
    policies: list[PolicyReference],
) -> None:
    for policy in policies:
        if not policy.cited_in:
            assert "primer §6" in policy.source_note or policy.sources, policy.id


def _valid_record(**changes: object) -> dict[str, object]:
    record = load_policies(POLICIES_DIR)[0].model_dump(mode="json")
    record.update(changes)
    return record


def _write(directory: Path, name: str, record: dict[str, object]) -> None:
    (directory / name).write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: [unclosed\ntitle: 《x", encoding="utf-8")
    with pytest.raises(CorpusError, match="broken.yaml"):
        load_policies(tmp_path)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": "有效"}, "status"),
        ({"kind": "通知"}, "kind"),
        ({"year": "二〇一七"}, "year"),
        ({"id": "Budget Law"}, "id"),
        ({"title": "《中华人民共和国预算法》"}, "title"),
        ({"cited_in": ["002:15"]}, "cited_in"),
        ({"doc_number": "组厅字[2017]7号", "year": 2017}, "doc_number"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
def test_a_bad_field_names_file_and_field(tmp_path: Path, changes: dict[str, object], field: str) -> None:
    record = _valid_record(**changes)
    _write(tmp_path, f"{record['id']}.yaml", record)
    with pytest.raises(CorpusError) as caught:
        load_policies(tmp_path)
    assert f"{record['id']}.yaml" in str(caught.value)
    assert field in str(caught.value)


def test_a_missing_field_is_named(tmp_path: Path) -> None:
    record = _valid_record()
    del record["source_note"]
    _write(tmp_path, f"{record['id']}.yaml", record)
    with pytest.raises(CorpusError, match="source_note"):
        load_policies(tmp_path)


def test_year_must_agree_with_the_number(tmp_path: Path) -> None:
    record = _valid_record(id="x", doc_number="组厅字〔2017〕7号", year=2016, aliases=[], title="某文件")
    _write(tmp_path, "x.yaml", record)
    with pytest.raises(CorpusError, match="year=2016"):
        load_policies(tmp_path)


def test_id_must_equal_file_stem(tmp_path: Path) -> None:
    record = _valid_record()
    _write(tmp_path, "another-name.yaml", record)
    with pytest.raises(CorpusError, match="another-name"):
        load_policies(tmp_path)


def test_two_files_claiming_one_reference_are_refused(tmp_path: Path) -> None:
    first = _valid_record(id="first", doc_number=None, year=None, aliases=["同一别名"], title="甲")
    second = _valid_record(id="second", doc_number=None, year=None, aliases=["《同一别名》"], title="乙")
    _write(tmp_path, "first.yaml", first)
    _write(tmp_path, "second.yaml", second)
    with pytest.raises(CorpusError, match="first.yaml.*second.yaml"):
        load_policies(tmp_path)


def test_missing_directory_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="不存在"):
        load_policies(tmp_path / "nowhere")
