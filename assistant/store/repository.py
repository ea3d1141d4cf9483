"""`DraftStore`: drafts kept as immutable versions with per-field provenance, one transaction per write (its reads
are `store.reads.DraftReads`).

Every save names the version it was made from (``expected_parent``). The save first moves the
draft's ``head`` from that number to the next in one conditional UPDATE (compare-and-swap); when
another save got there first, nothing is written and `DraftConflict` carries both drafts. The
unique (draft, number) constraint guards the same invariant in the schema.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import CursorResult, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from assistant.domain.provenance import Origin
from assistant.drafting.models import Draft, stored_payload
from assistant.store.errors import DraftConflict, DraftNotFound, StoreError
from assistant.store.fields import (
    FieldRecord,
    carry_fields,
    field_texts,
    follow_rows,
    initial_origins,
)
from assistant.store.files import read_draft_file
from assistant.store.login_locks import LoginLocks
from assistant.store.models import DraftRow, ProposalRow, ProvenanceRow, UserRow, VersionRow
from assistant.store.reads import DraftReads
from assistant.store.records import (
    Action,
    Proposal,
    ProposalStatus,
    VersionInfo,
)
from assistant.store.rows import (
    MAX_NUMBER,
    check_draft_id,
    proposal_record,
    utc_now,
)
from assistant.store.schema import create_store_engine, upgrade
from assistant.store.users import Users


class DraftStore(DraftReads):
    """The draft store at a SQLAlchemy URL; the schema is migrated when the store opens."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_store_engine(url)
        upgrade(self.engine, url=url)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self.users = Users(self._session)
        self.login_locks = LoginLocks(self._session)

    def close(self) -> None:
        self.engine.dispose()

    # -- writes ----------------------------------------------------------------------------------

    def create(
        self, draft: Draft, *, owner: str, action: Action = Action.CREATE, origins: dict[str, Origin] | None = None
    ) -> VersionInfo:
        """A new draft owned by ``owner`` with ``draft`` as version 1; fields marked by where they came from."""
        owner_id, now = self.users.id(owner), utc_now()
        origins = origins or initial_origins(draft)
        fields = {p: FieldRecord(path=p, origin=o, locked=False, author=owner, at=now) for p, o in origins.items()}
        with self._session.begin() as session:
            row = DraftRow(
                owner_id=owner_id, title=draft.brief.name, year=draft.brief.year, head=1, created_at=now, updated_at=now
            )
            session.add(row)
            session.flush()
            return self._insert(session, row.id, 1, None, draft, fields, action=action, author=owner, now=now)

    def import_file(self, path: Path, *, owner: str) -> VersionInfo:
        """A draft JSON file saved by `assistant draft -o` (``shenbao-draft/1``) as a new draft.

        A file may have been edited by hand since it was written, and nothing in it says which text is whose:
        every field counts as the person's (human), so regeneration keeps it unless forced.
        """
        draft = read_draft_file(path)
        origins = dict.fromkeys(initial_origins(draft), Origin.HUMAN)
        return self.create(draft, owner=owner, action=Action.IMPORT, origins=origins)

    def save(
        self,
        draft_id: int,
        draft: Draft,
        *,
        expected_parent: int,
        author: str,
        action: Action = Action.EDIT,
        changed: Origin = Origin.HUMAN,
        origins: dict[str, Origin] | None = None,
        section: str | None = None,
        instruction: str | None = None,
        then: Callable[[Session, VersionInfo], None] | None = None,
    ) -> VersionInfo:
        """``draft`` as the next version after ``expected_parent``; changed fields get ``origins`` or ``changed``;
        ``then`` runs in the same transaction once the version is written.

        Raises `DraftConflict` (nothing written) when ``expected_parent`` is no longer the latest version.
        """
        parent, now = self.get(draft_id, expected_parent), utc_now()
        before, previous = follow_rows(parent.draft, draft, field_texts(parent.draft), parent.fields)
        fields = carry_fields(
            before,
            field_texts(draft),
            previous,
            changed=changed,
            origins=origins or {},
            author=author,
            at=now,
        )
        return self._append(
            draft_id,
            expected_parent,
            draft,
            fields,
            action=action,
            author=author,
            now=now,
            section=section,
            instruction=instruction,
            then=then,
        )

    def restore(self, draft_id: int, number: int, *, expected_parent: int, author: str) -> VersionInfo:
        """Version ``number`` again as the latest version, with the provenance it had."""
        old, now = self.get(draft_id, number), utc_now()
        return self._append(
            draft_id,
            expected_parent,
            old.draft,
            old.fields,
            action=Action.RESTORE,
            author=author,
            now=now,
            instruction=f"恢复第 {number} 版",
        )

    def set_locked(
        self, draft_id: int, paths: list[str], *, expected_parent: int, author: str, locked: bool = True
    ) -> VersionInfo:
        """Lock (or unlock) fields: a locked field survives regeneration unless it is forced."""
        parent, now = self.get(draft_id, expected_parent), utc_now()
        unknown = [p for p in paths if p not in parent.fields]
        if unknown:
            raise DraftNotFound(f"草稿 {draft_id} 第 {expected_parent} 版没有这些字段：{'、'.join(unknown)}")
        fields = {
            p: (FieldRecord(p, r.origin, locked, author, now) if p in paths else r) for p, r in parent.fields.items()
        }
        return self._append(draft_id, expected_parent, parent.draft, fields, action=Action.LOCK, author=author, now=now)

    def _append(
        self,
        draft_id: int,
        expected_parent: int,
        draft: Draft,
        fields: dict[str, FieldRecord],
        *,
        action: Action,
        author: str,
        now: datetime,
        section: str | None = None,
        instruction: str | None = None,
        then: Callable[[Session, VersionInfo], None] | None = None,
    ) -> VersionInfo:
        check_draft_id(draft_id)
        if not -MAX_NUMBER <= expected_parent < MAX_NUMBER:  # 0 and below are stale saves (conflicts), not overflows
            raise DraftNotFound(
                f"草稿 {draft_id} 没有第 {expected_parent} 版", hint=f"用 assistant drafts history {draft_id} 查看版本"
            )
        self.users.id(author)
        number = expected_parent + 1
        with self._session.begin() as session:
            swapped: CursorResult[Any] = session.execute(  # type: ignore[assignment]  # an UPDATE's result is a CursorResult
                update(DraftRow)
                .where(DraftRow.id == draft_id, DraftRow.head == expected_parent)
                .values(head=number, updated_at=now, title=draft.brief.name, year=draft.brief.year)
            )
            if swapped.rowcount != 1:
                raise self._conflict(session, draft_id, expected_parent, draft, author=author)
            info = self._insert(
                session,
                draft_id,
                number,
                expected_parent,
                draft,
                fields,
                action=action,
                author=author,
                now=now,
                section=section,
                instruction=instruction,
            )
            if then is not None:
                then(session, info)
            return info

    def _conflict(self, session: Session, draft_id: int, expected: int, mine: Draft, *, author: str) -> Exception:
        head = session.scalar(select(DraftRow.head).where(DraftRow.id == draft_id))
        if head is None:
            return DraftNotFound(f"没有编号为 {draft_id} 的草稿", hint="用 assistant drafts list 查看已保存的草稿")
        payload = session.scalar(
            select(VersionRow.payload).where(VersionRow.draft_id == draft_id, VersionRow.number == head)
        )
        authors = set(
            session.scalars(
                select(VersionRow.author_id).where(VersionRow.draft_id == draft_id, VersionRow.number > expected)
            )
        )
        return DraftConflict(
            draft_id=draft_id,
            expected=expected,
            actual=head,
            mine=mine,
            theirs=Draft.model_validate(payload, strict=False),
            by_others=authors != {self.users.id(author)},
        )

    def _insert(
        self,
        session: Session,
        draft_id: int,
        number: int,
        parent: int | None,
        draft: Draft,
        fields: dict[str, FieldRecord],
        *,
        action: Action,
        author: str,
        now: datetime,
        section: str | None = None,
        instruction: str | None = None,
    ) -> VersionInfo:
        users = self.users.ids(session, {author} | {r.author for r in fields.values() if r.author})
        row = VersionRow(
            draft_id=draft_id,
            number=number,
            parent=parent,
            action=action.value,
            section=section,
            instruction=instruction,
            author_id=users[author],
            created_at=now,
            payload=stored_payload(draft),
        )
        session.add(row)
        session.flush()
        session.execute(
            insert(ProvenanceRow),
            [
                {
                    "version_id": row.id,
                    "path": r.path,
                    "origin": r.origin.value,
                    "locked": r.locked,
                    "author_id": users.get(r.author) if r.author else None,
                    "at": r.at,
                }
                for r in fields.values()
            ],
        )
        return VersionInfo(draft_id, number, parent, action, section, instruction, author, now)

    # -- proposals: a model's rewrite waits for a person's decision ----------------------------------

    def propose(
        self,
        draft_id: int,
        draft: Draft,
        *,
        base: int,
        target: str,
        author: str,
        origin: Origin,
        origins: dict[str, Origin] | None = None,
        kept: list[str] | None = None,
        instruction: str | None = None,
    ) -> Proposal:
        """Keep ``draft`` (a rewrite of ``target`` made from version ``base``) until a person decides; an earlier
        undecided proposal for the draft is marked superseded (it stays readable)."""
        self.get(draft_id, base)
        author_id, now = self.users.id(author), utc_now()
        with self._session.begin() as session:
            session.execute(
                update(ProposalRow)
                .where(ProposalRow.draft_id == draft_id, ProposalRow.status == ProposalStatus.PENDING.value)
                .values(status=ProposalStatus.SUPERSEDED.value, decided_at=now)
            )
            row = ProposalRow(
                draft_id=draft_id,
                base=base,
                target=target,
                instruction=instruction,
                status=ProposalStatus.PENDING.value,
                origin=origin.value,
                origins={p: o.value for p, o in (origins or {}).items()},
                kept=list(kept or []),
                payload=stored_payload(draft),
                author_id=author_id,
                created_at=now,
            )
            session.add(row)
            session.flush()
            return proposal_record(row, author)

    def proposal(self, draft_id: int, proposal_id: int) -> Proposal:
        check_draft_id(draft_id)
        if not 1 <= proposal_id <= MAX_NUMBER:
            raise DraftNotFound(f"草稿 {draft_id} 没有编号为 {proposal_id} 的重新生成建议", hint="请重新生成")
        with self._session() as session:
            found = session.execute(
                select(ProposalRow, UserRow.name)
                .join(UserRow, UserRow.id == ProposalRow.author_id)
                .where(ProposalRow.draft_id == draft_id, ProposalRow.id == proposal_id)
            ).first()
        if found is None:
            raise DraftNotFound(f"草稿 {draft_id} 没有编号为 {proposal_id} 的重新生成建议", hint="请重新生成")
        return proposal_record(*found)

    def proposals(self, draft_id: int) -> list[Proposal]:
        """Every proposal made for the draft, newest first."""
        self.head(draft_id)
        with self._session() as session:
            rows = session.execute(
                select(ProposalRow, UserRow.name)
                .join(UserRow, UserRow.id == ProposalRow.author_id)
                .where(ProposalRow.draft_id == draft_id)
                .order_by(ProposalRow.id.desc())
            )
            return [proposal_record(row, author) for row, author in rows]

    def accept_proposal(
        self, proposal: Proposal, draft: Draft, *, expected_parent: int, author: str, section: str | None = None
    ) -> VersionInfo:
        """``draft`` (the proposal applied to version ``expected_parent``) saved as the next version, and the
        proposal marked accepted, in one transaction; `DraftConflict` when either has moved on."""

        def mark(session: Session, info: VersionInfo) -> None:
            self._decide(session, proposal, ProposalStatus.ACCEPTED, version=info.number)

        return self.save(
            proposal.draft_id,
            draft,
            expected_parent=expected_parent,
            author=author,
            action=Action.REGENERATE,
            changed=proposal.origin,
            origins=proposal.origins,
            section=section,
            instruction=proposal.instruction,
            then=mark,
        )

    def accept_unchanged(self, proposal: Proposal, *, version: int) -> Proposal:
        """The proposal marked accepted as version ``version``, which already holds what it proposes (nothing written)."""
        with self._session.begin() as session:
            self._decide(session, proposal, ProposalStatus.ACCEPTED, version=version)
        return self.proposal(proposal.draft_id, proposal.id)

    def reject_proposal(self, proposal: Proposal) -> Proposal:
        """The proposal marked rejected: the draft keeps its text; the proposal stays readable."""
        with self._session.begin() as session:
            self._decide(session, proposal, ProposalStatus.REJECTED)
        return self.proposal(proposal.draft_id, proposal.id)

    def _decide(
        self, session: Session, proposal: Proposal, status: ProposalStatus, *, version: int | None = None
    ) -> None:
        decided: CursorResult[Any] = session.execute(  # type: ignore[assignment]  # an UPDATE's result is a CursorResult
            update(ProposalRow)
            .where(ProposalRow.id == proposal.id, ProposalRow.status == ProposalStatus.PENDING.value)
            .values(status=status.value, decided_at=utc_now(), version=version)
        )
        if decided.rowcount != 1:
            current = ProposalStatus(
                session.scalar(select(ProposalRow.status).where(ProposalRow.id == proposal.id)) or ""
            )
            raise StoreError(
                f"这条建议已处理（{current.label}），不能再次{'采纳' if version else '拒绝'}",
                hint="请刷新页面查看当前版本；如需新的建议，请重新生成",
            )
