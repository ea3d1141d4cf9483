"""What drafting returns to the shells: a saved draft (or the note that nothing changed), a rewrite before it is
saved, and the error for an instruction that needs a language model. Re-exported by `services.drafting`."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.drafting.models import Draft
from assistant.errors import InputError
from assistant.store import Origin, VersionInfo


@dataclass(frozen=True)
class SavedDraft:
    """A draft as saved: its version record, the draft, and the protected fields carried over unchanged.
    ``unchanged``: the result equalled the latest version, so no version was stored and ``info`` is that one."""

    info: VersionInfo
    draft: Draft
    kept: list[str] = field(default_factory=list)
    unchanged: bool = False
    withheld: str = ""  # suggested rows left out because a person had deleted or changed that row (in Chinese)

    @property
    def notice(self) -> str | None:
        """What to tell the person when nothing was stored (in Chinese), else None."""
        return f"内容与第 {self.info.number} 版相同，未保存新版本" if self.unchanged else None


@dataclass(frozen=True)
class Rewrite:
    """A section or the indicator table written again: the whole draft, the protected fields it kept, and the
    provenance its changed fields get (``origins`` per path where they differ from ``origin``)."""

    draft: Draft
    kept: list[str]
    origin: Origin
    origins: dict[str, Origin]
    withheld: str = ""


class ModelRequiredError(InputError):
    """The operation needs a language model and none is in use (rules cannot follow an instruction)."""

    @classmethod
    def for_instruction(cls, instruction: str, *, why: str = "当前没有使用语言模型") -> ModelRequiredError:
        return cls(
            f"按要求“{instruction.strip()}”改写需要语言模型，{why}：未改写，也未保存新版本",
            hint="请改用内置模型（--llm local）或已配置的接口（--llm openai，需设置 ASSISTANT_LLM__BASE_URL、"
            "ASSISTANT_LLM__API_KEY、ASSISTANT_LLM__MODEL）后重试；不加 --instruction 则按规则重新生成",
        )
