"""The register: each invitee's mark, typed in the GUI or read from a CSV file; a training session's
attendees get a passed training check (the event's date, hours and topics) in their screening."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mentordesk.core.events import MARKS, read_register
from mentordesk.core.vocab import CheckKind, CheckOutcome
from mentordesk.services import participants
from mentordesk.services.events.records import EventError, candidates
from mentordesk.store.db import database
from mentordesk.store.models import EventInvitee, Participant, ProgrammeEvent, ScreeningCheck
from mentordesk.store.versions import FieldChange, RecordChanged


@dataclass(frozen=True)
class MarkChange(FieldChange):
    """One person someone else marked while my register was open: their mark against mine."""

    participant_id: int = 0
    person: str = ""

    @property
    def label(self) -> str:
        return self.person


class RegisterChanged(RecordChanged):
    """Someone else saved marks for people this register also marked: nothing was written."""

    rows_are_people = True  # the conflict dialog's rows are people, not fields

    def __init__(self, event_id: int, changes: list[MarkChange]) -> None:
        super().__init__("register", event_id, list(changes), 0, 0, None)
        names = ", ".join(c.person for c in changes[:5]) + (", …" if len(changes) > 5 else "")
        self.args = (
            f"Someone else saved this register after you opened it and marked {len(changes)} of the "
            f"same people ({names}). Nothing was saved: choose whose mark to keep for each.",
        )

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class RegisterResult:
    marked: int = 0  # marks set or changed
    added: int = 0  # people on the register who were not invited (walk-ins), now invitees
    checks: int = 0  # training checks recorded
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems


def _check_input(event: ProgrammeEvent) -> participants.CheckInput:
    on = event.starts_at.date()
    return participants.CheckInput(
        kind=CheckKind.TRAINING.value,
        outcome=CheckOutcome.PASSED.value,
        check_type=event.title,
        completed_on=on,
        hours=event.training_hours,
        topics=event.training_topics,
        notes=f"Recorded from the register of the event '{event.title}' on {on.isoformat()}.",
    )


def sync_training_checks(event_id: int) -> int:
    """Make the training checks match the register: one per attendee of a training session, none
    otherwise. Returns how many checks were created."""
    event = ProgrammeEvent.get_by_id(event_id)
    training = event.kind == "training"
    created = 0
    with database.atomic():
        for invitee in EventInvitee.select().where(EventInvitee.event == event_id):
            wants = training and invitee.mark == "attended"
            check_id = invitee.training_check_id
            check = ScreeningCheck.get_or_none(ScreeningCheck.id == check_id) if check_id else None
            if wants and check is None:
                try:
                    new_id = participants.add_check(
                        invitee.participant_id, event.programme_id, _check_input(event)
                    )
                except participants.ParticipantError as exc:
                    raise EventError(f"Cannot record the training check: {exc}") from None
                invitee.training_check_id = new_id
                invitee.save()
                created += 1
            elif wants and check is not None:
                data = _check_input(event)
                if (check.completed_on, check.hours, check.topics, check.check_type) != (
                    data.completed_on,
                    data.hours,
                    data.topics,
                    data.check_type,
                ):
                    data.notes = check.notes or data.notes
                    participants.update_check(check.id, data)
            elif not wants and check_id is not None:
                invitee.training_check_id = None
                invitee.save()
                if check is not None:
                    participants.delete_check(check.id)
    return created


def record_marks(
    event_id: int,
    marks: Mapping[int, str],
    today: date | None = None,
    opened_with: Mapping[int, str] | None = None,
) -> RegisterResult:
    """Set the marks of these invitees (participant id -> attended, apologies, absent or "" to clear).

    People not yet invited but enrolled in the programme are added (walk-ins). An event still to come
    takes apologies only. All or nothing. ``opened_with``: the marks as the register showed them when
    it opened (participant id -> mark, "" for none); when someone else has since given one of these
    people a different mark than this save does, ``RegisterChanged`` is raised and nothing is saved
    (two coordinators at one sign-in desk never silently overwrite each other)."""
    today = today or date.today()
    event = ProgrammeEvent.get_or_none(ProgrammeEvent.id == event_id)
    if event is None:
        raise EventError(f"No event with id {event_id}: it may have been deleted.")
    bad = sorted({m for m in marks.values() if m not in MARKS})
    if bad:
        raise EventError(f"'{bad[0]}' is not a mark: use attended, apologies or absent.")
    if event.starts_at.date() > today and any(m in ("attended", "absent") for m in marks.values()):
        raise EventError(
            f"The event is on {event.starts_at.date().isoformat()}, still to come: only apologies can be "
            "recorded before it. Mark attendance on the day or after."
        )
    enrolled = {c.participant_id for c in candidates(event.programme_id)}
    strangers = [pid for pid in marks if pid not in enrolled]
    if strangers:
        raise EventError(
            f"{len(strangers)} of these people are not enrolled in this programme: enrol them first."
        )
    marked = added = 0
    with database.atomic():
        current = {i.participant_id: i for i in EventInvitee.select().where(EventInvitee.event == event_id)}
        if opened_with is not None:
            _refuse_overwrite(event_id, marks, opened_with, {pid: i.mark for pid, i in current.items()})
        for pid, mark in marks.items():
            invitee = current.get(pid)
            if invitee is None:
                EventInvitee.create(event=event_id, participant=pid, mark=mark)
                added += 1
                marked += 1 if mark else 0
            elif invitee.mark != mark:
                invitee.mark = mark
                invitee.save()
                marked += 1
        checks = sync_training_checks(event_id)
    return RegisterResult(marked, added, checks)


def _refuse_overwrite(
    event_id: int, marks: Mapping[int, str], opened: Mapping[int, str], now: Mapping[int, str]
) -> None:
    clashes = [
        pid for pid, mine in marks.items() if now.get(pid, "") != opened.get(pid, "") and now.get(pid, "") != mine
    ]
    if not clashes:
        return
    names = {
        p.id: p.display_name
        for p in Participant.select(Participant.id, Participant.first_name, Participant.last_name, Participant.preferred_name)
        .where(Participant.id.in_(clashes))
    }
    raise RegisterChanged(
        event_id,
        [
            MarkChange(
                name=str(pid),
                theirs=now.get(pid, ""),
                mine=marks[pid],
                base=opened.get(pid, ""),
                base_known=True,
                shown=(MARKS[now.get(pid, "")], MARKS[marks[pid]]),
                participant_id=pid,
                person=names.get(pid, f"Participant {pid}"),
            )
            for pid in sorted(clashes, key=lambda p: names.get(p, "").casefold())
        ],
    )


def import_register(
    event_id: int, path: Path | str, today: date | None = None, *, dry_run: bool = False
) -> RegisterResult:
    """Read a register from a CSV file (name or e-mail, and a mark per row) and record it.

    People are found among the programme's participants by e-mail, else by name (display or full
    name, case ignored). Any problem (an unknown person, a name two people share, a word that is
    not a mark) is reported by row and nothing is saved; ``dry_run`` checks and saves nothing."""
    event = ProgrammeEvent.get_or_none(ProgrammeEvent.id == event_id)
    if event is None:
        raise EventError(f"No event with id {event_id}: it may have been deleted.")
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise EventError(f"Cannot read {Path(path).name}: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    lines, problems = read_register(text)
    if problems:
        return RegisterResult(problems=tuple(problems))
    people = candidates(event.programme_id)
    by_email: dict[str, list[int]] = {}
    by_name: dict[str, list[int]] = {}
    from mentordesk.store.models import Participant

    full = {
        p.id: f"{p.first_name} {p.last_name}".strip()
        for p in Participant.select().where(Participant.id.in_([c.participant_id for c in people]))
    }
    for person in people:
        if person.email:
            by_email.setdefault(person.email.lower(), []).append(person.participant_id)
        for name in {person.name, full.get(person.participant_id, "")}:
            if name:
                ids = by_name.setdefault(name.casefold(), [])
                if person.participant_id not in ids:
                    ids.append(person.participant_id)
    marks: dict[int, str] = {}
    seen: dict[int, int] = {}
    for line in lines:
        found = by_email.get(line.email, []) if line.email else []
        if not found and line.name:
            found = by_name.get(line.name.casefold(), [])
        who = line.email or line.name
        if not found:
            problems.append(f"Row {line.row}: nobody called '{who}' is enrolled in {event.programme.name}.")
            continue
        if len(found) > 1:
            problems.append(
                f"Row {line.row}: {len(found)} people are called '{who}': add an email column to tell them apart."
            )
            continue
        pid = found[0]
        if pid in seen:
            problems.append(
                f"Row {line.row}: '{who}' is already on row {seen[pid]}: keep one row per person."
            )
            continue
        seen[pid] = line.row
        marks[pid] = line.mark
    if problems:
        return RegisterResult(problems=tuple(problems))
    if dry_run:
        return RegisterResult(marked=len(marks))
    try:
        return record_marks(event_id, marks, today)
    except EventError as exc:
        return RegisterResult(problems=(str(exc),))
