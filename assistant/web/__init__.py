"""The web workspace (Gradio): `assistant serve`."""
