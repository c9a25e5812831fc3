"""The safeguarding register: screening checks, each person's checklist, and what needs chasing.

``attention_items`` is picked up by the dashboard (services/dashboard.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from mentordesk.core.attention import Attention
from mentordesk.core.participants import (
    Clearance,
    attention_reasons,
    clean,
    display_name,
    is_minor,
    renewal_due,
)
from mentordesk.core.vocab import CheckKind, CheckOutcome, ConsentKind, EnrolmentStatus, Role
from mentordesk.services.participants.clearance import (
    ScreeningFacts,
    clearance_map,
    rules_for,
    soonest_expiries,
)
from mentordesk.services.participants.people import ParticipantError
from mentordesk.store.db import database
from mentordesk.store.models import ConsentRecord, Enrolment, Guardian, Participant, ScreeningCheck
from mentordesk.store.rows import raw_rows, tuples

CHECK_LABELS = {
    CheckKind.APPLICATION.value: "Application",
    CheckKind.INTERVIEW.value: "Interview",
    CheckKind.REFERENCE.value: "Reference",
    CheckKind.BACKGROUND.value: "Background check",
    CheckKind.TRAINING.value: "Training",
    CheckKind.CODE_OF_CONDUCT.value: "Code of conduct",
    CheckKind.ORIENTATION.value: "Orientation",
}


@dataclass
class CheckInput:
    kind: str
    outcome: str = CheckOutcome.PENDING.value
    check_type: str = ""
    reference_number: str = ""
    completed_on: date | None = None
    expires_on: date | None = None
    person_name: str = ""
    relationship: str = ""
    hours: float | None = None
    topics: str = ""
    notes: str = ""


class CheckRow(NamedTuple):
    id: int
    kind: str
    outcome: str
    check_type: str
    reference_number: str
    completed_on: date | None
    expires_on: date | None
    person_name: str
    relationship: str
    hours: float | None
    topics: str
    notes: str

    def as_input(self) -> CheckInput:
        return CheckInput(
            self.kind,
            self.outcome,
            self.check_type,
            self.reference_number,
            self.completed_on,
            self.expires_on,
            self.person_name,
            self.relationship,
            self.hours,
            self.topics,
            self.notes,
        )


class ChecklistItem(NamedTuple):
    step: str
    done: bool
    detail: str
    required: bool = True  # optional steps (orientation) never block clearance
    on: date | None = None  # when it was done (the UI shows it in the user's locale)
    renew_by: date | None = None
    notes: tuple[str, ...] = ()  # the notes of the checks (or consents) behind the step


class Checklist(NamedTuple):
    clearance: Clearance | None
    items: tuple[ChecklistItem, ...]


def validate_check(
    data: CheckInput, today: date | None = None, kinds: dict[str, str] | None = None
) -> dict[str, str]:
    """Problems by field; ``kinds`` are the check types the programme knows (built-in ones by default)."""
    today = today or date.today()
    errors: dict[str, str] = {}
    if data.kind not in (kinds or CHECK_LABELS):
        errors["kind"] = "Choose which check this is (" + ", ".join((kinds or CHECK_LABELS).values()) + ")."
    if data.outcome not in {o.value for o in CheckOutcome}:
        errors["outcome"] = "Choose pending, passed or failed."
    done = data.outcome != CheckOutcome.PENDING.value
    if done and data.completed_on is None:
        errors["completed_on"] = "Give the date the check was completed."
    if data.completed_on and data.completed_on > today:
        errors["completed_on"] = "The completion date is in the future."
    if data.completed_on and data.expires_on and data.expires_on <= data.completed_on:
        errors["expires_on"] = "The check expires before it was completed: check the dates."
    if data.kind == CheckKind.BACKGROUND.value and done and not clean(data.check_type):
        errors["check_type"] = "Say which check it was (e.g. Enhanced DBS with barred list)."
    if data.kind == CheckKind.REFERENCE.value and not clean(data.person_name):
        errors["person_name"] = "Give the referee's name."
    if data.kind == CheckKind.TRAINING.value and data.outcome == CheckOutcome.PASSED.value:
        if data.hours is None or data.hours <= 0:
            errors["hours"] = "Give the training hours (e.g. 2.5)."
        elif data.hours > 200:
            errors["hours"] = "More than 200 hours of training in one session? Check the number."
    return errors


def _kinds(programme_id: int | None, also: str = "") -> dict[str, str]:
    from mentordesk.services.participants.clearance import check_types

    kinds = check_types(programme_id).labels() if programme_id else dict(CHECK_LABELS)
    if also and also not in kinds:
        kinds[also] = also  # a check kept from a type since removed can still be edited
    return kinds


def _values(data: CheckInput, kinds: dict[str, str] | None = None) -> dict:
    errors = validate_check(data, kinds=kinds)
    if errors:
        raise ParticipantError(" ".join(errors.values()))
    return {
        "kind": data.kind,
        "outcome": data.outcome,
        "check_type": clean(data.check_type),
        "reference_number": clean(data.reference_number),
        "completed_on": data.completed_on,
        "expires_on": data.expires_on,
        "person_name": clean(data.person_name),
        "relationship": clean(data.relationship),
        "hours": data.hours,
        "topics": data.topics.strip(),
        "notes": data.notes.strip(),
    }


def _row(c: ScreeningCheck) -> CheckRow:
    return CheckRow(
        c.id,
        c.kind,
        c.outcome,
        c.check_type,
        c.reference_number,
        c.completed_on,
        c.expires_on,
        c.person_name,
        c.relationship,
        c.hours,
        c.topics,
        c.notes,
    )


def list_checks(participant_id: int, programme_id: int | None) -> list[CheckRow]:
    """Checks of this programme plus the ones held for the person across programmes."""
    query = ScreeningCheck.select().where(ScreeningCheck.participant == participant_id)
    if programme_id:
        query = query.where(ScreeningCheck.programme.is_null() | (ScreeningCheck.programme == programme_id))
    order = {kind: n for n, kind in enumerate(CHECK_LABELS)}  # the programme's own types follow
    return sorted(
        (_row(c) for c in query),
        key=lambda r: (order.get(r.kind, len(order)), r.kind, r.completed_on or date.max, r.id),
    )


def add_check(participant_id: int, programme_id: int | None, data: CheckInput) -> int:
    if Participant.get_or_none(Participant.id == participant_id) is None:
        raise ParticipantError(f"No participant with id {participant_id}.")
    values = _values(data, _kinds(programme_id))
    return ScreeningCheck.create(participant=participant_id, programme=programme_id, **values).id


def update_check(check_id: int, data: CheckInput) -> None:
    check = ScreeningCheck.get_or_none(ScreeningCheck.id == check_id)
    if check is None:
        raise ParticipantError(f"No screening check with id {check_id}.")
    for key, value in _values(data, _kinds(check.programme_id, check.kind)).items():
        setattr(check, key, value)
    check.save()


def delete_check(check_id: int) -> None:
    check = ScreeningCheck.get_or_none(ScreeningCheck.id == check_id)
    if check is not None:
        with database.atomic():
            check.delete_instance()


def checklist(participant_id: int, programme_id: int, on: date | None = None) -> Checklist:
    """The steps the programme's rules ask of this person, each done or not, and the clearance."""
    on = on or date.today()
    enrolment = Enrolment.get_or_none(
        (Enrolment.participant == participant_id) & (Enrolment.programme == programme_id)
    )
    if enrolment is None:
        return Checklist(None, ())
    rules = rules_for(programme_id)
    clearance = clearance_map(programme_id, on, [participant_id]).get(participant_id)
    checks = list_checks(participant_id, programme_id)
    passed = defaultdict(list)
    for check in checks:
        if check.outcome == CheckOutcome.PASSED.value:
            passed[check.kind].append(check)
    items: list[ChecklistItem] = []

    def step(
        label: str,
        done: bool,
        detail: str = "",
        required: bool = True,
        on: date | None = None,
        renew_by: date | None = None,
        kind: str = "",
        notes: tuple[str, ...] = (),
    ) -> None:
        if kind:
            notes = tuple(c.notes for c in checks if c.kind == kind and c.notes.strip())
        items.append(ChecklistItem(label, done, detail, required, on, renew_by, notes))

    if enrolment.role == Role.MENTOR.value:
        step("Application", bool(passed["application"]), on=_when(passed["application"]), kind="application")
        if rules.interview:
            step("Interview", bool(passed["interview"]), on=_when(passed["interview"]), kind="interview")
        refs = passed["reference"]
        step(
            f"References ({rules.references} needed)",
            len(refs) >= rules.references,
            ", ".join(r.person_name for r in refs) or "none yet",
            kind="reference",
        )
        if rules.background_check:
            cycle = rules.check_types.cycle("background_check")
            dues = [(renewal_due(c.completed_on, c.expires_on, cycle), c) for c in passed["background_check"]]
            valid = [(d, c) for d, c in dues if d is None or d >= on]
            best = max(valid, key=lambda dc: dc[0] or date.max, default=None)
            detail = "none valid" if best is None else (best[1].check_type or "cleared")
            step(
                "Background check",
                best is not None,
                detail,
                on=best[1].completed_on if best else None,
                renew_by=best[0] if best else None,
                kind="background_check",
            )
        hours = sum(c.hours or 0 for c in passed["training"])
        step(
            f"Training ({rules.training_hours:g} h needed)",
            hours + 1e-9 >= rules.training_hours,
            f"{hours:g} h done",
            kind="training",
        )
        if rules.code_of_conduct:
            step(
                "Code of conduct signed",
                bool(passed["code_of_conduct"]),
                on=_when(passed["code_of_conduct"]),
                kind="code_of_conduct",
            )
    else:
        person = Participant.get_by_id(participant_id)
        minor = is_minor(person.date_of_birth, person.age_band, on)
        if minor is None:
            step("Age known", False, "add a date of birth or an age band")
        elif minor:
            guardians = Guardian.select().where(Guardian.participant == participant_id).count()
            step("Guardian details", guardians > 0, f"{guardians} recorded")
            consents = [
                c
                for c in ConsentRecord.select().where(
                    (ConsentRecord.participant == participant_id)
                    & (ConsentRecord.kind == ConsentKind.PARENTAL_PERMISSION.value)
                )
            ]
            permissions = [
                c
                for c in consents
                if c.given
                and (c.withdrawn_on is None or c.withdrawn_on > on)
                and (c.expires_on is None or c.expires_on >= on)
            ]
            step(
                "Parental permission",
                bool(permissions),
                "" if permissions else "not given",
                on=max((c.given_on for c in permissions if c.given_on), default=None),
                notes=tuple(c.notes for c in consents if c.notes.strip()),
            )
        done = bool(passed["orientation"])
        step(
            "Orientation",
            done,
            "" if done else "optional",
            required=False,
            on=_when(passed["orientation"]),
            kind="orientation",
        )
    for check_type in rules.check_types.custom:  # the programme's own checks asked of this person
        if not check_type.required_of(enrolment.role, bool(enrolment.drives)):
            continue
        dues = [
            (renewal_due(c.completed_on, c.expires_on, check_type.renewal_months), c) for c in passed[check_type.key]
        ]
        valid = [(d, c) for d, c in dues if d is None or d >= on]
        current = max(valid, key=lambda dc: dc[0] or date.max, default=None)
        step(
            check_type.name,
            current is not None,
            "" if current else "none valid",
            on=current[1].completed_on if current else None,
            renew_by=current[0] if current else None,
            kind=check_type.key,
        )
    return Checklist(clearance, tuple(items))


def _when(checks: list[CheckRow]) -> date | None:
    return max((c.completed_on for c in checks if c.completed_on), default=None)


def earliest_expiries(
    participant_ids: list[int] | None, programme_id: int, facts: ScreeningFacts | None = None
) -> dict[int, date]:
    """Per person, the soonest date one of their passed checks lapses (the latest of each kind counts).

    ``facts``: the programme's screening records when the caller has read them already (the soonest
    dates are worked out from them once for everyone in them)."""
    if facts is not None:
        soonest = facts.soonest_expiry
        if participant_ids is None:
            return dict(soonest)
        return {pid: soonest[pid] for pid in participant_ids if pid in soonest}
    query = ScreeningCheck.select(ScreeningCheck.participant, ScreeningCheck.kind, ScreeningCheck.expires_on).where(
        (ScreeningCheck.outcome == CheckOutcome.PASSED.value)
        & (ScreeningCheck.programme.is_null() | (ScreeningCheck.programme == programme_id))
    )
    if participant_ids is not None:
        query = query.where(ScreeningCheck.participant.in_(participant_ids))
    return soonest_expiries(tuples(query))


def attention_items(
    programme_id: int,
    on: date | None = None,
    clearances: Mapping[int, Clearance] | None = None,
    facts: ScreeningFacts | None = None,
) -> list[Attention]:
    """Checks expiring within 30 days or expired, missing consent, training not done.

    ``clearances``, ``facts``: the programme's clearance map and screening records when the caller has
    them already (the dashboard)."""
    on = on or date.today()
    rows = list(
        raw_rows(
            Enrolment.select(
                Enrolment.participant,
                Enrolment.role,
                Enrolment.status,
                Participant.first_name,
                Participant.preferred_name,
                Participant.last_name,
            )
            .join(Participant)
            .where((Enrolment.programme == programme_id) & (Enrolment.status != EnrolmentStatus.EXITED.value))
        )
    )
    if not rows:
        return []
    if clearances is None:
        clearances = clearance_map(programme_id, on, facts=facts)
    expiries = earliest_expiries(None, programme_id, facts)
    items = []
    for pid, role, status, first, preferred, last in rows:
        reasons = attention_reasons(role, status, clearances.get(pid), expiries.get(pid), on)
        if not reasons:
            continue
        expiry = expiries.get(pid)
        overdue = (on - expiry).days if expiry and expiry < on else 0
        name = display_name(first, last, preferred)
        items.append(Attention("participants", name, "; ".join(reasons), overdue, participant_id=pid))
    return items
