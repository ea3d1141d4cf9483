"""The CLI's one door to the services: settings read once, progress on stderr."""

from __future__ import annotations

import typer

from assistant.services import Services, build_services
from assistant.settings import LLMProvider, load_settings


def _progress(message: str) -> None:
    typer.echo(message, err=True)


def open_services(*, llm: LLMProvider | None = None) -> Services:
    """Services over the environment's settings; ``llm`` overrides the model provider on a copy."""
    return build_services(load_settings(), llm_override=llm, on_progress=_progress)
