"""The services the shells call (CLI, web): built from the settings in one place, `build_services`."""

from assistant.services.wiring import Services, build_services

__all__ = ["Services", "build_services"]
