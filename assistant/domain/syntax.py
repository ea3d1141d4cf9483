"""Syntax errors in the YAML and JSON files users write (briefs, drafts, policies), in Chinese with line and column.

PyYAML and the json module describe a problem in English (``mapping values are not allowed here``); the
messages below say the same thing in the user's words, with the usual cause and where it is.
"""

from __future__ import annotations

import json

import yaml

_YAML_PROBLEMS = (
    ("mapping values are not allowed", "这里不能出现“名称: 值”（常见原因：值里有未加引号的冒号，或缩进不对）"),
    ("could not find expected ':'", "缺少冒号（每行写作“名称: 值”，冒号后留一个空格）"),
    ("cannot start any token", "含有不能出现在这里的字符（如制表符 Tab；YAML 只能用空格缩进）"),
    ("did not find expected key", "缩进不一致：同一层的字段应左端对齐，列表项以“- ”开头"),
    ("expected <block end>", "缩进不一致：同一层的字段应左端对齐，列表项以“- ”开头"),
    ("did not find expected '-' indicator", "缩进不一致：同一列表的各项应以“- ”开头并对齐"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("found undefined alias", "以“*”开头的值被当作 YAML 别名；如是文字，请加引号"),
    ("expected alphabetic or numeric character", "以“*”或“&”开头的值请加引号"),
    ("found duplicate anchor", "以“&”开头的值请加引号"),
    ("found unknown escape character", "双引号中的反斜杠“\\”无法识别；请改用单引号"),
    ("expected ',' or ']'", "方括号列表没有闭合，或各项之间缺少逗号"),
    ("expected ',' or '}'", "花括号没有闭合，或各项之间缺少逗号"),
    (
        "could not determine a constructor for the tag",
        "含有以“!”开头的 YAML 标签（如 !!python/…），本工具不读取标签；如是文字，请加引号",
    ),
)
_JSON_PROBLEMS = (
    ("Expecting property name", "字段名应写在双引号中（或多了一个逗号）"),
    ("Expecting ',' delimiter", "缺少逗号，或括号、引号没有闭合"),
    ("Expecting ':' delimiter", "字段名后缺少冒号"),
    ("Expecting value", "缺少值，或多了一个逗号（也可能文件不是 JSON）"),
    ("Unterminated string", "引号没有闭合"),
    ("Invalid control character", "字符串中有未转义的换行或控制字符"),
    ("Invalid \\escape", "字符串中的反斜杠“\\”无法识别"),
    ("Extra data", "JSON 结束后还有多余的内容"),
)


class DuplicateKeyError(yaml.YAMLError):
    """A mapping that names the same key twice (PyYAML would silently keep the last)."""

    def __init__(self, key: object, first: yaml.Mark, second: yaml.Mark) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key, self.first, self.second = key, first, second


class AliasError(yaml.YAMLError):
    """An alias (``*name``) in a file a person wrote: refused while composing, before anything is built, so an
    alias bomb (each level repeating the one before) costs no more than its own bytes (red team rt14 F1)."""

    def __init__(self, name: str, mark: yaml.Mark) -> None:
        super().__init__(f"alias *{name}")
        self.name, self.mark = name, mark


class NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases: a brief or a patch never needs to repeat a node by reference."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise AliasError(str(event.anchor), event.start_mark)
        return super().compose_node(parent, index)


class UniqueKeyLoader(NoAliasLoader):
    """SafeLoader that refuses a key written twice in one mapping, with the lines of both, and any alias."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        seen: dict[object, yaml.Mark] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                continue  # unhashable: SafeLoader says so itself
            if key in seen:
                raise DuplicateKeyError(key, seen[key], key_node.start_mark)
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


def describe_yaml_error(exc: yaml.YAMLError) -> str:
    """``第 3 行第 8 列：这里不能出现“名称: 值”（…）``."""
    if isinstance(exc, AliasError):
        return (
            f"第 {exc.mark.line + 1} 行第 {exc.mark.column + 1} 列：用了 YAML 别名“*{exc.name}”；"
            "简报和修改文件不支持锚点（&）与别名（*），请把内容直接写出；以 * 或 & 开头的文字请用引号括起来"
        )
    if isinstance(exc, DuplicateKeyError):
        return (
            f"字段“{exc.key}”写了两次（第 {exc.first.line + 1} 行和第 {exc.second.line + 1} 行），"
            "无法确定以哪一处为准；请删去或合并其中一处"
        )
    problem = " ".join(str(part) for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part)
    text = next((chinese for english, chinese in _YAML_PROBLEMS if english in problem), "格式有误")
    mark = getattr(exc, "problem_mark", None)
    return f"第 {mark.line + 1} 行第 {mark.column + 1} 列：{text}" if mark is not None else text


def describe_json_error(exc: json.JSONDecodeError) -> str:
    """``第 5 行第 3 列：缺少逗号，或括号、引号没有闭合``."""
    text = next((chinese for english, chinese in _JSON_PROBLEMS if exc.msg.startswith(english)), "格式有误")
    return f"第 {exc.lineno} 行第 {exc.colno} 列：{text}"
