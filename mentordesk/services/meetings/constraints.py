"""What constrains a meeting's date: term breaks, away dates, availability and other bookings.

Term breaks belong to the programme (``Programme.settings["term_breaks"]``);
availability and away dates belong to each person. This module turns them into
the plain calendars ``core.conflicts`` works on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mentordesk.core.meetings import (
    Booking,
    Conflict,
    DateSpan,
    MeetingInputError,
    PersonCalendar,
    Problem,
    WeeklyWindow,
    conflicts_at,
    suggest_slots,
)
from mentordesk.core.vocab import MeetingStatus
from mentordesk.services.meetings.queries import match_people
from mentordesk.store.models import AvailabilitySlot, AwayPeriod, Match, MatchMember, Meeting, Programme
from mentordesk.store.rows import tuples

TERM_BREAKS_KEY = "term_breaks"


@dataclass(frozen=True)
class TermBreak:
    label: str
    first: date
    last: date

    def span(self) -> DateSpan:
        return DateSpan(self.first, self.last, self.label)


def term_breaks(programme_id: int) -> list[TermBreak]:
    programme = Programme.get_by_id(programme_id)
    out = []
    for item in (programme.settings or {}).get(TERM_BREAKS_KEY, []):
        try:
            out.append(
                TermBreak(
                    item.get("label", ""), date.fromisoformat(item["first"]), date.fromisoformat(item["last"])
                )
            )
        except (KeyError, TypeError, ValueError):
            continue  # a hand-edited entry we cannot read is ignored rather than breaking the calendar
    return sorted(out, key=lambda b: b.first)


def save_term_breaks(programme_id: int, breaks: Sequence[TermBreak]) -> None:
    """Replace the programme's term breaks; each needs a name and its last day on or after its first."""
    problems = []
    for n, item in enumerate(breaks, start=1):
        if not item.label.strip():
            problems.append(Problem("term_breaks", f"Term break {n} needs a name (e.g. 'Half term')."))
        if item.last < item.first:
            problems.append(
                Problem(
                    "term_breaks",
                    f"Term break {n} ({item.label or 'unnamed'}) ends before it starts: check its dates.",
                )
            )
    if problems:
        raise MeetingInputError(problems)
    programme = Programme.get_by_id(programme_id)
    settings = dict(programme.settings or {})
    settings[TERM_BREAKS_KEY] = [
        {"label": b.label.strip(), "first": b.first.isoformat(), "last": b.last.isoformat()}
        for b in sorted(breaks, key=lambda b: b.first)
    ]
    programme.settings = settings
    programme.save()


def away_spans(participant_ids: Sequence[int], names: dict[int, str] | None = None) -> list[DateSpan]:
    names = names or {}
    spans = []
    query = AwayPeriod.select(
        AwayPeriod.participant, AwayPeriod.starts_on, AwayPeriod.ends_on, AwayPeriod.reason
    ).where(AwayPeriod.participant.in_(list(participant_ids)))
    for pid, first, last, reason in tuples(query):
        who = names.get(pid, "someone")
        label = f"{who} away" + (f" ({reason})" if reason else "")
        spans.append(DateSpan(first, last, label))
    return spans


def blackouts(match_id: int, *, skip_term_breaks: bool = True, skip_away: bool = True) -> list[DateSpan]:
    """The dates a series for this match leaves out."""
    match = Match.get_by_id(match_id)
    spans: list[DateSpan] = []
    if skip_term_breaks:
        spans += [b.span() for b in term_breaks(match.programme_id)]
    if skip_away:
        people = match_people(match_ids={match_id}).get(match_id)
        if people is not None:
            names = {m.participant_id: m.name for m in people.members}
            spans += away_spans(list(names), names)
    return spans


def calendars(match_id: int, first: datetime, last: datetime) -> list[PersonCalendar]:
    """The members of a match with their availability, away dates and other meetings in [first, last]."""
    people = match_people(match_ids={match_id}).get(match_id)
    if people is None:
        return []
    ids = list(people.member_ids)
    windows: dict[int, list[WeeklyWindow]] = {pid: [] for pid in ids}
    slots = AvailabilitySlot.select(
        AvailabilitySlot.participant,
        AvailabilitySlot.weekday,
        AvailabilitySlot.start_minute,
        AvailabilitySlot.end_minute,
    ).where(AvailabilitySlot.participant.in_(ids))
    for pid, weekday, start, end in tuples(slots):
        windows[pid].append(WeeklyWindow(weekday, start, end))
    names = {m.participant_id: m.name for m in people.members}
    away: dict[int, list[DateSpan]] = {pid: [] for pid in ids}
    for pid in ids:
        away[pid] = away_spans([pid], names)
    bookings: dict[int, list[Booking]] = {pid: [] for pid in ids}
    query = (
        Meeting.select(
            MatchMember.participant, Meeting.id, Meeting.match, Meeting.starts_at, Meeting.duration_minutes
        )
        .join(MatchMember, on=(MatchMember.match == Meeting.match))
        .where(
            MatchMember.participant.in_(ids)
            & (Meeting.status != MeetingStatus.CANCELLED.value)
            & (Meeting.starts_at >= first - timedelta(days=1))
            & (Meeting.starts_at <= last + timedelta(days=1))
        )
    )
    rows = list(tuples(query))
    other_matches = {m for _, _, m, _, _ in rows if m != match_id}
    labels = {mid: f"with {p.who}" for mid, p in match_people(match_ids=other_matches).items()}
    for pid, meeting_id, other_match, starts, minutes in rows:
        label = labels.get(other_match, "this match") if other_match != match_id else "this match"
        bookings[pid].append(Booking(starts, starts + timedelta(minutes=minutes), meeting_id, label))
    return [
        PersonCalendar(pid, names[pid], tuple(windows[pid]), tuple(away[pid]), tuple(bookings[pid]))
        for pid in ids
    ]


@dataclass
class ConflictReport:
    conflicts: list[Conflict]
    suggestions: list[datetime]


def check(
    match_id: int,
    times: Sequence[tuple[datetime, datetime]],
    *,
    ignore_meeting_ids: Sequence[int] = (),
    suggest_after: datetime | None = None,
    limit: int = 5,
    now: datetime | None = None,
    always_suggest: bool = False,
) -> ConflictReport:
    """Conflicts of the planned meeting(s) ``times`` for the match, and free common slots to offer.

    Suggestions come when something conflicts, when ``times`` is empty, or when asked for always.
    """
    match = Match.get_or_none(Match.id == match_id)
    if match is None:
        return ConflictReport([], [])
    breaks = [b.span() for b in term_breaks(match.programme_id)]
    ignore = frozenset(ignore_meeting_ids)
    if times:
        first = min(s for s, _ in times)
        last = max(e for _, e in times)
    else:
        first = suggest_after or datetime.now()
        last = first
    horizon_end = max(last, (suggest_after or first)) + timedelta(days=43)
    people = calendars(match_id, first, horizon_end)
    found: list[Conflict] = []
    for start, end in times:
        found += conflicts_at(start, end, people, breaks, ignore)
    suggestions: list[datetime] = []
    if found or not times or always_suggest:
        duration = int((times[0][1] - times[0][0]).total_seconds() // 60) if times else 60
        now = now or datetime.now()
        # From the start of the day asked for (never in the past): "that day, or soon after".
        wanted = datetime.combine(times[0][0].date(), time.min) if times else now
        after = max(suggest_after or wanted, now)
        for person in people:
            person.bookings = [b for b in person.bookings if b.meeting_id not in ignore]
        suggestions = suggest_slots(people, duration, after, limit=limit, term_breaks=breaks)
    return ConflictReport(found, suggestions)


def set_timezone(programme_id: int, zone: str) -> None:
    """The programme's time zone. Stored times are wall-clock times, so a 16:00 meeting stays at 16:00."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from mentordesk.store.db import database
    from mentordesk.store.models import MeetingSeries

    zone = zone.strip()
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise MeetingInputError(
            [
                Problem(
                    "timezone", f"Unknown time zone {zone!r}: choose one from the list, e.g. Europe/London."
                )
            ]
        ) from None
    with database.atomic():
        programme = Programme.get_by_id(programme_id)
        programme.timezone = zone
        programme.save()
        matches = Match.select(Match.id).where(Match.programme == programme_id)
        MeetingSeries.update(timezone=zone).where(MeetingSeries.match.in_(matches)).execute()
