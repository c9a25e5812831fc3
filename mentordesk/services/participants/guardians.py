"""Guardians of minors and the consent records they give (or withdraw)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from mentordesk.core.participants import (
    Invalid,
    clean,
    parse_email,
    parse_phone,
    strip_bidi,
    text_problems,
)
from mentordesk.core.vocab import ConsentKind, EnrolmentStatus
from mentordesk.services.participants.people import ParticipantError, Profile, move_status, save_profile
from mentordesk.store.db import database
from mentordesk.store.models import ConsentRecord, Enrolment, Guardian, Participant


@dataclass
class GuardianInput:
    name: str
    relationship: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    is_emergency_contact: bool = False
    notes: str = ""


@dataclass(frozen=True)
class GuardianRow:
    id: int
    name: str
    relationship: str
    email: str
    phone: str
    address: str
    is_emergency_contact: bool
    notes: str


@dataclass
class ConsentInput:
    kind: str
    given: bool = True
    given_on: date | None = None
    expires_on: date | None = None
    guardian_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class ConsentRow:
    id: int
    kind: str
    given: bool
    given_on: date | None
    expires_on: date | None
    withdrawn_on: date | None
    guardian_id: int | None
    guardian_name: str
    notes: str

    def valid_on(self, day: date) -> bool:
        if not self.given or (self.withdrawn_on is not None and self.withdrawn_on <= day):
            return False
        return self.expires_on is None or self.expires_on >= day


def validate_guardian(data: GuardianInput) -> dict[str, str]:
    errors = text_problems(
        {
            "guardian_name": data.name,
            "relationship": data.relationship,
            "email": data.email,
            "phone": data.phone,
            "address": data.address,
            "notes": data.notes,
        }
    )
    if "guardian_name" in errors:
        errors["name"] = errors.pop("guardian_name")
    elif not clean(strip_bidi(data.name)):
        errors["name"] = "The guardian's name is required."
    for key, parser in (("email", parse_email), ("phone", parse_phone)):
        if key in errors:
            continue
        try:
            parser(getattr(data, key))
        except Invalid as exc:
            errors[key] = str(exc)[:1].upper() + str(exc)[1:] + "."
    if not clean(data.email) and not clean(data.phone):
        errors.setdefault("phone", "Give a phone number or an e-mail address so the guardian can be reached.")
    return errors


def _values(data: GuardianInput) -> dict:
    errors = validate_guardian(data)
    if errors:
        raise ParticipantError(" ".join(errors.values()))
    return {
        "name": clean(strip_bidi(data.name)),
        "relationship": clean(data.relationship),
        "email": parse_email(data.email),
        "phone": parse_phone(data.phone),
        "address": data.address.strip(),
        "is_emergency_contact": data.is_emergency_contact,
        "notes": data.notes.strip(),
    }


def list_guardians(participant_id: int) -> list[GuardianRow]:
    return [
        GuardianRow(
            g.id, g.name, g.relationship, g.email, g.phone, g.address, g.is_emergency_contact, g.notes
        )
        for g in Guardian.select().where(Guardian.participant == participant_id).order_by(Guardian.id)
    ]


def add_guardian(participant_id: int, data: GuardianInput) -> int:
    if Participant.get_or_none(Participant.id == participant_id) is None:
        raise ParticipantError(f"No participant with id {participant_id}.")
    return Guardian.create(participant=participant_id, **_values(data)).id


def update_guardian(guardian_id: int, data: GuardianInput) -> None:
    guardian = Guardian.get_or_none(Guardian.id == guardian_id)
    if guardian is None:
        raise ParticipantError(f"No guardian with id {guardian_id}.")
    for key, value in _values(data).items():
        setattr(guardian, key, value)
    guardian.save()


def delete_guardian(guardian_id: int) -> None:
    guardian = Guardian.get_or_none(Guardian.id == guardian_id)
    if guardian is not None:
        with database.atomic():
            guardian.delete_instance()


def validate_consent(data: ConsentInput, today: date | None = None) -> dict[str, str]:
    today = today or date.today()
    errors: dict[str, str] = {}
    if data.kind not in {k.value for k in ConsentKind}:
        errors["kind"] = "Choose what the consent is for."
    if data.given and data.given_on is None:
        errors["given_on"] = "Give the date the consent was given."
    if data.given_on and data.given_on > today:
        errors["given_on"] = "The consent date is in the future."
    if data.given_on and data.expires_on and data.expires_on < data.given_on:
        errors["expires_on"] = "The consent expires before it was given: check the dates."
    return errors


def list_consents(participant_id: int) -> list[ConsentRow]:
    names = {
        g.id: g.name
        for g in Guardian.select(Guardian.id, Guardian.name).where(Guardian.participant == participant_id)
    }
    return [
        ConsentRow(
            c.id,
            c.kind,
            c.given,
            c.given_on,
            c.expires_on,
            c.withdrawn_on,
            c.guardian_id,
            names.get(c.guardian_id, "") if c.guardian_id else "",
            c.notes,
        )
        for c in ConsentRecord.select()
        .where(ConsentRecord.participant == participant_id)
        .order_by(ConsentRecord.kind, ConsentRecord.given_on)
    ]


def add_consent(participant_id: int, data: ConsentInput) -> int:
    errors = validate_consent(data)
    if errors:
        raise ParticipantError(" ".join(errors.values()))
    if (
        data.guardian_id is not None
        and not Guardian.select()
        .where((Guardian.id == data.guardian_id) & (Guardian.participant == participant_id))
        .exists()
    ):
        raise ParticipantError("That guardian does not belong to this person.")
    return ConsentRecord.create(
        participant=participant_id,
        guardian=data.guardian_id,
        kind=data.kind,
        given=data.given,
        given_on=data.given_on,
        expires_on=data.expires_on,
        notes=data.notes.strip(),
    ).id


def withdraw_consent(consent_id: int, on: date | None = None) -> None:
    """Withdrawal is recorded, never deleted: the record shows consent was once given."""
    record = ConsentRecord.get_or_none(ConsentRecord.id == consent_id)
    if record is None:
        raise ParticipantError(f"No consent record with id {consent_id}.")
    record.withdrawn_on = on or date.today()
    record.save()



def add_person_with_guardian(
    programme_id: int, profile: Profile, guardian: GuardianInput | None, consent: ConsentInput | None
) -> int:
    """Add a person (a minor, typically) with their guardian and the guardian's consent, all or
    nothing: a bad guardian or consent leaves no half-added person behind.

    The enrolment starts as applied and then moves to the status asked for, so "ready" is checked
    with the guardian and consent already recorded. ``consent`` is recorded as given by ``guardian``.
    """
    if consent is not None and guardian is None:
        raise ParticipantError("Give the guardian's name: the consent is recorded as theirs.")
    enrolment = profile.enrolment
    target = enrolment.status if enrolment is not None else None
    if enrolment is not None:
        profile = replace(profile, enrolment=replace(enrolment, status=EnrolmentStatus.APPLIED.value))
    with database.atomic():
        pid = save_profile(None, programme_id, profile)
        guardian_id = add_guardian(pid, guardian) if guardian is not None else None
        if consent is not None:
            add_consent(pid, replace(consent, guardian_id=guardian_id))
        if target is not None and target != EnrolmentStatus.APPLIED.value:
            row = Enrolment.get((Enrolment.participant == pid) & (Enrolment.programme == programme_id))
            move_status(row, EnrolmentStatus.SCREENING.value, "")
            move_status(row, target, "")
    return pid
