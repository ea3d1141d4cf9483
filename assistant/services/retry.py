"""What 重试失败的部分 did (`DraftingService.retry_failed`), told in Chinese."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.domain.model import SectionKind

if TYPE_CHECKING:
    from assistant.services.drafting import SavedDraft


@dataclass(frozen=True)
class Retry:
    """What 重试失败的部分 did: the draft as saved (or unchanged), the sections the model wrote this time, those still
    by rules with why, and the failed sections left alone because a person edited or locked them."""

    saved: SavedDraft
    written: list[SectionKind]
    failed: dict[SectionKind, str]
    kept: list[SectionKind]

    def message(self) -> str:
        """The outcome in Chinese, one paragraph."""
        parts = []
        if self.written:
            parts.append(f"已由模型重写：{labels(self.written)}（第 {self.saved.info.number} 版）")
        if self.failed:
            why = "；".join(dict.fromkeys(self.failed.values()))
            parts.append(f"仍未成功、保留规则文字：{labels(list(self.failed))}（{why}）")
        if self.kept:
            parts.append(f"已人工修改或锁定、未重试：{labels(self.kept)}")
        if not self.written:
            parts.append("未保存新版本")
        return "；".join(parts) + "。"


def labels(kinds: list[SectionKind]) -> str:
    return "、".join(kind.label for kind in kinds)
