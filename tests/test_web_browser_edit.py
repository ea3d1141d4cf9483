"""The edit loop of issue 23 in headless Chromium with an English locale (one session, to keep it cheap): the page
is Chinese all the same (Gradio's own strings included) and says who drafts; a brief typed and not saved comes back
after a reload; the funding of a stored draft changed in the brief form is saved as 人工修改 and the cost row computed
again is proposed, then accepted; a draft started from last year's Word form proposes its dates moved to the new year,
accepted. (Stopping and restarting serve with no stray model process: tests/test_web_serve_process.py.)"""

from __future__ import annotations

import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from test_web_browser import CHROMIUM, DRIVER, _click, _field, _save_necessity, _text_of, _wait, _wait_text
from web_support import REPO, live_app, web_settings


@pytest.fixture
def english_browser(tmp_path):
    if not (CHROMIUM.exists() and DRIVER.exists()):
        pytest.fail("需要 Debian 的 chromium 和 chromium-driver：请运行 bash scripts/test-deps.sh")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1280,900",
        "--lang=en-US",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    yield driver
    driver.quit()


def _type(driver, elem_id: str, text: str) -> None:
    box = _field(driver, elem_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    box.clear()
    box.send_keys(text)


def _body(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def _open(driver, box_id: str, title: str) -> None:
    label = _wait(driver).until(
        ec.element_to_be_clickable((By.XPATH, f"//*[@id='{box_id}']//*[contains(text(), '{title}')]"))
    )
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", label)
    label.click()


def test_edit_funding_roll_over_and_nothing_lost_in_an_english_browser(english_browser, tmp_path):
    browser = english_browser
    with live_app(web_settings(tmp_path / "data")) as url:
        browser.get(url)
        _wait_text(browser, "model-state", "起草方式：规则")
        assert browser.execute_script("return navigator.language").startswith("en")
        _open(browser, "start-upload-box", "从上年申报表开始")
        _wait(browser).until(lambda d: "点击上传" in _body(d) or "将文件拖放到此处" in _body(d))
        assert "Drop File Here" not in _body(browser) and "Click to Upload" not in _body(browser)

        _type(browser, "brief-name", "尚未保存的项目名称")  # typed, never saved: kept across a reload
        time.sleep(1.0)
        browser.refresh()
        _wait(browser).until(lambda d: _field(d, "brief-name").get_attribute("value") == "尚未保存的项目名称")

        _click(browser, "load-example")
        _wait(browser).until(lambda d: _field(d, "brief-name").get_attribute("value") == "党员教育平台运维项目")
        _click(browser, "start-draft")
        _wait_text(browser, "draft-status", "第 1 版", 60)
        _wait_text(browser, "draft-progress", "起草完成")
        assert "✅" not in _text_of(browser, "draft-progress")

        _type(browser, "brief-funding-annual", "180万")
        _save_necessity(browser, "人工写的必要性。")  # another save redraws the draft, not the typed funding
        _wait_text(browser, "draft-status", "第 2 版")
        assert _field(browser, "brief-funding-annual").get_attribute("value") == "180万"
        _click(browser, "save-brief")
        _wait_text(browser, "draft-status", "第 3 版")
        assert "资金 · 年度申请" in _text_of(browser, "draft-status")
        _wait_text(browser, "proposal-heading", "资金或项目构成已修改")
        _wait_text(browser, "proposal-table", "≤180(万元)")
        _click(browser, "proposal-accept")
        _wait_text(browser, "draft-status", "第 4 版")
        _wait_text(browser, "indicator-table", "≤180(万元)")
        assert "processing" not in _body(browser)

        _open(browser, "start-upload-box", "从上年申报表开始")  # closed again since the reload
        upload = _wait(browser).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "#start-upload input[type='file']"))
        )
        upload.send_keys(str(REPO / "tests" / "fixtures" / "office" / "hand_filled_shanghai.docx"))
        _wait_text(browser, "start-notes", "解析出 1 份申报表")
        _click(browser, "start-from-upload")
        _wait_text(browser, "draft-status", "草稿 2 · 第 1 版")
        _wait_text(browser, "proposal-heading", "跨年度顺延")
        _wait_text(browser, "proposal-table", "2026-01-01")
        assert _field(browser, "brief-start-date").get_attribute("value") == ""
        _click(browser, "proposal-accept")
        _wait_text(browser, "draft-status", "第 2 版")
        _wait(browser).until(lambda d: _field(d, "brief-start-date").get_attribute("value") == "2026-01-01")
