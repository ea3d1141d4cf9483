"""Typed results as what the page shows: Markdown text and table rows, in Chinese."""

from __future__ import annotations

from html import escape
from urllib.parse import unquote

from assistant.domain.model import Declaration, NoteLevel, SectionKind
from assistant.domain.policy import PolicyReference
from assistant.services.results import (
    HUMAN_BASIS,
    INDICATOR_TABLE,
    Draft,
    DraftConflict,
    DraftIndicator,
    DraftSummary,
    Evidence,
    FieldChange,
    Finding,
    Proposal,
    ReviewReport,
    Severity,
    StoredVersion,
    ValueProposal,
    VersionInfo,
    field_label,
    field_texts,
    indicator_path,
    section_path,
)
from assistant.web.safe import text as md

SEVERITY_MARK = {
    Severity.ERROR: "【错误】",
    Severity.WARNING: "【警告】",
    Severity.HINT: "【提示】",
}  # no emoji font needed
INDICATOR_HEADERS = ["行", "一级指标", "二级指标", "三级指标", "指标值", "取值依据", "来源", "审核"]


def when(info: VersionInfo | DraftSummary) -> str:
    moment = info.created_at if isinstance(info, VersionInfo) else info.updated_at
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def draft_choice(d: DraftSummary) -> tuple[str, int]:
    """A draft as a dropdown choice: (label, id)."""
    return (f"草稿 {d.id} · {d.title} · {d.year or ''} · 第 {d.head} 版", d.id)


def review_panel(report: ReviewReport | None) -> str:
    """The review findings, errors first, each saying where (section, row or field) and what to do."""
    if report is None:
        return "（尚未审核）"
    if not report.findings:
        return "审核通过：没有发现问题。"
    counts = "，".join(f"{s.label} {report.count(s)} 项" for s in Severity if report.count(s))
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.HINT: 2}
    lines = [f"**审核结果**：{counts}", ""]
    for f in sorted(report.findings, key=lambda f: order[f.severity]):
        lines.append(
            f"- {SEVERITY_MARK[f.severity]} **{md(f.location.describe(), inline=True)}**："
            f"{md(f.message, inline=True)}  \n  建议：{md(f.fix, inline=True)}"
        )
    return "\n".join(lines)


def row_findings(report: ReviewReport | None) -> dict[int, list[Finding]]:
    found: dict[int, list[Finding]] = {}
    for f in report.findings if report else []:
        if f.location.indicator is not None:
            found.setdefault(f.location.indicator.position, []).append(f)
    return found


def section_findings(report: ReviewReport | None, kind: SectionKind) -> list[Finding]:
    return [f for f in (report.findings if report else []) if f.location.section is kind]


def indicator_rows(stored: StoredVersion) -> list[list[str]]:
    """The indicator table as shown beside the row editor; 来源 is each value's provenance."""
    flagged = row_findings(stored.draft.review)
    rows = []
    for n, ind in enumerate(stored.draft.indicators, start=1):
        record = stored.fields.get(indicator_path(n, "value"))
        origin = record.origin.label + ("（锁定）" if record.locked else "") if record else ""
        marks = "".join(SEVERITY_MARK[f.severity] for f in flagged.get(n, []))
        rows.append(
            [
                str(n),
                ind.level1.value,
                ind.level2.value,
                ind.name,
                ind.value.value,
                ground_label(ind.value),
                origin,
                marks,
            ]
        )
    return rows


def ground_label(value: ValueProposal) -> str:
    """The 取值依据 a row shows: 人工填写 once a person typed the value (its ground stays the earlier one for the
    record), else 计划标准 / 历史标准 / 模板参考值."""
    return HUMAN_BASIS if value.basis == HUMAN_BASIS else value.ground.value


def section_label(stored: StoredVersion, kind: SectionKind) -> str:
    """``项目概况 · 模型起草`` (+ 审核 marks): the section's name, where its text came from, its findings."""
    record = stored.fields.get(section_path(kind))
    origin = f" · {record.origin.label}{'（锁定）' if record.locked else ''}" if record else ""
    marks = " ".join(f"{SEVERITY_MARK[f.severity]} {f.message}" for f in section_findings(stored.draft.review, kind))
    return f"{kind.label}{origin}{'  ' + marks if marks else ''}"


def evidence_panel(value: ValueProposal, evidence: list[Evidence], *, name: str) -> str:
    """Where a value came from: its 取值依据, the brief arithmetic, the template, the precedents."""
    lines = [
        f"**{md(name, inline=True)}**：{md(value.value, inline=True)}（{ground_label(value)}）",
        "",
        f"- 依据：{md(value.basis, inline=True)}",
    ]
    if value.arithmetic:
        lines.append(f"- 计算：{md(value.arithmetic, inline=True)}")
    if value.fields:
        lines.append(f"- 取自简报：{md('、'.join(value.fields), inline=True)}")
    if value.range:
        lines.append(f"- 先例取值范围：{md(value.range, inline=True)}")
    if evidence:
        lines += ["", "**先例**（相似度从高到低）：", ""]
        lines += [f"- {md(_precedent(e), inline=True)}，相似度 {e.similarity:.2f}）" for e in evidence[:8]]
    else:
        lines.append("- 没有先例：语料库中未见同类指标")
    return "\n".join(lines)


def _precedent(e: Evidence) -> str:
    return f"{e.project_name} · {e.year or ''} · {e.indicator_name}：{e.value}（{e.declaration_id}"


def indicator_evidence(ind: DraftIndicator) -> str:
    return evidence_panel(ind.value, ind.evidence, name=ind.name)


def conflict_page_hint(exc: DraftConflict) -> str:
    """What to do in the page (red team rt11 #6: the hint named a command-line command inside the page)."""
    return (
        f"请在“我的草稿”中重新选择草稿 {exc.draft_id}，打开最新的第 {exc.actual} 版，"
        "对照下面你的文本在其上重新修改后再保存（你的文本仍留在页面上）"
    )


def conflict_panel(exc: DraftConflict) -> str:
    """Both texts of every field where the unsaved edit and the latest version differ; nothing was saved."""
    mine, theirs = field_texts(exc.mine), field_texts(exc.theirs)
    paths = [p for p in dict.fromkeys([*mine, *theirs]) if mine.get(p) != theirs.get(p)]
    lines = [f"### 保存冲突：{md(exc.message, inline=True)}", f"建议：{md(conflict_page_hint(exc))}", ""]
    for p in paths:
        lines += [
            f"**{md(field_label(p), inline=True)}**",
            "",
            f"- 你的文本：{md(_quote(mine.get(p)), inline=True)}",
            f"- 第 {exc.actual} 版：{md(_quote(theirs.get(p)), inline=True)}",
            "",
        ]
    return "\n".join(lines)


def _quote(text: str | None) -> str:
    return "（无）" if text is None else (text or "（空）")


def history_rows(versions: list[VersionInfo]) -> list[list[str]]:
    return [
        [str(v.number), str(v.parent or "—"), v.action.label, v.section or "", v.instruction or "", v.author, when(v)]
        for v in reversed(versions)
    ]


def proposal_rows(proposals: list[Proposal]) -> list[list[str]]:
    """The draft's proposals, newest first: what was proposed from which version, and what the person decided."""
    return [
        [
            str(p.id),
            str(p.base),
            p.label,
            p.instruction or "",
            p.status.label,
            str(p.version or ""),
            p.author,
            p.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            _proposed_text(p)[:80],
        ]
        for p in proposals
    ]


def _proposed_text(p: Proposal) -> str:
    if p.target == INDICATOR_TABLE:
        return "；".join(f"{i.name} {i.value.value}" for i in p.draft.indicators)
    texts = field_texts(p.draft)
    return texts.get(p.target, "")


def diff_rows(changes: list[FieldChange]) -> list[list[str]]:
    return [[c.label, _quote(c.before), _quote(c.after)] for c in changes]


def provenance_rows(stored: StoredVersion) -> list[list[str]]:
    texts = field_texts(stored.draft)
    return [
        [
            field_label(p),
            r.origin.label,
            "是" if r.locked else "",
            r.author or "",
            r.at.astimezone().strftime("%m-%d %H:%M"),
            (texts.get(p) or "")[:60],
        ]
        for p, r in stored.fields.items()
    ]


def draft_markdown(draft: Draft) -> str:
    return "\n\n".join(f"**{s.kind.label}**\n\n{md(s.text)}" for s in draft.sections)


NOTE_LEVELS = {NoteLevel.INFO: "说明", NoteLevel.WARNING: "注意", NoteLevel.ERROR: "错误"}


def notes_markdown(decl: Declaration) -> str:
    """The parse notes of a declaration read from a file, each with its line or cell, in Chinese."""
    if not decl.parse_notes:
        return "解析说明：无。"
    lines = [
        f"- {NOTE_LEVELS[n.level]}：{md(n.message + _where(n.cell, n.line), inline=True)}" for n in decl.parse_notes
    ]
    return "**解析说明**：\n" + "\n".join(lines)


def _where(cell: str | None, line: int | None) -> str:
    if cell:
        return f"（{cell}）"
    return f"（第 {line} 行）" if line else ""


FUNDING_ROWS = (
    ("total", "项目资金总额（元）"),
    ("annual", "年度资金申请总额（元）"),
    ("fiscal_annual", "财政资金（元）"),
    ("fiscal_same_level", "本级财政安排（元）"),
    ("other_annual", "其他资金（元）"),
    ("carryover", "上年结转资金（元）"),
)


def declaration_html(decl: Declaration, cited: str | None = None) -> str:
    """A corpus declaration as the official form's table: header, funding, sections, indicators. ``cited`` (a citation's
    part: ``header``, ``necessity``, ``indicator-3``, ``funding.total``) marks the rows it names (class ``cited``)."""
    h, f = decl.header, decl.funding
    head = [
        ("项目名称", h.name),
        ("年度", h.year),
        ("主管部门", h.department),
        ("实施单位", h.implementer),
        ("项目性质", h.nature),
        ("项目类别", h.category),
        ("开始日期", h.start_date),
        ("结束日期", h.end_date),
        *([("项目期", h.period)] if h.period else []),
    ]
    cells = "".join(_row(k, v, cited == "header") for k, v in head)
    cells += "".join(
        _row(label, getattr(f, key), cited == f"funding.{key}")
        for key, label in FUNDING_ROWS
        if getattr(f, key) is not None or key in ("total", "annual", "fiscal_annual")
    )
    cells += "".join(_row(s.title, s.text, cited == s.kind.value) for s in decl.sections)
    cells += "<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th>备注</th></tr>"
    cells += "".join(
        f"<tr{_mark(cited == f'indicator-{i.position}')}><td>{escape(i.level1_written or '')}</td>"
        f"<td>{escape(i.level2_written or '')}</td><td>{escape(i.name)}</td><td>{escape(i.value.raw)}</td>"
        f"<td>{escape(i.remark or '')}</td></tr>"
        for i in decl.indicators
    )
    title = f"<h3>{escape(h.name)}（{escape(decl.id)}）</h3>"
    return f"{title}{_cited_note(decl, cited)}<table class='official'>{cells}</table>"


def _row(label: str, value: object, cited: bool) -> str:
    text = escape("" if value is None else str(value)).replace("\n", "<br>")
    return f"<tr{_mark(cited)}><th>{escape(label)}</th><td colspan='4'>{text}</td></tr>"


def _mark(cited: bool) -> str:
    return " class='cited'" if cited else ""


def _cited_note(decl: Declaration, cited: str | None) -> str:
    if not cited:
        return ""
    return f"<p class='cited-note'>引用的部分：{escape(cited_part_label(decl, cited))}（表中黄色底的行）</p>"


def cited_part_label(decl: Declaration, part: str) -> str:
    """``necessity`` → 项目设立的必要性; ``indicator-3`` → 绩效指标第 3 行（名称）; ``funding.total`` → 项目资金总额（元）."""
    if part == "header":
        return "表头"
    if part.startswith("indicator-"):
        n = part.removeprefix("indicator-")
        name = next((i.name for i in decl.indicators if str(i.position) == n), "")
        return f"绩效指标第 {n} 行（{name}）" if name else f"绩效指标第 {n} 行"
    if part.startswith("funding."):
        return dict(FUNDING_ROWS).get(part.removeprefix("funding."), part)
    found = next((s.title for s in decl.sections if s.kind.value == part), None)
    if found is not None:
        return found
    known = {kind.value: kind.label for kind in SectionKind}
    return f"{known[part]}（此表未填写该部分）" if part in known else f"{part}（此表中未找到）"


def policy_html(policy: PolicyReference) -> str:
    """A policy of the library as a small table: title, number, issuer, dates, status, scope, what it is and
    where its facts were checked."""
    dated = "；".join(f"{d.date} {d.event}" for d in policy.dates)
    rows = [
        ("文件", f"《{policy.title}》"),
        ("文号", policy.doc_number),
        ("发文机关", policy.issuer),
        ("年份", policy.cited_year),
        ("日期", dated or None),
        ("状态", policy.status.value),
        ("适用范围", policy.scope),
        ("内容", policy.description),
        ("来源", "\n".join([*(unquote(source) for source in policy.sources), policy.source_note])),
    ]
    return f"<h3>《{escape(policy.title)}》</h3><table class='official'>{''.join(_row(k, v, False) for k, v in rows)}</table>"
