"""问答: questions over past declarations in a chat; each answer with its citations, which open the cited declaration."""

from __future__ import annotations

from collections.abc import Iterator

import gradio as gr

from assistant.qa.conversation import Conversation
from assistant.qa.models import Answer
from assistant.web import render
from assistant.web.context import WebContext
from assistant.web.errors import guarded

EXAMPLES = ["2023年组织部各项目资金合计多少？", "党员教育平台运维项目的满意度指标是怎么设的？", "哪些项目引用了《网络安全法》？"]


def answer_markdown(answer: Answer) -> str:
    """The answer, its exact figure, notes, and each citation with the text quoted from it."""
    parts = [answer.text]
    if answer.figure:
        parts.append(f"**合计**：{answer.figure}")
    parts += [f"> 说明：{note}" for note in answer.notes]
    if answer.citations:
        parts.append("**出处**：\n" + "\n".join(f"- {c.label}：{(c.quote or '')[:160]}" for c in answer.citations[:10]))
    return "\n\n".join(parts)


def cited_ids(answer: Answer) -> list[str]:
    return list(dict.fromkeys(c.declaration_id for c in answer.citations if c.declaration_id))


def build_qa_tab(ctx: WebContext) -> None:
    conversation = gr.State(Conversation())
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chat = gr.Chatbot(label="问答（数字由程序精确计算，每条回答注明出处）", height=460, elem_id="qa-chat")
            with gr.Row():
                question = gr.Textbox(show_label=False, placeholder="就历年申报表提问，可追问“那2026年的呢？”", scale=5, elem_id="qa-question")
                send = gr.Button("提问", variant="primary", scale=1, elem_id="qa-send")
            gr.Examples(EXAMPLES, inputs=question, label="示例问题")
        with gr.Column(scale=2):
            cited = gr.Dropdown(label="打开引用的申报表", choices=[], elem_id="qa-cited", allow_custom_value=True)
            declaration = gr.HTML("", elem_id="qa-declaration")

    @guarded
    def ask(text: str, history: list, state: Conversation) -> Iterator[list]:
        if not (text or "").strip():
            raise gr.Error("请先输入问题", title="无法完成")
        history = [*history, {"role": "user", "content": text}, {"role": "assistant", "content": "正在查找……"}]
        yield [history, state, gr.skip(), ""]
        answer = ctx.services.qa.answer(text.strip(), state)
        history[-1] = {"role": "assistant", "content": answer_markdown(answer)}
        ids = cited_ids(answer)
        yield [history, state, gr.Dropdown(choices=ids, value=ids[0] if ids else None), ""]

    @guarded
    def open_declaration(declaration_id: str | None) -> str:
        if not declaration_id:
            return ""
        return render.declaration_html(ctx.services.corpus.corpus().get(declaration_id))

    outputs = [chat, conversation, cited, question]
    send.click(ask, [question, chat, conversation], outputs, api_name="ask")
    question.submit(ask, [question, chat, conversation], outputs)
    cited.change(open_declaration, cited, declaration, api_name="open_cited")
