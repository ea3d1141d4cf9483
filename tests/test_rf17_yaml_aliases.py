"""rt14 F1: a brief or a patch with YAML aliases (an alias bomb) is refused before anything is built or walked."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain.brief import example_brief_path, load_brief
from assistant.errors import InputError
from assistant.services.editing import parse_patch, read_cli_value


def _bomb_levels(levels: int) -> str:
    parts = ['&l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    parts += [f"&l{i} [{','.join([f'*l{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "[" + ", ".join(parts) + "]"


def test_brief_alias_bomb_is_refused_naming_file_and_line(tmp_path: Path) -> None:
    lines = example_brief_path().read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("政策依据"))
    end = next(i for i in range(at + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "-")))
    lines[at:end] = [f"政策依据: {_bomb_levels(4)}"]
    path = tmp_path / "炸弹.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_brief(path)
    text = str(info.value) + str(info.value.hint)
    assert "炸弹.yaml" in text and "别名" in text and f"第 {at + 1} 行" in text
    assert "&" in str(info.value.hint)


def test_single_alias_in_brief_is_refused(tmp_path: Path) -> None:
    text = example_brief_path().read_text(encoding="utf-8")
    path = tmp_path / "b.yaml"
    path.write_text(text.replace("项目名称:", "x: &a 1\n项目名称:", 1) + "\n甲: *a\n", encoding="utf-8")
    with pytest.raises(InputError, match="别名"):
        load_brief(path)


def test_patch_alias_bomb_is_refused_before_flattening() -> None:
    levels = ["d0: &d0 {" + ",".join(f"k{i}: v" for i in range(10)) + "}"]
    levels += [f"d{n}: &d{n} {{" + ",".join(f"k{i}: *d{n - 1}" for i in range(10)) + "}" for n in range(1, 4)]
    with pytest.raises(InputError, match="别名") as info:
        parse_patch("\n".join(levels) + "\n", source="p.yaml")
    assert "p.yaml" in str(info.value)


def test_cli_list_value_with_alias_is_refused() -> None:
    with pytest.raises(InputError, match="别名"):
        read_cli_value("basis", "[&a x, *a, *a]")


def test_quoted_star_text_is_still_text() -> None:
    assert read_cli_value("basis", '["*重要*文件", "& 附件"]') == ["*重要*文件", "& 附件"]
