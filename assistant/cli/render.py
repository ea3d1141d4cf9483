"""Readable Chinese renderings for the terminal (rich)."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from assistant.domain.amounts import unsigned_zero
from assistant.domain.model import CheckboxField, CheckState, Declaration, NoteLevel, ParseNote, SectionKind
from assistant.domain.policy import policy_label
from assistant.domain.region import other_region
from assistant.services.results import RULES_MODEL, CorpusStats, CountRow

NOTE_LABELS = {NoteLevel.ERROR: "错误", NoteLevel.WARNING: "警告", NoteLevel.INFO: "提示"}
_FUNDING_LABELS = {
    "total": "项目资金总额",
    "annual": "年度资金申请总额",
    "fiscal_total": "财政资金（总额）",
    "fiscal_annual": "当年财政拨款",
    "fiscal_upper": "上级财政拨款",
    "fiscal_same_level": "本级财政安排",
    "fiscal_lower": "下级财政配套",
    "other_total": "其他资金（总额）",
    "other_annual": "其他资金（当年）",
    "carryover": "上年结转资金",
    "previous_budget": "同名项目上年预算额",
    "previous_spent": "同名项目上年预算执行数",
}


# C0 controls (but line feed and tab) as their Unicode symbols (ESC → ␛), DEL as ␡, C1 controls as \x9b, and the
# direction overrides as \u202e (they would show a name reversed): text from a file or a draft is shown as it is,
# never obeyed by the terminal.
_VISIBLE: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"},
    0x7F: "\u2421",
    **{code: f"\\x{code:02x}" for code in range(0x80, 0xA0)},
    **{code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}


def visible(value: object) -> str:
    """User data for a plain terminal line: control characters made visible."""
    return str(value).translate(_VISIBLE)


def plain(value: object) -> Text:
    """User data for the terminal: never read as rich markup, control characters made visible."""
    return Text(visible(value))


def add_plain_row(table: Table, *cells: object) -> None:
    table.add_row(*(plain(cell) for cell in cells))


def yuan(amount: Decimal | None) -> str:
    return "（空白）" if amount is None else f"{unsigned_zero(amount):,.2f} 元"


def _checkboxes(field: CheckboxField | None) -> str:
    if field is None:
        return "（未填）"
    marks = {CheckState.CHECKED: "☑", CheckState.UNCHECKED: "☐", CheckState.UNKNOWN: "?"}
    return "  ".join(f"{marks[o.state]}{o.label}" for o in field.options)


def layout_label(decl: Declaration) -> str:
    """The layout's name; for another region's form (宁乡市…), that it is one, read by the general reader, not a
    Shanghai 市级表."""
    place = other_region(decl)
    if place is None:
        return decl.layout.label
    return f"其他地区的表式（{place}，按通用读法读取，不是上海的市级/区级表）"


def declaration_view(decl: Declaration) -> Group:
    h = decl.header
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    rows = [
        ("编号", decl.id),
        ("项目名称", h.name),
        ("年度", str(h.year or "（未知）")),
        ("版式", layout_label(decl)),
        ("申报单位", h.applicant),
        ("主管部门", h.department),
        ("实施单位", h.implementer),
        ("项目负责人", h.manager),
        ("联系人", h.contact),
        ("联系电话", h.phone),
        ("项目性质", h.nature),
        ("项目类别", h.category),
        ("项目类型", _checkboxes(h.project_type) if h.project_type else None),
        ("资金用途", _checkboxes(h.fund_use) if h.fund_use else None),
        ("起止日期", f"{h.start_date or '（空白）'} 至 {h.end_date or '（空白）'}"),
        ("项目期", h.period),
        ("来源", f"{decl.provenance.source_file} 第 {decl.provenance.span.start}–{decl.provenance.span.end} 行"),
    ]
    for label, value in rows:
        if value:
            head.add_row(label, plain(value))
    parts: list = [Panel(head, title="申报表", expand=False), _funding_table(decl)]
    for section in decl.sections:
        body = section.text or "（空白）"
        parts.append(Panel(plain(body), title=plain(section.title), title_align="left"))
    parts.append(indicator_table(decl))
    if decl.budget_lines:
        parts.append(_budget_table(decl))
    if decl.parse_notes:
        parts.append(notes_table(decl.parse_notes, title="解析提示"))
    return Group(*parts)


def _funding_table(decl: Declaration) -> Table:
    table = Table(title="项目资金（元）", title_justify="left")
    table.add_column("项目")
    table.add_column("金额", justify="right")
    for key, label in _FUNDING_LABELS.items():
        value = getattr(decl.funding, key)
        table.add_row(label, yuan(value))
    return table


def indicator_table(decl: Declaration) -> Table:
    table = Table(title=f"绩效指标（{len(decl.indicators)} 项）", title_justify="left", show_lines=False)
    for col in ("#", "一级指标（原表）", "二级指标（原表）", "三级指标", "指标值", "现行框架归类", "行"):
        table.add_column(col, overflow="fold")
    for ind in decl.indicators:
        mapped = f"{ind.level1.value}/{ind.level2.value}" if ind.level1 and ind.level2 else "（无对应）"
        if ind.level1 and not ind.level2:
            mapped = f"{ind.level1.value}/（未填二级）"
        value = ind.value.raw or "（缺失）"
        add_plain_row(
            table, ind.position, ind.level1_written or "", ind.level2_written or "", ind.name, value, mapped, ind.line
        )
    return table


def _budget_table(decl: Declaration) -> Table:
    table = Table(title="预算明细", title_justify="left")
    for col in ("名称", "明细", "金额", "数量", "备注"):
        table.add_column(col, overflow="fold")
    for line in decl.budget_lines:
        add_plain_row(table, line.name, line.detail or "", yuan(line.amount), line.quantity or "", line.remark or "")
    table.add_row("金额合计（原表）", "", yuan(decl.budget_lines_total), "", "")
    return table


def notes_table(notes: list[ParseNote], *, title: str, source: str | None = None) -> Table:
    table = Table(title=plain(title), title_justify="left")  # a title holds a file or project name
    for col in ("级别", "位置", "说明", "原文片段"):
        table.add_column(col, overflow="fold")
    for note in notes:
        where = f"{source + ' ' if source else ''}第 {note.line} 行" if note.line else (source or "")
        if note.cell:
            where = f"{source + ' ' if source else ''}{note.cell}"
        add_plain_row(table, NOTE_LABELS[note.level], where, note.message, note.fragment or "")
    return table


def count_table(title: str, rows: list[CountRow], key_label: str, *, partition: bool = True) -> Table:
    """``partition``: each declaration falls in exactly one row, so its column sums to the total."""
    table = Table(title=title, title_justify="left")
    table.add_column(key_label)
    table.add_column("申报表", justify="right")
    table.add_column("指标", justify="right")
    for row in rows:
        table.add_row(plain(row.key), str(row.declarations), str(row.indicators))
    declarations = str(sum(r.declarations for r in rows)) if partition else ""
    table.add_row("合计", declarations, str(sum(r.indicators for r in rows)), style="bold")
    return table


def stats_view(stats: CorpusStats) -> Group:
    notes = "，".join(f"{NOTE_LABELS[k]} {v} 条" for k, v in stats.notes_by_level.items())
    return Group(
        Text(f"语料库：{stats.declarations} 份申报表，{stats.indicators} 项绩效指标；解析提示：{notes}", style="bold"),
        count_table("按源文件", stats.by_file, "源文件"),
        count_table("按年度", stats.by_year, "年度"),
        count_table("按版式", stats.by_layout, "版式"),
        count_table("按现行框架（一级 / 二级）", stats.by_level, "一级 / 二级", partition=False),
        count_table("按原表填写（一级 / 二级）", stats.by_level_written, "一级 / 二级（原表）", partition=False),
    )


def print_unit_notes(notes: list[str]) -> None:
    """Amounts a brief wrote in 万/亿: the conversion, on stderr so JSON output stays clean."""
    for note in notes:
        console(stderr=True).print(f"提示：{note}")


def console(*, stderr: bool = False) -> Console:
    return Console(stderr=stderr, soft_wrap=False, width=160 if not stderr else None)


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "hint": "cyan"}


def review_view(report) -> Group:
    from assistant.services.results import Severity

    counts = "，".join(f"{s.label} {report.count(s)} 条" for s in Severity)
    if report.parse_notes:
        counts += f"；解析提示 {len(report.parse_notes)} 条（见表后）"
    where = _REVIEWED_AS.get(report.declaration_id, report.declaration_id)  # a draft or brief has no corpus id
    parts: list = [Text(f"审核：{report.name}（{where}）— {counts}".translate(_VISIBLE), style="bold")]
    if not report.findings:
        parts.append(Text("未发现问题。", style="green"))
    for severity in Severity:
        found = [f for f in report.findings if f.severity is severity]
        if not found:
            continue
        table = Table(
            title=f"{severity.label}（{len(found)}）",
            title_justify="left",
            title_style=_SEVERITY_STYLE[severity.value],
            show_lines=True,
        )
        for col in ("规则", "位置", "问题", "修改建议"):
            table.add_column(col, overflow="fold")
        for f in found:
            add_plain_row(table, f"{f.rule_id}\n{f.criterion.value}", f.location.describe(), f.message, f.fix)
        parts.append(table)
    if report.parse_notes:
        parts.append(notes_table(report.parse_notes, title="解析提示（原表中未能读取、已换算或需核对的内容）"))
    return Group(*parts)


_REVIEWED_AS = {"draft": "草稿", "brief": "简报"}


def drafted_by(model: str) -> str:
    """The 起草方式 a person reads: 规则 for the rules path, otherwise the model's or the source's own name."""
    return "规则（未使用语言模型）" if model == RULES_MODEL else model


def _by_rules(draft) -> list:
    """Sections of a model draft that the rules wrote instead (the model timed out or its text was replaced);
    实施计划 is always the brief's own steps, so it is not counted."""
    if draft.model == RULES_MODEL:
        return []
    return [s for s in draft.sections if s.generated_by == RULES_MODEL and s.kind is not SectionKind.PLAN]


def draft_view(draft) -> Group:
    by_rules = _by_rules(draft)
    drafted = drafted_by(draft.model)
    if by_rules and len(by_rules) == len([s for s in draft.sections if s.kind is not SectionKind.PLAN]):
        drafted = f"规则（{drafted} 没有写出可用的部分）"
    elif by_rules:
        drafted += f"；{'、'.join(s.kind.label for s in by_rules)}由规则起草"
    title = f"草稿：{draft.brief.name}（{draft.brief.year} 年度）— 起草方式：{drafted}"
    parts: list = [Text(title.translate(_VISIBLE), style="bold")]
    for section in draft.sections:
        sources = "；".join(c.label for c in section.citations)
        label = f"{section.kind.label}（规则起草）" if section in by_rules else section.kind.label
        parts.append(Panel(plain(f"{section.text}\n\n出处：{sources}"), title=label, title_align="left"))
    basis = "\n".join(
        f"{n}. {policy_label(b.title, b.doc_number)}{'（用户提供）' if b.user_supplied else ''}"
        for n, b in enumerate(draft.basis, 1)
    )
    parts.append(Panel(plain(basis or "（无）"), title="立项依据", title_align="left"))
    if draft.brief.policies:  # what the person gave: 立项依据 above follows it (services/follow_lists)
        given = "\n".join(f"{n}. {p}" for n, p in enumerate(draft.brief.policies, 1))
        parts.append(Panel(plain(given), title="政策依据（取自简报）", title_align="left"))
    if draft.safeguards:
        rules = Table(title="制度保障", title_justify="left")
        for col in ("制度类别", "文件名称", "具体措施"):
            rules.add_column(col, overflow="fold")
        for r in draft.safeguards:
            add_plain_row(rules, r.category, r.document, r.measures)
        parts.append(rules)
    if draft.brief.composition:
        lines = Table(title="项目构成分解（取自简报）", title_justify="left")
        for col in ("名称", "内容", "金额（元）"):
            lines.add_column(col, overflow="fold")
        for c in draft.brief.composition:
            add_plain_row(lines, c.part, c.detail or "", f"{c.amount:,}")
        parts.append(lines)
    table = Table(title=f"绩效指标（{len(draft.indicators)} 项）", title_justify="left", show_lines=True)
    for col in ("#", "一级指标", "二级指标", "三级指标", "指标值", "取值依据", "先例"):  # #: --delete-row's numbers
        table.add_column(col, overflow="fold")
    for n, i in enumerate(draft.indicators, start=1):
        precedent = "；".join(c.label for c in i.citations) or "—"
        add_plain_row(table, str(n), i.level1.value, i.level2.value, i.name, i.value.value, i.value.basis, precedent)
    parts.append(table)
    if draft.notes:
        parts.append(
            plain(
                "起草提示：\n"
                + "\n".join(f"- {n.message}{'：' + n.fragment if n.fragment else ''}" for n in draft.notes)
            )
        )
    if draft.usage:
        usage = "；".join(f"{u.section} {u.prompt_tokens}+{u.completion_tokens} 词元 {u.seconds}s" for u in draft.usage)
        parts.append(Text(f"模型用量：{usage}", style="dim"))
    if draft.review is not None:
        parts.append(review_view(draft.review))
    return Group(*parts)
