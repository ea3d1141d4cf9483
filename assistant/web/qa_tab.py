"""问答: questions over past declarations in a chat; each answer with its citations, which open the cited
declaration as the official table (the cited section or row marked) or the cited policy.

A citation in the chat is a link ``#cite=<ref>``; a click on it is caught by the page script (`CITE_JS`),
which keeps the ref and presses a hidden button; that button's event hands the ref to `open_cited` (the
event's ``js`` returns it as the input) and the source opens beside the chat. The dropdown lists the same
citations for keyboard use. Only a citation's ``ref`` and ``label`` are read.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import gradio as gr

from assistant.services.results import Answer, Conversation
from assistant.web import render
from assistant.web.context import WebContext
from assistant.web.errors import guarded
from assistant.web.safe import text as md

EXAMPLES = [
    "2023年组织部各项目资金合计多少？",
    "党员教育平台运维项目的满意度指标是怎么设的？",
    "哪些项目引用了《网络安全法》？",
]
CITE_ANCHOR = "#cite="
CITE_LIMIT = 10
CITE_JS = """
() => {
  if (window.shenbaoCiteListener) return;
  window.shenbaoCiteListener = true;
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href*="#cite="]');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    window.shenbaoCiteRef = decodeURIComponent(link.getAttribute('href').split('#cite=')[1] || '');
    const button = document.getElementById('qa-cite-open');
    if (button) button.click();
  }, true);
}
"""
PASS_REF_JS = "(ref) => window.shenbaoCiteRef || ref"
SCROLL_JS = "() => { const row = document.querySelector('#qa-declaration .cited'); if (row) row.scrollIntoView({block: 'center'}); }"


def cite_link(label: str, ref: str) -> str:
    """A citation as a Markdown link the page script opens: ``[项目 · 2023 · 部分](#cite=2023-003-06%23necessity)``."""
    text = md(label.strip().removeprefix("[").removesuffix("]"), inline=True)
    return f"[{text}]({CITE_ANCHOR}{quote(ref, safe='')})"


def answer_markdown(answer: Answer) -> str:
    """The answer, its exact figure, notes, and each citation as a link with the text quoted from it."""
    parts = [md(answer.text)]
    if answer.figure:
        parts.append(f"**合计**：{md(answer.figure, inline=True)}")
    parts += [f"> 说明：{md(note, inline=True)}" for note in answer.notes]
    if answer.citations:
        lines = [f"- {cite_link(c.label, c.ref)}{_quoted(c)}" for c in answer.citations[:CITE_LIMIT]]
        parts.append("**出处**（点击打开）：\n" + "\n".join(lines))
    return "\n\n".join(parts)


def _quoted(citation: object) -> str:
    quote_text = getattr(citation, "quote", None)  # not every citation type carries the quoted text
    return f"：{md(quote_text[:160], inline=True)}" if quote_text else ""


def cited_choices(answer: Answer) -> list[tuple[str, str]]:
    """(label, ref) of each distinct citation, for the dropdown beside the chat."""
    seen = dict.fromkeys((c.ref, c.label) for c in answer.citations[:CITE_LIMIT])
    return [(label, ref) for ref, label in seen]


def build_qa_tab(ctx: WebContext) -> None:
    conversation = gr.State(Conversation())
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chat = gr.Chatbot(
                label="问答（数字由程序精确计算，每条回答注明出处，点击出处打开原表）", height=460, elem_id="qa-chat"
            )
            with gr.Row():
                question = gr.Textbox(
                    show_label=False,
                    placeholder="就历年申报表提问，可追问“那2026年的呢？”",
                    scale=5,
                    elem_id="qa-question",
                )
                send = gr.Button("提问", variant="primary", scale=1, elem_id="qa-send")
            gr.Examples(EXAMPLES, inputs=question, label="示例问题")
        with gr.Column(scale=2):
            cited = gr.Dropdown(label="打开出处", choices=[], elem_id="qa-cited", allow_custom_value=True)
            ref_box = gr.Textbox(
                "", elem_id="qa-cite-ref", elem_classes=["shenbao-hidden"], show_label=False, container=False
            )
            ref_open = gr.Button("打开", elem_id="qa-cite-open", elem_classes=["shenbao-hidden"])
            declaration = gr.HTML("", elem_id="qa-declaration")

    @guarded
    def ask(text: str, history: list, state: Conversation) -> Iterator[list]:
        if not (text or "").strip():
            raise gr.Error("请先输入问题", title="无法完成")
        if not history:  # a new or cleared chat: nothing said before carries over
            state = Conversation()
        asked = {"role": "user", "content": md(text)}
        history = [*history, asked, {"role": "assistant", "content": "正在查找……"}]
        yield [history, state, gr.skip(), ""]
        answer = ctx.services.qa.answer(text.strip(), state)
        history[-1] = {"role": "assistant", "content": answer_markdown(answer)}
        choices = cited_choices(answer)
        yield [history, state, gr.Dropdown(choices=choices, value=choices[0][1] if choices else None), ""]

    @guarded
    def open_cited(ref: str | None) -> str:
        if not ref:
            return ""
        source = ctx.services.corpus.cited(ref)
        if source.policy is not None:
            return render.policy_html(source.policy)
        if source.declaration is None:
            return ""
        return render.declaration_html(source.declaration, cited=source.part)

    outputs = [chat, conversation, cited, question]
    send.click(ask, [question, chat, conversation], outputs, api_name="ask")
    question.submit(ask, [question, chat, conversation], outputs)
    chat.clear(Conversation, None, conversation, api_visibility="private")
    cited.change(open_cited, cited, declaration, api_name="open_cited").then(None, js=SCROLL_JS)
    ref_open.click(open_cited, ref_box, declaration, js=PASS_REF_JS, api_name="open_cite_link").then(None, js=SCROLL_JS)
