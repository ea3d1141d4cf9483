"""Where the product's shipped files are: the checkout's top-level folders, or their copies in an installed wheel.

In a checkout (``pyproject.toml`` beside the package) ``prompts/`` and ``corpus/`` are read where they stand.
A wheel carries copies under ``assistant/_data/`` (``setup.py`` puts them there at build time), so an
installed product drafts from any directory. Writable state (index, drafts, caches) goes to the data folder:
the checkout's ``data/``, or for an installed product ``$XDG_DATA_HOME/shenbao-assistant``
(``~/.local/share/shenbao-assistant``), either overridden by ``ASSISTANT_DATA_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
PACKAGED = Path(__file__).resolve().parent / "_data"
SHIPPED = ("prompts", "corpus")  # the top-level folders a wheel carries (setup.py reads this tuple)


def in_checkout() -> bool:
    """Whether the package runs from its source checkout (an editable install counts)."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "prompts").is_dir()


def shipped(name: str) -> Path:
    """The folder ``name`` (one of `SHIPPED`): the checkout's own, else the wheel's copy."""
    if name not in SHIPPED:
        raise ValueError(f"not a shipped folder: {name}")
    return CHECKOUT / name if in_checkout() else PACKAGED / name


def default_data_dir() -> Path:
    """The writable folder when ``ASSISTANT_DATA_DIR`` is unset."""
    if in_checkout():
        return CHECKOUT / "data"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "shenbao-assistant"
