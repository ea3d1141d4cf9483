"""Content is text everywhere: planted ``<img>``, ``<script>``, ``javascript:`` links and Markdown images in a brief,
an uploaded declaration and a question are shown as characters in headless Chromium, and nothing loads or runs (a
listener on loopback records every request it gets; the page is searched for the planted elements). The escaping
layer itself (`assistant.web.safe`) and each render path are checked without a browser first."""

from __future__ import annotations

import re
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from test_web_browser import _click, _field, _tab, _text_of, _wait, _wait_text, browser  # noqa: F401 - the fixture
from web_support import REPO, live_app, web_settings

from assistant.domain.model import Declaration
from assistant.qa.models import Answer, Route
from assistant.web import render
from assistant.web.qa_tab import answer_markdown
from assistant.web.safe import text

FETCHING = ("<img", "![", "](", "<script", "http://", "www.")


class Listener:
    """A loopback HTTP server that records the path of every request (it should get none)."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                listener.paths.append(self.path)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *_: object) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def payload(url: str, where: str) -> str:
    """Markup that would fetch ``url`` (an image, a Markdown image, an autolink) or run (a handler, a script, a
    ``javascript:`` link) if it were rendered; under 200 characters (a brief's name)."""
    return (
        f'<img src="{url}/{where}i" onerror="window.pwned=1">'
        f"![m]({url}/{where}m)[点我](javascript:window.pwned=2)"
        f"<script>window.pwned=3</script>{url}/{where}a"
    )


# -- without a browser: the layer and the render paths ------------------------------------------------------


def test_escaped_text_keeps_every_character_and_no_syntax():
    planted = payload("http://127.0.0.1:9", "x") + "\n# 标题 *强调* `代码` $x$ 1. 列表 | 表 |"
    escaped = text(planted)
    bare = re.sub(r"&#\d+;", "", escaped)  # what is left once the character references are set aside
    for marker in ("<", ">", "[", "]", "(", ")", "!", "*", "`", "#", "$", "|", "://", "&"):
        assert marker not in bare.replace("  \n", "")
    import html

    assert html.unescape(escaped.replace("  \n", "\n")) == planted  # the person sees exactly what was stored


def test_render_paths_escape_content(corpus):
    decl: Declaration = next(d for d in corpus.declarations if d.parse_notes)
    evil = payload("http://127.0.0.1:9", "r")
    note = decl.parse_notes[0].model_copy(update={"message": evil})
    planted = decl.model_copy(update={"header": decl.header.model_copy(update={"name": evil}), "parse_notes": [note]})
    assert "<img" not in render.declaration_html(planted)
    assert not any(m in render.notes_markdown(planted) for m in FETCHING)
    answer = Answer(question=evil, text=evil, route=next(iter(Route)), notes=[evil], figure=evil)
    assert not any(m in answer_markdown(answer) for m in FETCHING)


# -- in the browser -------------------------------------------------------------------------------------


def test_planted_markup_is_shown_as_text_and_fetches_nothing(browser, tmp_path):
    listener = Listener()
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus_dir)  # the upload is added to a copy, never to the checkout's corpus
    upload = tmp_path / "planted.txt"
    raw = (REPO / "corpus" / "raw" / "000_1ac9e65464ab096f.txt").read_text(encoding="utf-8")
    raw = raw.replace("闵行区党建服务中心党费缴纳管理系统项目", "闵行区党费系统" + payload(listener.url, "u"), 1)
    raw = raw.replace("据2018年公布的", payload(listener.url, "s") + "据2018年公布的", 1)
    upload.write_text(raw, encoding="utf-8")
    try:
        with live_app(web_settings(tmp_path / "data", corpus_dir=corpus_dir)) as url:
            browser.get(url)
            _click(browser, "load-example")
            _wait(browser).until(lambda d: _field(d, "brief-name").get_attribute("value") == "党员教育平台运维项目")
            name = _field(browser, "brief-name")
            name.clear()
            name.send_keys("平台" + payload(listener.url, "b"))
            _click(browser, "start-draft")
            _wait_text(browser, "draft-status", "第 1 版", 90)

            _tab(browser, "版本")
            _wait_text(browser, "versions-heading", "<img src=")  # the name as characters, not an element

            _tab(browser, "问答")
            _field(browser, "qa-question").send_keys("闵行区" + payload(listener.url, "q"))
            _click(browser, "qa-send")
            _wait_text(browser, "qa-chat", "<script>window.pwned=3</script>", 60)

            _tab(browser, "语料库")
            _wait_text(browser, "corpus-table", "2023-003-06")
            opener = next(
                e
                for e in browser.find_elements(By.XPATH, "//*[contains(text(), '上传新的申报表')]")
                if e.is_displayed()
            )
            browser.execute_script("arguments[0].click();", opener)
            box = _wait(browser).until(
                ec.presence_of_element_located((By.CSS_SELECTOR, "#corpus-upload input[type='file']"))
            )
            box.send_keys(str(upload))
            _wait_text(browser, "corpus-declaration", "闵行区党费系统", 60)
            assert "![m](" in _text_of(browser, "corpus-declaration")  # what the parser kept, as text
            _click(browser, "corpus-confirm")
            time.sleep(3)
            _tab(browser, "问答")
            _field(browser, "qa-question").send_keys("闵行区党费系统的项目概况是什么？")
            _click(browser, "qa-send")
            time.sleep(5)
            time.sleep(1.0)  # anything the page would fetch has had time to ask
            planted = browser.execute_script(
                "return [window.pwned || null,"
                " document.querySelectorAll('img[src*=\"' + arguments[0] + '\"]').length,"
                " document.querySelectorAll('a[href^=\"javascript\"]').length,"
                " document.querySelectorAll('a[href*=\"' + arguments[0] + '\"]').length]",
                listener.url.rsplit(":", 1)[1],
            )
            body = browser.find_element(By.TAG_NAME, "body").text
    finally:
        listener.close()
    print(f"\n  listener requests: {listener.paths}; pwned, imgs, javascript links, links to it: {planted}")
    assert listener.paths == [] and planted == [None, 0, 0, 0]
    assert "![m](" in body and "[点我](javascript:" in body  # shown as typed
