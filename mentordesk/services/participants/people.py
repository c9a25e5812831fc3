"""People: create, update and delete participants, with everything the add/edit form holds.

Enrolling people and moving them along the pipeline in bulk lives in services/participants/enrolments.py.

A "profile" is everything the add/edit form holds (person, enrolment, tags,
availability, away dates, exclusions); it is saved in one transaction so a
half-valid form never leaves half a person behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from mentordesk.core.participants import (
    PERSON_FIELDS,
    Invalid,
    PersonDetails,
    Slot,
    TagSpec,
    TransitionRefused,
    check_birth_date,
    check_transition,
    clean,
    overlapping,
    parse_email,
    parse_phone,
    strip_bidi,
    text_problems,
)
from mentordesk.core.vocab import EnrolmentStatus, Role, TagDirection, TagKind
from mentordesk.services.participants.tags import replace_tags
from mentordesk.store.db import database
from mentordesk.store.models import (
    AvailabilitySlot,
    AwayPeriod,
    Enrolment,
    Exclusion,
    Match,
    MatchMember,
    Participant,
    ParticipantTag,
    Tag,
)


class ParticipantError(ValueError):
    """A request about a participant that cannot be done; the message says why and what to do."""


class ParticipantInUse(ParticipantError):
    pass


@dataclass
class EnrolmentDetails:
    role: str
    status: str = EnrolmentStatus.APPLIED.value
    capacity: int = 1
    referral_source: str = ""
    preferences: str = ""
    drives: bool = False  # drives participants for the programme: the programme's driver checks apply


class AwayDates(NamedTuple):
    starts_on: date
    ends_on: date
    reason: str = ""


class ExclusionInfo(NamedTuple):
    other_id: int
    other_name: str = ""
    reason: str = ""


@dataclass
class Profile:
    person: PersonDetails
    enrolment: EnrolmentDetails | None = None
    tags: list[TagSpec] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    away: list[AwayDates] = field(default_factory=list)
    exclusions: list[ExclusionInfo] = field(default_factory=list)


# -- validation ---------------------------------------------------------------------------------


def validate_person(details: PersonDetails, today: date | None = None) -> dict[str, str]:
    """{field: message} for everything wrong; empty when the person can be saved."""
    errors = text_problems({name: getattr(details, name) for name in PERSON_FIELDS})
    if "first_name" not in errors and not clean(strip_bidi(details.first_name)):
        errors["first_name"] = "A first name is required."
    for key, parser in (("email", parse_email), ("phone", parse_phone)):
        if key in errors:
            continue
        try:
            parser(getattr(details, key))
        except Invalid as exc:
            errors[key] = str(exc)[:1].upper() + str(exc)[1:] + "."
    if details.date_of_birth is not None:
        try:
            check_birth_date(details.date_of_birth, today)
        except Invalid as exc:
            errors["date_of_birth"] = str(exc)[:1].upper() + str(exc)[1:] + "."
    if details.seniority is not None and not 0 <= details.seniority <= 80:
        errors["seniority"] = "Years of experience is a number from 0 to 80."
    return errors


def validate_profile(profile: Profile, today: date | None = None) -> dict[str, str]:
    errors = validate_person(profile.person, today)
    enrolment = profile.enrolment
    if enrolment is not None:
        if enrolment.role not in {r.value for r in Role}:
            errors["role"] = "Choose mentor, mentee or peer."
        if not 1 <= enrolment.capacity <= 20:
            errors["capacity"] = "Capacity is how many mentees a mentor can take: 1 to 20."
    clashes = overlapping(profile.slots)
    if clashes:
        a, b = clashes[0]
        errors["slots"] = f"{a} overlaps {b}: merge them into one slot."
    for away in profile.away:
        if away.ends_on < away.starts_on:
            errors["away"] = f"Away from {away.starts_on.isoformat()}: the end date is before the start date."
    for tag in profile.tags:
        if not clean(tag.name):
            errors["tags"] = "A tag has no name."
        elif tag.kind not in {k.value for k in TagKind} or tag.direction not in {
            d.value for d in TagDirection
        }:
            errors["tags"] = f"Tag {tag.name!r} has an unknown kind or direction."
    return errors


def _normalised(details: PersonDetails) -> dict:
    values = {name: getattr(details, name) for name in PERSON_FIELDS}
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = (
                value.strip()
                if name in ("notes", "accessibility_needs", "emergency_contact")
                else clean(strip_bidi(value))
            )
    values["email"] = parse_email(values["email"])
    values["phone"] = parse_phone(values["phone"])
    return values


# -- people and profiles ------------------------------------------------------------------------


def get_participant(participant_id: int) -> Participant:
    person = Participant.get_or_none(Participant.id == participant_id)
    if person is None:
        raise ParticipantError(f"No participant with id {participant_id}.")
    return person


def create_participant(
    details: PersonDetails, programme_id: int | None = None, enrolment: EnrolmentDetails | None = None
) -> int:
    profile = Profile(details, enrolment)
    return save_profile(None, programme_id, profile)


def save_profile(participant_id: int | None, programme_id: int | None, profile: Profile) -> int:
    """Create (``participant_id`` None) or update a person with everything the form holds."""
    errors = validate_profile(profile)
    if errors:
        raise ParticipantError(" ".join(errors.values()))
    with database.atomic():
        if participant_id is None:
            person = Participant.create(**_normalised(profile.person))
        else:
            person = get_participant(participant_id)
            for name, value in _normalised(profile.person).items():
                setattr(person, name, value)
            person.save()
        pid = person.id
        if profile.enrolment is not None and programme_id:
            save_enrolment(pid, programme_id, profile.enrolment)
        replace_tags(pid, profile.tags)
        AvailabilitySlot.delete().where(AvailabilitySlot.participant == pid).execute()
        if profile.slots:
            AvailabilitySlot.insert_many(
                [(pid, s.weekday, s.start_minute, s.end_minute) for s in profile.slots],
                fields=[
                    AvailabilitySlot.participant,
                    AvailabilitySlot.weekday,
                    AvailabilitySlot.start_minute,
                    AvailabilitySlot.end_minute,
                ],
            ).execute()
        AwayPeriod.delete().where(AwayPeriod.participant == pid).execute()
        for away in profile.away:
            AwayPeriod.create(
                participant=pid, starts_on=away.starts_on, ends_on=away.ends_on, reason=clean(away.reason)
            )
        _replace_exclusions(pid, profile.exclusions)
    return pid


def save_enrolment(pid: int, programme_id: int, details: EnrolmentDetails) -> None:
    enrolment = Enrolment.get_or_none((Enrolment.participant == pid) & (Enrolment.programme == programme_id))
    if enrolment is None:
        if details.status not in (EnrolmentStatus.APPLIED, EnrolmentStatus.SCREENING, EnrolmentStatus.READY):
            raise ParticipantError("A new enrolment starts as applied, screening or ready.")
        enrolment = Enrolment.create(
            participant=pid,
            programme=programme_id,
            role=details.role,
            status=EnrolmentStatus.APPLIED.value,
            capacity=details.capacity,
            referral_source=clean(details.referral_source),
            preferences=details.preferences.strip(),
            drives=details.drives,
        )
        if details.status != EnrolmentStatus.APPLIED:
            # Through the pipeline, so a minor cannot start out "ready" without consent.
            move_status(enrolment, EnrolmentStatus.SCREENING.value, "")
            move_status(enrolment, details.status, "")
        return
    if enrolment.role != details.role and _in_open_match(pid, programme_id):
        raise ParticipantError(
            "The role cannot change while the person is in a match: close the match first."
        )
    enrolment.role = details.role
    enrolment.capacity = details.capacity
    enrolment.referral_source = clean(details.referral_source)
    enrolment.preferences = details.preferences.strip()
    enrolment.drives = details.drives
    enrolment.save()


def _in_open_match(pid: int, programme_id: int) -> bool:
    return (
        MatchMember.select()
        .join(Match)
        .where(
            (MatchMember.participant == pid) & (Match.programme == programme_id) & (Match.status != "closed")
        )
        .exists()
    )


def _replace_exclusions(pid: int, exclusions: list[ExclusionInfo]) -> None:
    Exclusion.delete().where((Exclusion.participant == pid) | (Exclusion.other == pid)).execute()
    for item in exclusions:
        if item.other_id == pid:
            raise ParticipantError("A person cannot be excluded from matching with themselves.")
        Exclusion.insert(
            participant=pid, other=item.other_id, reason=clean(item.reason)
        ).on_conflict_ignore().execute()


def load_profile(participant_id: int, programme_id: int | None) -> Profile:
    person = get_participant(participant_id)
    details = PersonDetails(**{name: getattr(person, name) for name in PERSON_FIELDS})
    enrolment = None
    if programme_id:
        row = Enrolment.get_or_none(
            (Enrolment.participant == participant_id) & (Enrolment.programme == programme_id)
        )
        if row is not None:
            enrolment = EnrolmentDetails(
                row.role, row.status, row.capacity, row.referral_source, row.preferences, bool(row.drives)
            )
    tags = [
        TagSpec(link.tag.kind, link.tag.name, link.direction)
        for link in ParticipantTag.select(ParticipantTag, Tag)
        .join(Tag)
        .where(ParticipantTag.participant == participant_id)
        .order_by(Tag.kind, Tag.name)
    ]
    slots = [
        Slot(s.weekday, s.start_minute, s.end_minute)
        for s in AvailabilitySlot.select().where(AvailabilitySlot.participant == participant_id)
    ]
    away = [
        AwayDates(a.starts_on, a.ends_on, a.reason)
        for a in AwayPeriod.select()
        .where(AwayPeriod.participant == participant_id)
        .order_by(AwayPeriod.starts_on)
    ]
    return Profile(details, enrolment, tags, sorted(slots), away, exclusions_of(participant_id))


def exclusions_of(participant_id: int) -> list[ExclusionInfo]:
    """Both directions: "not with X" holds whichever of the two it was recorded on."""
    found: dict[int, ExclusionInfo] = {}
    rows = Exclusion.select().where(
        (Exclusion.participant == participant_id) | (Exclusion.other == participant_id)
    )
    for row in rows:
        other = row.other_id if row.participant_id == participant_id else row.participant_id
        found.setdefault(other, ExclusionInfo(other, "", row.reason))
    names = (
        {
            p.id: p.display_name
            for p in Participant.select(
                Participant.id, Participant.first_name, Participant.preferred_name, Participant.last_name
            ).where(Participant.id.in_(list(found)))
        }
        if found
        else {}
    )
    return [ExclusionInfo(o, names.get(o, f"#{o}"), e.reason) for o, e in found.items()]


# -- the pipeline and bulk tags (more moves in services/participants/enrolments.py) -----------------------------


def move_status(enrolment: Enrolment, target: str, reason: str, on: date | None = None) -> None:
    from mentordesk.services.participants.clearance import clearance_for

    clearance = None
    if target == EnrolmentStatus.READY:
        clearance = clearance_for(enrolment.participant_id, enrolment.programme_id, on)
    try:
        check_transition(enrolment.status, target, clearance)
    except TransitionRefused as exc:
        raise ParticipantError(str(exc)) from None
    if target == enrolment.status:
        return
    enrolment.status = target
    if target == EnrolmentStatus.EXITED:
        enrolment.exited_on = on or date.today()
        enrolment.exit_reason = reason.strip()
    elif enrolment.exited_on is not None:
        enrolment.exited_on = None
    enrolment.save()


# -- deletion -----------------------------------------------------------------------------------


def delete_participant(participant_id: int) -> None:
    """Delete a person and everything that hangs off them, unless they are in a match.

    A match member cannot vanish: the coordinator must close the match and then erase
    the person (which keeps an anonymised stub), so match statistics stay true.
    """
    person = Participant.get_or_none(Participant.id == participant_id)
    if person is None:
        raise ParticipantError(f"No participant with id {participant_id}.")
    matches = (
        Match.select(Match.id, Match.status)
        .join(MatchMember)
        .where(MatchMember.participant == participant_id)
    )
    found = list(matches)
    if found:
        listing = ", ".join(f"#{m.id} ({m.status})" for m in found)
        raise ParticipantInUse(
            f"{person.display_name} is a member of match {listing}. Close or delete the match first, "
            "or erase the person instead (their match keeps an anonymised stub)."
        )
    with database.atomic():
        person.delete_instance()
