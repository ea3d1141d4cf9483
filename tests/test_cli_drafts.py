"""`assistant draft` into the store and `assistant drafts …` through the real CLI, in a temp data dir."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import cli_env, runner
from cli_support import ok as _ok

from assistant.cli.main import app
from assistant.domain.model import SectionKind
from assistant.drafting.models import Draft
from assistant.services import build_services
from assistant.settings import load_settings


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


def _human_edit(draft_id: int, text: str) -> None:
    with build_services(load_settings()) as services:
        latest = services.store.latest(draft_id)
        sections = [
            s.model_copy(update={"text": text}) if s.kind is SectionKind.NECESSITY else s for s in latest.draft.sections
        ]
        services.drafting.edit(draft_id, latest.draft.model_copy(update={"sections": sections}), base=latest.number)


def test_draft_saves_into_the_store_and_drafts_commands_read_it(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.json"
    drafted = _ok(["draft", "--example", "-o", str(out)])
    assert "已存入草稿库：草稿 1，第 1 版" in drafted.output and (data_dir / "drafts.db").is_file()
    assert "审核：党员教育平台运维项目（草稿）" in drafted.output and "（draft）" not in drafted.output
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "shenbao-draft/1"
    listed = json.loads(_ok(["drafts", "list", "--json"]).stdout)
    assert [(d["id"], d["title"], d["owner"], d["version"]) for d in listed] == [(1, "党员教育平台运维项目", "张三", 1)]
    shown = _ok(["drafts", "show", "1", "--provenance"]).output
    assert "第 1 版" in shown and "字段来源" in shown and "取自简报" in shown
    assert "起草方式：规则" in shown and "起草方式：rules" not in shown

    _human_edit(1, "人工写的必要性。")
    refused = runner.invoke(app, ["draft", "--id", "1", "--section", "必要性"])
    assert refused.exit_code == 2 and "已人工修改或已锁定" in refused.output and "--force" in refused.output
    _ok(["draft", "--id", "1", "--section", "必要性", "--force"])
    history = json.loads(_ok(["drafts", "history", "1", "--json"]).stdout)
    assert [(v["version"], v["parent"], v["action"]) for v in history] == [
        (1, None, "create"),
        (2, 1, "edit"),
        (3, 2, "regenerate"),
    ]

    diff = _ok(["drafts", "diff", "1", "2", "3"]).output
    assert "人工写的必要性。" in diff and "项目设立的必要性" in diff
    _ok(["drafts", "restore", "1", "2"])
    exported = tmp_path / "v4.json"
    _ok(["drafts", "export", "1", "-o", str(exported)])
    again = Draft.model_validate_json(exported.read_text(encoding="utf-8"))
    assert again.section(SectionKind.NECESSITY).text == "人工写的必要性。"


def test_saved_json_drafts_import_and_bad_input_is_a_chinese_error(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "old.json"
    _ok(["draft", "--example", "-o", str(out)])
    imported = _ok(["drafts", "import", str(out)])
    assert "已导入 old.json：草稿 2" in imported.output
    assert json.loads(_ok(["drafts", "history", "2", "--json"]).stdout)[0]["action"] == "import"
    missing = runner.invoke(app, ["drafts", "show", "9"])
    assert missing.exit_code == 2 and "没有编号为 9 的草稿" in missing.output and "Traceback" not in missing.output
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    bad = runner.invoke(app, ["drafts", "import", str(tmp_path / "bad.json")])
    assert bad.exit_code == 2 and "不是合法的 JSON" in bad.output
    (tmp_path / "bad2.json").write_text("[]", encoding="utf-8")
    mixed = runner.invoke(
        app, ["drafts", "import", str(out), str(tmp_path / "bad.json"), str(out), str(tmp_path / "bad2.json")]
    )
    assert (
        mixed.exit_code == 2 and "已导入 old.json：草稿 3" in mixed.output and "已导入 old.json：草稿 4" in mixed.output
    )
    assert (
        "未导入 bad.json：" in mixed.output
        and "未导入 bad2.json：" in mixed.output
        and "2 个文件未导入：bad.json、bad2.json" in mixed.output
    )
    assert sorted(d["id"] for d in json.loads(_ok(["drafts", "list", "--json"]).stdout)) == [1, 2, 3, 4]


def test_numbers_no_store_can_hold_are_drafts_that_do_not_exist(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    huge = str(10**20)
    for args, message in [
        (["drafts", "show", huge], f"没有编号为 {huge} 的草稿"),
        (["drafts", "show", "1", "-v", huge], f"草稿 1 没有第 {huge} 版"),
        (["drafts", "history", huge], f"没有编号为 {huge} 的草稿"),
        (["drafts", "diff", "1", "1", huge], f"草稿 1 没有第 {huge} 版"),
        (["drafts", "lock", huge, "section.overview"], f"没有编号为 {huge} 的草稿"),
        (["draft", "--id", huge, "--section", "必要性"], f"没有编号为 {huge} 的草稿"),
        (["drafts", "restore", "1", huge], f"草稿 1 没有第 {huge} 版"),
    ]:
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output, (
            args,
            result.output,
        )


def test_a_corrupt_store_is_named_not_a_traceback(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "drafts.db").write_bytes(b"garbage" * 1000)
    result = runner.invoke(app, ["drafts", "list"])
    assert result.exit_code == 2 and "drafts.db" in result.output and "已损坏" in result.output
    assert "Traceback" not in result.output


def test_a_json_draft_written_with_o_continues_its_stored_draft(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.json"
    _ok(["draft", "--example", "-o", str(out)])
    rewritten = _ok(["draft", "--draft", str(out), "--section", "总目标", "-o", str(out)])
    assert "草稿 1：内容与第 1 版相同，未保存新版本" in rewritten.output  # the rules write the same text again
    _human_edit(1, "人工写的必要性。")
    with build_services(load_settings()) as services:
        out.write_text(services.store.latest(1).draft.model_dump_json(indent=2), encoding="utf-8")
    again = _ok(["draft", "--draft", str(out), "--section", "总目标"])
    assert "草稿 1：内容与第 2 版相同，未保存新版本" in again.output
    assert [d["id"] for d in json.loads(_ok(["drafts", "list", "--json"]).stdout)] == [1]
    assert json.loads(_ok(["drafts", "history", "1", "--json"]).stdout)[-1]["version"] == 2


def test_a_rewrite_instruction_without_a_model_is_refused_and_nothing_is_saved(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.json"
    _ok(["draft", "--example", "-o", str(out)])
    before = out.read_bytes()
    for args in (["--id", "1"], ["--draft", str(out)], ["--draft", str(out), "-o", str(out)]):
        refused = runner.invoke(
            app, ["draft", *args, "--section", "必要性", "--instruction", "更简洁", "--llm", "none"]
        )
        assert refused.exit_code == 2, refused.output
        assert "按要求“更简洁”改写需要语言模型" in refused.output and "--llm local" in refused.output
        assert "未保存新版本" in refused.output and "Traceback" not in refused.output
    assert [v["version"] for v in json.loads(_ok(["drafts", "history", "1", "--json"]).stdout)] == [1]
    assert out.read_bytes() == before
    (tmp_path / "other.json").write_bytes(before.replace("党员教育平台运维项目".encode(), "另一个项目".encode()))
    refused = runner.invoke(
        app, ["draft", "--draft", str(tmp_path / "other.json"), "--section", "必要性", "--instruction", "更简洁"]
    )
    assert refused.exit_code == 2 and "需要语言模型" in refused.output
    assert [d["id"] for d in json.loads(_ok(["drafts", "list", "--json"]).stdout)] == [1]  # the file was not imported
    stray = runner.invoke(app, ["draft", "--example", "--instruction", "更简洁"])
    assert stray.exit_code == 2 and "--section" in stray.output
    _ok(["draft", "--id", "1", "--section", "必要性"])  # without an instruction the rules rewrite it


def test_a_regeneration_that_changes_nothing_says_so_and_stores_no_version(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    again = _ok(["draft", "--id", "1", "--indicators"])
    assert "内容与第 1 版相同，未保存新版本" in again.output and "已存入草稿库" not in again.output
    history = json.loads(_ok(["drafts", "history", "1", "--json"]).stdout)
    assert [v["version"] for v in history] == [1]


# Text from a file or a draft never drives the terminal: `drafts show` makes escape sequences visible, and
# rich markup in the text is shown as written (a draft JSON imported as a user would).
def test_drafts_show_makes_control_characters_visible(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.json"
    _ok(["draft", "--example", "-o", str(out)])
    payload = json.loads(out.read_text(encoding="utf-8"))
    payload["sections"][0]["text"] = "清屏\x1b[2J响铃\x07[bold]标记[/bold]\x9b31m结束"
    payload["indicators"][0]["name"] = "指标\x1b]0;标题\x07名"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    _ok(["drafts", "import", str(hostile)])
    shown = _ok(["drafts", "show", "2"]).output
    assert not any(char in shown for char in "\x1b\x07\x9b")
    assert "清屏␛[2J响铃␇[bold]标记[/bold]\\x9b31m结束" in shown  # visible, and the markup as written
    assert "指标␛]0;标题␇名" in shown.replace("\n", "").replace("│", "").replace(" ", "")


def test_drafts_edit_changes_any_field_and_offers_the_cost_rows_again(data_dir: Path, tmp_path: Path) -> None:
    _ok(["draft", "--example"])
    edited = _ok(
        ["drafts", "edit", "1", "--field", "header.start_date", "2027-02-01", "--field", "资金.年度申请", "200万"]
    )
    assert "第 2 版（人工修改：开始日期、资金 · 年度申请（项目概况中的资金随之更新））" in edited.output
    assert "审核：" in edited.output
    assert "≤265(万元) → ≤200(万元)" in edited.output and "assistant drafts accept 1 1" in edited.output
    shown = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)
    assert shown["draft"]["brief"]["start_date"] == "2027-02-01"
    assert shown["fields"]["header.start_date"]["origin"] == "human"
    patch = tmp_path / "patch.yaml"
    patch.write_text(
        "表头:\n  结束日期: 2027-11-30\n制度保障:\n  - 项目管理制度｜《运维管理办法》｜按月检查\n", "utf-8"
    )
    assert "第 3 版" in _ok(["drafts", "edit", "1", "--patch", str(patch)]).output
    assert "已采纳建议 1" in _ok(["drafts", "accept", "1", "1"]).output
    latest = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)["draft"]
    assert latest["brief"]["end_date"] == "2027-11-30" and latest["safeguards"][0]["document"] == "《运维管理办法》"
    assert any(i["name"] == "项目总成本" and i["value"]["value"] == "≤200(万元)" for i in latest["indicators"])


def test_drafts_edit_refuses_an_unknown_field_or_a_bad_value_in_chinese(data_dir: Path) -> None:
    _ok(["draft", "--example"])
    unknown = runner.invoke(app, ["drafts", "edit", "1", "--field", "header.colour", "红"])
    assert unknown.exit_code == 2 and "没有字段“header.colour”" in unknown.output
    bad = runner.invoke(app, ["drafts", "edit", "1", "--field", "结束日期", "2026-01-01"])
    assert bad.exit_code == 2 and "早于开始日期" in bad.output and "Traceback" not in bad.output
    missing = runner.invoke(app, ["drafts", "edit", "1", "--field", "结束日期"])
    assert missing.exit_code == 2 and "--field 字段 值" in missing.output


def test_drafts_edit_changes_an_indicator_cell_and_moves_a_row_to_its_new_block(data_dir: Path) -> None:
    """Indicator cells are fields like any other (trial: `indicator.4.name` was refused): name, value and 二级 by
    path in English or Chinese; a bad row number or category is a Chinese error and nothing is saved."""
    _ok(["draft", "--example"])
    before = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)["draft"]["indicators"]
    _ok(["drafts", "edit", "1", "--field", "indicator.2.name", "助餐点数量", "--field", "指标.2.指标值", "≥12(个)"])
    rows = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)["draft"]["indicators"]
    assert (rows[1]["name"], rows[1]["value"]["value"]) == ("助餐点数量", "≥12(个)")
    assert [r["name"] for r in rows[2:]] == [r["name"] for r in before[2:]]
    moved = rows[0]["name"]
    _ok(["drafts", "edit", "1", "--field", "indicator.1.level2", "时效指标"])
    rows = json.loads(_ok(["drafts", "show", "1", "--json"]).stdout)["draft"]["indicators"]
    block = [r["name"] for r in rows if r["level2"] == "时效指标"]
    assert block[-1] == moved and len(rows) == len(before)
    for field, value, message in (
        ("indicator.99.name", "x", "指标表没有第 99 行"),
        ("indicator.1.level2", "好指标", "不是框架中的类别"),
        ("indicator.1.name", " ", "三级指标名称不能为空"),
    ):
        refused = runner.invoke(app, ["drafts", "edit", "1", "--field", field, value])
        assert refused.exit_code == 2 and message in refused.output and "Traceback" not in refused.output
    assert len(json.loads(_ok(["drafts", "history", "1", "--json"]).stdout)) == 3


def test_drafts_export_writes_what_the_web_workspace_exports(data_dir: Path, tmp_path: Path) -> None:
    """One drafts facade: the CLI's export is the workspace's (the web's download), byte for byte, and the
    CLI exports the Word form the page offers too."""
    from assistant.services.export import ExportFormat

    _ok(["draft", "--example", "-o", str(tmp_path / "first.json")])
    _human_edit(1, "人工写的必要性。")
    cli_json = tmp_path / "cli.json"
    _ok(["drafts", "export", "1", "-o", str(cli_json), "--version", "2"])
    web_folder = tmp_path / "web"
    web_folder.mkdir()
    with build_services(load_settings()) as services:
        web_json = services.workspace().export(1, ExportFormat.JSON, web_folder, number=2)
    assert cli_json.read_bytes() == web_json.read_bytes()
    word = tmp_path / "draft.docx"
    assert "第 2 版" in _ok(["drafts", "export", "1", "-o", str(word)]).output and word.stat().st_size > 0
    refused = runner.invoke(app, ["drafts", "export", "1", "-o", str(tmp_path / "draft.pdf")])
    assert refused.exit_code == 2 and ".docx" in refused.output and "Traceback" not in refused.output


def test_drafts_commands_see_every_owner_while_the_web_sees_only_its_user(data_dir: Path, tmp_path: Path) -> None:
    _ok(["draft", "--example", "-o", str(tmp_path / "mine.json")])
    with build_services(load_settings()) as services:
        other = services.workspace("李四").import_file(tmp_path / "mine.json")
        assert [d.id for d in services.workspace("李四").drafts()] == [other.info.draft_id]
    listed = json.loads(_ok(["drafts", "list", "--json"]).stdout)
    assert {(d["id"], d["owner"]) for d in listed} == {(1, "张三"), (other.info.draft_id, "李四")}
    mine = json.loads(_ok(["drafts", "list", "--mine", "--json"]).stdout)
    assert [d["id"] for d in mine] == [1]
    shown = json.loads(_ok(["drafts", "show", str(other.info.draft_id), "--json"]).stdout)
    assert shown["version"] == 1


def test_export_of_a_draft_id_is_the_drafts_export(data_dir: Path, tmp_path: Path) -> None:
    """`assistant export ID --to json` and `assistant drafts export ID -o x.json` write the same draft JSON."""
    _ok(["draft", "--example", "-o", str(tmp_path / "first.json")])
    by_export, by_drafts = tmp_path / "export.json", tmp_path / "drafts.json"
    _ok(["export", "1", "--to", "json", "-o", str(by_export)])
    _ok(["drafts", "export", "1", "-o", str(by_drafts)])
    assert by_export.read_bytes() == by_drafts.read_bytes()
    assert Draft.model_validate_json(by_export.read_text(encoding="utf-8")).brief.name == "党员教育平台运维项目"


def test_a_model_draft_says_which_sections_the_rules_wrote(data_dir: Path, tmp_path: Path) -> None:
    """A new user's drafts timed out on a loaded machine: every section by rules, yet the title said 起草方式：Qwen…."""
    from rich.console import Console

    from assistant.cli.render import draft_view
    from assistant.drafting.models import RULES_MODEL
    from assistant.store.files import draft_from_payload

    out = tmp_path / "draft.json"
    _ok(["draft", "--example", "-o", str(out)])
    rules = draft_from_payload(json.loads(out.read_text(encoding="utf-8")), source=out.name)
    model = "Qwen2.5-Coder-1.5B-Instruct（内置）"

    def shown(draft: Draft) -> str:
        console = Console(width=200, record=True)
        console.print(draft_view(draft))
        return console.export_text()

    all_rules = shown(rules.model_copy(update={"model": model}))
    assert f"起草方式：规则（{model} 没有写出可用的部分）" in all_rules
    one = [
        s.model_copy(update={"generated_by": model}) if s.kind is SectionKind.OVERVIEW else s for s in rules.sections
    ]
    mixed = shown(rules.model_copy(update={"model": model, "sections": one}))
    assert f"起草方式：{model}；项目设立的必要性" in mixed and "由规则起草" in mixed
    assert "项目设立的必要性（规则起草）" in mixed and "项目概况（规则起草）" not in mixed
    assert all(s.generated_by == RULES_MODEL for s in rules.sections)
