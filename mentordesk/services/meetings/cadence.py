"""Cadence rules per programme and the "needs attention" list of overdue matches.

The overdue list is computed from a handful of grouped queries (last held
meeting, check-in count and last check-in, past meetings without an outcome,
open follow-ups), so it stays fast on a programme with thousands of matches and
years of meetings. The dashboard picks ``attention_items`` up by name.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import NamedTuple

from peewee import JOIN, fn

from mentordesk.core.attention import Attention
from mentordesk.core.meetings import (
    CadenceRules,
    MatchActivity,
    MeetingInputError,
    OverdueKind,
    Problem,
    check_rules,
    overdue,
)
from mentordesk.core.participants import display_name
from mentordesk.core.vocab import MatchStatus, MeetingStatus
from mentordesk.services.meetings.queries import match_people
from mentordesk.store.models import ContactLog, Match, MatchMember, Meeting, Participant, Programme
from mentordesk.store.rows import as_date, raw_rows, tuples

SETTINGS_KEY = "cadence"
EARLIEST = date(1, 1, 1)  # before every check-in: the lower bound of a match with no start date


class OverdueItem(NamedTuple):
    kind: str  # OverdueKind value
    who: str
    problem: str
    due_on: date
    days_overdue: int
    match_id: int | None = None
    contact_id: int | None = None  # a follow-up from this contact-log entry
    safety: bool = False


def rules_for(programme_id: int) -> CadenceRules:
    programme = Programme.get_by_id(programme_id)
    stored = (programme.settings or {}).get(SETTINGS_KEY)
    return CadenceRules.from_dict(stored, meet_every_days=programme.meeting_frequency_days or 14)


def save_rules(programme_id: int, rules: CadenceRules) -> None:
    """Store the rules; the programme's meeting frequency (quoted in agreements) follows the meeting rule."""
    problems = check_rules(rules)
    if problems:
        raise MeetingInputError([Problem("cadence", text) for text in problems])
    programme = Programme.get_by_id(programme_id)
    settings = dict(programme.settings or {})
    settings[SETTINGS_KEY] = rules.to_dict()
    programme.settings = settings
    programme.meeting_frequency_days = rules.meet_every_days
    programme.save()


def match_activity(programme_id: int, today: date) -> list[MatchActivity]:
    """The facts the cadence rules need, for every active match of the programme.

    One query: per active match, correlated subqueries over the (match, status, starts_at)
    and (match, contacted_at) indexes, so the cost grows with the number of matches, not
    with years of meetings. Check-ins that name only a person are added from a second,
    grouped query (they are few, and an index cannot reach them per match).
    """
    meeting, contact = Meeting.alias("m"), ContactLog.alias("c")
    midnight = datetime.combine(today, time.min)
    # No start date: no lower bound. COALESCE with the earliest date both SQLite and PostgreSQL read
    # keeps one range condition, so the (match, contacted_at) index still serves it; an OR of
    # "no start date" and the range made SQLite scan every check-in of the match (70x slower).
    since_start = contact.contacted_at >= fn.COALESCE(Match.started_on, EARLIEST)
    held = meeting.status == MeetingStatus.HELD.value
    unrecorded = (meeting.status == MeetingStatus.PLANNED.value) & (meeting.starts_at < midnight)
    own = meeting.match == Match.id
    checkin = (contact.match == Match.id) & since_start
    query = Match.select(
        Match.id,
        Match.started_on,
        Match.first_meeting_on,
        Match.created_at,
        meeting.select(fn.MAX(meeting.starts_at)).where(own & held),
        meeting.select(fn.COUNT(meeting.id)).where(own & unrecorded),
        meeting.select(fn.MIN(meeting.starts_at)).where(own & unrecorded),
        contact.select(fn.COUNT(contact.id)).where(checkin),
        contact.select(fn.MAX(contact.contacted_at)).where(checkin),
    ).where((Match.programme == programme_id) & (Match.status == MatchStatus.ACTIVE.value))
    rows = raw_rows(query)
    if not rows:
        return []
    via_person = _checkins_naming_a_person(programme_id)
    out = []
    for match_id, started_on, first_meeting_on, created_at, last_held, missing, oldest, count, last in rows:
        start = as_date(started_on) or as_date(first_meeting_on) or as_date(created_at) or today
        extra_count, extra_last = via_person.get(match_id, (0, None))
        last_checkin = max((d for d in (as_date(last), extra_last) if d is not None), default=None)
        out.append(
            MatchActivity(
                match_id=match_id,
                started_on=start,
                last_meeting_on=as_date(last_held),
                checkins=count + extra_count,
                last_checkin_on=last_checkin,
                unrecorded=missing,
                oldest_unrecorded_on=as_date(oldest),
            )
        )
    return out


def _checkins_naming_a_person(programme_id: int) -> dict[int, tuple[int, date | None]]:
    """Per active match: check-ins that name one of its people but no match, since the match started."""
    query = (
        ContactLog.select(MatchMember.match, fn.COUNT(ContactLog.id), fn.MAX(ContactLog.contacted_at))
        .join(MatchMember, on=(MatchMember.participant == ContactLog.participant))
        .join(Match, on=(MatchMember.match == Match.id))
        .where(
            (Match.programme == programme_id)
            & (Match.status == MatchStatus.ACTIVE.value)
            & (ContactLog.programme == programme_id)
            & ContactLog.match.is_null()
            & (ContactLog.contacted_at >= fn.COALESCE(Match.started_on, EARLIEST))  # see match_activity
        )
        .group_by(MatchMember.match)
    )
    return {match_id: (count, as_date(last)) for match_id, count, last in raw_rows(query)}


def follow_ups_due(programme_id: int, today: date) -> list[OverdueItem]:
    """Contact-log follow-ups whose date has passed and that are not marked done."""
    query = (
        ContactLog.select(
            ContactLog.id,
            ContactLog.match,
            ContactLog.follow_up_on,
            ContactLog.safety_concern,
            Participant.first_name,
            Participant.preferred_name,
            Participant.last_name,
        )
        .join(Participant, join_type=JOIN.LEFT_OUTER, on=(ContactLog.participant == Participant.id))
        .where(
            (ContactLog.programme == programme_id)
            & (ContactLog.follow_up_done == False)  # noqa: E712 (peewee expression)
            & ContactLog.follow_up_on.is_null(False)
            & (ContactLog.follow_up_on < today)
        )
    )
    rows = list(tuples(query))
    people = match_people(match_ids={r[1] for r in rows if r[1]}) if rows else {}
    items = []
    for contact_id, match_id, due, safety, first, preferred, last in rows:
        who = people[match_id].who if match_id in people else display_name(first, last, preferred)
        problem = "Safety concern: follow-up due" if safety else "Follow-up from a check-in is due"
        items.append(
            OverdueItem(
                OverdueKind.FOLLOW_UP.value,
                who or "(unknown)",
                problem,
                due,
                (today - due).days,
                match_id=match_id,
                contact_id=contact_id,
                safety=bool(safety),
            )
        )
    return items


def overdue_items(programme_id: int, today: date | None = None) -> list[OverdueItem]:
    """Everything overdue in the programme, most overdue first (safety concerns before all else)."""
    today = today or date.today()
    if not programme_id or Programme.get_or_none(Programme.id == programme_id) is None:
        return []
    rules = rules_for(programme_id)
    found = [
        item for activity in match_activity(programme_id, today) for item in overdue(activity, rules, today)
    ]
    names = match_people(match_ids={o.match_id for o in found}) if found else {}
    items = [
        OverdueItem(
            o.kind.value,
            names[o.match_id].who if o.match_id in names else f"Match {o.match_id}",
            o.problem,
            o.due_on,
            o.days_overdue,
            match_id=o.match_id,
        )
        for o in found
    ]
    items += follow_ups_due(programme_id, today)
    return sorted(items, key=lambda i: (not i.safety, -i.days_overdue, i.who.lower()))


def attention_items(programme_id: int) -> list[Attention]:
    """For the dashboard: the same list, in its shape."""
    return [
        Attention("meetings", i.who, i.problem, i.days_overdue, match_id=i.match_id)
        for i in overdue_items(programme_id)
    ]
