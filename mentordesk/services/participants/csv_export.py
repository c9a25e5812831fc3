"""CSV exports of a programme: the roster, the matches and the meetings (core/csv_files/write conventions).

A file name ending in .xlsx gives an Excel workbook instead, with explicit cell types, so
leading zeros and values like "1/2" stay as they are when a spreadsheet opens it.

The roster's columns use the import's names and formats (tags as ``kind:name
(offers)``, availability as ``Mon 16:00-17:30``), so an exported roster imports
back into another programme unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from mentordesk.core.csv_files import write_table
from mentordesk.core.participants import Slot, display_name, format_slots, format_tags
from mentordesk.core.vocab import label
from mentordesk.services.participants.custom_fields import answers_by_person
from mentordesk.services.participants.listing import roster
from mentordesk.store.models import (
    Attendance,
    AvailabilitySlot,
    Match,
    MatchMember,
    Meeting,
    Participant,
    Programme,
)
from mentordesk.store.rows import tuples

PARTICIPANT_HEADER = (
    "First name",
    "Last name",
    "Preferred name",
    "E-mail",
    "Phone",
    "Date of birth",
    "Organisation",
    "Department",
    "Role",
    "Status",
    "Capacity",
    "Cleared",
    "Clearance",
    "Tags",
    "Availability",
    "Matches",
    "Enrolled on",
)
# Columns a roster import does not read back: matches are made in Pairing, and clearance is derived from
# screening records, which a roster does not carry.
NOT_IMPORTED = ("Cleared", "Clearance", "Matches")
MATCH_HEADER = (
    "Match",
    "Status",
    "Mentors",
    "Mentees",
    "Score",
    "Started on",
    "Planned end",
    "Agreement signed",
    "Closed on",
    "Closure",
    "Closure code",
    "Closure reason",
    "Meetings held",
    "Meetings planned",
)
MEETING_HEADER = (
    "Meeting",
    "Match",
    "Who",
    "Date",
    "Start",
    "Minutes",
    "Mode",
    "Place",
    "Link",
    "Status",
    "Attended",
    "Activity",
    "Agenda",
    "Notes",
)


class ExportError(ValueError):
    pass


def _check_programme(programme_id: int) -> None:
    if Programme.get_or_none(Programme.id == programme_id) is None:
        raise ExportError(f"No programme with id {programme_id}.")


def _members(programme_id: int) -> dict[int, list[tuple[str, int, str]]]:
    """{match id: [(role, participant id, display name)]}, mentors first."""
    query = (
        MatchMember.select(
            MatchMember.match,
            MatchMember.role,
            Participant.id,
            Participant.first_name,
            Participant.preferred_name,
            Participant.last_name,
        )
        .join(Participant)
        .switch(MatchMember)
        .join(Match)
        .where(Match.programme == programme_id)
        .order_by(MatchMember.match, MatchMember.role.desc(), Participant.last_name)
    )
    found: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for match_id, role, pid, first, preferred, last in tuples(query):
        found[match_id].append((role, pid, display_name(first, last, preferred)))
    return found


def export_participants(
    path: Path | str, programme_id: int, participant_ids: Iterable[int] | None = None, *, bom: bool = True
) -> int:
    """The roster (or the selected people): role, status, clearance, tags, availability, matches,
    then one column per custom field of the programme."""
    _check_programme(programme_id)
    ids = list(participant_ids) if participant_ids is not None else None
    rows = roster(programme_id, participant_ids=ids)
    members = _members(programme_id)
    statuses = dict(tuples(Match.select(Match.id, Match.status).where(Match.programme == programme_id)))
    partners: dict[int, list[str]] = defaultdict(list)
    for match_id, people in members.items():
        for _role, pid, _name in people:
            others = " & ".join(n for _r, p, n in people if p != pid) or "nobody"
            partners[pid].append(f"#{match_id} with {others} ({statuses.get(match_id, '')})")
    slots: dict[int, list[Slot]] = defaultdict(list)
    slot_query = AvailabilitySlot.select(
        AvailabilitySlot.participant,
        AvailabilitySlot.weekday,
        AvailabilitySlot.start_minute,
        AvailabilitySlot.end_minute,
    )
    if ids is not None and len(ids) < 900:
        slot_query = slot_query.where(AvailabilitySlot.participant.in_(ids))
    for pid, weekday, start, end in tuples(slot_query):
        slots[pid].append(Slot(weekday, start, end))
    fields, answers = answers_by_person(programme_id)
    extra_header = tuple(
        f"{f.label} (custom)" if f.label.casefold() in {h.casefold() for h in PARTICIPANT_HEADER} else f.label
        for f in fields
    )
    data = (
        (
            r.first_name,
            r.last_name,
            r.preferred_name,
            r.email,
            r.phone,
            r.date_of_birth,
            r.organisation,
            r.department,
            r.role,
            r.status,
            r.capacity,
            r.cleared,
            r.clearance,
            format_tags(r.tag_specs),
            format_slots(slots.get(r.participant_id, [])),
            "; ".join(partners.get(r.participant_id, [])),
            r.enrolled_on,
            *(answers.get(r.participant_id, {}).get(f.id, "") for f in fields),
        )
        for r in rows
    )
    return write_table(path, PARTICIPANT_HEADER + extra_header, data, bom=bom, sheet="Participants")


def export_matches(path: Path | str, programme_id: int, *, bom: bool = True) -> int:
    _check_programme(programme_id)
    members = _members(programme_id)
    held: dict[int, int] = defaultdict(int)
    planned: dict[int, int] = defaultdict(int)
    meetings = (
        Meeting.select(Meeting.match, Meeting.status).join(Match).where(Match.programme == programme_id)
    )
    for match_id, status in tuples(meetings):
        if status == "held":
            held[match_id] += 1
        elif status == "planned":
            planned[match_id] += 1
    data = []
    for m in Match.select().where(Match.programme == programme_id).order_by(Match.id):
        people = members.get(m.id, [])
        data.append(
            (
                m.id,
                m.status,
                " & ".join(n for role, _p, n in people if role == "mentor"),
                " & ".join(n for role, _p, n in people if role != "mentor"),
                m.score,
                m.started_on,
                m.planned_end_on,
                m.agreement_signed_on,
                m.closed_on,
                label(m.closure_kind) if m.closure_kind else "",
                m.closure_code,
                m.closure_reason,
                held[m.id],
                planned[m.id],
            )
        )
    return write_table(path, MATCH_HEADER, data, bom=bom, sheet="Matches")


def export_meetings(path: Path | str, programme_id: int, *, bom: bool = True) -> int:
    _check_programme(programme_id)
    members = _members(programme_id)
    names = {pid: name for people in members.values() for _r, pid, name in people}
    attended: dict[int, list[str]] = defaultdict(list)
    attendance = (
        Attendance.select(Attendance.meeting, Attendance.participant, Attendance.attended)
        .join(Meeting)
        .join(Match)
        .where(Match.programme == programme_id)
    )
    for meeting_id, pid, present in tuples(attendance):
        if present:
            attended[meeting_id].append(names.get(pid, f"#{pid}"))
    data = []
    query = (
        Meeting.select(Meeting)
        .join(Match)
        .where(Match.programme == programme_id)
        .order_by(Meeting.starts_at, Meeting.id)
    )
    for m in query:
        data.append(
            (
                m.id,
                m.match_id,
                " & ".join(n for _r, _p, n in members.get(m.match_id, [])),
                m.starts_at.date(),
                m.starts_at.strftime("%H:%M"),
                m.actual_minutes or m.duration_minutes,
                label(m.mode),
                m.place,
                m.link,
                m.status,
                ", ".join(attended.get(m.id, [])),
                m.activity,
                m.agenda,
                m.notes,
            )
        )
    return write_table(path, MEETING_HEADER, data, bom=bom, sheet="Meetings")
