"""Which model writes the drafts, shown at the top of the page: the embedded model, an endpoint, or rules."""

from __future__ import annotations

from assistant.services.results import LLMRuntime
from assistant.settings import LLMProvider


def model_state(runtime: LLMRuntime) -> str:
    """One Chinese line: who drafts, and whether the embedded model is running (it starts on the first draft)."""
    provider = runtime.provider
    if provider is LLMProvider.NONE:
        return "**起草方式：规则**（本服务未配置语言模型：各部分由简报内容按规则生成，需人工润色）"
    if provider is LLMProvider.OPENAI:
        llm = runtime.settings.llm
        return f"**起草方式：接口模型** {llm.model or ''}（{llm.base_url or '未设置地址'}）"
    server = runtime.running_server()
    if server is not None:
        return f"**起草方式：内置模型**（Qwen2.5-Coder-1.5B，已在本机端口 {server.port} 运行）"
    if runtime.start_error is not None:
        return (
            f"**注意：内置模型未能启动**（{runtime.start_error.message}）：起草将按规则进行，页面会提示；"
            "可在起草时点“重试”再次启动模型"
        )
    if runtime.starting:
        return "**起草方式：内置模型**（Qwen2.5-Coder-1.5B，正在本机启动……）"
    return "**起草方式：内置模型**（Qwen2.5-Coder-1.5B，首次起草时在本机启动）"
