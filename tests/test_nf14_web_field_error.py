"""A wrong amount in the brief form is shown on that field, in Chinese, and nothing else looks failed (new-user
trial nu12, finding 6): typing 七十七万八千八 in 资金·总额 and saving put a red 错误 badge over all 29 components, so
the brief and the draft looked wiped, under a message box titled "Error" in English. Headless Chromium in an English
locale; nu12's own brief (b1) and a variant (the 起草 button, 年度申请 of the example brief)."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from test_web_browser import _click, _field, _wait, _wait_text
from test_web_browser_edit import _type, english_browser  # noqa: F401 - the fixture
from web_support import live_app, web_settings

B1 = Path(__file__).resolve().parent / "fixtures" / "nu12_b1_yanglao.yaml"


def _badges(driver) -> int:
    """Components shown as failed (Gradio's status badge reads 错误 with the Chinese strings)."""
    return len([e for e in driver.find_elements(By.XPATH, "//*[normalize-space(text())='错误']") if e.is_displayed()])


def _message_on(driver, elem_id: str) -> str:
    return driver.find_element(By.ID, elem_id).text


def test_a_wrong_total_is_marked_on_its_field_only(english_browser, tmp_path):
    browser = english_browser
    with live_app(web_settings(tmp_path / "data")) as url:
        browser.get(url)
        _wait_text(browser, "model-state", "起草方式：规则")
        upload = _wait(browser).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "#import-brief input[type='file'], input[type='file']"))
        )
        upload.send_keys(str(B1))
        _wait(browser).until(lambda d: "养老" in (_field(d, "brief-name").get_attribute("value") or ""))
        _click(browser, "start-draft")
        _wait_text(browser, "draft-status", "第 1 版", 90)
        _type(browser, "brief-funding-total", "七十七万八千八")
        _click(browser, "save-brief")
        _wait_text(browser, "brief-funding-total", "不是金额")
        assert "七十七万八千八" in _message_on(browser, "brief-funding-total")
        assert _badges(browser) == 0
        assert "第 1 版" in _message_on(browser, "draft-status")  # nothing saved, nothing wiped
        assert not browser.find_elements(By.CSS_SELECTOR, ".toast-body")

        _type(browser, "brief-funding-total", "77.88万")  # corrected: saved, the message gone
        _click(browser, "save-brief")
        _wait(browser, 60).until(lambda d: "不是金额" not in _message_on(d, "brief-funding-total"))
        assert _badges(browser) == 0


def test_drafting_with_a_wrong_annual_amount_marks_that_field(english_browser, tmp_path):
    browser = english_browser
    with live_app(web_settings(tmp_path / "data")) as url:
        browser.get(url)
        _wait_text(browser, "model-state", "起草方式：规则")
        _click(browser, "load-example")
        _wait(browser).until(lambda d: _field(d, "brief-name").get_attribute("value"))
        _type(browser, "brief-funding-annual", "一百八十万")
        _click(browser, "start-draft")
        _wait_text(browser, "brief-funding-annual", "不是金额")
        assert _badges(browser) == 0 and "第 1 版" not in _message_on(browser, "draft-status")
        title = browser.execute_script(  # a message box's title in Chinese (Gradio writes "Error" itself)
            "const s = document.createElement('span'); s.className = 'toast-title error'; document.body.append(s);"
            "return getComputedStyle(s, '::before').content;"
        )
        assert title == '"错误"'
