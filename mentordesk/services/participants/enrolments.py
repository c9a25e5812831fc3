"""Enrolments: joining a programme and moving along the pipeline, one by one or in bulk, with history.

Every move goes through ``participants.move_status``, which checks the pipeline's
allowed steps and, for "ready", the person's clearance (a minor mentee needs a
guardian and their consent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from mentordesk.core.participants import TagSpec, clean
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
from mentordesk.store.models import Enrolment, Participant, ParticipantTag, Programme


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
