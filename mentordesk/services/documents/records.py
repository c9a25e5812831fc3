"""What was generated and when, signed agreements, and the matches a batch would print for."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mentordesk.core.documents import (
    Member,
    Signatory,
    completed_on,
    join_names,
    missing_signatures,
    required_signatories,
    signature_problem,
)
from mentordesk.core.participants import display_name, is_minor
from mentordesk.core.vocab import DocumentKind, MatchStatus
from mentordesk.services.documents.facts import DocumentError
from mentordesk.store import audit
from mentordesk.store.db import database
from mentordesk.store.models import Document, Match, MatchMember, Participant, Programme, Signature
from mentordesk.store.rows import as_date, tuples


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: str
    match_id: int | None
    participant_id: int | None
    about: str  # the person, or the match's members
    path: str
    generated_at: datetime
    signed_on: date | None  # an agreement: the day the last required signature came in
    exists: bool
    missing: tuple[str, ...] = ()  # an agreement: who has not signed yet ("Ravi Patel (mentee)")

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
    to_sign: tuple[str, ...] = ()  # the newest unsigned agreement: who has not signed it yet


def _member_names(match_ids: list[int]) -> dict[int, list[tuple[int, str, str]]]:
    found: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    if not match_ids:
        return found
    query = (
        MatchMember.select(MatchMember.match, MatchMember.role, Participant)
        .join(Participant)
        .where(MatchMember.match.in_(match_ids))
        .order_by(MatchMember.role.desc(), MatchMember.id)  # mentors first (as everywhere), then as saved
    )
    for mm in query:
        found[mm.match_id].append((mm.participant.id, mm.participant.display_name, mm.role))
    return found


def _focus_areas(match_ids: list[int]) -> dict[tuple[int, int], tuple[str, ...]]:
    """(match, mentor) -> the focus areas that mentor covers (network programmes; others have none)."""
    if not match_ids:
        return {}
    query = MatchMember.select(MatchMember.match, MatchMember.participant, MatchMember.focus_areas).where(
        MatchMember.match.in_(match_ids) & (MatchMember.role == "mentor")
    )
    rows: Any = query.tuples()  # (match, participant, areas); peewee's stubs say MatchMember
    return {(match_id, pid): tuple(areas) for match_id, pid, areas in rows if areas}


def list_matches(programme_id: int, statuses: tuple[str, ...] | None = None) -> list[MatchRow]:
    """The programme's matches with their members' names, newest first (closed ones last)."""
    query = Match.select().where(Match.programme == programme_id)
    if statuses:
        query = query.where(Match.status.in_(statuses))
    matches = list(query.order_by(Match.started_on.desc(nulls="LAST"), Match.id.desc()))
    ids = [m.id for m in matches]
    members = _member_names(ids)
    focus = _focus_areas(ids)
    agreements = list(
        Document.select()
        .where((Document.kind == DocumentKind.AGREEMENT.value) & Document.match.in_(ids))
        .order_by(Document.id)
    )
    with_agreement = {d.match_id for d in agreements}
    newest = {d.match_id: d for d in agreements}  # by id: the last one wins
    unsigned = [d for d in newest.values() if d.signed_on is None]
    missing = _missing_by_document(unsigned)
    to_sign = {d.match_id: tuple(s.described for s in missing.get(d.id, ())) for d in unsigned}
    rows = []
    order = {MatchStatus.ACTIVE.value: 0, MatchStatus.DRAFT.value: 1, MatchStatus.PAUSED.value: 2}
    for m in sorted(matches, key=lambda x: order.get(x.status, 3)):
        people = members.get(m.id, [])
        rows.append(
            MatchRow(
                id=m.id,
                status=m.status,
                names=join_names([name for _, name, _ in people], limit=4),
                mentors=", ".join(
                    name + (f" ({', '.join(focus[(m.id, pid)])})" if (m.id, pid) in focus else "")
                    for pid, name, role in people
                    if role == "mentor"
                ),
                mentees=", ".join(name for _, name, role in people if role != "mentor"),
                started_on=m.started_on,
                agreement_signed_on=m.agreement_signed_on,
                has_agreement=m.id in with_agreement,
                member_ids=tuple(pid for pid, _, _ in people),
                member_names=tuple(name for _, name, _ in people),
                to_sign=() if m.agreement_signed_on else to_sign.get(m.id, ()),
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
    agreements = [d for d in docs if d.kind == DocumentKind.AGREEMENT.value and d.match_id and not d.signed_on]
    missing = _missing_by_document(agreements)
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
                tuple(s.described for s in missing.get(d.id, ())),
            )
        )
    return rows


@dataclass(frozen=True)
class SignatureState:
    """One signatory of an agreement and the day they signed (None: not yet)."""

    signatory: Signatory
    signed_on: date | None


@dataclass(frozen=True)
class AgreementStatus:
    document_id: int
    match_id: int
    signatures: tuple[SignatureState, ...]
    complete_on: date | None  # the day the last required signature came in; None while any is missing

    @property
    def missing(self) -> tuple[Signatory, ...]:
        return tuple(s.signatory for s in self.signatures if s.signed_on is None)


def _signatories(match_ids: list[int], on: date) -> dict[int, list[Signatory]]:
    """Who must sign each match's agreement (members, a guardian per minor mentee, the coordinator)."""
    if not match_ids:
        return {}
    members: dict[int, list[Member]] = defaultdict(list)
    coordinators: dict[int, str] = {}
    query = (
        MatchMember.select(
            MatchMember.match,
            MatchMember.participant,
            MatchMember.role,
            Participant.first_name,
            Participant.last_name,
            Participant.preferred_name,
            Participant.date_of_birth,
            Participant.age_band,
            Programme.coordinator_name,
        )
        .join(Participant)
        .switch(MatchMember)
        .join(Match)
        .join(Programme)
        .where(MatchMember.match.in_(match_ids))
    )

    for match_id, pid, role, first, last, preferred, born, band, coordinator in tuples(query):
        minor = is_minor(as_date(born), band or "", on)
        members[match_id].append(Member(pid, display_name(first, last, preferred), role, minor))
        coordinators[match_id] = coordinator or ""
    return {mid: required_signatories(people, coordinators.get(mid, "")) for mid, people in members.items()}


def _signed(document_ids: list[int]) -> dict[int, dict[tuple[str, int | None], date]]:
    found: dict[int, dict[tuple[str, int | None], date]] = defaultdict(dict)
    if document_ids:
        query = Signature.select(
            Signature.document, Signature.role, Signature.participant, Signature.signed_on
        ).where(Signature.document.in_(document_ids))
        for doc_id, role, pid, day in tuples(query):
            found[doc_id][(role, pid)] = as_date(day)  # type: ignore[assignment]
    return found


def _missing_by_document(docs: list[Document]) -> dict[int, list[Signatory]]:
    required = _signatories(sorted({d.match_id for d in docs if d.match_id}), date.today())
    signed = _signed([d.id for d in docs])
    return {d.id: missing_signatures(required.get(d.match_id or 0, []), signed.get(d.id, {})) for d in docs}


def _agreement(document_id: int) -> Document:
    document = Document.get_or_none(Document.id == document_id)
    if document is None:
        raise DocumentError(f"No document with id {document_id}.")
    if document.kind != DocumentKind.AGREEMENT.value or not document.match_id:
        raise DocumentError("Signatures are recorded per signatory on a match's agreement only.")
    return document


def agreement_status(document_id: int, on: date | None = None) -> AgreementStatus:
    """Each required signatory of an agreement and when they signed. An agreement marked signed as a
    whole before signatures were recorded one by one counts as signed by everyone on that day."""
    document = _agreement(document_id)
    match_id = int(document.match_id or 0)  # _agreement refused a document without a match
    required = _signatories([match_id], on or date.today()).get(match_id, [])
    signed = _signed([document.id]).get(document.id, {})
    if not signed and document.signed_on:
        signed = {s.key: document.signed_on for s in required}
    states = tuple(SignatureState(s, signed.get(s.key)) for s in required)
    return AgreementStatus(document.id, match_id, states, completed_on(required, signed))


def _follow(document: Document, complete_on: date | None) -> None:
    """The document's signed date is the completion date; the match's is its earliest complete agreement."""
    document.signed_on = complete_on
    document.save()
    match = Match.get_by_id(document.match_id)
    first = (
        Document.select(Document.signed_on)
        .where(
            (Document.match == match.id)
            & (Document.kind == DocumentKind.AGREEMENT.value)
            & Document.signed_on.is_null(False)
        )
        .order_by(Document.signed_on)
        .first()
    )
    match.agreement_signed_on = first.signed_on if first else None
    match.save()


def record_signature(
    document_id: int,
    role: str,
    participant_id: int | None,
    signed_on: date | None,
    today: date | None = None,
) -> AgreementStatus:
    """Record (or, with None, clear) one signatory's signature; the agreement is complete, and dated,
    when the last required signature is in. Returns where the agreement now stands."""
    today = today or date.today()
    problem = signature_problem(role, participant_id, signed_on, today)
    if problem:
        raise DocumentError(problem)
    status = agreement_status(document_id, today)
    keys = {s.signatory.key: s for s in status.signatures}
    if (role, participant_id) not in keys:
        names = "; ".join(f"{s.signatory.role} {s.signatory.participant_id or ''}".strip() for s in status.signatures)
        raise DocumentError(f"Signatory: nobody signs this agreement as that ({role}); signatories are {names}.")
    document = Document.get_by_id(document_id)
    with database.atomic():
        if not Signature.select().where(Signature.document == document_id).exists():
            # Marked signed as a whole before: keep those signatures as rows before changing one.
            for state in status.signatures:
                if state.signed_on is not None:
                    _put(document_id, state.signatory.role, state.signatory.participant_id, state.signed_on)
        _put(document_id, role, participant_id, signed_on)
        status = agreement_status(document_id, today)
        _follow(document, status.complete_on)
    return status


def _put(document_id: int, role: str, participant_id: int | None, signed_on: date | None) -> None:
    where = (Signature.document == document_id) & (Signature.role == role)
    where &= Signature.participant.is_null() if participant_id is None else (Signature.participant == participant_id)
    existing = Signature.get_or_none(where)
    if signed_on is None:
        if existing is not None:
            existing.delete_instance()
    elif existing is None:
        Signature.create(document=document_id, role=role, participant=participant_id, signed_on=signed_on)
    else:
        existing.signed_on = signed_on
        existing.save()


def mark_signed(document_id: int, signed_on: date | None, today: date | None = None) -> None:
    """Record the day the last party signed an agreement or consent form (None: not signed after all);
    an agreement's missing signatures get that day, and the match follows."""
    today = today or date.today()
    document = Document.get_or_none(Document.id == document_id)
    if document is None:
        raise DocumentError(f"No document with id {document_id}.")
    if document.kind not in (DocumentKind.AGREEMENT.value, DocumentKind.CONSENT_FORM.value):
        raise DocumentError("Only agreements and consent forms are signed.")
    if signed_on is not None and signed_on > today:
        raise DocumentError("The signing date is in the future: enter the day it was signed.")
    with database.atomic():
        if document.kind == DocumentKind.AGREEMENT.value and document.match_id:
            # Everyone has signed, the last on ``signed_on``: signatures not yet recorded get that day.
            # None: not signed after all, every signature is cleared.
            if signed_on is None:
                Signature.delete().where(Signature.document == document.id).execute()
            else:
                for state in agreement_status(document.id, today).signatures:
                    if state.signed_on is None or state.signed_on > signed_on:
                        _put(document.id, state.signatory.role, state.signatory.participant_id, signed_on)
            _follow(document, signed_on)
        else:
            document.signed_on = signed_on
            document.save()


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
