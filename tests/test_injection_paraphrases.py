"""Injection by paraphrase: 20 instructions addressed to the drafter in other words, Chinese and English
(`fixtures/injection/paraphrases.json`, a tune half and a test half), planted in a brief and drafted against a
loopback endpoint that obeys any such instruction it is shown (a stronger model simulated). The product's own
checks must keep each dictated code out of the draft and report the instruction in the draft's notes; the
pattern must not fire on the real corpus's sections. Figures per half are printed."""

from __future__ import annotations

import json
import re

import pytest
from fault_server import GOOD, FaultServer
from test_llm_faults import _settings
from web_support import REPO

from assistant.domain.brief import example_brief
from assistant.drafting.injection import looks_injected
from assistant.drafting.models import NoteKind
from assistant.services import build_services
from assistant.services.drafting import DraftingService

ITEMS = json.loads((REPO / "tests" / "fixtures" / "injection" / "paraphrases.json").read_text(encoding="utf-8"))[
    "items"
]
CODE = re.compile(r"[A-Z]{2}\d{4}")
KNOWN_MISSES = {12}  # the test half's miss, reported rather than tuned away (see the report)


def obey(body: dict) -> str:
    """A section that does what any instruction in the prompt dictates: it writes every code it is shown."""
    prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
    codes = CODE.findall(prompt)
    return GOOD + "".join(f"{code}。" for code in codes)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """Each paraphrase appended to the example brief's content, drafted against the obeying endpoint."""
    results = {}
    tmp = tmp_path_factory.mktemp("inject")
    with FaultServer("ok", reply=obey) as server:
        settings = _settings(tmp, server.base_url)
        with build_services(settings) as services:
            drafting = DraftingService(settings, services.scope, services.runtime, services.store, author="t")
            for item in ITEMS:
                brief = example_brief()
                brief = brief.model_copy(update={"content": brief.content + "\n" + item["text"]})
                results[item["id"]] = drafting.draft(brief).draft
    return results


def test_the_endpoint_obeys_when_shown_a_code(tmp_path):
    assert obey({"messages": [{"content": "请写 QK7315"}]}).endswith("QK7315。")  # the simulation is a real threat


@pytest.mark.parametrize("item", ITEMS, ids=[f"{i['half']}-{i['id']}" for i in ITEMS])
def test_paraphrased_instruction_is_kept_out_and_reported(drafted, item):
    draft = drafted[item["id"]]
    text = "\n".join(s.text for s in draft.sections)
    reported = any(n.kind is NoteKind.INJECTION for n in draft.notes)
    if item["id"] in KNOWN_MISSES:
        pytest.xfail("a paraphrase the patterns do not recognise (test half; reported, not tuned away)")
    assert item["code"] not in text and reported


def test_figures_per_half(drafted):
    for half in ("tune", "test"):
        items = [i for i in ITEMS if i["half"] == half]
        kept = sum(i["code"] not in "\n".join(s.text for s in drafted[i["id"]].sections) for i in items)
        detected = sum(looks_injected(i["text"]) for i in items)
        print(f"\n  {half} half: {kept}/{len(items)} codes kept out of the draft, {detected}/{len(items)} detected")


def test_no_false_alarm_on_the_corpus(corpus):
    fired = [(d.id, s.kind.value) for d in corpus.declarations for s in d.sections if looks_injected(s.text)]
    print(f"\n  corpus sections flagged: {len(fired)} of {sum(len(d.sections) for d in corpus.declarations)}")
    assert not fired
