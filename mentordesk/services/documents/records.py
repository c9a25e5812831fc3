"""What was generated and when, signed agreements, and the matches a batch would print for."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from mentordesk.core.documents import join_names
from mentordesk.core.vocab import DocumentKind, MatchStatus
from mentordesk.services.documents.facts import DocumentError
from mentordesk.store import audit
from mentordesk.store.db import database
from mentordesk.store.models import Document, Match, MatchMember, Participant


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: str
    match_id: int | None
    participant_id: int | None
    about: str  # the person, or the match's members
    path: str
    generated_at: datetime
    signed_on: date | None
    exists: bool

    @property
    def file_name(self) -> str:
        return Path(self.path).name


@dataclass(frozen=True)
class MatchRow:
    id: int
    status: str
    names: str
    mentors: str
    mentees: str
    started_on: date | None
    agreement_signed_on: date | None
    has_agreement: bool
    member_ids: tuple[int, ...]
    member_names: tuple[str, ...]


def _member_names(match_ids: list[int]) -> dict[int, list[tuple[int, str, str]]]:
    found: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    if not match_ids:
        return found
    query = (
        MatchMember.select(MatchMember.match, MatchMember.role, Participant)
        .join(Participant)
        .where(MatchMember.match.in_(match_ids))
        .order_by(MatchMember.id)
    )
    for mm in query:
        found[mm.match_id].append((mm.participant.id, mm.participant.display_name, mm.role))
    return found


def list_matches(programme_id: int, statuses: tuple[str, ...] | None = None) -> list[MatchRow]:
    """The programme's matches with their members' names, newest first (closed ones last)."""
    query = Match.select().where(Match.programme == programme_id)
    if statuses:
        query = query.where(Match.status.in_(statuses))
    matches = list(query.order_by(Match.started_on.desc(nulls="LAST"), Match.id.desc()))
    ids = [m.id for m in matches]
    members = _member_names(ids)
    with_agreement = {
        d.match_id
        for d in Document.select(Document.match)
        .where((Document.kind == DocumentKind.AGREEMENT.value) & Document.match.in_(ids))
        .distinct()
    }
    rows = []
    order = {MatchStatus.ACTIVE.value: 0, MatchStatus.DRAFT.value: 1, MatchStatus.PAUSED.value: 2}
    for m in sorted(matches, key=lambda x: order.get(x.status, 3)):
        people = members.get(m.id, [])
        rows.append(
            MatchRow(
                id=m.id,
                status=m.status,
                names=join_names([name for _, name, _ in people], limit=4),
                mentors=", ".join(name for _, name, role in people if role == "mentor"),
                mentees=", ".join(name for _, name, role in people if role != "mentor"),
                started_on=m.started_on,
                agreement_signed_on=m.agreement_signed_on,
                has_agreement=m.id in with_agreement,
                member_ids=tuple(pid for pid, _, _ in people),
                member_names=tuple(name for _, name, _ in people),
            )
        )
    return rows


def matches_needing_agreements(programme_id: int, only_new: bool = True) -> list[int]:
    """Active matches without a generated agreement (``only_new``), or all active matches."""
    active = Match.select(Match.id).where(
        (Match.programme == programme_id) & (Match.status == MatchStatus.ACTIVE.value)
    )
    ids = [m.id for m in active.order_by(Match.started_on, Match.id)]
    if not only_new:
        return ids
    done = {
        d.match_id
        for d in Document.select(Document.match).where(
            (Document.kind == DocumentKind.AGREEMENT.value) & Document.match.in_(ids)
        )
    }
    return [i for i in ids if i not in done]


def list_documents(programme_id: int, match_id: int | None = None) -> list[DocumentRow]:
    """Generated documents of a programme (or one match), newest first."""
    query = Document.select().where(Document.programme == programme_id)
    if match_id is not None:
        query = query.where(Document.match == match_id)
    docs = list(query.order_by(Document.generated_at.desc(), Document.id.desc()))
    members = _member_names(sorted({d.match_id for d in docs if d.match_id}))
    person_ids = {d.participant_id for d in docs if d.participant_id}
    people = (
        {p.id: p.display_name for p in Participant.select().where(Participant.id.in_(sorted(person_ids)))}
        if person_ids
        else {}
    )
    existing: dict[str, bool] = {}
    rows = []
    for d in docs:
        if d.participant_id:
            about = people.get(d.participant_id, "")
        else:
            names = [name for _, name, _ in members.get(d.match_id, [])] if d.match_id else []
            about = join_names(names, limit=4)
        if d.path not in existing:
            existing[d.path] = Path(d.path).is_file()
        rows.append(
            DocumentRow(
                d.id,
                d.kind,
                d.match_id,
                d.participant_id,
                about,
                d.path,
                d.generated_at,
                d.signed_on,
                existing[d.path],
            )
        )
    return rows


def mark_signed(document_id: int, signed_on: date | None, today: date | None = None) -> None:
    """Record the date an agreement was signed (None: not signed after all); the match follows."""
    today = today or date.today()
    document = Document.get_or_none(Document.id == document_id)
    if document is None:
        raise DocumentError(f"No document with id {document_id}.")
    if document.kind not in (DocumentKind.AGREEMENT.value, DocumentKind.CONSENT_FORM.value):
        raise DocumentError("Only agreements and consent forms are signed.")
    if signed_on is not None and signed_on > today:
        raise DocumentError("The signing date is in the future: enter the day it was signed.")
    with database.atomic():
        document.signed_on = signed_on
        document.save()
        if document.kind == DocumentKind.AGREEMENT.value and document.match_id:
            match = Match.get_by_id(document.match_id)
            if signed_on is None:
                # Another signed copy of the agreement still counts.
                other = (
                    Document.select(Document.signed_on)
                    .where(
                        (Document.match == match.id)
                        & (Document.kind == DocumentKind.AGREEMENT.value)
                        & Document.signed_on.is_null(False)
                    )
                    .order_by(Document.signed_on)
                    .first()
                )
                match.agreement_signed_on = other.signed_on if other else None
            else:
                match.agreement_signed_on = signed_on
            match.save()


def forget(document_ids: list[int], delete_files: bool = False) -> int:
    """Remove records (and, when asked, their files if no other record points at them)."""
    with database.atomic():
        docs = list(Document.select().where(Document.id.in_(document_ids)))
        paths = {d.path for d in docs}
        Document.delete().where(Document.id.in_(document_ids)).execute()
        audit.record("delete", "document", None, summary=f"{len(docs)} document record(s) removed")
        still_used = {d.path for d in Document.select(Document.path).where(Document.path.in_(sorted(paths)))}
    if delete_files:
        for path in paths - still_used:
            Path(path).unlink(missing_ok=True)
    return len(docs)
