"""The year after a declaration in headless Chromium: draft the example brief (no model), create its 运行监控表 and
type a row's 执行情况 (the light updates), create its 绩效自评表, type the budget and an actual (the score and the
total update before saving), save, export it as Word and read the file back, then start next year's draft from it."""

from __future__ import annotations

import os
import time
from decimal import Decimal
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from test_web_browser import _cell, _click, _field, _shot, _tab, _text_of, _wait, _wait_text, browser  # noqa: F401
from web_support import free_port, live_app, web_settings

from assistant.domain.cycle import FundKind
from assistant.office.cycle_read import read_selfeval


def _type(driver, elem_id: str, text: str) -> None:
    box = _field(driver, elem_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    box.clear()
    box.send_keys(text)


def test_declaration_to_monitoring_selfeval_and_next_year(browser, tmp_path):
    shots = Path(os.environ.get("WEB_SCREENSHOTS", tmp_path / "screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    settings, port = web_settings(tmp_path / "data"), free_port()
    with live_app(settings, port) as url:
        browser.get(url)
        _click(browser, "load-example")
        _wait(browser).until(lambda d: _field(d, "brief-name").get_attribute("value") == "党员教育平台运维项目")
        _click(browser, "start-draft")
        _wait_text(browser, "draft-status", "第 1 版", 90)

        _tab(browser, "运行监控")
        _click(browser, "monitor-create")
        _wait_text(browser, "monitor-heading", "运行监控表第 1 号")
        _cell(browser, "monitor-table", 0, 1).click()
        _wait(browser).until(lambda d: _field(d, "monitor-row").get_attribute("value") == "1")
        target = _cell(browser, "monitor-table", 0, 2).text
        _type(browser, "monitor-actual", "0")
        _wait_text(browser, "monitor-summary", "指标")
        _click(browser, "monitor-save")
        _wait_text(browser, "monitor-heading", "第 2 版")
        assert _cell(browser, "monitor-table", 0, 3).text == "0"
        _shot(browser, "cycle-1-monitoring", shots)

        _tab(browser, "绩效自评")
        _click(browser, "selfeval-create")
        _wait_text(browser, "selfeval-heading", "自评表第 2 号")
        _type(browser, "selfeval-budget", "250000")
        _type(browser, "selfeval-executed", "215457.6")
        _wait_text(browser, "selfeval-total", "8.62")  # live: nothing saved yet
        assert "第 1 版" in _text_of(browser, "selfeval-heading")
        _cell(browser, "selfeval-table", 0, 2).click()
        _wait(browser).until(lambda d: _field(d, "selfeval-row").get_attribute("value") == "1")
        weight = _cell(browser, "selfeval-table", 0, 5).text
        _type(browser, "selfeval-actual", target)  # the target as the actual: row 1 scores full marks
        _wait(browser).until(lambda d: _cell(d, "selfeval-table", 0, 6).text == weight)
        _click(browser, "selfeval-save")
        _wait_text(browser, "selfeval-heading", "第 2 版")
        assert _cell(browser, "selfeval-table", 0, 4).text == target
        _shot(browser, "cycle-2-selfeval", shots)

        _click(browser, "selfeval-export-docx")
        link = _wait(browser).until(ec.element_to_be_clickable((By.CSS_SELECTOR, "#selfeval-file a")))
        link.click()
        _wait(browser).until(lambda _: any(p.suffix == ".docx" for p in browser.downloads.iterdir()))
        time.sleep(0.5)
        docx = next(p for p in browser.downloads.iterdir() if p.suffix == ".docx")
        back = read_selfeval(docx)
        assert back.fund(FundKind.TOTAL).executed == Decimal("215457.6")
        assert back.fund(FundKind.TOTAL).score == Decimal("8.62")
        assert back.rows[0].actual == target and str(back.rows[0].score) == weight

        _click(browser, "selfeval-next-year")
        _wait_text(browser, "selfeval-next-diff", "已生成", 60)
        assert "≥" in _text_of(browser, "selfeval-next-diff") or "沿用" in _text_of(browser, "selfeval-next-diff")
        _tab(browser, "起草")  # the new draft is open there
        _wait_text(browser, "draft-status", "草稿 2")
