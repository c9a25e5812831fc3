"""Cadence rules per programme and the "needs attention" list of overdue matches.

The overdue list is computed from a handful of grouped queries (last held
meeting, check-in count and last check-in, past meetings without an outcome,
open follow-ups), so it stays fast on a programme with thousands of matches and
years of meetings. The dashboard picks ``attention_items`` up by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from peewee import JOIN, fn

from mentordesk.core.cadence import CadenceRules, MatchActivity, OverdueKind, check_rules, overdue
from mentordesk.core.meeting_validation import MeetingInputError, Problem
from mentordesk.core.vocab import MatchStatus, MeetingStatus
from mentordesk.services.dashboard import Attention
from mentordesk.services.meeting_queries import _display, match_people
from mentordesk.store.models import ContactLog, Match, MatchMember, Meeting, Participant, Programme

SETTINGS_KEY = "cadence"


@dataclass(frozen=True)
class OverdueItem:
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


def _as_date(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value)).date()


def match_activity(programme_id: int, today: date) -> list[MatchActivity]:
    """The facts the cadence rules need, for every active match of the programme."""
    active = (Match.programme == programme_id) & (Match.status == MatchStatus.ACTIVE.value)
    matches = list(
        Match.select(Match.id, Match.started_on, Match.first_meeting_on, Match.created_at)
        .where(active)
        .tuples()
    )
    if not matches:
        return []
    last_held = dict(
        Meeting.select(Meeting.match, fn.MAX(Meeting.starts_at))
        .join(Match)
        .where(active & (Meeting.status == MeetingStatus.HELD.value))
        .group_by(Meeting.match)
        .tuples()
    )
    midnight = datetime.combine(today, time.min)
    unrecorded = {
        match: (count, oldest)
        for match, count, oldest in Meeting.select(
            Meeting.match, fn.COUNT(Meeting.id), fn.MIN(Meeting.starts_at)
        )
        .join(Match)
        .where(active & (Meeting.status == MeetingStatus.PLANNED.value) & (Meeting.starts_at < midnight))
        .group_by(Meeting.match)
        .tuples()
    }
    checkins = _checkins(programme_id, active)
    out = []
    for match_id, started_on, first_meeting_on, created_at in matches:
        start = _as_date(started_on) or _as_date(first_meeting_on) or _as_date(created_at) or today
        count, last_checkin = checkins.get(match_id, (0, None))
        missing, oldest = unrecorded.get(match_id, (0, None))
        out.append(
            MatchActivity(
                match_id=match_id,
                started_on=start,
                last_meeting_on=_as_date(last_held.get(match_id)),
                checkins=count,
                last_checkin_on=last_checkin,
                unrecorded=missing,
                oldest_unrecorded_on=_as_date(oldest),
            )
        )
    return out


def _checkins(programme_id: int, active) -> dict[int, tuple[int, date | None]]:
    """Per match: how many check-ins since its start and the last one's date.

    A check-in counts for a match when it names the match, or names only a person who is in it.
    """
    since_start = ContactLog.contacted_at >= fn.COALESCE(Match.started_on, "0000")
    direct = (
        ContactLog.select(ContactLog.match, fn.COUNT(ContactLog.id), fn.MAX(ContactLog.contacted_at))
        .join(Match, on=(ContactLog.match == Match.id))
        .where(active & (ContactLog.programme == programme_id) & since_start)
        .group_by(ContactLog.match)
        .tuples()
    )
    via_person = (
        ContactLog.select(MatchMember.match, fn.COUNT(ContactLog.id), fn.MAX(ContactLog.contacted_at))
        .join(MatchMember, on=(MatchMember.participant == ContactLog.participant))
        .join(Match, on=(MatchMember.match == Match.id))
        .where(active & (ContactLog.programme == programme_id) & ContactLog.match.is_null() & since_start)
        .group_by(MatchMember.match)
        .tuples()
    )
    found: dict[int, tuple[int, date | None]] = {}
    for match_id, count, last in list(direct) + list(via_person):
        previous_count, previous_last = found.get(match_id, (0, None))
        last_day = _as_date(last)
        latest = (
            max(d for d in (previous_last, last_day) if d is not None)
            if (previous_last or last_day)
            else None
        )
        found[match_id] = (previous_count + count, latest)
    return found


def follow_ups_due(programme_id: int, today: date) -> list[OverdueItem]:
    """Contact-log follow-ups whose date has passed and that are not marked done."""
    rows = (
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
        .tuples()
    )
    rows = list(rows)
    people = match_people(match_ids={r[1] for r in rows if r[1]}) if rows else {}
    items = []
    for contact_id, match_id, due, safety, first, preferred, last in rows:
        who = (
            people[match_id].who if match_id in people else _display(first or "", preferred or "", last or "")
        )
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
    names = match_people(programme_id) if found else {}
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
    return [Attention("meetings", i.who, i.problem, i.days_overdue) for i in overdue_items(programme_id)]
