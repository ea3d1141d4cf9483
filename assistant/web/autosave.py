"""Nothing typed is lost on a reload: what a person types into the brief form and the draft's editors is kept in the
browser (``localStorage``, as they type, without a server call) with the version the page showed, and put back after
a reload when the page shows that same version again (or no draft, for a brief typed before drafting).

Text typed against a version that has since been superseded is not put back: it would silently undo the newer
version. A save redraws the editors from the stored version, so what was saved is never restored over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import gradio as gr

from assistant.services.results import VersionInfo

VERSION_KEY = "__version"
STORAGE_KEY = "shenbao-unsaved"


def version_tag(info: VersionInfo | None) -> str:
    """``草稿 3 第 2 版`` as the tag unsaved text is kept under; "" while no draft is open."""
    return "" if info is None else f"{info.draft_id}:{info.number}"


@dataclass
class Autosave:
    store: gr.BrowserState
    shown: gr.Textbox  # hidden: the version the page shows (`version_tag`), read by the browser as it keeps text
    fields: dict[str, gr.components.Component]

    def track(self) -> None:
        """Keep each field's text in the browser as it is typed (a browser-side step: no server call)."""
        for key, component in self.fields.items():
            js = (
                f"(value, kept, shown) => {{ const same = kept && kept['{VERSION_KEY}'] === shown; "
                f"const next = same ? Object.assign({{}}, kept) : {{}}; "
                f"next['{VERSION_KEY}'] = shown; next['{key}'] = value; return next; }}"
            )
            cast(Any, component).input(  # every editor registered here is a text or table input
                None, [component, self.store, self.shown], self.store, js=js, api_visibility="private"
            )

    def restore(self, kept: dict | None, shown: str) -> dict:
        """The kept texts for the version now shown, put back into their fields; nothing when there are none."""
        if not isinstance(kept, dict) or kept.get(VERSION_KEY) != (shown or ""):
            kept = {}
        return {c: kept[k] if k in kept else gr.skip() for k, c in self.fields.items()}


def build_autosave() -> Autosave:
    store = gr.BrowserState({}, storage_key=STORAGE_KEY)
    shown = gr.Textbox("", elem_id="shown-version", elem_classes=["shenbao-hidden"], show_label=False, container=False)
    return Autosave(store, shown, {})
