"""The year after a declaration, for the shells: monitoring tables and self-evaluations started from a stored
draft or any declaration the product reads, saved as versions with provenance, scored and checked by the rules
of `assistant.cycle`, exported and imported in the official layouts, and next year's declaration carried over.

Every method acts for one user (``author``): a form owned by someone else reads as not found. What a person types
is saved with `Origin.HUMAN` on top of the version it was typed into; a stale save raises `FormConflict` and
writes nothing. Scores, lights and findings are never stored as truth: they are recomputed from the rules every
time a form is shown or exported.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from assistant.cycle.bounds import days_to, impossible_actual, year_days
from assistant.cycle.entry_limits import check_cell_lengths
from assistant.cycle.findings import selfeval_findings
from assistant.cycle.monitoring import monitor
from assistant.cycle.nextyear import diff_lines, plan_next_year
from assistant.cycle.questions import CycleAnswer, answer, years_of
from assistant.cycle.scoring import score_evaluation
from assistant.cycle.start import declaration_from_selfeval, monitoring_from, selfeval_from
from assistant.cycle.units import read_actual
from assistant.domain.cycle import MonitoringTable, SelfEvaluation
from assistant.domain.model import Declaration, ParseNote
from assistant.domain.text import visible, visible_data
from assistant.domain.values import ValueKind, parse_value
from assistant.drafting.as_declaration import reviewed
from assistant.drafting.carryover import draft_from_declaration
from assistant.drafting.models import GroundingNote, NoteKind
from assistant.errors import InputError, printable
from assistant.outfile import write_whole
from assistant.services.clock import clock
from assistant.services.cycle_views import MonitoringView, NextYear, SelfEvalView, expect_kind, scored
from assistant.services.derived import rolled_over
from assistant.services.drafting import SavedDraft
from assistant.services.estimates import typed_before_year_end
from assistant.services.next_year_draft import apply_plan, moved_origins, moved_year
from assistant.services.scope import CorpusScope
from assistant.services.subjects import SubjectService
from assistant.store import Action, DraftStore, Origin, Proposal
from assistant.store.cycle import (
    CycleStore,
    Form,
    FormAction,
    FormKind,
    FormSummary,
    FormVersionInfo,
    StoredForm,
)
from assistant.store.fields import ROLLOVER_TARGET, indicator_path, initial_origins

_DRAFT_ID = re.compile(r"^\d{1,9}$")
FORMATS = ("docx", "xlsx", "json")


class CycleService:
    def __init__(self, scope: CorpusScope, store: DraftStore, *, author: str) -> None:
        self.scope = scope
        self.drafts = store
        self.store = CycleStore(store)
        self.author = author
        self.subjects = SubjectService(scope, lambda: store)

    # -- start -------------------------------------------------------------------------------------

    def _declaration(self, source: str, *, files: bool = True) -> tuple[Declaration, int | None]:
        """The declaration ``source`` names (a draft number of this user, a corpus id, a file) and its draft id;
        ``files=False`` (the web page: a path would name a file on the server) reads no file or folder."""
        if not files:
            return self._id_only(source.strip())
        if _DRAFT_ID.match(source.strip()) and not Path(source).exists():
            draft_id = int(source)
            self._own_draft(draft_id)
            return self.subjects.one(source.strip()), draft_id
        return self.subjects.one(source), None

    def _id_only(self, source: str) -> tuple[Declaration, int | None]:
        if _DRAFT_ID.match(source):
            self._own_draft(int(source))
            return self.subjects.draft(int(source)), int(source)
        corpus = self.scope.current().corpus
        if source not in {d.id for d in corpus}:
            raise InputError(
                f"语料库中没有编号为“{printable(source)}”的申报表",
                hint="请填写语料库中的申报表编号（如 2023-003-01，可在“语料库”页查到），或留空以使用当前打开的草稿",
            )
        return corpus.get(source), None

    def _own_draft(self, draft_id: int) -> None:
        if not any(d.id == draft_id for d in self.drafts.list_drafts(owner=self.author)):
            raise InputError(f"没有编号为 {draft_id} 的草稿", hint="用 assistant drafts list 查看自己的草稿")

    def start_monitoring(self, source: str, *, as_of: date | None = None, files: bool = True) -> StoredForm:
        """A new monitoring table for the declaration ``source`` names, to ``as_of`` (default 31 July); ``files``: a
        path may name it (the command line), else only a draft number or a corpus id (the web page)."""
        decl, draft_id = self._declaration(source, files=files)
        if as_of is not None and decl.header.year is not None and as_of.year != decl.header.year:
            raise InputError(
                f"截止日期 {as_of.isoformat()} 不在申报表的预算年度 {decl.header.year} 年内",
                hint=f"请给出 {decl.header.year} 年内的日期，如 {decl.header.year}-07-31",
            )
        form = monitoring_from(decl, form_id="new", as_of=as_of)
        return self.store.create(
            form, owner=self.author, origin=Origin.UPLOAD, draft_id=draft_id, source=source, declaration=decl
        )

    def start_selfeval(self, source: str, *, monitoring: int | None = None, files: bool = True) -> StoredForm:
        """A new self-evaluation for ``source`` (default 分值 spread; ``files`` as in `start_monitoring`); a monitoring
        table's figures as a start."""
        decl, draft_id = self._declaration(source, files=files)
        table = None
        if (
            monitoring is None and draft_id is not None
        ):  # the draft's latest monitoring table, so nothing is typed twice
            latest = self.store.list_forms(kind=FormKind.MONITORING, owner=self.author, draft_id=draft_id)
            monitoring = latest[0].id if latest else None
        if monitoring is not None:
            found = self.get(monitoring)
            if not isinstance(found.form, MonitoringTable):
                raise InputError(f"第 {monitoring} 号表不是运行监控表", hint="用 assistant monitor list 查看监控表")
            table = found.form
        form = selfeval_from(decl, form_id="new", monitoring=table)
        return self.store.create(
            form, owner=self.author, origin=Origin.UPLOAD, draft_id=draft_id, source=source, declaration=decl
        )

    def import_form(self, path: Path) -> StoredForm:
        """A .docx/.xlsx 监控表 or 自评表 in the product's layout (or a JSON saved by export) read into a new form;
        a 自评表 as departments publish it (a page copied as text or saved, a workbook, a text PDF, an old .xls)
        through the published-table reader. Written scores kept."""
        from assistant.ingest.selfeval_files import read_self_evaluation_file, usable
        from assistant.office.cycle_read import FigureError, form_kind, read_monitoring, read_selfeval

        form: Form
        suffix = path.suffix.lower()
        if suffix == ".json":
            form = _read_json(path)
        elif suffix not in {".docx", ".xlsx"}:
            form = usable([read_self_evaluation_file(path)], path.name)[0][0]
        else:
            from assistant.office.guard import check_office_file, office_kind

            check_office_file(path, office_kind(path) or suffix)
            try:
                kind: str | None = form_kind(path)
            except InputError:
                kind = None
            if kind == "monitoring":  # the title decides: a 运行监控表 is never read as a 自评表, whatever its cells
                form = read_monitoring(path)
            else:
                try:  # the product's own layout first; any other is a 自评表 as a department published it
                    form = read_selfeval(path)
                except FigureError:
                    raise  # our layout with one unreadable figure: refused naming the cell, not read another way
                except InputError:
                    form = usable([read_self_evaluation_file(path)], path.name)[0][0]
        return self.store.create(
            form, owner=self.author, origin=Origin.UPLOAD, action=FormAction.IMPORT, source=str(path)[:500]
        )

    def import_forms(self, path: Path) -> list[tuple[StoredForm, list[ParseNote]]]:
        """Every 自评表 on a published page copied as text or saved as .html, each stored as its own new form with the
        reader's notes on it (a page of several forms, 普陀); any other file as `import_form` (one form, no notes).
        A page whose every form reads empty raises `NotADeclarationError` (`selfeval_files.usable`)."""
        from assistant.ingest.selfeval_files import HTML_SUFFIXES, TEXT_SUFFIXES, importable_forms

        if path.suffix.lower() not in TEXT_SUFFIXES | HTML_SUFFIXES:
            return [(self.import_form(path), [])]
        return [
            (
                self.store.create(
                    form, owner=self.author, origin=Origin.UPLOAD, action=FormAction.IMPORT, source=str(path)[:500]
                ),
                notes,
            )
            for form, notes in importable_forms(path)
        ]

    # -- read and save -----------------------------------------------------------------------------

    @staticmethod
    def check_entry(form: Form, row: int, typed: dict[str, str | None]) -> None:
        """Refuse a figure typed into row ``row`` (from 1) that its indicator cannot have (`bounds.impossible_actual`:
        a rate above 100%, more days than the period, a negative count, 7.5 people), or that a numeric target cannot
        be compared with (`units.read_actual`: ``1e3天``, ``四百天``, ``3工作日`` against ``≤5(天)``); ``typed``:
        label → text as typed (None: not given). Raises InputError naming the row, the figure, why and what to write.
        Imported forms are not refused: their impossible or unreadable figures are scored 0 / shown ○无法读取 and flagged (SE-IMPOSSIBLE, SE-UNREADABLE /
        MON-IMPOSSIBLE, MON-UNREADABLE)."""
        typed = {label: visible(text) if text else text for label, text in typed.items()}
        current = form.rows[row - 1]
        target = current.target_value or parse_value(current.target)
        if isinstance(form, MonitoringTable):
            period = {"执行情况": days_to(form.as_of), "全年预计完成情况": year_days(form.as_of.year)}
        else:
            period = {"实际完成值": year_days(form.year) if form.year else 366}
        for label, text in typed.items():
            reading = read_actual(text, target, current.link.name) if target.kind is ValueKind.QUANTITATIVE else None
            if reading is not None and reading.refused:
                raise InputError(
                    f"第 {row} 行“{current.link.name}”的{label}不能填“{printable(text or '')}”：{reading.problem}",
                    hint=f"{reading.hint}（该行年度指标值为 {current.target}）",
                )
            wrong = impossible_actual(current.link.name, text, target, days=period.get(label, 366))
            if wrong is not None:
                raise InputError(
                    f"第 {row} 行“{current.link.name}”的{label}不能填“{printable(text or '')}”：{wrong}",
                    hint=f"请核对后重新填写（该行年度指标值为 {current.target}）",
                )

    def get(self, form_id: int, version: int | None = None) -> StoredForm:
        return self.store.get(form_id, version, owner=self.author)

    def forms(self, kind: FormKind | None = None, *, draft_id: int | None = None) -> list[FormSummary]:
        return self.store.list_forms(kind=kind, owner=self.author, draft_id=draft_id)

    def history(self, form_id: int) -> list[FormVersionInfo]:
        return self.store.history(form_id, owner=self.author)

    def save(self, form_id: int, form: Form, *, base: int) -> StoredForm:
        """What the person typed (invisible characters removed: 1\u200b2 is the 12 it shows), as the version after
        ``base``; `FormConflict` when ``base`` is stale."""
        form = type(form).model_validate(visible_data(form.model_dump()))
        current = self.get(form_id, base)
        if current.form == form and current.summary.head == base:
            return current
        if type(current.form) is type(form):
            check_cell_lengths(form, current.form)
        return self.store.save(form_id, form, expected_parent=base, author=self.author)

    def selfeval(self, form_id: int, version: int | None = None) -> SelfEvalView:
        stored = self.get(form_id, version)
        expect_kind(form_id, stored.form, "selfeval", "show")
        assert isinstance(stored.form, SelfEvaluation)
        return self.evaluate(stored, stored.form)

    def evaluate(self, stored: StoredForm, form: SelfEvaluation) -> SelfEvalView:
        card = score_evaluation(form)
        findings = selfeval_findings(form, card, today=clock())
        return SelfEvalView(stored=stored, form=form, card=card, findings=findings)

    def monitoring(self, form_id: int, version: int | None = None) -> MonitoringView:
        stored = self.get(form_id, version)
        expect_kind(form_id, stored.form, "monitor", "show")
        assert isinstance(stored.form, MonitoringTable)
        return MonitoringView(stored=stored, form=stored.form, report=monitor(stored.form, today=clock()))

    # -- export ------------------------------------------------------------------------------------

    def export(
        self, form_id: int, fmt: str, path: Path, *, version: int | None = None, kind: str | None = None
    ) -> Path:
        """The form as .docx/.xlsx in the official layout (blank scores filled by the rules), or as JSON. ``kind``
        (``selfeval``/``monitor``, the command used) refuses a form of the other kind, as ``show`` does; None
        exports either (the web tab, which lists both)."""
        from assistant.office.cycle_layout import monitoring_layout, selfeval_layout, write_form

        if fmt not in FORMATS:
            raise InputError(f"不支持的导出格式：{fmt}", hint="可选 docx、xlsx、json")
        stored = self.get(form_id, version)
        form = stored.form
        if kind is not None:
            expect_kind(form_id, form, kind, "export")
        if isinstance(form, SelfEvaluation):
            form = scored(form, score_evaluation(form))
        if fmt == "json":
            if not path.parent.exists():
                raise InputError(f"输出目录不存在：{path.parent}", hint="请先创建目录，或换一个输出路径")
            write_whole(path, form.model_dump_json(indent=2) + "\n")
            return path
        if isinstance(form, SelfEvaluation):
            layout = selfeval_layout(form)
        else:
            layout = monitoring_layout(form, monitor(form, today=clock()))  # as `monitoring` (monitor show)
        return write_form(layout, fmt, path)

    def ask(self, question: str, *, today: date | None = None) -> CycleAnswer:
        """A question over this user's self-evaluations (latest versions), answered with citations; 今年/去年/前年/
        明年 count from ``today`` (default: ``ASSISTANT_TODAY`` or the machine's date, as in `assistant ask`), and the
        answer says which year that was. Raises InputError for an empty question or a malformed ASSISTANT_TODAY."""
        from assistant.services.answering import relative_line, require_question

        question = visible(question)  # invisible characters removed, as `assistant ask` does
        require_question(question)
        today = today or clock()
        years = years_of(question, today)
        forms = [(f.id, self.get(f.id).form) for f in self.forms(FormKind.SELFEVAL)]
        result = answer(question, [(i, ev) for i, ev in forms if isinstance(ev, SelfEvaluation)], years)
        said = relative_line(years, today) if result.understood else None
        return result if said is None else replace(result, text=f"{said}\n{result.text}")

    # -- next year ---------------------------------------------------------------------------------

    def next_year(self, form_id: int) -> NextYear:
        """Next year's draft from the declaration a self-evaluation followed and what it measured. The project's
        year moves with the draft (`derived.moved_years`): in 项目名称 and the indicator table at once; in the dates,
        the plan and the text sections as a proposal the person accepts (a date or a sentence may be history, a
        project may run several years)."""
        stored = self.get(form_id)
        if not isinstance(stored.form, SelfEvaluation):
            raise InputError(f"第 {form_id} 号表不是自评表", hint="下年申报需从自评表开始（assistant selfeval list）")
        decl = stored.declaration or declaration_from_selfeval(stored.form)
        if not any(i.level1 is not None and i.level2 is not None for i in decl.indicators):
            raise InputError(
                f"第 {form_id} 号自评表的指标都不在现行指标框架中（一级、二级指标名称无法识别），无法生成下年申报草稿",
                hint="请用 assistant selfeval create 从上年申报表创建自评表，并把实际完成值填入",
            )
        plan = plan_next_year(decl, stored.form, estimates=typed_before_year_end(stored, clock()))
        snapshot = self.scope.current()
        source = f"{decl.header.year or ''}年申报表及第 {form_id} 号自评表"
        carried = draft_from_declaration(decl, source=source, year=plan.year, policies=snapshot.policies)
        draft, changed = apply_plan(carried.draft, decl, plan)
        old_year = plan.year - 1 if plan.year is not None else None
        draft, moved = moved_year(draft, old_year)
        diff = diff_lines(plan)
        notes = [GroundingNote(kind=NoteKind.FROM_FILE, message=line) for line in diff]
        notes += [GroundingNote(kind=NoteKind.ROLLOVER, message=line) for line in moved]
        notes += [GroundingNote(kind=NoteKind.FROM_FILE, message=f"自评表未填完：{line}") for line in plan.unfilled]
        draft = reviewed(draft.model_copy(update={"notes": [*draft.notes, *notes]}), snapshot.review_context)
        origins = dict.fromkeys(initial_origins(draft), Origin.UPLOAD)
        origins |= {indicator_path(n, "value"): Origin.TEMPLATE for n in changed}
        origins |= moved_origins(carried.draft, draft)
        info = self.drafts.create(draft, owner=self.author, action=Action.IMPORT, origins=origins)
        saved = SavedDraft(info=info, draft=draft)
        rollover = self._propose_sections(saved, old_year, (decl.header.start_date, decl.header.end_date))
        return NextYear(saved=saved, plan=plan, diff=diff, moved=moved, rollover=rollover)

    def _propose_sections(
        self, saved: SavedDraft, old_year: int | None, dates: tuple[date | None, date | None]
    ) -> Proposal | None:
        """Last year's dates (``dates``) and the project's year in the plan, the text sections and 主要内容 moved
        to the new year, as a proposal (None when nothing names the old year)."""
        if old_year is None:
            return None
        rest, changes = rolled_over(saved.draft, old_year=old_year, dates=dates)
        if not changes:
            return None
        rest = reviewed(rest, self.scope.current().review_context)
        return self.drafts.propose(
            saved.info.draft_id,
            rest,
            base=saved.info.number,
            target=ROLLOVER_TARGET,
            author=self.author,
            origin=Origin.TEMPLATE,
            instruction="顺延到新年度（日期、实施计划和正文中的年份）：" + "；".join(changes),
        )


def _read_json(path: Path) -> Form:
    from pydantic import ValidationError

    from assistant.errors import describe_validation_error
    from assistant.store.files import read_json_object

    data = read_json_object(path)
    model = MonitoringTable if "as_of" in data else SelfEvaluation
    try:
        return model.model_validate(data, strict=False)
    except ValidationError as exc:
        raise InputError(
            f"{path.name} 不是本程序导出的监控表或自评表：{describe_validation_error(exc)}",
            hint="请提供 assistant monitor/selfeval export --to json 写出的文件，或 .docx/.xlsx 表",
        ) from exc


__all__ = ["CycleService", "MonitoringView", "NextYear", "SelfEvalView", "scored"]
