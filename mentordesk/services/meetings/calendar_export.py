"""Meetings as an iCalendar (.ics) file that Outlook, Google Calendar and Thunderbird open.

- A series is one VEVENT with its RRULE; dates the rule gives that have no
  meeting (term breaks, away dates, deleted meetings) are EXDATEs;
  an occurrence moved or changed on its own is a second VEVENT with the same UID
  and a RECURRENCE-ID naming the date the rule gave it.
- Times carry their TZID and the file holds a VTIMEZONE for each zone, written as
  yearly rules when the zone allows it (Outlook reads only those); UNTIL is in UTC
  as RFC 5545 requires with a TZID start.
- UIDs are stable across exports (a random id per database, kept in its settings),
  so importing the file again updates events instead of duplicating them.
- Every event carries SEQUENCE (bumped by the store on each change to what a calendar
  shows), LAST-MODIFIED and DTSTAMP, so a calendar that imported an earlier file takes
  the new one as an update: a moved meeting moves.
- A cancelled meeting stays in the file with STATUS:CANCELLED (an occurrence of a series
  as an override with its RECURRENCE-ID), so a calendar that has it removes it. Dates
  the rule gives that never had a meeting (term breaks, deleted meetings) are EXDATEs.
- Titles name people as the programme chose (full names, first names or initials;
  first names by default where the programme has minors): event titles end up in
  Google and Outlook, and on phones' lock screens.

The file is written next to its final name and then moved into place, so a
failed export never leaves half a calendar behind.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from mentordesk import __version__
from mentordesk.core.meetings import (
    escape_text,
    expand,
    fold,
    format_rule,
    parse_rule,
    stamp,
    to_aware,
    utc_stamp,
    yearly_rules,
)
from mentordesk.core.participants import is_minor
from mentordesk.core.private_files import replace_privately
from mentordesk.core.progress import QUIET, Progress
from mentordesk.core.vocab import MeetingStatus, label
from mentordesk.services.meetings.queries import MatchPeople, Member, match_people
from mentordesk.store import settings
from mentordesk.store.models import (
    Enrolment,
    Match,
    MatchMember,
    Meeting,
    MeetingSeries,
    Participant,
    Programme,
)
from mentordesk.store.rows import tuples

log = logging.getLogger(__name__)

UID_KEY = "calendar.uid_namespace"
CANCELLED = MeetingStatus.CANCELLED.value


class ExportError(ValueError):
    """The export could not be done; nothing was written. The message says why and what to do."""


# How people are named in event titles, which end up in Google, Outlook and on phones' lock screens.
NAMES_KEY = "calendar_names"
FULL_NAMES, FIRST_NAMES, INITIALS = "full", "first", "initials"
NAME_CHOICES = (FULL_NAMES, FIRST_NAMES, INITIALS)


def _has_minors(programme_id: int) -> bool:
    """Is anyone enrolled in the programme, or in one of its matches, under 18 today?"""
    today = date.today()
    enrolled = Enrolment.select(Enrolment.participant).where(Enrolment.programme == programme_id)
    matched = MatchMember.select(MatchMember.participant).join(Match).where(Match.programme == programme_id)
    people = Participant.select(Participant.date_of_birth, Participant.age_band).where(
        Participant.id.in_(enrolled) | Participant.id.in_(matched)
    )
    return any(is_minor(born, band, today) for born, band in tuples(people))


def calendar_names(programme_id: int) -> str:
    """The programme's choice; unset, first names where it has minors and full names elsewhere."""
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        raise ExportError(f"No programme with id {programme_id}.")
    chosen = (programme.settings or {}).get(NAMES_KEY)
    if chosen in NAME_CHOICES:
        return str(chosen)
    return FIRST_NAMES if _has_minors(programme_id) else FULL_NAMES


def set_calendar_names(programme_id: int, choice: str) -> None:
    if choice not in NAME_CHOICES:
        raise ExportError(f"Names in calendars are one of {', '.join(NAME_CHOICES)}, not {choice!r}.")
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        raise ExportError(f"No programme with id {programme_id}.")
    programme.settings = {**(programme.settings or {}), NAMES_KEY: choice}
    programme.save()


def _named(member: Member, names: str) -> str:
    if names == FULL_NAMES:
        return member.name
    if names == FIRST_NAMES:
        return member.first_name or member.name.split(" ")[0]
    return "".join(f"{word[0]}." for word in member.name.split() if word) or "?"


def event_title(who: MatchPeople, names: str) -> str:
    """"Mentoring: Sam & Ana" with the programme's choice of names (full, first, initials)."""
    shown = [_named(m, names) for m in who.members]
    if not shown:
        return "Mentoring: (no members)"
    if len(shown) <= 2:
        return "Mentoring: " + " & ".join(shown)
    return f"Mentoring: {shown[0]} & {len(shown) - 1} others"


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


def _description(row: Meeting | MeetingSeries) -> list[str]:
    """The event's description, line by line: the mode, the link, then the agenda."""
    lines = [f"Mode: {label(row.mode)}"]
    if row.link:
        lines.append(f"Link: {row.link}")
    if row.agenda:
        lines += ["", row.agenda]
    return lines


@cache
def _plain_tzid(zone: str) -> bool:
    """Does icalendar write a time in ``zone`` as ``;TZID=<zone>:`` plus the wall clock?"""
    probe = Event()
    probe.add("dtstart", to_aware(datetime(2001, 2, 3, 4, 5, 6), zone))
    return f"DTSTART;TZID={zone}:20010203T040506".encode() in probe.to_ical()


class _Writer:
    """Turns meetings and series into VEVENTs and notes which zones (and years) they use."""

    def __init__(self, namespace: str, names: dict[int, str] | None = None) -> None:
        self.namespace = namespace
        self.names = names or {}  # match id -> how its people are named (full names when absent)
        self.stamp = datetime.now(UTC).replace(microsecond=0)
        self.events: list[bytes] = []  # each a VEVENT, serialised
        self.used_zones: dict[str, tuple[date, date]] = {}

    def uid(self, kind: str, number: int) -> str:
        return f"{kind}-{number}-{self.namespace}@mentordesk"

    def _note_zone(self, zone: str, when: datetime) -> None:
        first, last = self.used_zones.get(zone, (when.date(), when.date()))
        self.used_zones[zone] = (min(first, when.date()), max(last, when.date()))

    def _revision(self, event: Event, row: Meeting | MeetingSeries) -> None:
        event.add("sequence", row.sequence or 0)
        changed = row.modified_at or row.created_at
        if changed is not None:
            event.add("last-modified", changed.replace(tzinfo=UTC, microsecond=0))

    def _event(
        self, uid: str, meeting: Meeting, who: MatchPeople, zone: str, recurrence: datetime | None = None
    ) -> bytes:
        """One plain VEVENT (a meeting, or an occurrence of a series overridden on its own).

        Written as text line by line (core.meetings.ics_lines): the bytes icalendar would give,
        without building an object per property. A zone whose name icalendar would not write
        as a plain TZID (UTC, say) goes through icalendar instead.
        """
        self._note_zone(zone, meeting.starts_at)
        if not _plain_tzid(zone):
            return self._library_event(uid, meeting, who, zone, recurrence).to_ical()
        end = meeting.starts_at + timedelta(minutes=meeting.duration_minutes)
        changed = meeting.modified_at or meeting.created_at
        lines = [
            "BEGIN:VEVENT",
            "SUMMARY:" + escape_text(event_title(who, self.names.get(who.match_id, FULL_NAMES))),
            f"DTSTART;TZID={zone}:{stamp(meeting.starts_at)}",
            f"DTEND;TZID={zone}:{stamp(end)}",
            "DTSTAMP:" + utc_stamp(self.stamp),
            "UID:" + escape_text(uid),
        ]
        if recurrence is not None:
            lines.append(f"RECURRENCE-ID;TZID={zone}:{stamp(recurrence)}")
        lines.append(f"SEQUENCE:{meeting.sequence or 0}")
        lines.append("DESCRIPTION:" + escape_text("\n".join(_description(meeting))))
        if changed is not None:
            lines.append("LAST-MODIFIED:" + utc_stamp(changed))
        if meeting.place or meeting.link:
            lines.append("LOCATION:" + escape_text(meeting.place or meeting.link))
        lines.append("STATUS:" + ("CANCELLED" if meeting.status == CANCELLED else "CONFIRMED"))
        lines.append("TRANSP:OPAQUE")
        if meeting.link:
            lines.append("URL:" + meeting.link)
        lines.append("END:VEVENT")
        return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")

    def _library_event(
        self, uid: str, meeting: Meeting, who: MatchPeople, zone: str, recurrence: datetime | None
    ) -> Event:
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", self.stamp)
        self._revision(event, meeting)
        event.add("dtstart", to_aware(meeting.starts_at, zone))
        event.add("dtend", to_aware(meeting.starts_at + timedelta(minutes=meeting.duration_minutes), zone))
        event.add("summary", event_title(who, self.names.get(who.match_id, FULL_NAMES)))
        if meeting.place or meeting.link:
            event.add("location", meeting.place or meeting.link)
        if meeting.link:
            event.add("url", meeting.link)
        event.add("description", "\n".join(_description(meeting)))
        event.add("status", "CANCELLED" if meeting.status == CANCELLED else "CONFIRMED")
        event.add("transp", "OPAQUE")
        if recurrence is not None:
            event.add("recurrence-id", to_aware(recurrence, zone))
        return event

    def single(self, meeting: Meeting, who: MatchPeople, zone: str) -> None:
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
        self._revision(master, series)
        master.add("dtstart", to_aware(series.starts_at, zone))
        master.add("dtend", to_aware(series.starts_at + timedelta(minutes=series.duration_minutes), zone))
        master.add("rrule", vRecur.from_ical(_utc_until(series.rrule, zone)))
        master.add("summary", event_title(who, self.names.get(who.match_id, FULL_NAMES)))
        if series.place or series.link:
            master.add("location", series.place or series.link)
        if series.link:
            master.add("url", series.link)
        master.add("description", "\n".join(_description(series)))
        master.add("status", "CONFIRMED")
        master.add("transp", "OPAQUE")
        overrides: list[bytes] = []
        for slot in slots:
            meeting = by_slot.get(slot)
            if meeting is None:
                master.add("exdate", to_aware(slot, zone))
                continue
            if meeting.status == CANCELLED or self._differs(meeting, series, slot):
                overrides.append(self._event(uid, meeting, who, zone, recurrence=slot))
        if slots:
            self._note_zone(zone, slots[-1])
        self.events.append(master.to_ical())
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


def _build(
    programme_id: int | None,
    match_id: int | None,
    participant_id: int | None,
    meeting_id: int | None,
    progress: Progress = QUIET,
) -> tuple[Calendar, list[bytes]]:
    """The calendar's envelope (properties and time zones) and its events, each serialised, not yet joined."""
    progress(0, 100, "Reading the meetings")
    meetings = _select(programme_id, match_id, participant_id, meeting_id)
    programmes = {p.id: p for p in Programme.select()}
    match_programme = {m.match_id: m.match.programme_id for m in meetings}
    people = match_people(match_ids=set(match_programme))
    naming = {pid: calendar_names(pid) for pid in set(match_programme.values())}
    writer = _Writer(_namespace(), {m: naming[p] for m, p in match_programme.items()})
    in_series: dict[int, list[Meeting]] = defaultdict(list)
    for n, meeting in enumerate(meetings, start=1):
        who = people.get(meeting.match_id, MatchPeople(meeting.match_id))
        zone = programmes[match_programme[meeting.match_id]].timezone or "Europe/London"
        if meeting.series_id and meeting_id is None:
            in_series[meeting.series_id].append(meeting)
        else:
            writer.single(meeting, who, zone)
        if n % 500 == 0:
            progress(BUILD_SHARE * n // len(meetings), 100, "Reading the meetings")
    if in_series:
        # A series goes out whole, so its rule and exceptions match what is in MentorDesk.
        # Keyed by Meeting.series_id, an optional column (these meetings, picked by series, all have one).
        all_rows: dict[int | None, list[Meeting]] = defaultdict(list)
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


def export_ics(
    path,
    *,
    programme_id: int | None = None,
    match_id: int | None = None,
    participant_id: int | None = None,
    meeting_id: int | None = None,
    progress: Progress = QUIET,
) -> int:
    """Write the chosen meetings to ``path`` as .ics; returns the number of events written.

    With no filter every meeting in the database is exported. Filters combine (a person's
    meetings in one programme, say). Raises ``ExportError`` for an unknown id or a file
    that cannot be written; the target is then left as it was.

    Each event is serialised on its own (plain ones as text, series by icalendar) and
    streamed into the file between the calendar's header and its END line, so a programme of thousands of meetings reports
    steady progress. A cancel (``progress`` raises ``Cancelled``) leaves the target untouched.
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
                out.write(event)
                if n == 1 or n % 200 == 0:
                    progress(BUILD_SHARE + (100 - BUILD_SHARE) * n // len(events), 100, "Writing the file")
            out.write(END)
    except OSError as exc:
        raise ExportError(f"Could not write {target}: {exc.strerror or exc}. Choose another place.") from exc
    log.info("calendar export: %d events written", len(events))
    progress.report(100, 100, "Done")
    return len(events)
