"""The workspace's API driven with gradio_client against a live app on loopback (rules writer, temp store):
draft, edit, a stale save shown as a conflict, the row editor, history, restore, export, errors in Chinese."""

from __future__ import annotations

import shutil
import time
from html import unescape as html_unescape

import pytest
from docx import Document
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError, ValidationError
from web_support import REPO, free_port, live_app, web_settings

from assistant.services import build_services
from assistant.settings import LLMProvider, LLMSettings

# API outputs of every action that shows a draft (gr.State and layout blocks are not part of the API)
DRAFT_ID, DRAFTS, STATUS, OVERVIEW, NECESSITY, GOAL_TOTAL, GOAL_ANNUAL, TABLE, REVIEW, CONFLICT = range(10)
P_HEADING, P_CURRENT, P_PROPOSED, P_TABLE, P_ID = range(10, 15)  # the proposal beside the current text
OFFICE = REPO / "tests" / "fixtures" / "office"


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    with live_app(web_settings(tmp_path_factory.mktemp("web-api") / "data")) as address:
        yield address


def _client(url: str) -> Client:
    return Client(url, verbose=False, download_files=False)


def _drafted(client: Client) -> tuple:
    form = client.predict(api_name="/load_example")
    return client.predict(False, *form, api_name="/draft")


def _text(update: object) -> str:
    return update["value"] if isinstance(update, dict) else update


def _rows(update: dict) -> list:
    """A table's rows, whether it came back as a value or as an update (with ``visible``)."""
    return (update["value"] if "value" in update else update)["data"]


def test_draft_streams_progress_and_saves_version_one(url):
    client = _client(url)
    job = client.submit(False, *client.predict(api_name="/load_example"), api_name="/draft")
    final = job.result()
    progress = [update[0] for update in job.outputs()]
    assert any("开始 项目概况" in p for p in progress) and "起草完成" in final[0]
    out = final[1:]
    assert "第 1 版" in out[STATUS] and "党员教育平台" in _text(out[OVERVIEW])
    assert out[TABLE]["data"][0][1] == "产出指标" and "审核" in out[REVIEW]


def test_section_edit_saves_a_human_version_and_a_stale_save_is_a_conflict(url):
    alice, bob = _client(url), _client(url)
    out = _drafted(alice)[1:]
    draft_id = out[DRAFT_ID]
    sections = [_text(out[i]) for i in (OVERVIEW, NECESSITY, GOAL_TOTAL, GOAL_ANNUAL)]
    bob.predict(draft_id, api_name="/open_draft")
    saved = alice.predict(draft_id, sections[0], "甲写的必要性", *sections[2:], api_name="/save_sections")
    assert "第 2 版" in saved[STATUS] and "人工修改" in saved[NECESSITY]["label"]
    clash = bob.predict(draft_id, sections[0], "乙写的必要性", *sections[2:], api_name="/save_sections")
    assert "保存冲突" in clash[CONFLICT] and "甲写的必要性" in clash[CONFLICT] and "乙写的必要性" in clash[CONFLICT]
    history = alice.predict(draft_id, api_name="/history")
    assert [row[0] for row in history[1]["data"]] == ["2", "1"]


def test_row_editor_saves_a_value_and_the_review_follows(url):
    client = _client(url)
    out = _drafted(client)[1:]
    draft_id = out[DRAFT_ID]
    changed = client.predict(
        draft_id,
        0,
        "满意度指标",
        "服务对象满意度指标",
        "平台使用人员满意度",
        "（无）",
        "",
        "",
        "满意",
        api_name="/add_row",
    )
    rows = changed[TABLE]["data"]
    assert changed[-1] == len(rows)  # the editor now points at the new row
    assert rows[-1][3:5] == ["平台使用人员满意度", "满意"] and rows[-1][6] == "人工修改" and "错误" in rows[-1][7]
    assert "满意度不是百分比" in changed[REVIEW] or "百分比" in changed[REVIEW]
    fixed = client.predict(
        draft_id,
        len(rows),
        "满意度指标",
        "服务对象满意度指标",
        "平台使用人员满意度",
        "≥",
        "90",
        "%",
        "",
        api_name="/save_row",
    )
    assert fixed[TABLE]["data"][-1][4] == "≥90(%)" and "错误" not in fixed[TABLE]["data"][-1][7]


def test_restore_and_export_docx(url):
    client = _client(url)
    out = _drafted(client)[1:]
    draft_id = out[DRAFT_ID]
    texts = [_text(out[i]) for i in (OVERVIEW, NECESSITY, GOAL_TOTAL, GOAL_ANNUAL)]
    client.predict(draft_id, "改过的概况", *texts[1:], api_name="/save_sections")
    restored = client.predict(draft_id, 1, api_name="/restore")
    assert "第 3 版" in restored[STATUS] and _text(restored[OVERVIEW]) == texts[0]
    exported = client.predict(draft_id, "docx", api_name="/export")
    path = exported["path"] if isinstance(exported, dict) else exported
    cells = {c.text for t in Document(path).tables for r in t.rows for c in r.cells}
    assert any("党员教育平台运维项目" in c for c in cells)


def test_errors_reach_the_page_in_chinese(url):
    client = _client(url)
    form = list(client.predict(api_name="/load_example"))
    form[1] = "明年"
    with pytest.raises(ValidationError, match="年份"):  # checked on its field before drafting runs (nf14)
        client.predict(False, *form, api_name="/draft")
    with pytest.raises(AppError, match="还没有打开草稿"):
        client.predict(None, "docx", api_name="/export")
    with pytest.raises(AppError, match="没有编号为 9999"):
        client.predict(9999, api_name="/open_draft")


def test_suggestions_with_evidence_added_to_the_draft(url):
    client = _client(url)
    form = client.predict(api_name="/load_example")
    out = client.predict(False, *form, api_name="/draft")[1:]
    draft_id, before = out[DRAFT_ID], len(out[TABLE]["data"])
    client.predict(draft_id, before, "产出指标", "数量指标", "", "≥", "", "", "", api_name="/delete_row")
    summary, table, chosen = client.predict(*form, api_name="/suggest")
    assert "党员教育平台运维项目" in summary and table["data"][0][5] in {"历史标准", "计划标准", "模板参考值"}
    last = len(table["data"]) - 1
    added = client.predict(draft_id, [last], api_name="/add_suggestions")
    assert added[TABLE]["data"][-1][3] == table["data"][last][3] and "第 3 版" in added[STATUS]


def test_qa_answers_with_citations_that_open_the_declaration(url):
    client = _client(url)
    history, cited, _ = client.predict("2023年组织部各项目资金合计多少？", [], api_name="/ask")
    reply = history[-1]["content"][0]["text"]
    assert "26,413,037.00" in html_unescape(reply) and "出处" in reply and "](#cite=2023-" in reply
    assert cited["value"].startswith("2023-")
    html = client.predict(cited["value"], api_name="/open_cited")
    assert "<table class='official'>" in html and "三级指标" in html and "class='cited'" in html
    section = client.predict("2023-003-06#goal_annual", api_name="/open_cite_link")
    assert "引用的部分：年度总体目标" in section and section.count("class='cited'") == 1
    with pytest.raises(AppError, match="没有编号为 1999-000-00"):
        client.predict("1999-000-00#overview", api_name="/open_cite_link")


def test_qa_a_new_or_cleared_chat_carries_nothing_from_earlier_questions(url):
    """Red team 2026-12-06 #8: after a question about one project, a question about 各项目 asked with an empty chat
    was answered for that project only (the hidden conversation outlived the cleared chat)."""
    question = "各项目的资金总额平均是多少？"
    fresh, _, _ = _client(url).predict(question, [], api_name="/ask")
    client = _client(url)
    client.predict("信息化运维项目2026年的资金总额是多少？", [], api_name="/ask")
    again, _, _ = client.predict(question, [], api_name="/ask")
    assert again[-1]["content"][0]["text"] == fresh[-1]["content"][0]["text"]
    # scoped to the earlier question's project, the answer would open with its scope line and count one form
    assert "范围：" not in again[-1]["content"][0]["text"] and "18 份申报表" in again[-1]["content"][0]["text"]


def test_corpus_upload_is_previewed_then_added_only_after_confirmation(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    office = REPO / "tests" / "fixtures" / "office" / "hand_filled_shanghai.docx"
    with live_app(web_settings(tmp_path / "data", corpus_dir=corpus)) as address:
        client = _client(address)
        before, _ = client.predict("", "", api_name="/corpus_find")
        notes, preview = client.predict(handle_file(str(office)), api_name="/corpus_preview")
        assert "解析出 1 份申报表" in notes and "审核" in notes and "<table class='official'>" in preview
        assert _rows(client.predict("", "", api_name="/corpus_find")[0]) == _rows(before)
        note = client.predict(api_name="/corpus_add")
        after, _ = client.predict("", "", api_name="/corpus_find")
        assert "已加入语料库" in note and len(_rows(after)) == len(_rows(before)) + 1


def test_a_model_that_is_down_is_a_clear_message_and_rules_still_draft(tmp_path):
    settings = web_settings(tmp_path / "data")
    dead = free_port()  # nothing listens there
    settings = settings.model_copy(
        update={
            "llm": LLMSettings(
                provider=LLMProvider.OPENAI,
                base_url=f"http://127.0.0.1:{dead}/v1",
                model="absent",
                timeout_s=5,
                max_retries=0,
            )
        }
    )
    with live_app(settings) as address:
        client = _client(address)
        form = client.predict(api_name="/load_example")
        # the endpoint refuses the first section: every section is written by rules, the draft is saved, and
        # the page says so as a warning with the reason (never as a plain success)
        out = client.predict(False, *form, api_name="/draft")
        assert "模型未能使用，本稿按规则起草" in out[0] and "起草完成" not in out[0]
        assert "第 1 版" in out[1:][STATUS]
        out = client.predict(True, *form, api_name="/draft")[1:]
        assert "第 2 版" in out[STATUS] or "第 1 版" in out[STATUS]


def test_import_brief_yaml_and_a_bad_one_in_chinese(url, tmp_path):
    client = _client(url)
    example = REPO / "assistant" / "examples" / "example_brief.yaml"
    form = client.predict(handle_file(str(example)), api_name="/import_brief")
    assert form[0] == "党员教育平台运维项目" and form[1] == "2027"
    bad = tmp_path / "bad.yaml"
    bad.write_text("项目名称: 测试\n年度: 明年\n", encoding="utf-8")
    with pytest.raises(AppError, match="年度"):
        client.predict(handle_file(str(bad)), api_name="/import_brief")


def test_regenerate_proposes_beside_the_text_and_saves_only_when_accepted(url):
    client = _client(url)
    out = _drafted(client)[1:]
    draft_id = out[DRAFT_ID]
    texts = [_text(out[i]) for i in (OVERVIEW, NECESSITY, GOAL_TOTAL, GOAL_ANNUAL)]
    client.predict(draft_id, texts[0], "人工写的必要性", *texts[2:], api_name="/save_sections")
    with pytest.raises(AppError, match="已人工修改或已锁定.*请勾选“覆盖人工修改"):
        client.predict(draft_id, "necessity", "更简洁", False, False, api_name="/regenerate")
    with pytest.raises(
        AppError, match="需要语言模型.*未保存新版本.*请取消勾选“不用模型"
    ):  # no model here: rules cannot follow it
        client.predict(draft_id, "necessity", "更简洁", True, False, api_name="/regenerate")
    heading, current, proposed, _, proposal_id = client.predict(
        draft_id, "necessity", "", True, False, api_name="/regenerate"
    )
    assert "重新生成的建议：项目设立的必要性" in heading and _text(current) == "人工写的必要性"
    assert _text(proposed) not in ("", "人工写的必要性") and proposal_id
    assert client.predict(draft_id, api_name="/history")[1]["data"][0][0] == "2"  # nothing saved yet
    with pytest.raises(AppError, match="尚未保存的修改"):  # unsaved text on the page is never replaced
        client.predict(
            draft_id, proposal_id, "页面上改了但没保存的概况", "人工写的必要性", *texts[2:], api_name="/accept_proposal"
        )
    accepted = client.predict(
        draft_id, proposal_id, texts[0], "人工写的必要性", *texts[2:], api_name="/accept_proposal"
    )
    assert (
        "第 3 版" in accepted[STATUS] and "已采纳" in accepted[STATUS] and _text(accepted[NECESSITY]) == _text(proposed)
    )
    assert accepted[P_ID] == ""
    records = client.predict(draft_id, api_name="/history")[-1]["data"]
    assert records[0][4] == "已采纳" and records[0][5] == "3"


def test_rejecting_a_table_proposal_keeps_the_table(url):
    client = _client(url)
    out = _drafted(client)[1:]
    draft_id, table = out[DRAFT_ID], out[TABLE]["data"]
    edited = client.predict(
        draft_id, 2, table[1][1], table[1][2], table[1][3], "≥", "99", "%", "", api_name="/save_row"
    )
    heading, _, _, proposal_table, proposal_id = client.predict(draft_id, False, api_name="/regenerate_table")
    assert "重新生成的建议：绩效指标" in heading and "保留了人工修改或锁定的内容：指标 2 · 指标值" in heading
    assert _rows(proposal_table)[1][3] == "保留（人工修改或锁定）"
    rejected = client.predict(draft_id, proposal_id, api_name="/reject_proposal")
    assert "未采纳" in rejected[-1] and "第 2 版" in rejected[-1] and rejected[P_ID - P_HEADING] == ""
    reopened = client.predict(draft_id, api_name="/open_draft")
    assert reopened[TABLE]["data"] == edited[TABLE]["data"] and reopened[P_ID] == ""
    records = client.predict(draft_id, api_name="/history")[-1]["data"]
    assert records[0][2] == "绩效指标" and records[0][4] == "未采纳"


def test_a_pending_proposal_is_shown_again_when_the_draft_is_reopened(url):
    client = _client(url)
    draft_id = _drafted(client)[1:][DRAFT_ID]
    *_, proposal_id = client.predict(draft_id, "overview", "", False, False, api_name="/regenerate")
    reopened = _client(url).predict(draft_id, api_name="/open_draft")
    assert reopened[P_ID] == proposal_id and "重新生成的建议：项目概况" in reopened[P_HEADING]
    assert "建议与当前内容相同" in reopened[P_HEADING]  # the rules writer writes the same overview again


def test_start_from_an_uploaded_declaration_and_a_bad_file_in_chinese(url, tmp_path):
    client = _client(url)
    docx = handle_file(str(OFFICE / "hand_filled_shanghai.docx"))
    choice, year, notes = client.predict(docx, api_name="/start_preview")
    assert "解析出 1 份申报表" in notes and ("解析说明" in notes) and year.isdigit()
    out = client.predict(docx, 1, year, api_name="/start_from_upload")
    assert "第 1 版" in out[STATUS] and "取自上传的申报表" in out[OVERVIEW]["label"] and "沿用说明" in out[-1]
    assert out[TABLE]["data"] and all(row[6] == "取自上传的申报表" for row in out[TABLE]["data"])
    broken = tmp_path / "上年申报表.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(AppError, match="上年申报表.docx"):
        client.predict(handle_file(str(broken)), api_name="/start_preview")
    for typed in ("明年", "0000", "1000", "²⁰²⁷", "２０２７", "20270"):  # the box is wrong, not the file
        with pytest.raises(AppError, match=f"“新草稿的年度”一栏填的“{typed}”不是 2000–2100 之间的年份"):
            client.predict(docx, 1, typed, api_name="/start_from_upload")


def test_stop_ends_drafting_and_saves_nothing_half_made(tmp_path, monkeypatch):
    """The rules writer is instant, so each drafting event is slowed (a fault injected) to leave time to press 停止."""
    from assistant.services.workspace import WorkspaceService

    real = WorkspaceService.draft
    finished = []

    def slow(self, brief, *, on_event):
        def slowed(event):
            time.sleep(0.5)
            on_event(event)

        try:
            return real(self, brief, on_event=slowed)
        finally:
            finished.append(True)

    monkeypatch.setattr(WorkspaceService, "draft", slow)
    with live_app(web_settings(tmp_path / "data")) as address:
        client = _client(address)
        job = client.submit(False, *client.predict(api_name="/load_example"), api_name="/draft")
        deadline = time.monotonic() + 30
        while not job.outputs() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert job.outputs(), "no progress arrived"
        job.cancel()
        while not finished and time.monotonic() < deadline:
            time.sleep(0.1)
        assert finished and client.predict(None, api_name="/history")[0] == "还没有打开草稿。"
        with build_services(web_settings(tmp_path / "data")) as services:
            assert services.workspace().drafts() == []


def test_a_locked_section_shows_it_and_is_not_regenerated(url):
    client = _client(url)
    draft_id = _drafted(client)[1:][DRAFT_ID]
    locked = client.predict(draft_id, "goal_total", api_name="/lock_section")
    assert "（锁定）" in locked[GOAL_TOTAL]["label"] and "第 2 版" in locked[STATUS]
    with pytest.raises(AppError, match="已人工修改或已锁定"):
        client.predict(draft_id, "goal_total", "", False, False, api_name="/regenerate")


def test_every_action_that_redraws_the_sections_refuses_while_typed_text_is_unsaved(url):
    client = _client(url)
    out = _drafted(client)[1:]
    draft_id, row = out[DRAFT_ID], out[TABLE]["data"][0]
    texts = [_text(out[i]) for i in (OVERVIEW, NECESSITY, GOAL_TOTAL, GOAL_ANNUAL)]
    typed = [texts[0], texts[1] + "【刚打的、尚未保存】", *texts[2:]]
    fields = [row[1], row[2], row[3], "≥", "95", "%", ""]
    other = _drafted(_client(url))[1:][DRAFT_ID]
    docx = handle_file(str(OFFICE / "hand_filled_shanghai.docx"))
    client.predict(docx, api_name="/start_preview")
    calls = {
        "/lock_section": [draft_id, "necessity"],
        "/unlock_section": [draft_id, "necessity"],
        "/save_row": [draft_id, 1, *fields],
        "/add_row": [draft_id, 0, *fields],
        "/delete_row": [draft_id, 1, *fields],
        "/restore": [draft_id, 1],
        "/open_draft": [other, draft_id],
        "/start_from_upload": [docx, 1, "2027", draft_id],
    }
    for api_name, args in calls.items():
        with pytest.raises(AppError, match="尚未保存的修改：“项目设立的必要性”.*请先点“保存正文修改”保存"):
            client.predict(*args, *typed, api_name=api_name)
    assert client.predict(draft_id, api_name="/history")[1]["data"][0][0] == "1"  # nothing was saved
    locked = client.predict(draft_id, "necessity", *texts, api_name="/lock_section")  # the page as stored: no refusal
    assert "第 2 版" in locked[STATUS]


def test_bad_numbers_and_forged_ids_are_chinese_messages(url):
    client = _client(url)
    draft_id = _drafted(client)[1:][DRAFT_ID]
    huge = 10**20
    for args, api_name, message in [
        ((draft_id, None, 1), "/diff", "“较早版本”一栏的版本号（空）不是正整数"),
        ((draft_id, 1, huge), "/diff", f"没有第 {huge} 版"),
        ((draft_id, None), "/restore", "“恢复第几版”一栏的版本号（空）不是正整数"),
        ((draft_id, huge), "/restore", f"没有第 {huge} 版"),
        ((huge,), "/open_draft", f"没有编号为 {huge} 的草稿"),
        (("abc",), "/open_draft", "草稿编号“abc”不是正整数"),
        ((draft_id, str(huge)), "/reject_proposal", f"没有编号为 {huge} 的重新生成建议"),
        ((draft_id, None, "产出指标", "数量指标", "x", "≥", "1", "", ""), "/save_row", "还没有选中指标行"),
        *[
            ((draft_id, 0, "产出指标", "数量指标", "x", "≥", n, "", ""), "/add_row", f"数值“{n}”不是可用的数字")
            for n in ("NaN", "Infinity", "1e400", "九十")
        ],
    ]:
        with pytest.raises(AppError, match=message):
            client.predict(*args, api_name=api_name)


def test_a_row_edit_from_a_session_that_never_opened_the_draft_says_so(url):
    """Red team: /save_row called by a client that never opened the draft (no version in its session) got a generic
    error; it must say what is missing, save nothing, and work once the draft is opened."""
    owner = _client(url)
    out = _drafted(owner)[1:]
    draft_id, row = out[DRAFT_ID], out[TABLE]["data"][0]
    fields = [row[1], row[2], row[3], "≥", "95", "%", ""]
    fresh = _client(url)
    for api_name in ("/save_row", "/lock_row", "/delete_row"):
        with pytest.raises(AppError, match="还没有打开这份草稿，不知道修改基于哪一版"):
            fresh.predict(draft_id, 1, *fields, api_name=api_name)
    assert owner.predict(draft_id, api_name="/history")[1]["data"][0][0] == "1"  # nothing was saved
    fresh.predict(draft_id, api_name="/open_draft")
    saved = fresh.predict(draft_id, 1, *fields, api_name="/save_row")
    assert "第 2 版" in saved[STATUS]


def test_a_row_lock_stays_on_its_row_when_the_page_moves_another_row(url):
    """Red team: the lock followed the row's place; 保存此行 moving row 2 to another 二级 put it on another row."""
    client = _client(url)
    out = _drafted(client)[1:]
    draft_id, table = out[DRAFT_ID], out[TABLE]["data"]
    locked_name = table[4][3]
    fields = [table[4][1], table[4][2], table[4][3], "（无）", "", "", table[4][4]]
    client.predict(draft_id, 5, *fields, api_name="/lock_row")
    moved = table[1]
    others = [r for r in table if r[2] != "时效指标" and r[3] != moved[3]]
    level2 = "时效指标" if moved[2] != "时效指标" else others[0][2]
    value = moved[4].split("(")[0].lstrip("≥≤=<>")
    unit = moved[4].split("(")[1].rstrip(")") if "(" in moved[4] else ""
    saved = client.predict(draft_id, 2, moved[1], level2, moved[3], moved[4][0], value, unit, "", api_name="/save_row")
    rows = saved[TABLE]["data"]
    assert [r[3] for r in rows].index(moved[3]) != 1  # the table re-sorted: places changed under the lock
    assert [r[3] for r in rows if "锁定" in r[6]] == [locked_name]
