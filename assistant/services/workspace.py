"""The drafts facade the web workspace and the CLI's ``drafts`` commands share: one user's drafts, a person's
edits, the model's proposals, suggested rows, drafts started from an uploaded declaration, and exports, so
each verb (list, show, history, diff, restore, export, import, lock) means the same from both shells.

Every method acts for one user (``author``) and only on that user's drafts: a draft id owned by
someone else reads as not found. The command line (``every_owner``) acts for the machine's operator, who
holds the store's file and so sees every owner's drafts; what it saves is still saved in its own name. Edits are saved with `Origin.HUMAN` provenance on top of the
version they were made from, so a save against a stale version raises `DraftConflict` and
nothing is overwritten. Each saved draft carries a fresh review (the live review panel).
Regenerating a section or the indicator table makes a proposal: the person accepts it (a new
version) or rejects it (the text stays as it was); either way the proposal stays on record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from assistant.domain.brief import Brief
from assistant.domain.framework import FRAMEWORK, Level1, Level2
from assistant.domain.model import Declaration, SectionKind
from assistant.domain.text import visible
from assistant.domain.values import Operator, ValueKind, mistyped_number, parse_value
from assistant.drafting.as_declaration import reviewed, to_declaration
from assistant.drafting.carryover import draft_from_declaration
from assistant.drafting.chain import DraftEvent
from assistant.drafting.models import Draft, DraftIndicator
from assistant.drafting.table import draft_indicators
from assistant.errors import InputError
from assistant.outfile import write_whole
from assistant.services.derived import group_key, grouped, place_in_group
from assistant.services.drafting import DraftingService, Retry, SavedDraft
from assistant.services.editing import FieldEdit, with_person_text
from assistant.services.export import ExportFormat, export_declaration, file_stem
from assistant.services.review import load_subjects
from assistant.store import (
    Action,
    DraftNotFound,
    DraftSummary,
    FieldChange,
    Origin,
    Proposal,
    StoredVersion,
    VersionInfo,
)
from assistant.store.fields import (
    INDICATOR_COLUMNS,
    INDICATOR_TABLE_LABEL,
    indicator_path,
    initial_origins,
    section_path,
)
from assistant.suggest.models import HUMAN_BASIS, Ground, SuggestionSet, ValueProposal

# the longest a person may write into one row; the corpus's longest 三级指标 has 20 characters, its longest value 17
ROW_LIMITS = {"三级指标名称": 100, "单位": 20, "定性指标值": 200}
UPLOAD_SUFFIXES = (".docx", ".xlsx", ".txt", ".json")
OLD_OFFICE_SUFFIXES = (".doc", ".wps", ".xls", ".et")  # accepted at the door so the person hears how to convert them


@dataclass(frozen=True)
class StartedDraft:
    """A draft started from an uploaded declaration: as saved, the file's parse notes, and what carrying it over noted."""

    saved: SavedDraft
    source: Declaration
    notes: list[str]
    rollover: Proposal | None = None  # last year's dates and years moved to the new year, for the person to accept


@dataclass(frozen=True)
class IndicatorInput:
    """One indicator row as a person writes it: a quantity (operator, number, unit) or a qualitative value."""

    level1: Level1
    level2: Level2
    name: str
    operator: Operator | None = None
    number: Decimal | None = None
    unit: str | None = None
    qualitative: str | None = None

    def __post_init__(self) -> None:
        """Invisible format characters (zero-width space…) removed: ``=1\u200b2(份)`` is the 12份 it shows."""
        for key in ("name", "unit", "qualitative"):
            if isinstance(text := getattr(self, key), str):
                object.__setattr__(self, key, visible(text))


def indicator_row(row: IndicatorInput, previous: DraftIndicator | None = None) -> DraftIndicator:
    """The draft row for ``row``; an unchanged value keeps its 取值依据 and evidence.

    Raises `InputError` (Chinese) for a 二级 outside its 一级, a blank 三级指标, or no value at all.
    """
    if row.level2 not in FRAMEWORK[row.level1]:
        allowed = "、".join(level2.value for level2 in FRAMEWORK[row.level1])
        raise InputError(f"二级指标“{row.level2.value}”不属于一级指标“{row.level1.value}”", hint=f"可选：{allowed}")
    if not row.name.strip():
        raise InputError("三级指标名称不能为空", hint="请填写指标名称，如 平台运维服务完成率")
    _within_limits(row)
    value = _value(row, previous.value if previous is not None else None)
    evidence = previous.evidence if previous is not None else []
    citations = previous.citations if previous is not None else []
    return DraftIndicator(
        level1=row.level1, level2=row.level2, name=row.name.strip(), value=value, evidence=evidence, citations=citations
    )


def _within_limits(row: IndicatorInput) -> None:
    """A name, unit or value longer than a form's cell holds is refused (a pasted paragraph would also make every
    later review of the draft slow: the review reads each name's endings against the text)."""
    written = {"三级指标名称": row.name, "单位": row.unit, "定性指标值": row.qualitative}
    for what, text in written.items():
        size = len((text or "").strip())
        if size > ROW_LIMITS[what]:
            raise InputError(
                f"{what}过长（{size} 字，最多 {ROW_LIMITS[what]} 字），未保存",
                hint=f"请精简{what}；说明性的文字请写入正文或取值依据",
            )


def _value(row: IndicatorInput, previous: ValueProposal | None) -> ValueProposal:
    text = _written(row)
    if previous is not None and previous.value == text:
        return previous
    if mistyped_number(text):
        raise InputError(
            f"指标值“{text}”看起来是数值目标，但其中的数字无法读取",
            hint="请写成 ≥1200(次)、=100(%) 这样的形式：数字不加千分位逗号，只有一个小数点；若是定性指标，请写文字描述",
        )
    parsed = parse_value(text)
    ground = previous.ground if previous is not None else Ground.PLAN
    return ValueProposal(
        value=text,
        kind=parsed.kind,
        operator=parsed.operator,
        number=parsed.number,
        unit=parsed.unit,
        ground=ground,
        basis=HUMAN_BASIS,
    )


def _written(row: IndicatorInput) -> str:
    """``≥90(%)`` from operator, number and unit; else the text, in the form's written form where it is a quantity
    (``≥13个``, ``不少于13个``, ``>=13 个`` → ``≥13(个)``: primer, value forms), else as the person wrote it."""
    if row.number is not None:
        op = row.operator.value if row.operator is not None else "="
        unit = f"({row.unit.strip()})" if row.unit and row.unit.strip() else ""
        return f"{op}{row.number}{unit}"
    text = (row.qualitative or "").strip()
    if not text:
        raise InputError(
            f"指标“{row.name}”没有指标值", hint="请填写数值（运算符、数字、单位），或填写定性指标值，如 及时、达标"
        )
    parsed = parse_value(text)
    if parsed.kind is ValueKind.MISSING:
        raise InputError(f"指标“{row.name}”的指标值“{text}”等于空白", hint="请填写数值或定性值")
    return parsed.render() if parsed.kind is ValueKind.QUANTITATIVE else text


class WorkspaceService:
    """One user's drafts (every owner's with ``every_owner``); every method refuses a draft it may not see."""

    def __init__(self, drafting: DraftingService, *, every_owner: bool = False) -> None:
        self.drafting = drafting
        self.store = drafting.store
        self.user = drafting.author
        self.every_owner = every_owner

    def drafts(self, *, mine: bool = False) -> list[DraftSummary]:
        """The drafts this workspace may open, newest first; ``mine``: only the user's own, even with ``every_owner``."""
        return self.store.list_drafts(owner=None if self.every_owner and not mine else self.user)

    def _own(self, draft_id: int) -> None:
        if any(d.id == draft_id for d in self.drafts()):
            return
        if self.every_owner:
            raise DraftNotFound(f"草稿库中没有编号为 {draft_id} 的草稿", hint="用 assistant drafts list 查看已有的草稿")
        raise DraftNotFound(f"你的草稿中没有编号为 {draft_id} 的草稿", hint="请在“我的草稿”中选择一份，或新建草稿")

    def import_file(self, path: Path) -> SavedDraft:
        """A draft JSON file saved earlier (``shenbao-draft/1``) as a new draft of the user's."""
        return self.drafting.import_file(path)

    def open(self, draft_id: int, number: int | None = None) -> StoredVersion:
        self._own(draft_id)
        return self.store.latest(draft_id) if number is None else self.store.get(draft_id, number)

    def draft(self, brief: Brief, *, on_event: Callable[[DraftEvent], None]) -> SavedDraft:
        return self.drafting.draft(brief, on_event=on_event)

    def save_sections(self, draft_id: int, texts: dict[SectionKind, str], *, base: int) -> SavedDraft:
        """The section texts a person wrote, as the next version after ``base`` (changed ones human-edited). A text
        that is not text (None from an API call or a page restored without its boxes) is refused naming the part."""
        missing = [kind.label for kind, text in texts.items() if not isinstance(text, str)]
        if missing:
            raise InputError(
                f"“{'、'.join(missing)}”没有收到文本（空值），未保存",
                hint="请刷新页面并重新打开草稿后再修改；要清空某一部分，请删去文本框中的文字后保存",
            )
        current = self.open(draft_id, base).draft
        return self._edit(draft_id, with_person_text(current, texts), base)

    def edit_fields(
        self, draft_id: int, edits: list[FieldEdit], *, base: int | None
    ) -> tuple[SavedDraft, Proposal | None]:
        """Any fields (header, funding, dates, 实施计划, 项目构成, 政策依据, 立项依据, 制度保障, sections) changed by
        the person, saved as the next version after ``base`` (None: the latest), reviewed; a funding change proposes
        the cost figures."""
        self._own(draft_id)
        return self.drafting.edit_fields(draft_id, edits, base=base)

    def save_brief(self, draft_id: int, brief: Brief, *, base: int) -> tuple[SavedDraft, Proposal | None]:
        """The brief form (header, funding, dates, 主要内容, 政策依据, 实施计划, 项目构成) saved into the draft."""
        current = self.open(draft_id, base)
        return self.drafting.save_edited(current, current.draft.model_copy(update={"brief": brief}))

    def propose_costs(self, draft_id: int, *, base: int) -> Proposal | None:
        self._own(draft_id)
        return self.drafting.propose_costs(draft_id, base=base)

    def save_indicators(self, draft_id: int, rows: list[DraftIndicator], *, base: int) -> SavedDraft:
        """The indicator table a person arranged (rows added, changed, deleted or moved)."""
        current = self.open(draft_id, base).draft
        return self._edit(draft_id, current.model_copy(update={"indicators": rows}), base)

    def put_row(self, draft_id: int, position: int | None, row: IndicatorInput, *, base: int) -> SavedDraft:
        """Row ``position`` (from 1) rewritten as ``row``; ``None`` adds it as a new row. A new row, or a row moved to
        another 一级/二级, is placed at the end of that block (the table never splits a block)."""
        rows = list(self.open(draft_id, base).draft.indicators)
        if position is None:
            rows = place_in_group(rows, indicator_row(row))
        else:
            _check_position(rows, position)
            old = rows[position - 1]
            new = indicator_row(row, old)
            if group_key(new) == group_key(old):
                rows[position - 1] = new
            else:
                del rows[position - 1]
                rows = place_in_group(rows, new)
        return self.save_indicators(draft_id, rows, base=base)

    def delete_row(self, draft_id: int, position: int, *, base: int) -> SavedDraft:
        rows = list(self.open(draft_id, base).draft.indicators)
        _check_position(rows, position)
        del rows[position - 1]
        return self.save_indicators(draft_id, rows, base=base)

    def move_row(self, draft_id: int, position: int, offset: int, *, base: int) -> SavedDraft:
        """Row ``position`` moved ``offset`` places (−1 up, +1 down), within its 一级/二级 block."""
        rows = list(self.open(draft_id, base).draft.indicators)
        _check_position(rows, position)
        target = min(max(position - 1 + offset, 0), len(rows) - 1)
        if group_key(rows[target]) != group_key(rows[position - 1]):
            where = "第一行" if offset < 0 else "最后一行"
            raise InputError(
                f"第 {position} 行已是“{rows[position - 1].level2.value}”中的{where}，不能移出该二级指标",
                hint="如要归入其他类别，请在右侧改选一级、二级指标后点“保存此行”",
            )
        rows.insert(target, rows.pop(position - 1))
        return self.save_indicators(draft_id, rows, base=base)

    def _edit(self, draft_id: int, draft: Draft, base: int) -> SavedDraft:
        return self.drafting.edit(draft_id, reviewed(draft, self.drafting.scope.current().review_context), base=base)

    def add_suggestions(self, draft_id: int, suggestions: SuggestionSet, *, base: int) -> SavedDraft:
        """Append the chosen suggestions (their evidence cited) to the table; rows already there are skipped."""
        current = self.open(draft_id, base)
        names = {row.name for row in current.draft.indicators}
        added = [row for row in draft_indicators(suggestions) if row.name not in names]
        if not added:
            raise InputError("所选指标都已在草稿的指标表中", hint="请勾选表中还没有的指标")
        table = list(current.draft.indicators)
        for row in added:
            table = place_in_group(table, row)
        draft = reviewed(
            current.draft.model_copy(update={"indicators": table}), self.drafting.scope.current().review_context
        )
        added_names = {row.name for row in added}
        new = {n for n, row in enumerate(draft.indicators, start=1) if row.name in added_names}
        origins = {
            p: o
            for p, o in initial_origins(draft).items()
            if p.startswith("indicator.") and int(p.split(".")[1]) in new
        }
        info = self.store.save(
            draft_id,
            draft,
            expected_parent=base,
            author=self.user,
            action=Action.EDIT,
            changed=Origin.TEMPLATE,
            origins=origins,
            section=INDICATOR_TABLE_LABEL,
        )
        return SavedDraft(info=info, draft=draft)

    def export(self, draft_id: int, fmt: ExportFormat, folder: Path, *, number: int | None = None) -> Path:
        """The draft (default its latest version) as a .docx, .xlsx or draft JSON file in ``folder``, named after
        the project, the draft and the version."""
        stored = self.open(draft_id, number)
        path = folder / f"{file_stem(stored.draft.brief.name)}-草稿{draft_id}-第{stored.number}版.{fmt.value}"
        return _write(stored, fmt, path)

    def export_to(self, draft_id: int, fmt: ExportFormat, path: Path, *, number: int | None = None) -> StoredVersion:
        """The draft (default its latest version) written to ``path`` as `export` writes it; the version written."""
        stored = self.open(draft_id, number)
        _write(stored, fmt, path)
        return stored

    def history(self, draft_id: int) -> list[VersionInfo]:
        self._own(draft_id)
        return self.store.history(draft_id)

    def has_version(self, draft_id: int, number: int) -> bool:
        """Whether the draft has version ``number``: its versions run from 1 to the latest, and none is ever removed."""
        self._own(draft_id)
        return 1 <= number <= self.store.head(draft_id)

    def diff(self, draft_id: int, a: int, b: int) -> list[FieldChange]:
        self._own(draft_id)
        return self.store.diff(draft_id, a, b)

    def restore(self, draft_id: int, number: int, *, base: int | None) -> SavedDraft:
        """Version ``number`` again as the latest version, on top of ``base`` (None: the latest)."""
        self._own(draft_id)
        return self.drafting.restore(draft_id, number, base=base)

    def lock(self, draft_id: int, paths: list[str], *, locked: bool, base: int | None = None) -> SavedDraft:
        """Lock (or unlock) fields by path (``section.necessity``, ``indicator.3.value``) on ``base`` (None: the latest)."""
        self._own(draft_id)
        return self.drafting.lock(draft_id, paths, locked=locked, base=base)

    def lock_section(self, draft_id: int, kind: SectionKind, *, locked: bool, base: int) -> SavedDraft:
        """Lock (or unlock) a section: a locked section survives regeneration unless it is forced."""
        self._own(draft_id)
        return self.drafting.lock(draft_id, [section_path(kind)], locked=locked, base=base)

    def lock_row(self, draft_id: int, position: int, *, locked: bool, base: int) -> SavedDraft:
        """Lock (or unlock) every cell of indicator row ``position``: regenerating the table keeps the row."""
        _check_position(self.open(draft_id, base).draft.indicators, position)
        return self.drafting.lock(
            draft_id, [indicator_path(position, c) for c in INDICATOR_COLUMNS], locked=locked, base=base
        )

    # -- proposals ---------------------------------------------------------------------------------

    def propose_section(
        self,
        draft_id: int,
        kind: SectionKind,
        *,
        instruction: str,
        base: int,
        force: bool,
        on_event: Callable[[DraftEvent], None],
    ) -> Proposal:
        """The section written again from version ``base``, as a proposal beside the current text (nothing saved)."""
        self._own(draft_id)
        return self.drafting.propose_section(
            draft_id, kind, instruction=instruction, base=base, force=force, on_event=on_event
        )

    def retry_failed(self, draft_id: int, *, base: int, on_event: Callable[[DraftEvent], None]) -> Retry:
        """重试失败的部分 of version ``base`` (`DraftingService.retry_failed`): one next version, edits kept."""
        self._own(draft_id)
        return self.drafting.retry_failed(draft_id, base=base, on_event=on_event)

    def propose_indicators(self, draft_id: int, *, base: int, force: bool) -> Proposal:
        """The indicator table suggested again, as a proposal; human-edited or locked rows stay unless ``force``."""
        self._own(draft_id)
        return self.drafting.propose_indicators(draft_id, base=base, force=force)

    def accept(self, draft_id: int, proposal_id: int, *, base: int | None) -> SavedDraft:
        """The proposal saved as the version after ``base`` (None: the latest), the part it rewrote with the
        model's provenance."""
        self._own(draft_id)
        return self.drafting.accept(draft_id, proposal_id, base=base)

    def reject(self, draft_id: int, proposal_id: int) -> Proposal:
        self._own(draft_id)
        return self.drafting.reject(draft_id, proposal_id)

    def pending(self, draft_id: int) -> Proposal | None:
        self._own(draft_id)
        return self.drafting.pending(draft_id)

    def proposals(self, draft_id: int) -> list[Proposal]:
        self._own(draft_id)
        return self.drafting.store.proposals(draft_id)

    # -- a draft started from last year's declaration ----------------------------------------------

    def read_upload(self, path: Path) -> list[Declaration]:
        """The declarations an uploaded .docx/.xlsx/.txt/.json file holds, each with its parse notes."""
        if path.suffix.lower() not in UPLOAD_SUFFIXES + OLD_OFFICE_SUFFIXES:
            raise InputError(
                f"“{path.name}”不是可读取的申报表文件", hint="请上传 .docx、.xlsx、.txt 文本导出或 .json 申报表"
            )
        found = load_subjects(path)
        if not found:
            raise InputError(
                f"“{path.name}”中没有找到申报表",
                hint="请确认文件是财政项目支出绩效目标申报表（含“项目名称”和绩效指标表）",
            )
        return found

    def start_from_upload(self, path: Path, *, choice: int = 1, year: int | None = None) -> StartedDraft:
        """A new draft from the ``choice``-th declaration (from 1) in ``path`` for budget year ``year`` (default: as
        written): every field marked as taken from the uploaded file, and the draft reviewed."""
        found = self.read_upload(path)
        if not 1 <= choice <= len(found):
            raise InputError(f"“{path.name}”只有 {len(found)} 份申报表，没有第 {choice} 份", hint="请在列表中选择一份")
        decl = found[choice - 1]
        snapshot = self.drafting.scope.current()
        carried = draft_from_declaration(decl, source=path.name, year=year, policies=snapshot.policies)
        draft = reviewed(carried.draft, snapshot.review_context)
        origins = dict.fromkeys(initial_origins(draft), Origin.UPLOAD)
        info = self.store.create(draft, owner=self.user, action=Action.IMPORT, origins=origins)
        rollover = None
        if decl.header.year is not None and draft.brief.year > decl.header.year:
            dates = (decl.header.start_date, decl.header.end_date)
            rollover, _ = self.drafting.propose_rollover(info.draft_id, old_year=decl.header.year, dates=dates, base=1)
        saved = SavedDraft(info=info, draft=draft)
        return StartedDraft(saved=saved, source=decl, notes=carried.notes, rollover=rollover)


def _write(stored: StoredVersion, fmt: ExportFormat, path: Path) -> Path:
    """JSON: the draft itself (``shenbao-draft/1``, importable again); Word/Excel: the form it fills."""
    if fmt is ExportFormat.JSON:
        return write_whole(path, stored.draft.stamped(stored.info.draft_id, stored.number).model_dump_json(indent=2))
    # a table saved before rows were kept in their blocks (or uploaded so) is exported with each block whole
    draft = stored.draft.model_copy(update={"indicators": grouped(stored.draft.indicators)})
    return export_declaration(to_declaration(draft), fmt, path)


def _check_position(rows: list[DraftIndicator], position: int) -> None:
    if not 1 <= position <= len(rows):
        raise InputError(f"指标表没有第 {position} 行（共 {len(rows)} 行）", hint="请先在表中点选一行")
