"""The corpus as index documents: one per declaration section, one per indicator, one per policy.

Ids are content hashes (`IndexDocument.build`), so an unchanged declaration gives the same ids on
every build and a changed one gives new ids. Metadata holds only scalars present in the source: a
field the form left blank is left out, never written as an empty string.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from assistant.domain.model import Declaration, Header, Indicator, TextSection
from assistant.domain.policy import PolicyReference
from assistant.index.documents import IndexDocument, Metadata, Scalar
from assistant.retrieval.models import DocKind

# Sections that say nothing (需要说明的其他问题：无) are not worth an embedding.
_EMPTY_TEXTS = frozenset({"", "无", "无。", "暂无", "没有"})
KIND_SEPARATOR = " · "


def corpus_documents(declarations: Iterable[Declaration], policies: Iterable[PolicyReference]) -> list[IndexDocument]:
    """Every document of the corpus, in a stable order."""
    docs = [doc for decl in declarations for doc in declaration_documents(decl)]
    docs.extend(policy_document(policy) for policy in policies)
    return docs


def declaration_documents(decl: Declaration) -> list[IndexDocument]:
    return [*section_documents(decl), *indicator_documents(decl)]


def section_documents(decl: Declaration) -> list[IndexDocument]:
    """One document per non-empty section; sections with the same text (总目标 = 年度目标) are one document."""
    base = declaration_metadata(decl)
    docs = []
    for title, group in _sections_by_text(decl.sections):
        first = group[0]
        meta = {**base, "section": first.kind.value, "section_title": title}
        text = f"{decl.header.name}｜{title}\n{first.text.strip()}"
        docs.append(IndexDocument.build(DocKind.SECTION, text, meta))
    return docs


def _sections_by_text(sections: Iterable[TextSection]) -> Iterator[tuple[str, list[TextSection]]]:
    groups: dict[str, list[TextSection]] = {}
    for section in sections:
        if section.text.strip() not in _EMPTY_TEXTS:
            groups.setdefault(section.text.strip(), []).append(section)
    for group in groups.values():
        yield " / ".join(dict.fromkeys(section.kind.label for section in group)), group


def indicator_documents(decl: Declaration) -> list[IndexDocument]:
    base = declaration_metadata(decl)
    return [
        IndexDocument.build(DocKind.INDICATOR, indicator_text(indicator), {**base, **indicator_metadata(indicator)})
        for indicator in decl.indicators
    ]


def indicator_text(indicator: Indicator) -> str:
    """``三级指标名称：指标值``. The levels are metadata, not text: written into every indicator they make
    all indicators look alike to the embedding (evals/retrieval/results.md, "Indicator text")."""
    value = indicator.value.raw.strip()
    return f"{indicator.name}：{value}" if value else indicator.name


def _levels(indicator: Indicator) -> tuple[str | None, str | None]:
    level1 = indicator.level1.value if indicator.level1 else indicator.level1_written
    level2 = indicator.level2.value if indicator.level2 else indicator.level2_written
    return level1, level2


def indicator_metadata(indicator: Indicator) -> Metadata:
    level1, level2 = _levels(indicator)
    return _present(
        {"position": indicator.position, "level1": level1, "level2": level2, "value": indicator.value.raw.strip()}
    )


def declaration_metadata(decl: Declaration) -> Metadata:
    header = decl.header
    return _present(
        {
            "declaration_id": decl.id,
            "project_name": header.name,
            "year": header.year,
            "department": header.department or header.applicant,
            "implementer": header.implementer,
            "layout": decl.layout.value,
            "project_kind": project_kind(header),
        }
    )


def project_kind(header: Header) -> str:
    """What the form says the project is: 项目类别 · 项目性质 · ticked 项目类型 · ticked 资金用途 ('' if none)."""
    ticked = [
        *(header.project_type.selected if header.project_type else []),
        *(header.fund_use.selected if header.fund_use else []),
    ]
    parts = [header.category, header.nature, *ticked]
    return KIND_SEPARATOR.join(dict.fromkeys(part.strip() for part in parts if part and part.strip()))


def policy_document(policy: PolicyReference) -> IndexDocument:
    meta = _present(
        {
            "policy_id": policy.id,
            "title": policy.title,
            "doc_number": policy.doc_number,
            "issuer": policy.issuer,
            "year": policy.year,
            "policy_kind": policy.kind.value,
            "status": policy.status.value,
            "scope": policy.scope,
        }
    )
    return IndexDocument.build(DocKind.POLICY, policy_text(policy), meta)


def policy_text(policy: PolicyReference) -> str:
    lines = [policy.citation()]
    if policy.aliases:
        lines.append("又称：" + "；".join(policy.aliases))
    if policy.issuer:
        lines.append(f"发文机关：{policy.issuer}" + (f"，{policy.year}年" if policy.year else ""))
    if policy.scope:
        lines.append(f"适用范围：{policy.scope}")
    lines.append(policy.description)
    return "\n".join(lines)


def _present(values: Mapping[str, Scalar | None]) -> Metadata:
    return {key: value for key, value in values.items() if value is not None and value != ""}
