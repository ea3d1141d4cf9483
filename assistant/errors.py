"""The few error types the product raises. Messages are Chinese, for users, and say what to do."""

from __future__ import annotations


class AssistantError(Exception):
    """Base error: ``message`` says what happened, ``hint`` what to do."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}（{self.hint}）" if self.hint else self.message


class InputError(AssistantError):
    """The user's input (a file, a brief, a query) cannot be used as it is."""


class NotADeclarationError(InputError):
    """A file holds no recognisable 绩效目标申报表."""


class CorpusError(AssistantError):
    """The corpus on disk is missing or inconsistent."""


class ModelError(AssistantError):
    """The language model or its server failed; ``raw_output`` keeps its last answer."""

    def __init__(self, message: str, *, hint: str | None = None, raw_output: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.raw_output = raw_output
