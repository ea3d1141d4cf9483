"""`DraftReads`: what the draft store answers without writing (a version with its fields' provenance, the latest
number, a draft's history, the drafts of an owner, the difference of two versions); `DraftStore` adds the writes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.domain.provenance import Origin
from assistant.drafting.models import Draft, stored_payload
from assistant.store.changes import version_changes
from assistant.store.errors import DraftNotFound
from assistant.store.fields import FieldRecord
from assistant.store.models import DraftRow, ProvenanceRow, UserRow, VersionRow
from assistant.store.records import DraftSummary, FieldChange, StoredVersion, VersionInfo
from assistant.store.rows import as_read, aware, check_draft_id, check_version, version_info


class DraftReads:
    """Reads over the store's sessions, one short session each."""

    _session: sessionmaker[Session]

    def head(self, draft_id: int) -> int:
        check_draft_id(draft_id)
        with self._session() as session:
            head = session.scalar(select(DraftRow.head).where(DraftRow.id == draft_id))
        if head is None:
            raise DraftNotFound(f"没有编号为 {draft_id} 的草稿", hint="用 assistant drafts list 查看已保存的草稿")
        return head

    def latest(self, draft_id: int) -> StoredVersion:
        return self.get(draft_id, self.head(draft_id))

    def get(self, draft_id: int, number: int) -> StoredVersion:
        check_version(draft_id, number)
        with self._session() as session:
            found = session.execute(
                select(VersionRow, UserRow.name)
                .join(UserRow, UserRow.id == VersionRow.author_id)
                .where(VersionRow.draft_id == draft_id, VersionRow.number == number)
            ).first()
            if found is None:
                self.head(draft_id)
                raise DraftNotFound(
                    f"草稿 {draft_id} 没有第 {number} 版", hint=f"用 assistant drafts history {draft_id} 查看版本"
                )
            row, author = found
            fields = self._fields(session, row.id)
        return StoredVersion(
            info=version_info(row, author), draft=Draft.model_validate(row.payload, strict=False), fields=fields
        )

    def _fields(self, session: Session, version_id: int) -> dict[str, FieldRecord]:
        rows = session.execute(
            select(ProvenanceRow, UserRow.name)
            .outerjoin(UserRow, UserRow.id == ProvenanceRow.author_id)
            .where(ProvenanceRow.version_id == version_id)
            .order_by(ProvenanceRow.id)
        )
        return {
            p.path: FieldRecord(path=p.path, origin=Origin(p.origin), locked=p.locked, author=name, at=aware(p.at))
            for p, name in rows
        }

    def find_latest(self, draft: Draft, *, owner: str | None = None) -> int | None:
        """The id of a draft whose latest version is exactly ``draft`` (e.g. a file written with ``-o``), if any;
        only ``owner``'s drafts when given (red team rt13 #5: two officers drafting one brief get the same rules
        draft, and one's file must never lead into the other's draft). Stored payloads are compared as read, so a
        version saved in an earlier shape of the format still matches."""
        payload = stored_payload(draft)
        query = (
            select(DraftRow.id, VersionRow.payload)
            .join(VersionRow, (VersionRow.draft_id == DraftRow.id) & (VersionRow.number == DraftRow.head))
            .where(DraftRow.title == draft.brief.name, DraftRow.year == draft.brief.year)
            .order_by(DraftRow.updated_at.desc())
        )
        if owner is not None:
            query = query.join(UserRow, UserRow.id == DraftRow.owner_id).where(UserRow.name == owner)
        with self._session() as session:
            found = session.execute(query)
            return next(
                (draft_id for draft_id, stored in found if stored == payload or as_read(stored) == payload), None
            )

    def history(self, draft_id: int) -> list[VersionInfo]:
        """Every version of the draft, oldest first."""
        self.head(draft_id)
        with self._session() as session:
            rows = session.execute(
                select(VersionRow, UserRow.name)
                .join(UserRow, UserRow.id == VersionRow.author_id)
                .where(VersionRow.draft_id == draft_id)
                .order_by(VersionRow.number)
            )
            return [version_info(row, author) for row, author in rows]

    def list_drafts(self, *, owner: str | None = None) -> list[DraftSummary]:
        """Drafts, most recently saved first; only ``owner``'s when given."""
        query = select(DraftRow, UserRow.name).join(UserRow, UserRow.id == DraftRow.owner_id)
        if owner is not None:
            query = query.where(UserRow.name == owner)
        with self._session() as session:
            rows = session.execute(query.order_by(DraftRow.updated_at.desc(), DraftRow.id.desc()))
            return [
                DraftSummary(d.id, d.title, d.year, name, d.head, aware(d.created_at), aware(d.updated_at))
                for d, name in rows
            ]

    def diff(self, draft_id: int, a: int, b: int) -> list[FieldChange]:
        """The fields whose text differs from version ``a`` to version ``b`` (`version_changes`: rows by identity)."""
        return version_changes(self.get(draft_id, a).draft, self.get(draft_id, b).draft)
