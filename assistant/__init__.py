"""申报助手: drafting assistant for 财政项目支出绩效目标申报表."""

import os

__version__ = "0.1.0"

# Nothing may reach for the network at run time: no hub downloads, no analytics, no telemetry.
for _name, _value in {
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
}.items():
    os.environ.setdefault(_name, _value)
