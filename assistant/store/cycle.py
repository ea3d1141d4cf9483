"""`CycleStore`: monitoring tables and self-evaluations (issue 27) kept as immutable versions with per-field
provenance, beside the drafts in the same database (migration 0004).

A form remembers what it was started from: the draft (if any), what the person named (``source``: a draft
number, a corpus id, a file) and the declaration itself as JSON, so next year's declaration can be carried over
without reading that source again. Every save names the version it was made from (compare-and-swap on
``head``); a stale save raises `FormConflict` and writes nothing. A field path is the dotted JSON path of the
form (``rows.3.actual``, ``budget.executed``); a field whose text did not change keeps its provenance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CursorResult, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from assistant.domain.cycle import MonitoringTable, SelfEvaluation
from assistant.domain.model import Declaration
from assistant.domain.provenance import Origin
from assistant.store.errors import StoreError
from assistant.store.fields import FieldRecord, carry_fields
from assistant.store.models import Base, UserRow
from assistant.store.repository import DraftStore
from assistant.store.rows import MAX_NUMBER, aware, utc_now

Form = MonitoringTable | SelfEvaluation


class FormKind(StrEnum):
    MONITORING = "monitoring"
    SELFEVAL = "selfeval"

    @property
    def label(self) -> str:
        return "绩效运行监控表" if self is FormKind.MONITORING else "绩效自评表"


class FormAction(StrEnum):
    CREATE = "create"  # started from a declaration
    IMPORT = "import"  # read from a .docx/.xlsx/.json form
    EDIT = "edit"  # a person typed values
    RESTORE = "restore"

    @property
    def label(self) -> str:
        return {"create": "创建", "import": "导入", "edit": "人工填写", "restore": "恢复"}[self.value]


class FormNotFound(StoreError):
    """No monitoring table / self-evaluation (or version of it) with that number."""


class FormConflict(StoreError):
    """A save against a version that is no longer the latest: nothing was written."""


class CycleFormRow(Base):
    __tablename__ = "cycle_forms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id", ondelete="SET NULL"), nullable=True)
    source: Mapped[str | None] = mapped_column(String(500), nullable=True)
    declaration: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    title: Mapped[str] = mapped_column(String(500))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    head: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CycleVersionRow(Base):
    __tablename__ = "cycle_versions"
    __table_args__ = (UniqueConstraint("form_id", "number", name="uq_cycle_versions_form_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("cycle_forms.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    parent: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON)


@dataclass(frozen=True)
class FormSummary:
    id: int
    kind: FormKind
    title: str
    year: int | None
    owner: str
    head: int
    draft_id: int | None
    source: str | None
    updated_at: datetime


@dataclass(frozen=True)
class FormVersionInfo:
    form_id: int
    number: int
    parent: int | None
    action: FormAction
    note: str | None
    author: str
    created_at: datetime


@dataclass(frozen=True)
class StoredForm:
    """One saved version of a form, the form as saved, each field's provenance, and what it was started from."""

    summary: FormSummary
    info: FormVersionInfo
    form: Form
    fields: dict[str, FieldRecord]
    declaration: Declaration | None

    @property
    def kind(self) -> FormKind:
        return self.summary.kind


_SKIP = {"target_value", "link", "source", "id", "declaration_id"}  # parsed or copied, not a person's field


def form_texts(form: Form) -> dict[str, str]:
    """Every field a person can fill, by dotted path (``rows.3.actual``), as text; lists of causes joined."""
    out: dict[str, str] = {}

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in _SKIP:
                    walk(f"{prefix}.{key}" if prefix else key, item)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for n, item in enumerate(value, start=1):
                walk(f"{prefix}.{n}", item)
        elif isinstance(value, list):
            out[prefix] = "、".join(map(str, value))
        else:
            out[prefix] = "" if value is None else str(value)

    walk("", form.model_dump(mode="json"))
    return out


def _load(kind: FormKind, payload: dict[str, Any]) -> Form:
    if kind is FormKind.MONITORING:
        return MonitoringTable.model_validate(payload, strict=False)
    return SelfEvaluation.model_validate(payload, strict=False)


def _record(data: dict[str, Any]) -> FieldRecord:
    return FieldRecord(
        path=data["path"],
        origin=Origin(data["origin"]),
        locked=bool(data.get("locked", False)),
        author=data.get("author"),
        at=aware(datetime.fromisoformat(data["at"])),
    )


def _dump(record: FieldRecord) -> dict[str, Any]:
    return {
        "path": record.path,
        "origin": record.origin.value,
        "locked": record.locked,
        "author": record.author,
        "at": record.at.isoformat(),
    }


class CycleStore:
    """Cycle forms in the draft store's database (the schema is migrated when the `DraftStore` opens)."""

    def __init__(self, drafts: DraftStore) -> None:
        self.drafts = drafts
        self._session = sessionmaker(drafts.engine, expire_on_commit=False)

    def create(
        self,
        form: Form,
        *,
        owner: str,
        origin: Origin,
        action: FormAction = FormAction.CREATE,
        draft_id: int | None = None,
        source: str | None = None,
        declaration: Declaration | None = None,
        note: str | None = None,
    ) -> StoredForm:
        """``form`` as version 1 of a new form; every field marked ``origin``."""
        owner_id, now = self.drafts.users.id(owner), utc_now()
        kind = FormKind.MONITORING if isinstance(form, MonitoringTable) else FormKind.SELFEVAL
        fields = {p: FieldRecord(p, origin, False, owner, now) for p in form_texts(form)}
        with self._session.begin() as session:
            row = CycleFormRow(
                kind=kind.value,
                owner_id=owner_id,
                draft_id=draft_id,
                source=(source or "")[:500] or None,
                declaration=declaration.model_dump(mode="json") if declaration is not None else None,
                title=form.project_name[:500],
                year=form.year,
                head=1,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            self._insert(session, row.id, 1, None, form, fields, action, owner_id, now, note)
            form_id = row.id
        return self.get(form_id, 1, owner=owner)

    def save(
        self,
        form_id: int,
        form: Form,
        *,
        expected_parent: int,
        author: str,
        action: FormAction = FormAction.EDIT,
        changed: Origin = Origin.HUMAN,
        note: str | None = None,
    ) -> StoredForm:
        """``form`` as the next version after ``expected_parent``; changed fields get ``changed`` provenance."""
        parent, now = self.get(form_id, expected_parent), utc_now()  # the service checks who may save
        if type(form) is not type(parent.form):
            raise StoreError(f"第 {form_id} 号表是{parent.kind.label}，不能用另一种表保存")
        fields = carry_fields(
            form_texts(parent.form), form_texts(form), parent.fields, changed=changed, origins={}, author=author, at=now
        )
        author_id, number = self.drafts.users.id(author), expected_parent + 1
        with self._session.begin() as session:
            swapped: CursorResult[Any] = session.execute(  # type: ignore[assignment]  # an UPDATE's result is a CursorResult
                update(CycleFormRow)
                .where(CycleFormRow.id == form_id, CycleFormRow.head == expected_parent)
                .values(head=number, updated_at=now, title=form.project_name[:500], year=form.year)
            )
            if swapped.rowcount != 1:
                head = session.scalar(select(CycleFormRow.head).where(CycleFormRow.id == form_id))
                raise FormConflict(
                    f"第 {form_id} 号表已被保存为第 {head} 版，你的修改基于第 {expected_parent} 版，未保存",
                    hint="请刷新后在最新版本上重新填写",
                )
            self._insert(session, form_id, number, expected_parent, form, fields, action, author_id, now, note)
        return self.get(form_id, number)

    def _insert(
        self,
        session: Session,
        form_id: int,
        number: int,
        parent: int | None,
        form: Form,
        fields: dict[str, FieldRecord],
        action: FormAction,
        author_id: int,
        now: datetime,
        note: str | None,
    ) -> None:
        session.add(
            CycleVersionRow(
                form_id=form_id,
                number=number,
                parent=parent,
                action=action.value,
                note=note,
                author_id=author_id,
                created_at=now,
                payload=form.model_dump(mode="json"),
                provenance={p: _dump(r) for p, r in fields.items()},
            )
        )

    def _summary(self, session: Session, form_id: int, owner: str | None) -> FormSummary:
        if not 1 <= form_id <= MAX_NUMBER:
            raise FormNotFound(f"没有编号为 {form_id} 的监控表或自评表", hint="用 assistant monitor list 查看")
        found = session.execute(
            select(CycleFormRow, UserRow.name)
            .join(UserRow, UserRow.id == CycleFormRow.owner_id)
            .where(CycleFormRow.id == form_id)
        ).first()
        if found is None or (owner is not None and found[1] != owner):
            raise FormNotFound(
                f"没有编号为 {form_id} 的监控表或自评表",
                hint="用 assistant monitor list 或 assistant selfeval list 查看",
            )
        row, name = found
        return _summary(row, name)

    def get(self, form_id: int, number: int | None = None, *, owner: str | None = None) -> StoredForm:
        """Version ``number`` (default the latest); ``owner`` given: only that user's forms exist."""
        with self._session() as session:
            summary = self._summary(session, form_id, owner)
            number = summary.head if number is None else number
            found = session.execute(
                select(CycleVersionRow, UserRow.name)
                .join(UserRow, UserRow.id == CycleVersionRow.author_id)
                .where(CycleVersionRow.form_id == form_id, CycleVersionRow.number == number)
            ).first()
            declaration = session.scalar(select(CycleFormRow.declaration).where(CycleFormRow.id == form_id))
        if found is None:
            raise FormNotFound(f"第 {form_id} 号表没有第 {number} 版", hint="用 history 查看版本")
        row, author = found
        return StoredForm(
            summary=summary,
            info=_version(row, author),
            form=_load(summary.kind, row.payload),
            fields={p: _record(r) for p, r in row.provenance.items()},
            declaration=Declaration.model_validate(declaration, strict=False) if declaration else None,
        )

    def history(self, form_id: int, *, owner: str | None = None) -> list[FormVersionInfo]:
        with self._session() as session:
            self._summary(session, form_id, owner)
            rows = session.execute(
                select(CycleVersionRow, UserRow.name)
                .join(UserRow, UserRow.id == CycleVersionRow.author_id)
                .where(CycleVersionRow.form_id == form_id)
                .order_by(CycleVersionRow.number)
            )
            return [_version(row, author) for row, author in rows]

    def list_forms(
        self, *, kind: FormKind | None = None, owner: str | None = None, draft_id: int | None = None
    ) -> list[FormSummary]:
        """Forms, most recently saved first; filtered by kind, owner and the draft they follow."""
        query = select(CycleFormRow, UserRow.name).join(UserRow, UserRow.id == CycleFormRow.owner_id)
        if kind is not None:
            query = query.where(CycleFormRow.kind == kind.value)
        if owner is not None:
            query = query.where(UserRow.name == owner)
        if draft_id is not None:
            query = query.where(CycleFormRow.draft_id == draft_id)
        with self._session() as session:
            rows = session.execute(query.order_by(CycleFormRow.updated_at.desc(), CycleFormRow.id.desc()))
            return [_summary(row, name) for row, name in rows]


def _summary(row: CycleFormRow, owner: str) -> FormSummary:
    return FormSummary(
        id=row.id,
        kind=FormKind(row.kind),
        title=row.title,
        year=row.year,
        owner=owner,
        head=row.head,
        draft_id=row.draft_id,
        source=row.source,
        updated_at=aware(row.updated_at),
    )


def _version(row: CycleVersionRow, author: str) -> FormVersionInfo:
    return FormVersionInfo(
        form_id=row.form_id,
        number=row.number,
        parent=row.parent,
        action=FormAction(row.action),
        note=row.note,
        author=author,
        created_at=aware(row.created_at),
    )
