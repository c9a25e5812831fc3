"""A speed-mentoring night: the event, who is invited, check-in, the rounds (re-planned for no-shows),
wishes to meet again, the follow-up run's wishes and turning a speed pair into a match.

Each mentor keeps a numbered table all night; mentees move. The first plan and every re-plan come
from ``core.pairing.plan_rounds``: only people present (or, before anyone is checked in, everyone
invited and not marked absent), the hard rules and scores of the matcher, rounds already held kept
as they were and no pair meeting twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from mentordesk.core import pairing as pairing_rules
from mentordesk.core.csv_files import NotCsv, iter_records, sniff
from mentordesk.core.vocab import ProgrammeKind, Role
from mentordesk.services.pairing.cohort import Cohort, load_cohort, names_of
from mentordesk.services.pairing.results import PairingError
from mentordesk.store.db import database
from mentordesk.store.models import Participant, Programme, SpeedEvent, SpeedMeeting, SpeedSeat, SpeedWish
from mentordesk.store.rows import tuples

PRESENT, NO_SHOW, INVITED = "present", "no_show", "invited"
ATTENDANCE = (INVITED, PRESENT, NO_SHOW)
MAX_ROUNDS = 30
MAX_ROUND_MINUTES = 120
_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class EventRow:
    id: int
    title: str
    held_on: date
    starts_at: str
    venue: str
    rounds: int
    round_minutes: int
    rounds_held: int

    @property
    def label(self) -> str:
        return f"{self.title or 'Speed mentoring'} — {self.held_on.isoformat()}"


@dataclass(frozen=True)
class SeatRow:
    participant_id: int
    name: str
    role: str
    table_no: int | None
    attendance: str


@dataclass(frozen=True)
class MeetingRow:
    round_no: int
    table_no: int | None
    mentor_id: int
    mentor: str
    mentee_id: int
    mentee: str
    score: float | None


@dataclass
class Night:
    event: EventRow
    seats: list[SeatRow]
    meetings: list[MeetingRow]
    wishes: list[tuple[int, int]] = field(default_factory=list)  # (who wishes, whom)

    def round(self, number: int) -> list[MeetingRow]:
        return [m for m in self.meetings if m.round_no == number]

    def partners(self, participant_id: int) -> list[int]:
        """Whom this person met (or is to meet) tonight."""
        out = [m.mentor_id for m in self.meetings if m.mentee_id == participant_id]
        return out + [m.mentee_id for m in self.meetings if m.mentor_id == participant_id]

    def round_times(self) -> list[str]:
        """Each round's start ("18:30"), when the event has a start time; else empty strings."""
        event = self.event
        if not event.starts_at:
            return [""] * event.rounds
        start = datetime.combine(event.held_on, datetime.strptime(event.starts_at, "%H:%M").time())
        return [
            (start + timedelta(minutes=r * event.round_minutes)).strftime("%H:%M")
            for r in range(event.rounds)
        ]

    def counts(self) -> dict[str, int]:
        out = {a: 0 for a in ATTENDANCE}
        for seat in self.seats:
            out[seat.attendance] += 1
        return out


def _row(event: SpeedEvent) -> EventRow:
    held = event.held_on if isinstance(event.held_on, date) else date.fromisoformat(str(event.held_on)[:10])
    return EventRow(
        event.id,
        event.title,
        held,
        event.starts_at,
        event.venue,
        event.rounds,
        event.round_minutes,
        event.rounds_held,
    )


def _checked(rounds: int, round_minutes: int, starts_at: str) -> None:
    if not 1 <= rounds <= MAX_ROUNDS:
        raise PairingError(f"Rounds: enter a number from 1 to {MAX_ROUNDS}, not {rounds}.")
    if not 1 <= round_minutes <= MAX_ROUND_MINUTES:
        raise PairingError(f"Round length: enter minutes from 1 to {MAX_ROUND_MINUTES}, not {round_minutes}.")
    if starts_at and not _TIME.match(starts_at.strip()):
        raise PairingError(f"Starts at: write the time as hours:minutes, e.g. 18:30 (not “{starts_at}”).")


def create_event(
    programme_id: int,
    held_on: date,
    *,
    venue: str = "",
    rounds: int = 6,
    round_minutes: int = 8,
    starts_at: str = "",
    title: str = "",
) -> int:
    """A new speed-mentoring night for a speed programme; nobody is invited yet."""
    programme = Programme.get_by_id(programme_id)
    if programme.kind != ProgrammeKind.SPEED.value:
        raise PairingError("Speed-mentoring events belong to speed-mentoring programmes.")
    _checked(rounds, round_minutes, starts_at)
    event = SpeedEvent.create(
        programme=programme_id,
        held_on=held_on,
        venue=venue.strip(),
        rounds=rounds,
        round_minutes=round_minutes,
        starts_at=starts_at.strip(),
        title=title.strip(),
    )
    return event.id


def update_event(
    event_id: int,
    *,
    held_on: date,
    venue: str,
    rounds: int,
    round_minutes: int,
    starts_at: str = "",
    title: str = "",
) -> None:
    event = SpeedEvent.get_by_id(event_id)
    _checked(rounds, round_minutes, starts_at)
    if rounds < event.rounds_held:
        raise PairingError(
            f"Rounds: {event.rounds_held} rounds have been held already; enter {event.rounds_held} or more."
        )
    event.held_on, event.venue, event.round_minutes = held_on, venue.strip(), round_minutes
    event.starts_at, event.title = starts_at.strip(), title.strip()
    changed = rounds != event.rounds
    event.rounds = rounds
    with database.atomic():
        event.save()
        if changed and SpeedSeat.select().where(SpeedSeat.event == event_id).exists():
            _replan(event)


def list_events(programme_id: int) -> list[EventRow]:
    query = (
        SpeedEvent.select()
        .where(SpeedEvent.programme == programme_id)
        .order_by(SpeedEvent.held_on.desc(), SpeedEvent.id.desc())
    )
    return [_row(e) for e in query]


def invite_waiting(event_id: int) -> tuple[int, int]:
    """Invite everyone ready in the programme (mentors get tables 1, 2, … by name) and plan the rounds.

    People already invited keep their seat and tick; returns (mentees, mentors) invited in all."""
    event = SpeedEvent.get_by_id(event_id)
    cohort = _cohort(event)
    if not cohort.mentees or not cohort.mentors:
        raise PairingError(
            "Nobody to invite: the programme needs mentors and mentees who are ready (screened)."
        )
    seated = {s.participant_id: s for s in SpeedSeat.select().where(SpeedSeat.event == event_id)}
    tables = [s.table_no for s in seated.values() if s.table_no]
    next_table = max(tables, default=0) + 1
    with database.atomic():
        for person in sorted(cohort.mentors, key=lambda p: p.name.casefold()):
            if person.id not in seated:
                SpeedSeat.create(
                    event=event_id, participant=person.id, role=Role.MENTOR.value, table_no=next_table
                )
                next_table += 1
        for person in cohort.mentees:
            if person.id not in seated:
                SpeedSeat.create(event=event_id, participant=person.id, role=Role.MENTEE.value)
        _replan(event, cohort)
    roles = [s.role for s in SpeedSeat.select(SpeedSeat.role).where(SpeedSeat.event == event_id)]
    return roles.count(Role.MENTEE.value), roles.count(Role.MENTOR.value)


def _cohort(event: SpeedEvent) -> Cohort:
    return load_cohort(event.programme_id, _row(event).held_on, keep_drafts=False)


def set_attendance(event_id: int, participant_id: int, attendance: str) -> None:
    """Tick someone in (``present``), mark them absent (``no_show``) or clear the tick (``invited``)."""
    if attendance not in ATTENDANCE:
        raise PairingError(f"Attendance: choose one of {', '.join(ATTENDANCE)}, not “{attendance}”.")
    seat = SpeedSeat.get_or_none(SpeedSeat.event == event_id, SpeedSeat.participant == participant_id)
    if seat is None:
        raise PairingError("That person is not invited to this event: invite them first.")
    seat.attendance = attendance
    seat.checked_in_at = datetime.now(UTC) if attendance == PRESENT else None
    seat.save()


def mark_no_shows(event_id: int) -> int:
    """Everyone not ticked in is marked absent; returns how many."""
    return (
        SpeedSeat.update(attendance=NO_SHOW)
        .where((SpeedSeat.event == event_id) & (SpeedSeat.attendance == INVITED))
        .execute()
    )


def replan(event_id: int, rounds_held: int | None = None) -> Night:
    """Keep the rounds held (``rounds_held``, else as recorded) and rebuild the rest for those present."""
    event = SpeedEvent.get_by_id(event_id)
    if rounds_held is not None:
        if not 0 <= rounds_held <= event.rounds:
            raise PairingError(f"Rounds held: enter a number from 0 to {event.rounds}, not {rounds_held}.")
        event.rounds_held = rounds_held
    with database.atomic():
        event.save()
        _replan(event)
    return night(event_id)


def _replan(event: SpeedEvent, cohort: Cohort | None = None) -> None:
    cohort = cohort or _cohort(event)
    seats = list(SpeedSeat.select().where(SpeedSeat.event == event.id))
    anyone_in = any(s.attendance == PRESENT for s in seats)
    here = {
        s.participant_id for s in seats if (s.attendance == PRESENT if anyone_in else s.attendance != NO_SHOW)
    }
    SpeedMeeting.delete().where(
        (SpeedMeeting.event == event.id) & (SpeedMeeting.round_no > event.rounds_held)
    ).execute()
    met = {(m.mentee_id, m.mentor_id) for m in SpeedMeeting.select().where(SpeedMeeting.event == event.id)}
    remaining = event.rounds - event.rounds_held
    if remaining <= 0 or not cohort.mentees or not cohort.mentors:
        return
    from mentordesk.services.pairing.run import score_cohort

    matrix, allowed = score_cohort(cohort)
    row_of = {p.id: i for i, p in enumerate(cohort.mentees)}
    col_of = {p.id: j for j, p in enumerate(cohort.mentors)}
    invited = {s.participant_id for s in seats}
    present_rows = {row_of[p] for p in here & invited if p in row_of}
    present_cols = {col_of[p] for p in here & invited if p in col_of}
    already = {(row_of[a], col_of[b]) for a, b in met if a in row_of and b in col_of}
    plan = pairing_rules.plan_rounds(
        matrix.scores,
        allowed,
        remaining,
        present_mentees=present_rows,
        present_mentors=present_cols,
        met=already,
    )
    rows = [
        {
            "event": event.id,
            "round_no": event.rounds_held + r + 1,
            "mentor": cohort.mentors[m].id,
            "mentee": cohort.mentees[e].id,
            "score": round(float(matrix.scores[e, m]), 1),
        }
        for r, meetings in enumerate(plan.rounds)
        for e, m in meetings
    ]
    if rows:
        SpeedMeeting.insert_many(rows).execute()


def night(event_id: int) -> Night:
    """Everything the Speed night tab and the printouts show, as plain rows."""
    event = SpeedEvent.get_by_id(event_id)
    seats = list(SpeedSeat.select().where(SpeedSeat.event == event_id))
    meetings = list(SpeedMeeting.select().where(SpeedMeeting.event == event_id))
    wishes = [(w.wisher_id, w.wished_id) for w in SpeedWish.select().where(SpeedWish.event == event_id)]
    names = names_of({s.participant_id for s in seats} | {p for w in wishes for p in w})
    table_of = {s.participant_id: s.table_no for s in seats}
    seat_rows = sorted(
        (
            SeatRow(s.participant_id, names.get(s.participant_id, ""), s.role, s.table_no, s.attendance)
            for s in seats
        ),
        key=lambda s: (s.role != Role.MENTOR.value, s.table_no or 0, s.name.casefold()),
    )
    meeting_rows = sorted(
        (
            MeetingRow(
                m.round_no,
                table_of.get(m.mentor_id),
                m.mentor_id,
                names.get(m.mentor_id, ""),
                m.mentee_id,
                names.get(m.mentee_id, ""),
                m.score,
            )
            for m in meetings
        ),
        key=lambda m: (m.round_no, m.table_no or 0),
    )
    return Night(_row(event), seat_rows, meeting_rows, sorted(wishes))


# -- wishes ----------------------------------------------------------------------------------------


def set_wishes(event_id: int, wisher_id: int, wished_ids: list[int]) -> None:
    """Replace whom ``wisher_id`` would like to meet again (only people they met tonight)."""
    current = night(event_id)
    met = set(current.partners(wisher_id))
    if wisher_id not in {s.participant_id for s in current.seats}:
        raise PairingError("That person was not invited to this event.")
    strangers = [p for p in wished_ids if p not in met]
    if strangers:
        names = names_of(strangers)
        raise PairingError(
            "A wish to meet again is for someone met at the event; "
            + ", ".join(names.get(p, str(p)) for p in strangers)
            + " did not meet them."
        )
    with database.atomic():
        SpeedWish.delete().where((SpeedWish.event == event_id) & (SpeedWish.wisher == wisher_id)).execute()
        for wished in dict.fromkeys(wished_ids):
            SpeedWish.create(event=event_id, wisher=wisher_id, wished=wished)


@dataclass(frozen=True)
class WishImport:
    added: int
    people: int


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def import_wishes(event_id: int, path: Path | str) -> WishImport:
    """Wishes from a CSV (or workbook): a column naming the participant and one naming whom they
    would like to meet again (several names separated by ";"). Names are matched to the people
    invited (display name, full name or e-mail). Any problem: nothing is saved and every bad row is named."""
    try:
        sniffed = sniff(path)
    except NotCsv as exc:
        raise PairingError(f"{Path(path).name}: {exc}") from exc
    except OSError as exc:
        raise PairingError(f"Could not read {Path(path).name}: {exc.strerror or exc}.") from exc
    header = [_key(h) for h in sniffed.header]
    who = next((i for i, h in enumerate(header) if h in {"participant", "name", "who"}), None)
    whom = next((i for i, h in enumerate(header) if "again" in h or h in {"wishes", "wish"}), None)
    if who is None or whom is None:
        raise PairingError(
            f"{Path(path).name}: the first row needs a “Participant” column and a “Meet again” column "
            f"(found: {', '.join(sniffed.header) or 'nothing'})."
        )
    current = night(event_id)
    seats = {s.participant_id for s in current.seats}
    lookup: dict[str, set[int]] = {}
    for pid, first, last, preferred, email in tuples(
        Participant.select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            Participant.preferred_name,
            Participant.email,
        ).where(Participant.id.in_(list(seats)))
    ):
        for name in {f"{first} {last}", f"{preferred or first} {last}", email or ""}:
            if name.strip():
                lookup.setdefault(_key(name), set()).add(pid)
    problems: list[str] = []
    wanted: dict[int, list[int]] = {}

    def person(text: str, row: int) -> int | None:
        ids = lookup.get(_key(text), set())
        if len(ids) == 1:
            return next(iter(ids))
        problems.append(
            f"row {row}: “{text}” is {'two or more people: use the e-mail' if ids else 'not invited to this event'}"
        )
        return None

    for record in iter_records(sniffed):
        if record.blank:
            continue
        if record.error:
            problems.append(f"row {record.row}: {record.error}")
            continue
        cells = record.cells
        name = cells[who].strip() if who < len(cells) else ""
        targets = [t.strip() for t in (cells[whom] if whom < len(cells) else "").split(";") if t.strip()]
        if not name:
            if targets:
                problems.append(f"row {record.row}: the Participant cell is empty")
            continue
        wisher = person(name, record.row)
        if wisher is None:
            continue
        met = set(current.partners(wisher))
        for target in targets:
            wished = person(target, record.row)
            if wished is None:
                continue
            if wished not in met:
                problems.append(f"row {record.row}: {name} did not meet {target} at this event")
                continue
            wanted.setdefault(wisher, [])
            if wished not in wanted[wisher]:
                wanted[wisher].append(wished)
    if problems:
        shown = "; ".join(problems[:8]) + (f"; and {len(problems) - 8} more" if len(problems) > 8 else "")
        raise PairingError(f"Nothing was imported. {shown}. Correct the file and import it again.")
    with database.atomic():
        for wisher, wished_ids in wanted.items():
            set_wishes(event_id, wisher, wished_ids)
    return WishImport(sum(len(v) for v in wanted.values()), len(wanted))


def follow_up_wishes(cohort: Cohort) -> dict[tuple[int, int], pairing_rules.WishBonus]:
    """The wishes of the programme's latest event that has any, as the follow-up run's bonuses."""
    event = (
        SpeedEvent.select()
        .join(SpeedWish)
        .where(SpeedEvent.programme == cohort.programme_id)
        .order_by(SpeedEvent.held_on.desc(), SpeedEvent.id.desc())
        .first()
    )
    if event is None:
        raise PairingError(
            "The follow-up run pairs people who asked to meet again: record the wishes on the Speed night "
            "tab (or import them) first."
        )
    wishes = {(w.wisher_id, w.wished_id) for w in SpeedWish.select().where(SpeedWish.event == event.id)}
    return pairing_rules.wish_bonuses(wishes, [p.id for p in cohort.mentees], [p.id for p in cohort.mentors])


def pair_to_match(event_id: int, mentee_id: int, mentor_id: int, start_on: date | None = None) -> int:
    """Make the pair who met at the event an active match in one step; returns the match id."""
    from mentordesk.services.pairing.manual import pair_manually
    from mentordesk.services.pairing.publishing import publish

    current = night(event_id)
    if mentor_id not in [m.mentor_id for m in current.meetings if m.mentee_id == mentee_id]:
        raise PairingError("These two did not meet at this event: choose a pair from its rounds.")
    wishes = set(current.wishes)
    both = (mentee_id, mentor_id) in wishes and (mentor_id, mentee_id) in wishes
    why = "both asked to meet again" if both else "met at speed mentoring"
    note = f"From the speed-mentoring event of {current.event.held_on.isoformat()}: {why}."
    with database.atomic():
        match_id = pair_manually(current_programme(event_id), mentee_id, mentor_id, note)
        result = publish(current_programme(event_id), start_on, [match_id])
        if not result.published:
            reason = "; ".join(why for _mid, why in result.skipped) or "a hard rule refused it"
            raise PairingError(f"This pair cannot become a match: {reason}.")
    return match_id


def current_programme(event_id: int) -> int:
    return SpeedEvent.get_by_id(event_id).programme_id
