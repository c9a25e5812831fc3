"""Meetings as an iCalendar (.ics) file that Outlook, Google Calendar and Thunderbird open.

- A series is one VEVENT with its RRULE; dates the rule gives that have no
  meeting (term breaks, away dates, cancelled or deleted meetings) are EXDATEs;
  an occurrence moved or changed on its own is a second VEVENT with the same UID
  and a RECURRENCE-ID naming the date the rule gave it.
- Times carry their TZID and the file holds a VTIMEZONE for each zone, written as
  yearly rules when the zone allows it (Outlook reads only those); UNTIL is in UTC
  as RFC 5545 requires with a TZID start.
- UIDs are stable across exports (a random id per database, kept in its settings),
  so importing the file again updates events instead of duplicating them.
- Cancelled one-off meetings are left out: importers show them as real events.

The file is written next to its final name and then moved into place, so a
failed export never leaves half a calendar behind.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from mentordesk import __version__
from mentordesk.core.meetings import expand, format_rule, parse_rule, to_aware, yearly_rules
from mentordesk.core.private_files import replace_privately
from mentordesk.core.vocab import MeetingStatus, label
from mentordesk.services.meetings.queries import MatchPeople, match_people
from mentordesk.store import settings
from mentordesk.store.models import Match, MatchMember, Meeting, MeetingSeries, Participant, Programme

log = logging.getLogger(__name__)

UID_KEY = "calendar.uid_namespace"
CANCELLED = MeetingStatus.CANCELLED.value


class ExportError(ValueError):
    """The export could not be done; nothing was written. The message says why and what to do."""


def calendar_identity_recorded() -> bool:
    """True once the database holds the namespace its events' UIDs are made from (the first export adds it)."""
    return bool(settings.get(UID_KEY))


def _namespace() -> str:
    value = settings.get(UID_KEY)
    if not value:
        value = uuid.uuid4().hex[:12]
        settings.put(UID_KEY, value)
    return str(value)


def _select(programme_id, match_id, participant_id, meeting_id) -> list[Meeting]:
    query = Meeting.select(Meeting, Match.id, Match.programme).join(Match)
    if meeting_id is not None:
        if Meeting.get_or_none(Meeting.id == meeting_id) is None:
            raise ExportError(f"No meeting with id {meeting_id}.")
        query = query.where(Meeting.id == meeting_id)
    if match_id is not None:
        if Match.get_or_none(Match.id == match_id) is None:
            raise ExportError(f"No match with id {match_id}: list the matches to find its number.")
        query = query.where(Meeting.match == match_id)
    if programme_id is not None:
        if Programme.get_or_none(Programme.id == programme_id) is None:
            raise ExportError(f"No programme with id {programme_id}.")
        query = query.where(Match.programme == programme_id)
    if participant_id is not None:
        if Participant.get_or_none(Participant.id == participant_id) is None:
            raise ExportError(f"No person with id {participant_id}.")
        theirs = MatchMember.select(MatchMember.match).where(MatchMember.participant == participant_id)
        query = query.where(Meeting.match.in_(theirs))
    return list(query.order_by(Meeting.starts_at, Meeting.id))


def _utc_until(rule: str, zone: str) -> str:
    """RRULE text with a local UNTIL turned into UTC (what RFC 5545 requires next to a TZID DTSTART)."""
    parts = parse_rule(rule)
    if "UNTIL" in parts and not parts["UNTIL"].endswith("Z"):
        local = datetime.strptime(parts["UNTIL"][:15], "%Y%m%dT%H%M%S")
        parts["UNTIL"] = to_aware(local, zone).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return format_rule(parts)


class _Writer:
    """Turns meetings and series into VEVENTs and notes which zones (and years) they use."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        self.stamp = datetime.now(UTC).replace(microsecond=0)
        self.events: list[Event] = []
        self.used_zones: dict[str, tuple[date, date]] = {}

    def uid(self, kind: str, number: int) -> str:
        return f"{kind}-{number}-{self.namespace}@mentordesk"

    def _note_zone(self, zone: str, when: datetime) -> None:
        first, last = self.used_zones.get(zone, (when.date(), when.date()))
        self.used_zones[zone] = (min(first, when.date()), max(last, when.date()))

    def _event(self, uid: str, meeting: Meeting, who: MatchPeople, zone: str) -> Event:
        event = Event()
        start = to_aware(meeting.starts_at, zone)
        self._note_zone(zone, meeting.starts_at)
        event.add("uid", uid)
        event.add("dtstamp", self.stamp)
        event.add("dtstart", start)
        event.add("dtend", to_aware(meeting.starts_at + timedelta(minutes=meeting.duration_minutes), zone))
        event.add("summary", f"Mentoring: {who.who}")
        if meeting.place or meeting.link:
            event.add("location", meeting.place or meeting.link)
        if meeting.link:
            event.add("url", meeting.link)
        lines = [f"Mode: {label(meeting.mode)}"]
        if meeting.link:
            lines.append(f"Link: {meeting.link}")
        if meeting.agenda:
            lines += ["", meeting.agenda]
        event.add("description", "\n".join(lines))
        event.add("status", "CANCELLED" if meeting.status == CANCELLED else "CONFIRMED")
        event.add("transp", "OPAQUE")
        return event

    def single(self, meeting: Meeting, who: MatchPeople, zone: str) -> None:
        if meeting.status == CANCELLED:
            return
        self.events.append(self._event(self.uid("meeting", meeting.id), meeting, who, zone))

    def series(self, series: MeetingSeries, rows: list[Meeting], who: MatchPeople) -> None:
        zone = series.timezone or "Europe/London"
        uid = self.uid("series", series.id)
        slots = expand(series.rrule, series.starts_at)
        by_slot = {(m.original_starts_at or m.starts_at): m for m in rows}
        loose = [m for m in rows if (m.original_starts_at or m.starts_at) not in set(slots)]
        master = Event()
        self._note_zone(zone, series.starts_at)
        master.add("uid", uid)
        master.add("dtstamp", self.stamp)
        master.add("dtstart", to_aware(series.starts_at, zone))
        master.add("dtend", to_aware(series.starts_at + timedelta(minutes=series.duration_minutes), zone))
        master.add("rrule", vRecur.from_ical(_utc_until(series.rrule, zone)))
        master.add("summary", f"Mentoring: {who.who}")
        if series.place or series.link:
            master.add("location", series.place or series.link)
        if series.link:
            master.add("url", series.link)
        lines = [f"Mode: {label(series.mode)}"] + ([f"Link: {series.link}"] if series.link else [])
        if series.agenda:
            lines += ["", series.agenda]
        master.add("description", "\n".join(lines))
        master.add("status", "CONFIRMED")
        master.add("transp", "OPAQUE")
        overrides = []
        for slot in slots:
            meeting = by_slot.get(slot)
            if meeting is None or meeting.status == CANCELLED:
                master.add("exdate", to_aware(slot, zone))
                continue
            if self._differs(meeting, series, slot):
                override = self._event(uid, meeting, who, zone)
                override.add("recurrence-id", to_aware(slot, zone))
                overrides.append(override)
        if slots:
            self._note_zone(zone, slots[-1])
        self.events.append(master)
        self.events += overrides
        for meeting in loose:  # left outside the rule by a split series: stand-alone events
            self.single(meeting, who, zone)

    @staticmethod
    def _differs(meeting: Meeting, series: MeetingSeries, slot: datetime) -> bool:
        return (
            meeting.starts_at != slot
            or meeting.duration_minutes != series.duration_minutes
            or meeting.place != series.place
            or meeting.link != series.link
            or meeting.mode != series.mode
            or meeting.agenda != series.agenda
        )

    def timezones(self) -> list[Timezone]:
        out = []
        for zone, (first, last) in sorted(self.used_zones.items()):
            out.append(_vtimezone(zone, first.year - 1, last.year + 1))
        return out


def _vtimezone(zone: str, first_year: int, last_year: int) -> Timezone:
    parts = yearly_rules(zone, first_year, last_year)
    if parts is None:
        # The zone changed its rules within the range: list each change instead.
        return Timezone.from_tzinfo(
            ZoneInfo(zone), first_date=date(first_year, 1, 1), last_date=date(last_year, 12, 31)
        )
    timezone = Timezone()
    timezone.add("tzid", zone)
    timezone.add("x-lic-location", zone)
    for part in parts:
        component = TimezoneDaylight() if part.daylight else TimezoneStandard()
        component.add("dtstart", part.local_start)
        component.add("tzoffsetfrom", part.offset_from)
        component.add("tzoffsetto", part.offset_to)
        component.add("tzname", part.name)
        if part.rule:
            component.add("rrule", vRecur.from_ical(part.rule))
        timezone.add_component(component)
    return timezone


Progress = Callable[[int], bool]  # percent done -> False to cancel


class ExportCancelled(Exception):
    """The user cancelled: nothing was written."""


def _build(
    programme_id: int | None,
    match_id: int | None,
    participant_id: int | None,
    meeting_id: int | None,
    progress: Progress | None = None,
) -> tuple[Calendar, list[Event]]:
    """The calendar's envelope (properties and time zones) and its events, not yet joined."""
    if progress is not None and not progress(0):
        raise ExportCancelled()
    meetings = _select(programme_id, match_id, participant_id, meeting_id)
    programmes = {p.id: p for p in Programme.select()}
    match_programme = {m.match_id: m.match.programme_id for m in meetings}
    people = match_people(match_ids=set(match_programme))
    writer = _Writer(_namespace())
    in_series: dict[int, list[Meeting]] = defaultdict(list)
    for n, meeting in enumerate(meetings, start=1):
        who = people.get(meeting.match_id, MatchPeople(meeting.match_id))
        zone = programmes[match_programme[meeting.match_id]].timezone or "Europe/London"
        if meeting.series_id and meeting_id is None:
            in_series[meeting.series_id].append(meeting)
        else:
            writer.single(meeting, who, zone)
        if progress is not None and n % 500 == 0 and not progress(BUILD_SHARE * n // len(meetings)):
            raise ExportCancelled()
    if in_series:
        # A series goes out whole, so its rule and exceptions match what is in MentorDesk.
        all_rows: dict[int, list[Meeting]] = defaultdict(list)
        for meeting in Meeting.select().where(Meeting.series.in_(list(in_series))):
            all_rows[meeting.series_id].append(meeting)
        chosen = (
            MeetingSeries.select().where(MeetingSeries.id.in_(list(in_series))).order_by(MeetingSeries.id)
        )
        for series in chosen:
            who = people.get(series.match_id, MatchPeople(series.match_id))
            writer.series(series, all_rows[series.id], who)
    calendar = Calendar()
    calendar.add("prodid", f"-//MentorDesk//MentorDesk {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    names = sorted({programmes[p].name for p in match_programme.values()})
    calendar.add("x-wr-calname", f"Mentoring: {names[0]}" if len(names) == 1 else "Mentoring meetings")
    for timezone in writer.timezones():
        calendar.add_component(timezone)
    return calendar, writer.events


BUILD_SHARE = 40  # percent of the work spent building events; the rest is writing them out
END = b"END:VCALENDAR\r\n"


def build_calendar(
    *,
    programme_id: int | None = None,
    match_id: int | None = None,
    participant_id: int | None = None,
    meeting_id: int | None = None,
) -> tuple[Calendar, int]:
    """The whole calendar and how many events (VEVENTs) it holds; nothing is written."""
    calendar, events = _build(programme_id, match_id, participant_id, meeting_id)
    for event in events:
        calendar.add_component(event)
    return calendar, len(events)


def export_ics(
    path,
    *,
    programme_id: int | None = None,
    match_id: int | None = None,
    participant_id: int | None = None,
    meeting_id: int | None = None,
) -> int:
    """Write the chosen meetings to ``path`` as .ics; returns the number of events written.

    With no filter every meeting in the database is exported. Filters combine (a person's
    meetings in one programme, say). Raises ``ExportError`` for an unknown id or a file
    that cannot be written; the target is then left as it was.
    """
    return export_ics_with_progress(
        path,
        programme_id=programme_id,
        match_id=match_id,
        participant_id=participant_id,
        meeting_id=meeting_id,
    )


def export_ics_with_progress(
    path,
    *,
    programme_id: int | None = None,
    match_id: int | None = None,
    participant_id: int | None = None,
    meeting_id: int | None = None,
    progress: Progress | None = None,
) -> int:
    """``export_ics`` that reports percent done and can be cancelled (``progress`` returns False).

    Each event is serialised by icalendar on its own and streamed into the file between the
    calendar's header and its END line, so a programme of thousands of meetings reports
    steady progress. Cancelling raises ``ExportCancelled`` and leaves the target untouched.
    """
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"{target} is a folder: give a file name ending in .ics.")
    if not target.parent.exists():
        raise ExportError(
            f"The folder {target.parent} does not exist: choose another place to save the file."
        )
    calendar, events = _build(programme_id, match_id, participant_id, meeting_id, progress)
    envelope = calendar.to_ical()
    if not envelope.endswith(END):  # pragma: no cover - icalendar always ends a calendar so
        raise ExportError("The calendar library produced an unexpected file; nothing was written.")
    try:
        with replace_privately(target) as temp, temp.open("wb") as out:
            out.write(envelope[: -len(END)])
            for n, event in enumerate(events, start=1):
                out.write(event.to_ical())
                if progress is not None and (n == 1 or n % 200 == 0):
                    done = BUILD_SHARE + (100 - BUILD_SHARE) * n // len(events)
                    if not progress(done):
                        raise ExportCancelled()
            out.write(END)
    except OSError as exc:
        raise ExportError(f"Could not write {target}: {exc.strerror or exc}. Choose another place.") from exc
    log.info("calendar export: %d events written", len(events))
    if progress is not None:
        progress(100)
    return len(events)
