"""What the model may draw on for a brief: precedent sections and candidate policies, each with a label.

They come from the hybrid index (retrieve.py) when the caller gives a finder, else from the suggestion
bank's closest declarations; either way only declarations of the corpus passed in and of the brief's
own project type are shown (and last year's form of the same project), and the prompt says so, or says
that the corpus has no precedent of the type.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.corpus.store import Corpus
from assistant.domain.brief import Brief
from assistant.domain.model import Declaration, SectionKind
from assistant.domain.policy import PolicyReference, find_policy, policies_cited_in, policy_label
from assistant.domain.project_types import ProjectType
from assistant.domain.refs import SourceRef, policy_citation, policy_id, policy_title
from assistant.drafting.brief_figures import brief_figure_notes
from assistant.drafting.brief_money import brief_money_notes
from assistant.drafting.injection import dictated_phrases, neutralise
from assistant.drafting.models import BasisEntry, GroundingNote, NoteKind
from assistant.drafting.relevance import brief_project, fitting_policies, policy_fits, split_reference
from assistant.drafting.retrieve import Passage, Retrieved, retrieve, same_type
from assistant.errors import AssistantError
from assistant.retrieval.finder import Finder
from assistant.suggest.models import SuggestionSet

PRECEDENTS = 3
SECTION_SOURCES = 2  # precedent snippets per section prompt: prefill dominates on the embedded model
SNIPPET_CHARS = 80
MAX_POLICIES = 6
POLICY_NOTE_CHARS = 40  # of a policy's description, in the prompt

# Where a precedent's text for each drafted section is found, best first (2021+ forms have only goals).
SOURCES: dict[SectionKind, tuple[SectionKind, ...]] = {
    SectionKind.OVERVIEW: (SectionKind.OVERVIEW, SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL),
    SectionKind.NECESSITY: (SectionKind.NECESSITY, SectionKind.APPROVAL, SectionKind.GOAL_TOTAL),
    SectionKind.GOAL_TOTAL: (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL),
    SectionKind.GOAL_ANNUAL: (SectionKind.GOAL_ANNUAL, SectionKind.GOAL_TOTAL),
}


@dataclass(frozen=True)
class ContextItem:
    label: str
    citation: SourceRef
    text: str


@dataclass
class DraftContext:
    brief: Brief  # as the user wrote it: what the draft keeps
    suggestions: SuggestionSet
    precedents: list[Declaration]  # instructions to the model taken out of their sections
    policies: list[ContextItem]  # candidates offered to the model, labelled P1…
    all_policies: list[PolicyReference]  # the whole policy corpus: what any mention must resolve to
    user_basis: list[BasisEntry] = field(default_factory=list)  # user-named policies not in the corpus
    materials: list[ContextItem] = field(default_factory=list)  # precedent snippets S1…, shown to every section
    safe_brief: Brief | None = None  # the brief without instructions to the model: what prompts and rules read
    notes: list[GroundingNote] = field(default_factory=list)  # what was taken out, for the user
    dictated: list[str] = field(default_factory=list)  # what those instructions told the model to write
    material_note: str = ""  # for the prompt: which precedents are of the brief's own project type
    others: list[str] = field(default_factory=list)  # the corpus's project names: other domains' vocabulary

    @property
    def prompt_brief(self) -> Brief:
        return self.safe_brief or self.brief

    def policy_by_label(self) -> dict[str, ContextItem]:
        return {item.label: item for item in self.policies}


def _bank_passages(precedents: list[Declaration]) -> dict[SectionKind, list[Passage]]:
    """Without the index: for each drafted section, the counterpart text of the bank's closest precedents."""
    passages: dict[SectionKind, list[Passage]] = {}
    for kind, wanted in SOURCES.items():
        found = [(decl, next((k for k in wanted if decl.section_text(k).strip()), None)) for decl in precedents]
        passages[kind] = [Passage(decl, source) for decl, source in found if source is not None][:SECTION_SOURCES]
    return passages


def precedent_materials(passages: dict[SectionKind, list[Passage]]) -> list[ContextItem]:
    """The passages of every drafted section, each once, labelled S1…: one list for all sections, so that
    every section's prompt shares it."""
    items: list[ContextItem] = []
    for passage in (p for kind in SOURCES for p in passages.get(kind, [])):
        decl, source = passage.decl, passage.source
        ref = f"{decl.id}#{source.value}"
        if any(item.citation.ref == ref for item in items):
            continue
        label = f"{decl.header.name} · {decl.header.year} · {source.label}"
        citation = SourceRef(ref=ref, project=decl.header.name, year=decl.header.year, part=source.label)
        items.append(
            ContextItem(
                label=f"S{len(items) + 1}", citation=citation, text=f"【{label}】{_snippet(decl.section_text(source))}"
            )
        )
    return items


def type_note(items: list[ContextItem], project_type: ProjectType | None) -> str:
    """One line for the prompt: the precedents are of the brief's own type, or the corpus has none."""
    if project_type is None:
        return ""
    if items:
        return f"（以下参考申报表都是与本项目同类型（{project_type.value}）的项目）"
    return f"（语料库中没有与本项目同类型（{project_type.value}）的申报表，没有可参考的先例：只依据简报写）"


def _snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The opening of ``text`` up to ``limit`` characters, ending where a clause ends: a half-clause
    followed by …… is what the model copies into the draft as it stands."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    head = flat[:limit]
    end = max(head.rfind(mark) for mark in "。；！？，")
    return head[: end + 1] if end >= limit // 4 else head


def build_context(
    brief: Brief,
    suggestions: SuggestionSet,
    corpus: Corpus,
    policies: list[PolicyReference],
    *,
    finder: Finder | None = None,
) -> DraftContext:
    """What the prompts show: precedent passages and candidate policies from the hybrid index (``finder``),
    or, without one or when it fails (then with a note), from the suggestion bank's closest declarations.
    Only declarations of ``corpus`` are shown: leaving one out of it hides it from both."""
    notes: list[GroundingNote] = []
    safe_brief = safe_copy_of_brief(brief, notes)
    notes.extend(brief_figure_notes(brief))
    notes.extend(brief_money_notes(brief))
    project_type = suggestions.project_type.type if suggestions.project_type else None
    same = same_type(corpus, project_type)
    retrieved = _retrieve(finder, safe_brief, corpus, policies, same, notes)
    if retrieved is None:
        bank = [corpus.get(p.declaration_id) for p in suggestions.precedents[:PRECEDENTS] if p.declaration_id in same]
        passages, found_policies = _bank_passages(_with_previous(brief, corpus, bank)), []
    else:
        passages, found_policies = _previous_first(brief, corpus, retrieved.passages), retrieved.policies
    passages = _safe_passages(passages, notes)
    shown = list({p.decl.id: p.decl for kind in SOURCES for p in passages.get(kind, [])}.values())
    chosen, user_basis = _policy_candidates(safe_brief, shown, policies, found_policies)
    materials = precedent_materials(passages)
    return DraftContext(
        brief=brief,
        suggestions=suggestions,
        precedents=shown,
        policies=[_policy_item(n, p) for n, p in enumerate(chosen, start=1)],
        all_policies=policies,
        user_basis=user_basis,
        materials=materials,
        safe_brief=safe_brief,
        notes=notes,
        dictated=dictated_phrases([note.fragment or "" for note in notes]),
        material_note=type_note(materials, project_type),
        others=[decl.header.name for decl in corpus],
    )


def _retrieve(
    finder: Finder | None,
    brief: Brief,
    corpus: Corpus,
    policies: list[PolicyReference],
    same: set[str],
    notes: list[GroundingNote],
) -> Retrieved | None:
    if finder is None:
        return None
    try:
        return retrieve(finder, brief, corpus, policies, same, SOURCES, SECTION_SOURCES)
    except Exception as exc:
        # locked index, chromadb's own errors) must not stop the draft, which then works as it did without one
        reason = exc.message if isinstance(exc, AssistantError) else f"{type(exc).__name__}: {exc}"
        notes.append(
            GroundingNote(
                kind=NoteKind.RETRIEVAL_FALLBACK,
                message=f"检索索引不可用（{reason[:120]}），参考先例改按指标相似度选取；可运行 assistant index build 重建索引",
            )
        )
        return None


def _with_previous(brief: Brief, corpus: Corpus, precedents: list[Declaration]) -> list[Declaration]:
    if not brief.previous_declaration_id or brief.previous_declaration_id not in {d.id for d in corpus}:
        return precedents
    previous = corpus.get(brief.previous_declaration_id)
    return [previous] + [d for d in precedents if d.id != previous.id][: PRECEDENTS - 1]


def _previous_first(
    brief: Brief, corpus: Corpus, passages: dict[SectionKind, list[Passage]]
) -> dict[SectionKind, list[Passage]]:
    """Last year's form of the same project (上年申报表编号) stands first for every section it has."""
    previous = _with_previous(brief, corpus, [])
    if not previous:
        return passages
    own = _bank_passages(previous)
    return {
        kind: [*own[kind], *(p for p in found if p.decl.id != previous[0].id)][:SECTION_SOURCES]
        for kind, found in passages.items()
    }


def _safe_passages(
    passages: dict[SectionKind, list[Passage]], notes: list[GroundingNote]
) -> dict[SectionKind, list[Passage]]:
    """The passages with instructions to the model taken out of their declarations (each declaration once)."""
    safe: dict[str, Declaration] = {}
    for passage in (p for found in passages.values() for p in found):
        if passage.decl.id not in safe:
            safe[passage.decl.id] = _safe_precedent(passage.decl, notes)
    return {kind: [replace(p, decl=safe[p.decl.id]) for p in found] for kind, found in passages.items()}


def _injection_note(where: str, removed: list[str]) -> GroundingNote:
    return GroundingNote(
        kind=NoteKind.INJECTION,
        fragment="；".join(removed)[:200],
        message=f"{where}中有像是写给模型的指令，起草时已作为普通文字忽略，未执行",
    )


def safe_copy_of_brief(brief: Brief, notes: list[GroundingNote]) -> Brief:
    """The brief with instructions to the model taken out of every text field that reaches the draft: the project
    name, 主管部门, 实施单位, content, policies, each plan step, and each composition line's name and content (red
    team rt8 R5). A name left empty by the cut keeps its text (it cannot be blank; review flags it); the note names
    what was cut."""
    removed: list[str] = []

    def clean(text: str, *, name: bool = False) -> str:
        cut = neutralise(text)
        removed.extend(cut.removed)
        return text if name and not cut.text.strip() else cut.text

    def maybe(text: str | None) -> str | None:
        return clean(text, name=True) if text else text

    update = {
        "name": clean(brief.name, name=True),
        "department": maybe(brief.department),
        "implementer": maybe(brief.implementer),
        "content": neutralise(brief.content).text,
        "policies": [c for p in brief.policies if (c := clean(p))],
        "plan": [step.model_copy(update={"work": clean(step.work)}) for step in brief.plan],
        "composition": [
            line.model_copy(update={"part": clean(line.part, name=True), "detail": clean(line.detail or "") or None})
            for line in brief.composition
        ],
    }
    removed[:0] = neutralise(brief.content).removed
    if not removed:
        return brief
    notes.append(_injection_note("简报", removed))
    return brief.model_copy(update=update)


def _safe_precedent(decl: Declaration, notes: list[GroundingNote]) -> Declaration:
    sections, removed = [], []
    for section in decl.sections:
        cleaned = neutralise(section.text)
        removed += cleaned.removed
        sections.append(section.model_copy(update={"text": cleaned.text}) if cleaned.removed else section)
    if not removed:
        return decl
    notes.append(_injection_note(f"参考先例“{decl.header.name} · {decl.header.year}”", removed))
    return decl.model_copy(update={"sections": sections})


def _policy_candidates(
    brief: Brief, precedents: list[Declaration], policies: list[PolicyReference], retrieved: list[PolicyReference]
) -> tuple[list[PolicyReference], list[BasisEntry]]:
    """The user's own policies first (those the brief names, in its 政策依据 or its words), then the
    library's policies whose subject is the project's: those the index found, those the shown precedents
    cite, and the rest of the library (`relevance.fitting_policies`). A policy of another subject never
    comes in, whatever words it shares with the brief (人大, 上海, 工作, 管理)."""
    chosen: list[PolicyReference] = []
    user_basis: list[BasisEntry] = []
    for written in [*brief.policies, *named_in_text(brief.text())]:
        found = find_written(policies, written)
        if found is None:
            title, number = split_reference(written)
            if all(b.title != title for b in user_basis):
                user_basis.append(BasisEntry(title=title, doc_number=number, user_supplied=True))
        elif found not in chosen:
            chosen.append(found)
    chosen.extend(p for p in policies_cited_in(policies, brief.text()) if p not in chosen)
    project = brief_project(brief)
    cited = [p for decl in precedents for p in policies_cited_in(policies, "\n".join(s.text for s in decl.sections))]
    for policy in [*retrieved, *cited, *fitting_policies(project, policies)]:
        if policy not in chosen and policy_fits(project, policy):
            chosen.append(policy)
    return chosen[:MAX_POLICIES], user_basis


# A title in 《》 that names a document of policy (law, regulation, rules, a notice, a plan, a standard), with the
# number the text writes right after it: 根据《上海市养老服务条例》, 《纸质档案数字化规范》（DA/T 31-2017）.
_NAMED = re.compile(
    r"《[^《》]{2,60}(?:法|条例|办法|规定|细则|规则|意见|通知|决定|方案|规划|纲要|计划|标准|规范|指引|指南|要点|清单)》"
    r"(?:[（(][^（）()]{2,30}[）)])?"
)


def named_in_text(text: str) -> list[str]:
    """The policies a brief's own words name (``《上海市养老服务条例》``, with a number in brackets after it where
    one is written), in order, each once: the user's own basis as much as its 政策依据 field."""
    return list(dict.fromkeys(m.group(0) for m in _NAMED.finditer(text)))


def own_policy_labels(ctx: DraftContext) -> list[str]:
    """``《题名》（文号）`` of the policies the user gave: the brief's 政策依据 in its order, then those its text names;
    a library entry written as the library has it, any other as the user wrote it (never a number added). Read from
    the brief without what the injection guard took out (red team rt11): a title inside an instruction reported as
    ignored is no policy of the person's."""
    labels: list[str] = []
    brief = ctx.prompt_brief
    for written in [*brief.policies, *named_in_text(brief.text())]:
        found = find_written(ctx.all_policies, written)
        label = policy_title(found) if found is not None else policy_label(*split_reference(written))
        if label not in labels:
            labels.append(label)
    return labels


def find_written(policies: Sequence[PolicyReference], written: str) -> PolicyReference | None:
    """The library policy a person's ``written`` reference names: as written, else (《题名》（文号）) by its title or
    by its number; the one lookup for a user's policy wherever a draft or an edit of it reads one."""
    return find_policy(policies, written) or _found_by_parts(policies, written)


def _found_by_parts(policies: Sequence[PolicyReference], written: str) -> PolicyReference | None:
    """A policy written as 《题名》（文号）: found by its title or by its number."""
    title, number = split_reference(written)
    return find_policy(policies, title) or (find_policy(policies, number) if number else None)


def _policy_item(n: int, policy: PolicyReference) -> ContextItem:
    label = policy_title(policy)
    return ContextItem(
        label=f"P{n}",
        citation=policy_citation(policy),
        text=f"{label}：{_snippet(neutralise(policy.description).text, POLICY_NOTE_CHARS)}",
    )


def basis_entry(item: ContextItem, policies: list[PolicyReference]) -> BasisEntry:
    policy = next(p for p in policies if p.id == policy_id(item.citation.ref))
    return BasisEntry(title=policy.title, doc_number=policy.doc_number, policy_id=policy.id)
