"""rt14 F2: two adds at once of different files with the same name: neither is lost unsaid, and the one not stored
is never told it was added."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest

import assistant.corpus.store as store
from assistant.errors import AssistantError
from assistant.services.corpus import CorpusService
from assistant.services.scope import CorpusScope
from assistant.web.corpus_tab import added_note

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus/raw/000_1ac9e65464ab096f.txt"
NAME = "闵行区党建服务中心党费缴纳管理系统项目"


def test_two_adds_of_one_name_at_once_lose_nothing_unsaid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "raw").mkdir(parents=True)
    shutil.copy(SEED, corpus / "raw" / SEED.name)
    CorpusService(CorpusScope(corpus)).build([])
    text = SEED.read_text(encoding="utf-8")
    uploads = {}
    for who in ("甲", "乙"):
        (tmp_path / who).mkdir()
        uploads[who] = tmp_path / who / "申报表.txt"
        uploads[who].write_text(text.replace(NAME, f"用户{who}的测试项目").replace("2020", "2021"), encoding="utf-8")
    slow = store._read_or_why

    def parse_slowly(path: Path):  # both adds pass the name check before either copies
        time.sleep(0.5)
        return slow(path)

    monkeypatch.setattr(store, "_read_or_why", parse_slowly)
    barrier, notes = threading.Barrier(2), {}

    def add(who: str) -> None:
        barrier.wait()
        try:
            notes[who] = added_note(
                CorpusService(CorpusScope(corpus)).build([uploads[who]], added_by=who), "申报表.txt"
            )
        except AssistantError as exc:
            notes[who] = f"错误：{exc.message}"

    threads = [threading.Thread(target=add, args=(who,)) for who in uploads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    names = [json.loads(p.read_text(encoding="utf-8"))["header"]["name"] for p in (corpus / "declarations").glob("*")]
    for who in uploads:
        stored = any(f"用户{who}" in n for n in names)
        told_added = notes[who].startswith("已加入语料库")
        assert stored == told_added, notes
        if not stored:
            assert "同名" in notes[who]
    assert sum("用户" in n for n in names) >= 1
