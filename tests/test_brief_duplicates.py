"""A brief that writes a field twice is refused with the lines of both, never the last one silently taken
(real CLI via `assistant suggest`, real files in tmp_path)."""

from pathlib import Path

from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain.brief import example_brief_path

runner = CliRunner()


def _suggest(path: Path):
    return runner.invoke(app, ["suggest", str(path)], env={"ASSISTANT_DATA_DIR": str(path.parent / "data")})


def test_a_yaml_field_written_twice_is_refused_with_both_lines(tmp_path: Path) -> None:
    lines = example_brief_path().read_text(encoding="utf-8").splitlines()
    content = next(i for i, line in enumerate(lines) if line.startswith("主要内容:"))
    brief = tmp_path / "brief.yaml"
    brief.write_text("\n".join([*lines, "主要内容: 另写的一段"]) + "\n", encoding="utf-8")
    result = _suggest(brief)
    assert result.exit_code == 2, result.output
    assert f"字段“主要内容”写了两次（第 {content + 1} 行和第 {len(lines) + 1} 行）" in result.output
    assert "brief.yaml" in result.output and "Traceback" not in result.output


def test_a_nested_yaml_key_written_twice_is_refused(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text("项目名称: 测试\n实施计划:\n  - 时间: 2026-01\n    时间: 2026-02\n", encoding="utf-8")
    result = _suggest(brief)
    assert result.exit_code == 2 and "字段“时间”写了两次（第 3 行和第 4 行）" in result.output


def test_a_json_field_written_twice_is_refused_with_both_lines(tmp_path: Path) -> None:
    brief = tmp_path / "brief.json"
    brief.write_text('{\n  "项目名称": "测试",\n  "主要内容": "一",\n  "主要内容": "二"\n}\n', encoding="utf-8")
    result = _suggest(brief)
    assert result.exit_code == 2 and "字段“主要内容”写了两次（第 3 行和第 4 行）" in result.output


def test_the_example_brief_still_reads(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(example_brief_path().read_text(encoding="utf-8"), encoding="utf-8")
    assert _suggest(brief).exit_code == 0
