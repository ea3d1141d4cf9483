"""Every mistake on the command line or in a brief gets a Chinese message: the real CLI (typer's runner)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain.brief import LONG_TEXT, MAX_BRIEF_BYTES

runner = CliRunner()
# What click, typer, pydantic and PyYAML say in English; none of it may reach a user.
ENGLISH = re.compile(
    r"Invalid value|No such|Missing|Usage:|Error|Try '|Input should|mapping values|Expecting|line \d+, column"
)


def _refused(args: list[str], *fragments: str) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("错误："), result.output
    assert not ENGLISH.search(result.output), result.output
    assert all(f in result.output for f in fragments), result.output
    return result.output


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["export", "2023-003-01", "--to", "pdf"], ("选项 --to 的值“pdf”不是可选值", "docx、xlsx、json")),
        (["check", "--to", "x"], ("没有 --to 这个选项", "--help")),
        (["--bogus"], ("没有 --bogus 这个选项",)),
        (["drafts", "edit", "1", "--field", "资金.总额", "-5万"], ("以减号开头的值", "-- 之后")),
        (["nosuch"], ("没有 nosuch 这个命令", "assistant --help")),
        (["drafts", "show"], ("缺少参数 DRAFT_ID", "草稿编号")),
        (["drafts", "show", "abc"], ("参数 DRAFT_ID 的值“abc”无效", "应为整数")),
        (["search", "平台运维", "-k", "nan"], ("选项 -k / --top 的值“nan”无效", "应为整数")),
        (["search", "平台运维", "-k", "0"], ("应不小于 1",)),
        (["serve", "--port", "99999999"], ("应不大于 65535",)),
        (["export", "2023-003-01", "--to"], ("选项 --to 后面需要给出一个值",)),
        (["corpus", "build", "--verbose=3"], ("选项 --verbose 不带值",)),
        (["check", "a.json", "b.json"], ("多余的参数：b.json", "引号")),
        (["check"], ("请给出要审核的文件、目录、草稿编号或申报表编号",)),
    ],
)
def test_usage_errors_are_chinese(args: list[str], fragments: tuple[str, ...]) -> None:
    _refused(args, *fragments)


@pytest.mark.parametrize(
    ("args", "wanted", "unwanted"),
    [
        # `--actual -- -5个`: the -- is taken as --actual's value, so "write it after --" cannot help
        (["selfeval", "fill", "1", "--row", "1", "--actual", "--", "-5个"], "--actual=-5个", "写在 -- 之后"),
        (["drafts", "show", "-1"], "drafts show -- -1", "金额"),
        (["drafts", "edit", "1", "--field", "资金.总额", "-5万"], "--field 资金.总额 -- -5万", "--patch="),
    ],
)
def test_a_value_with_a_minus_gets_the_way_that_works_for_where_it_was_written(
    monkeypatch: pytest.MonkeyPatch, args: list[str], wanted: str, unwanted: str
) -> None:
    monkeypatch.setattr("sys.argv", ["assistant", *args])  # the command line as the shell gave it
    output = _refused(args, "以减号开头的值", wanted)
    assert unwanted not in output


def test_a_bare_group_still_shows_its_help() -> None:
    result = runner.invoke(app, ["corpus"])
    assert "语料库：把历年申报表解析为结构化语料" in result.output and "错误：" not in result.output


def _brief(tmp_path: Path, text: str, name: str = "brief.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_yaml_syntax_error_says_line_column_and_cause(tmp_path: Path) -> None:
    brief = _brief(tmp_path, "项目名称: 平台运维: 二期\n年度: 2027\n")
    _refused(["suggest", brief], "brief.yaml 不是合法的 YAML", "第 1 行第 11 列", "未加引号的冒号", "引号括起来")


def test_yaml_tab_indent_is_named(tmp_path: Path) -> None:
    brief = _brief(tmp_path, "项目名称: 平台运维\n资金:\n\t总额: 100\n")
    _refused(["suggest", brief], "第 3 行第 1 列", "制表符")


def test_json_syntax_error_says_line_and_column(tmp_path: Path) -> None:
    brief = _brief(tmp_path, '{"项目名称": "平台运维",\n "年度": 2027,}', name="brief.json")
    _refused(["suggest", brief], "brief.json 不是合法的 JSON", "第 2 行第 13 列", "双引号")


@pytest.mark.parametrize(
    ("field", "value", "fragments"),
    [
        ("资金:\n  总额", ".nan", ("字段 资金.总额", "“nan”不是金额")),
        ("资金:\n  总额", "1.0e+30", ("字段 资金.总额", "不是金额")),
        ("资金:\n  总额", "yes", ("字段 资金.总额", "“yes”不是金额")),
        ("年度", ".nan", ("字段 年度", "应为整数（年份")),
        ("年度", "1999", ("字段 年度", "应不小于 2000", "填写的是“1999”")),
    ],
)
def test_pydantic_errors_are_chinese_with_the_field(
    tmp_path: Path, field: str, value: str, fragments: tuple[str, ...]
) -> None:
    year = "" if field == "年度" else "年度: 2027\n"
    brief = _brief(tmp_path, f"项目名称: 平台运维\n{year}{field}: {value}\n")
    _refused(["suggest", brief], "brief.yaml 有误", *fragments)


@pytest.mark.parametrize(
    ("line", "fragments"),
    [
        ('项目名称: "平台\\e[31m运维"', ("字段 项目名称", "ESC（终端转义序列的开头）", "\\u001b")),
        ('项目名称: "平台\\u202e运维"', ("字段 项目名称", "文字方向控制符 U+202E")),
        ('实施单位: "中心\\n二部"', ("字段 实施单位", "换行", "该栏只能写一行")),
        ('主要内容: "第一段\\a"', ("字段 主要内容", "控制字符 U+0007")),
    ],
)
def test_control_characters_are_refused_naming_the_field(tmp_path: Path, line: str, fragments: tuple[str, ...]) -> None:
    brief = _brief(
        tmp_path, f"{line}\n年度: 2027\n" if "项目名称" in line else f"项目名称: 平台运维\n年度: 2027\n{line}\n"
    )
    output = _refused(["suggest", brief], *fragments)
    assert "\x1b" not in output and "\u202e" not in output  # never echoed to the terminal


def test_line_breaks_stay_allowed_in_the_content(tmp_path: Path) -> None:
    brief = _brief(tmp_path, "项目名称: 平台运维\n年度: 2027\n主要内容: |\n  第一段。\n  第二段。\n")
    result = runner.invoke(app, ["suggest", brief, "--json"])
    assert result.exit_code == 0, result.output


def test_an_oversized_brief_is_refused_before_it_is_read(tmp_path: Path) -> None:
    body = "  " + "本项目用于平台运维和数据共享服务。" * 20 + "\n"
    brief = _brief(tmp_path, "项目名称: 大简报\n年度: 2027\n主要内容: |\n" + body * 5000)
    assert Path(brief).stat().st_size > 10 * MAX_BRIEF_BYTES
    started = time.perf_counter()
    _refused(["suggest", brief], "超过简报的合理大小（256 KB）", "主要内容请精简")
    assert time.perf_counter() - started < 5  # refused by its size, not after parsing 5 MB of YAML


def test_an_overlong_field_is_refused_with_its_limit(tmp_path: Path) -> None:
    body = "  " + "本项目用于平台运维和数据共享服务。" * 20 + "\n"
    brief = _brief(tmp_path, "项目名称: 长内容\n年度: 2027\n主要内容: |\n" + body * 100)
    _refused(["suggest", brief], "字段 主要内容", f"过长（最多 {LONG_TEXT} 字）")
    long_name = _brief(tmp_path, f"项目名称: {'平台' * 150}\n年度: 2027\n", name="name.yaml")
    _refused(["suggest", long_name], "字段 项目名称", "过长（最多 200 字）")


def test_a_bad_setting_names_its_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "gpt")
    _refused(
        ["corpus", "list"], "设置有误", "字段 llm.provider", "可选：local、openai、none", "ASSISTANT_LLM__PROVIDER"
    )


def _commands(group, path=()):
    """Every command path of the CLI, from typer's click group (so a new command is covered without listing it)."""
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name)


def test_help_speaks_chinese_around_our_texts() -> None:
    """A new user read ``Usage:``, ``[OPTIONS]``, ``<str>`` and ``<bool>`` beside flags as unexplained English."""
    import typer.main

    paths = list(_commands(typer.main.get_command(app)))
    assert len(paths) > 20
    for path in [(), *paths]:
        shown = runner.invoke(app, [*path, "--help"], terminal_width=200).output
        assert "用法：" in shown, (path, shown)
        for english in ("Usage", "[OPTIONS]", "COMMAND", "<str>", "<int>", "<path>", "<bool>", "<float>"):
            assert english not in shown, (path, english, shown)
