"""The programme's events as an .ics file, for the coordinator's calendar.

Written line by line with the meetings area's content-line rules (core.meetings: escaping,
folding, UTC stamps): each event's local wall-clock time is turned into UTC with the programme's
time zone, so no VTIMEZONE is needed. Each event keeps one UID, so importing the file again
updates the events instead of adding copies. Invitees are not listed (the file may be shared).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mentordesk import __version__
from mentordesk.core.events import EVENT_KINDS
from mentordesk.core.meetings import escape_text, fold, utc_stamp
from mentordesk.core.private_files import replace_privately
from mentordesk.services.events.records import list_events
from mentordesk.store.models import Programme


def _utc(local: datetime, zone: ZoneInfo) -> datetime:
    return local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def export_events_ics(programme_id: int, target: Path | str, now: datetime | None = None) -> tuple[Path, int]:
    """Write every event of the programme; returns the file and how many events it holds."""
    programme = Programme.get_by_id(programme_id)
    try:
        zone = ZoneInfo(programme.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    stamp = utc_stamp(now or datetime.now(UTC).replace(tzinfo=None))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//MentorDesk//MentorDesk {__version__}//EN",
        "CALSCALE:GREGORIAN",
        fold("X-WR-CALNAME:" + escape_text(f"{programme.name}: events")),
    ]
    rows = list_events(programme_id)
    for row in rows:
        start = _utc(row.starts_at, zone)
        end = _utc(row.starts_at + timedelta(minutes=row.duration_minutes), zone)
        description = [EVENT_KINDS.get(row.kind, row.kind)]
        if row.kind == "training" and row.training_hours:
            description.append(f"Training: {row.training_hours:g} hours. Topics: {row.training_topics}")
        if row.notes:
            description.append(row.notes)
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{programme_id}-{row.id}@mentordesk",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc_stamp(start)}",
            f"DTEND:{utc_stamp(end)}",
            fold("SUMMARY:" + escape_text(row.title)),
            fold("DESCRIPTION:" + escape_text("\n".join(description))),
        ]
        if row.place:
            lines.append(fold("LOCATION:" + escape_text(row.place)))
        lines += [fold("CATEGORIES:" + escape_text(EVENT_KINDS.get(row.kind, row.kind))), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    target = Path(target)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with replace_privately(target) as temp:
        temp.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return target, len(rows)
