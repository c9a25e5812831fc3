"""Raising, editing, closing and reading concerns. Every read needs the lead's confirmation and is audited.

Writes go through the audited models (field names only in the trail, values only for the category,
whom it is about, the agency and the closing day); reads write a "view" event with the concern's id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mentordesk.core.concerns import (
    ACTION_LABELS,
    CATEGORY_LABELS,
    ConcernDraft,
    ConcernRefused,
    closing_problems,
    draft_problems,
    keep_until,
    raise_if_any,
)
from mentordesk.core.participants import display_name
from mentordesk.core.vocab import ConcernAbout, MatchStatus
from mentordesk.services.concerns.access import require_unlocked
from mentordesk.store import audit
from mentordesk.store.db import database
from mentordesk.store.models import (
    Concern,
    ConcernAction,
    ConcernAttachment,
    Match,
    MatchMember,
    Participant,
    Programme,
    utc_now,
)
from mentordesk.store.rows import tuples


@dataclass(frozen=True)
class ConcernRow:
    """One line of the register."""

    id: int
    raised_on: date
    category: str
    about: str
    subject_names: str
    raised_by: str
    closed_on: date | None
    referral_agency: str
    actions: int
    attachments: int

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS.get(self.category, self.category)


@dataclass(frozen=True)
class ActionRow:
    id: int
    kind: str
    taken_on: date
    match_id: int | None
    participant_id: int | None
    meetings: str
    matches_paused: tuple[int, ...]
    meetings_cancelled: int
    reason: str

    @property
    def label(self) -> str:
        return ACTION_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    filename: str
    mime: str
    size: int


@dataclass(frozen=True)
class ConcernDetail:
    id: int
    programme_id: int
    programme_name: str
    draft: ConcernDraft
    subject_names: str
    outcome: str
    closed_on: date | None
    keep_until: date | None
    actions: list[ActionRow] = field(default_factory=list)
    attachments: list[AttachmentRow] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


@dataclass(frozen=True)
class Subject:
    """Someone a concern can be about: a mentor or a mentee (peer) enrolled in the programme."""

    participant_id: int
    name: str
    role: str
    match_ids: tuple[int, ...]


def subjects(programme_id: int) -> list[Subject]:
    """The programme's mentees and mentors, with their open matches, for the form's choosers."""
    from mentordesk.store.models import Enrolment

    require_unlocked()
    open_statuses = (MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value)
    matches: dict[int, list[int]] = {}
    for pid, mid in tuples(
        MatchMember.select(MatchMember.participant, MatchMember.match)
        .join(Match)
        .where((Match.programme == programme_id) & Match.status.in_(open_statuses))
    ):
        matches.setdefault(pid, []).append(mid)
    query = (
        Participant.select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            Participant.preferred_name,
            Enrolment.role,
        )
        .join(Enrolment, on=(Enrolment.participant == Participant.id))
        .where((Enrolment.programme == programme_id) & (Participant.anonymised == False))  # noqa: E712
        .order_by(Participant.last_name, Participant.first_name)
    )
    return [
        Subject(pid, display_name(first, last, preferred), role, tuple(sorted(matches.get(pid, []))))
        for pid, first, last, preferred, role in tuples(query)
    ]


def _names_and_birth(draft: ConcernDraft, previous: Concern | None = None) -> tuple[str, date | None]:
    """What the concern says about whom, kept with it (so an erased subject's concern still reads).

    Someone erased since (an anonymous stub now) keeps the name and birth date the concern recorded."""
    recorded = {}
    if previous is not None:
        for part in previous.subject_names.split("; "):
            label, _, name = part.partition(": ")
            if name:
                recorded[(label, getattr(previous, f"{label.lower()}_id", None))] = name
    parts: list[str] = []
    births: list[date] = []
    for label, pid in (("Mentee", draft.mentee_id), ("Mentor", draft.mentor_id)):
        if pid is None:
            continue
        person = Participant.get_or_none(Participant.id == pid)
        if person is None:
            raise ConcernRefused({label.lower(): f"{label}: #{pid} no longer exists; choose again."})
        if person.anonymised and (label, pid) in recorded:
            parts.append(f"{label}: {recorded[(label, pid)]}")
            if previous is not None and previous.subject_born_on is not None:
                births.append(previous.subject_born_on)
            continue
        parts.append(f"{label}: {person.full_name}")
        if person.date_of_birth is not None:
            births.append(person.date_of_birth)
    if draft.about == ConcernAbout.OTHER.value:
        parts.append(draft.other_person.strip())
    return "; ".join(parts), (max(births) if births else None)


def _check(draft: ConcernDraft, today: date) -> None:
    raise_if_any(draft_problems(draft, today))
    if draft.match_id is not None and Match.get_or_none(Match.id == draft.match_id) is None:
        raise ConcernRefused({"match": "Match: it no longer exists; choose again."})


def _apply(concern: Concern, draft: ConcernDraft, previous: Concern | None = None) -> None:
    keep_mentee = draft.about in (ConcernAbout.MENTEE.value, ConcernAbout.BOTH.value)
    keep_mentor = draft.about in (ConcernAbout.MENTOR.value, ConcernAbout.BOTH.value)
    draft = ConcernDraft(
        **{
            **draft.__dict__,
            "mentee_id": draft.mentee_id if keep_mentee else None,
            "mentor_id": draft.mentor_id if keep_mentor else None,
            "other_person": draft.other_person if draft.about == ConcernAbout.OTHER.value else "",
        }
    )
    names, born = _names_and_birth(draft, previous)
    values = {
        "raised_by": draft.raised_by.strip(),
        "raised_on": draft.raised_on,
        "about": draft.about,
        "mentee": draft.mentee_id,
        "mentor": draft.mentor_id,
        "match": draft.match_id,
        "other_person": draft.other_person.strip(),
        "subject_names": names,
        "subject_born_on": born,
        "category": draft.category,
        "description": draft.description.strip(),
        "immediate_action": draft.immediate_action.strip(),
        "dsl_name": draft.dsl_name.strip(),
        "dsl_referred_on": draft.dsl_referred_on,
        "referral_agency": draft.referral_agency,
        "referral_name": draft.referral_name.strip() if draft.referral_agency else "",
        "referral_reference": draft.referral_reference.strip() if draft.referral_agency else "",
        "referral_on": draft.referral_on if draft.referral_agency else None,
    }
    for name, value in values.items():
        if name in ("mentee", "mentor", "match"):
            if getattr(concern, f"{name}_id") != value:
                setattr(concern, name, value)
        elif getattr(concern, name) != value:
            setattr(concern, name, value)


def raise_concern(programme_id: int, draft: ConcernDraft, today: date | None = None) -> int:
    """Record a new concern; returns its id. Refused (``ConcernRefused``, nothing written) when incomplete."""
    require_unlocked()
    if Programme.get_or_none(Programme.id == programme_id) is None:
        raise ConcernRefused({"programme": "Programme: it no longer exists; choose another."})
    _check(draft, today or date.today())
    concern = Concern(programme=programme_id)
    _apply(concern, draft)
    concern.save()
    return concern.id


def concern_or_refuse(concern_id: int) -> Concern:
    concern = Concern.get_or_none(Concern.id == concern_id)
    if concern is None:
        raise ConcernRefused({"concern": f"Concern #{concern_id} does not exist: refresh the register."})
    return concern


def update_concern(concern_id: int, draft: ConcernDraft, today: date | None = None) -> None:
    require_unlocked()
    concern = concern_or_refuse(concern_id)
    today = today or date.today()
    _check(draft, today)
    if concern.closed_on is not None and draft.raised_on and draft.raised_on > concern.closed_on:
        raise ConcernRefused(
            {"raised_on": f"Raised on: {draft.raised_on.isoformat()} is after the concern was closed."}
        )
    _apply(concern, draft, Concern.get_by_id(concern_id))
    if concern.dirty_fields:
        concern.updated_at = utc_now()
        concern.save()


def close_concern(concern_id: int, outcome: str, closed_on: date | None, today: date | None = None) -> None:
    """Close a concern with its outcome (required) on a day that has been, not before it was raised."""
    from mentordesk.services.concerns.retention import get_rule

    require_unlocked()
    concern = concern_or_refuse(concern_id)
    raise_if_any(closing_problems(outcome, closed_on, concern.raised_on, today or date.today()))
    concern.outcome = outcome.strip()
    concern.closed_on = closed_on
    concern.keep_until = keep_until(closed_on, concern.subject_born_on, get_rule())
    concern.updated_at = utc_now()
    concern.save()


def reopen_concern(concern_id: int) -> None:
    """Open a closed concern again (new information): its outcome stays, its closing day goes."""
    require_unlocked()
    concern = concern_or_refuse(concern_id)
    if concern.closed_on is None:
        return
    concern.closed_on = None
    concern.keep_until = None
    concern.save()


def list_concerns(programme_id: int | None, *, open_only: bool = False) -> list[ConcernRow]:
    """The register (newest first); opening it is audited with the number of concerns shown."""
    require_unlocked()
    query = Concern.select().order_by(Concern.raised_on.desc(), Concern.id.desc())
    if programme_id:
        query = query.where(Concern.programme == programme_id)
    if open_only:
        query = query.where(Concern.closed_on.is_null())
    concerns = list(query)
    ids = [c.id for c in concerns]
    actions = _counts(ConcernAction, ids)
    attachments = _counts(ConcernAttachment, ids)
    rows = [
        ConcernRow(
            c.id,
            c.raised_on,
            c.category,
            c.about,
            c.subject_names,
            c.raised_by,
            c.closed_on,
            c.referral_agency,
            actions.get(c.id, 0),
            attachments.get(c.id, 0),
        )
        for c in concerns
    ]
    audit.record("view", "concern", None, summary=f"concerns register opened ({len(rows)} shown)")
    return rows


def _counts(model, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    from peewee import fn

    query = (
        model.select(model.concern, fn.COUNT(model.id)).where(model.concern.in_(ids)).group_by(model.concern)
    )
    return dict(tuples(query))


def _draft_of(c: Concern) -> ConcernDraft:
    return ConcernDraft(
        raised_by=c.raised_by,
        raised_on=c.raised_on,
        about=c.about,
        category=c.category,
        description=c.description,
        immediate_action=c.immediate_action,
        mentee_id=c.mentee_id,
        mentor_id=c.mentor_id,
        other_person=c.other_person,
        match_id=c.match_id,
        dsl_name=c.dsl_name,
        dsl_referred_on=c.dsl_referred_on,
        referral_agency=c.referral_agency,
        referral_name=c.referral_name,
        referral_reference=c.referral_reference,
        referral_on=c.referral_on,
    )


def detail(concern_id: int, *, purpose: str = "opened") -> ConcernDetail:
    """One concern in full, with its actions and attachments (the files' names, not their bytes).

    Audited as a view of that concern; ``purpose`` says what for ("opened", "printed")."""
    require_unlocked()
    c = concern_or_refuse(concern_id)
    actions = [
        ActionRow(
            a.id,
            a.kind,
            a.taken_on,
            a.match_id,
            a.participant_id,
            a.meetings,
            tuple(a.matches_paused or ()),
            a.meetings_cancelled,
            a.reason,
        )
        for a in ConcernAction.select()
        .where(ConcernAction.concern == concern_id)
        .order_by(ConcernAction.taken_on, ConcernAction.id)
    ]
    attachments = [
        AttachmentRow(*row)
        for row in tuples(
            ConcernAttachment.select(
                ConcernAttachment.id,
                ConcernAttachment.filename,
                ConcernAttachment.mime,
                ConcernAttachment.size,
            )
            .where(ConcernAttachment.concern == concern_id)
            .order_by(ConcernAttachment.id)
        )
    ]
    with database.atomic():
        audit.record("view", "concern", concern_id, summary=f"concern {purpose}")
    return ConcernDetail(
        c.id,
        c.programme_id,
        c.programme.name,
        _draft_of(c),
        c.subject_names,
        c.outcome,
        c.closed_on,
        c.keep_until,
        actions,
        attachments,
    )


def open_count(programme_id: int) -> int:
    """How many concerns are open (no names: shown on the locked page and the dashboard)."""
    return Concern.select().where((Concern.programme == programme_id) & Concern.closed_on.is_null()).count()
