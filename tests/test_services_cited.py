"""Opening what a Q&A answer cites (the real corpus, the real Q&A without a model): each citation's ``ref`` opens its
declaration with the cited part marked, or its policy; the chat shows each citation as a link carrying that ref."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from assistant.errors import InputError
from assistant.qa.conversation import Conversation
from assistant.services import build_services
from assistant.settings import CorpusSettings, LLMProvider, LLMSettings, Settings
from assistant.web import render
from assistant.web.qa_tab import CITE_ANCHOR, answer_markdown, cited_choices

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("cited") / "data",
        corpus=CorpusSettings(corpus_dir=REPO / "corpus"),
        llm=LLMSettings(provider=LLMProvider.NONE),
    )
    opened = build_services(settings)
    yield opened
    opened.close()


def test_a_section_ref_opens_its_declaration_with_the_section_marked(services):
    decl = services.corpus.corpus().declarations[0]
    section = next(s for s in decl.sections if s.text.strip())
    source = services.corpus.cited(f"{decl.id}#{section.kind.value}")
    assert (source.declaration, source.part, source.policy) == (decl, section.kind.value, None)
    html = render.declaration_html(source.declaration, cited=source.part)
    marked = html.split("class='cited'>", 1)[1].split("</tr>", 1)[0]
    assert section.title in marked and html.count("class='cited'") == 1 and f"引用的部分：{section.title}" in html


def test_an_indicator_ref_marks_its_row(services):
    decl = next(d for d in services.corpus.corpus().declarations if len(d.indicators) >= 3)
    third = decl.indicators[2]
    html = render.declaration_html(decl, cited=f"indicator-{third.position}")
    assert third.name in html.split("class='cited'>", 1)[1].split("</tr>", 1)[0]
    assert f"绩效指标第 {third.position} 行（{third.name}）" in html


def test_a_policy_ref_opens_the_policy(services):
    policy = services.scope.current().policies[0]
    source = services.corpus.cited(f"policy:{policy.id}")
    assert source.policy == policy and source.declaration is None
    assert f"《{policy.title}》" in render.policy_html(policy)


def test_a_policy_page_shows_its_scope_and_where_it_was_checked(services):
    policy = next(p for p in services.scope.current().policies if p.id == "archives-law")
    html = render.policy_html(policy)
    assert "适用范围" in html and policy.scope in html
    assert "https://github.com/LawRefBook/Laws/blob/" in html and "行政法/档案法(2020-06-20).md" in html
    assert "2020-06-20 修订" in html


@pytest.mark.parametrize(
    ("ref", "message"),
    [("1999-999-99#necessity", "没有编号为 1999-999-99"), ("policy:no-such", "政策库中没有"), ("", "没有指定")],
)
def test_an_unknown_ref_is_a_chinese_error(services, ref, message):
    with pytest.raises(InputError, match=message):
        services.corpus.cited(ref)


def test_each_citation_of_an_answer_is_a_link_that_opens_its_source(services):
    answer = services.qa.answer("2023年组织部各项目资金合计多少？", Conversation())
    text = answer_markdown(answer)
    refs = [unquote(part.split(")", 1)[0]) for part in text.split(f"]({CITE_ANCHOR}")[1:]]
    assert refs and refs == [c.ref for c in answer.citations[: len(refs)]]
    for ref in refs:
        source = services.corpus.cited(ref)
        assert source.declaration is not None or source.policy is not None
    assert [ref for _, ref in cited_choices(answer)] == list(dict.fromkeys(refs))


@pytest.mark.parametrize("part", ["indicator-999", "indicator-0", "funding.colour", "no-such-part"])
def test_a_ref_to_a_part_the_declaration_lacks_is_a_chinese_error_not_a_page(services, part):
    """Red team: ``#indicator-999`` rendered the page with 第 999 行 named as cited."""
    decl = services.corpus.corpus().declarations[0]
    with pytest.raises(InputError, match=f"申报表 {decl.id}（.+）中没有") as caught:
        services.corpus.cited(f"{decl.id}#{part}")
    assert "999" in caught.value.message or part != "indicator-999"
    assert services.corpus.cited(f"{decl.id}#indicator-{decl.indicators[0].position}").declaration == decl
