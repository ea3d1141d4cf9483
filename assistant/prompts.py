"""Prompts live as Chinese text files in ``prompts/``; each is checked for exactly the variables the code fills."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

from assistant.errors import AssistantError
from assistant.resources import shipped

PROMPTS_DIR = shipped("prompts")

# Each prompt and the variables the code provides for it.
EXPECTED: dict[str, frozenset[str]] = {
    "system": frozenset(),
    "section": frozenset(
        {"section_title", "guidance", "length", "instruction", "brief", "context", "previous", "cited"}
    ),
    "repair": frozenset({"problems"}),
    "qa_answer": frozenset({"question", "sources"}),
    "qa_translate": frozenset({"question", "projects", "units", "years", "types", "previous"}),
}


@dataclass(frozen=True)
class Prompt:
    name: str
    template: Template

    def render(self, **values: object) -> str:
        missing = EXPECTED[self.name] - values.keys()
        if missing:
            raise AssistantError(
                f"提示词 {self.name} 缺少变量：{'、'.join(sorted(missing))}", hint="这是程序错误，请报告"
            )
        return self.template.substitute({k: str(v) for k, v in values.items()})


def variables(template: Template) -> set[str]:
    return {
        m.group("named") or m.group("braced")
        for m in template.pattern.finditer(template.template)
        if m.group("named") or m.group("braced")
    }


@cache
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    path = directory / f"{name}.md"
    try:
        template = Template(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AssistantError(f"找不到提示词文件 {path}", hint="请确认 prompts/ 目录完整") from exc
    found = variables(template)
    if found != EXPECTED[name]:
        raise AssistantError(
            f"提示词 {path.name} 的变量与程序不一致：多出 {sorted(found - EXPECTED[name])}，缺少 {sorted(EXPECTED[name] - found)}",
            hint="请修改提示词文件，使变量与程序一致",
        )
    return Prompt(name=name, template=template)
