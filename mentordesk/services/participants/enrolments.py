"""Enrolments: joining a programme and moving along the pipeline, one by one or in bulk, with history.

Every move goes through ``participants.move_status``, which checks the pipeline's
allowed steps and, for "ready", the person's clearance (a minor mentee needs a
guardian and their consent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from mentordesk.core.participants import TagSpec, clean
from mentordesk.core.vocab import CheckOutcome, Role
from mentordesk.services.participants.people import (
    EnrolmentDetails,
    ParticipantError,
    get_participant,
    move_status,
    save_enrolment,
)
from mentordesk.services.participants.tags import tag_ids
from mentordesk.store import audit
from mentordesk.store.db import database
from mentordesk.store.models import Enrolment, Participant, ParticipantTag, Programme, ScreeningCheck


@dataclass(frozen=True)
class StatusChange:
    at: datetime
    old: str | None
    new: str


@dataclass
class BulkOutcome:
    changed: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (display name, reason)


def enrol(participant_id: int, programme_id: int, details: EnrolmentDetails) -> int:
    if Programme.get_or_none(Programme.id == programme_id) is None:
        raise ParticipantError(f"No programme with id {programme_id}.")
    get_participant(participant_id)
    if (
        Enrolment.select()
        .where((Enrolment.participant == participant_id) & (Enrolment.programme == programme_id))
        .exists()
    ):
        raise ParticipantError("This person is already enrolled in the programme.")
    with database.atomic():
        save_enrolment(participant_id, programme_id, details)
    return Enrolment.get((Enrolment.participant == participant_id) & (Enrolment.programme == programme_id)).id


def change_status(enrolment_id: int, target: str, reason: str = "", on: date | None = None) -> None:
    """Move one enrolment along the pipeline; ``ParticipantError`` says why a move is refused."""
    enrolment = Enrolment.get_or_none(Enrolment.id == enrolment_id)
    if enrolment is None:
        raise ParticipantError(f"No enrolment with id {enrolment_id}.")
    with database.atomic():
        move_status(enrolment, target, reason, on)


def bulk_change_status(enrolment_ids: list[int], target: str, reason: str = "") -> BulkOutcome:
    """Each allowed move is made; the refused ones come back with their reasons."""
    outcome = BulkOutcome()
    rows = Enrolment.select(Enrolment, Participant).join(Participant).where(Enrolment.id.in_(enrolment_ids))
    with database.atomic():
        for enrolment in rows:
            if enrolment.status == target:
                continue
            try:
                move_status(enrolment, target, reason)
            except ParticipantError as exc:
                outcome.refused.append((enrolment.participant.display_name, str(exc)))
            else:
                outcome.changed += 1
    return outcome


def status_history(enrolment_id: int) -> list[StatusChange]:
    return [StatusChange(at, old, new) for at, old, new in audit.history("enrolment", enrolment_id, "status")]


def bulk_add_tag(participant_ids: list[int], tag: TagSpec) -> int:
    """Add one tag to many people; returns how many did not have it yet."""
    if not clean(tag.name):
        raise ParticipantError("The tag needs a name.")
    with database.atomic():
        tag_id = tag_ids([TagSpec(tag.kind, clean(tag.name), tag.direction)])[(tag.kind, clean(tag.name))]
        before = ParticipantTag.select().where(ParticipantTag.tag == tag_id).count()
        ParticipantTag.insert_many(
            [(pid, tag_id, tag.direction) for pid in participant_ids],
            fields=[ParticipantTag.participant, ParticipantTag.tag, ParticipantTag.direction],
        ).on_conflict_ignore().execute()
        added = ParticipantTag.select().where(ParticipantTag.tag == tag_id).count() - before
        audit.record("bulk_tag", "participant_tag", None, summary=f"tag added to {added} people")
    return added


@dataclass
class EnrolOutcome:
    """What enrolling people in another programme did."""

    enrolled: int = 0
    already: list[str] = field(default_factory=list)  # display names of people enrolled there before
    checks_carried: int = 0

    @property
    def summary(self) -> str:
        text = f"{self.enrolled} enrolled"
        if self.checks_carried:
            text += f", {self.checks_carried} screening check{'s' if self.checks_carried != 1 else ''} carried over"
        if self.already:
            text += f"; {len(self.already)} already in that programme"
        return text + "."


def enrol_in_programme(
    participant_ids: list[int],
    to_programme_id: int,
    *,
    from_programme_id: int | None = None,
    role: str | None = None,
    carry_checks: bool = True,
    today: date | None = None,
) -> EnrolOutcome:
    """Enrol people already in MentorDesk in another programme, all or none, as "applied".

    Their profile, tags, availability, guardians and person-wide checks are theirs already.
    With ``role`` None each keeps the role (and a mentor the capacity) they have in
    ``from_programme_id``. With ``carry_checks`` the checks recorded for that programme that
    are still valid today (not expired, not failed) are copied to the new one, so a DBS check
    done last year counts until it expires; expired or failed ones stay behind.
    People already enrolled there are left as they are and named in the outcome.
    """
    today = today or date.today()
    target = Programme.get_or_none(Programme.id == to_programme_id)
    if target is None:
        raise ParticipantError(f"No programme with id {to_programme_id}.")
    if from_programme_id == to_programme_id:
        raise ParticipantError("Choose another programme: these people are in this one already.")
    if role is not None and role not in {r.value for r in Role}:
        raise ParticipantError(f"{role!r} is not a role: choose mentor, mentee or peer.")
    people = {p.id: p for p in Participant.select().where(Participant.id.in_(list(participant_ids)))}
    missing = [pid for pid in participant_ids if pid not in people]
    if missing:
        raise ParticipantError(f"No participant with id {missing[0]}.")
    source = {
        e.participant_id: e
        for e in Enrolment.select().where(
            (Enrolment.programme == from_programme_id) & Enrolment.participant.in_(list(participant_ids))
        )
    } if from_programme_id is not None else {}
    enrolled_there = {
        e.participant_id
        for e in Enrolment.select(Enrolment.participant).where(
            (Enrolment.programme == to_programme_id) & Enrolment.participant.in_(list(participant_ids))
        )
    }
    outcome = EnrolOutcome()
    with database.atomic():
        for pid in participant_ids:
            person = people[pid]
            if pid in enrolled_there:
                outcome.already.append(person.display_name)
                continue
            before = source.get(pid)
            chosen = role or (before.role if before is not None else None)
            if chosen is None:
                raise ParticipantError(f"Choose a role for {person.display_name}: they have none to keep.")
            capacity = before.capacity if before is not None and chosen == before.role else 1
            save_enrolment(pid, to_programme_id, EnrolmentDetails(role=chosen, capacity=capacity))
            outcome.enrolled += 1
            if carry_checks and from_programme_id is not None:
                outcome.checks_carried += _carry_checks(pid, from_programme_id, to_programme_id, today)
        audit.record(
            "enrol_many",
            "enrolment",
            None,
            summary=f"{outcome.enrolled} enrolled in programme {to_programme_id}, "
            f"{outcome.checks_carried} checks carried over",
        )
    return outcome


def _carry_checks(pid: int, from_programme_id: int, to_programme_id: int, today: date) -> int:
    """Copy the programme's still-valid checks of one person to another programme; returns how many."""
    copied = 0
    kept_apart = {"id", "programme", "version", "created_at", "modified_at", "updated_at"}  # the copy's own
    fields = [f for f in ScreeningCheck._meta.sorted_fields if f.name not in kept_apart]
    for check in ScreeningCheck.select().where(
        (ScreeningCheck.participant == pid) & (ScreeningCheck.programme == from_programme_id)
    ):
        if check.outcome == CheckOutcome.FAILED.value:
            continue
        if check.expires_on is not None and check.expires_on < today:
            continue
        ScreeningCheck.create(programme=to_programme_id, **{f.name: getattr(check, f.name) for f in fields})
        copied += 1
    return copied
