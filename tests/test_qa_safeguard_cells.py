"""One 制度保障 row of a named project asked by its document (issue 24, q10c): its 具体措施 and 制度类别 as written,
every row of that document, cited; a document the form lacks is refused, never answered with another row. Real
corpus, real parser, no model; the gold rows read the raw JSON."""

from qa_support import DECLS, ask

FORMS = {d["id"]: d for d in DECLS}


def test_a_documents_measures_are_quoted_whole_for_each_of_its_rows():
    result = ask("组织力建设信息化平台里闵行区委组织部内部财务管理制度的具体措施内容是什么")
    rows = [s for s in FORMS["2020-001-01"]["safeguards"] if s["document"].endswith("内部财务管理制度")]
    assert len(rows) == 2 and all(s["measures"] in result.text for s in rows)
    assert not result.refused and {row.declaration_id for row in result.rows} == {"2020-001-01"}


def test_a_documents_category_is_given_by_a_tail_of_its_name():
    result = ask("党费缴纳管理系统中资金拨付审批制度是什么类别的")
    row = next(s for s in FORMS["2020-000-01"]["safeguards"] if s["document"] == "资金拨付审批制度")
    assert row["category"] in result.text and [r.field for r in result.rows] == ["资金拨付审批制度"]


def test_a_document_the_form_lacks_is_refused_not_answered_by_a_near_one():
    result = ask("党费缴纳系统的档案管理制度里措施怎么写的")
    assert result.refused and "语料库中没有" in result.text and "通过制定" not in result.text


def test_a_section_whose_title_holds_a_document_word_is_still_the_section():
    result = ask("组织力建设信息化平台的资源投入和制度建设情况这部分写了什么")
    assert not result.refused and "制度保障" not in result.text.split("\n")[0]
