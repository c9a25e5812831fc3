"""The figures and to-do lists the dashboard shows, gathered from the other services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple

from mentordesk.core.attention import Attention
from mentordesk.core.vocab import EnrolmentStatus, MatchStatus, MeetingStatus, ProgrammeKind, Role
from mentordesk.store.models import Enrolment, Match, MatchMember, Meeting, Participant, Programme
from mentordesk.store.rows import in_bulk, raw_rows

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mentordesk.core.participants import Clearance
    from mentordesk.core.reports import Period, Report, ReportRows
    from mentordesk.services.participants import ScreeningFacts


class Upcoming(NamedTuple):
    match_id: int
    starts_at: datetime
    duration_minutes: int
    who: str  # "Mentor & Mentee"
    place: str


@dataclass
class Overview:
    programme_id: int = 0  # whose figures these are
    mentors: int = 0
    mentors_cleared: int = 0
    mentees: int = 0
    waiting: int = 0  # ready but not matched
    active_matches: int = 0
    matcher_runs: bool = True  # False where people are paired otherwise (a speed-mentoring night)
    attention: list[Attention] = field(default_factory=list)
    upcoming: list[Upcoming] = field(default_factory=list)
    # This term's figures (core.reports), with the lists behind them: pipeline, matches, activity.
    report: Report | None = None
    # The screening records read and everyone's clearance judged for the rest, kept so the figures
    # asked for later (``term_figures``) need not read or judge them again.
    facts: ScreeningFacts | None = field(default=None, repr=False)
    clearances: Mapping[int, Clearance] | None = field(default=None, repr=False)


def _term_rows(
    programme_id: int,
    today: date,
    facts: ScreeningFacts | None = None,
    clearances: Mapping[int, Clearance] | None = None,
) -> tuple[ReportRows, Period]:
    from mentordesk.core.reports import this_term
    from mentordesk.services import reports

    term = this_term(today, reports.school_terms())
    return reports.load_rows(programme_id, term.start, term.end, today, facts, clearances), term


@in_bulk
def term_figures(
    programme_id: int,
    today: date | None = None,
    facts: ScreeningFacts | None = None,
    clearances: Mapping[int, Clearance] | None = None,
) -> Report:
    """The report figures of the term so far (see core.reports.this_term), for the dashboard: the
    report's own rows and formulas, without the parts of a whole report it does not show (the period
    before, survey outcomes). ``facts`` and ``clearances``: the programme's screening records and
    everyone's clearance today, when already read and judged."""
    from mentordesk.core.reports import compute

    return compute(*_term_rows(programme_id, today or date.today(), facts, clearances))


@in_bulk
def overview(programme_id: int, today: date | None = None, figures: bool = True) -> Overview:
    """The cards, the attention items and the coming meetings; with ``figures`` also this term's report.

    The dashboard asks without ``figures`` first (its Today tab shows at once) and then for
    ``term_figures(..., facts=result.facts, clearances=result.clearances)``, whose tabs are not on
    show when it opens.
    """
    result = Overview(programme_id=programme_id)
    if not programme_id:
        return result
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        # Gone, or not this user's on a shared server: a refresh started before the app switched
        # databases (File › Connect to a shared server…) can ask for a programme of the old one.
        return result
    from mentordesk.core.reports import compute
    from mentordesk.services import pairing, participants

    today = today or date.today()
    # A speed programme's people wait for the night (the matcher runs after it, on the wishes).
    result.matcher_runs = not pairing.matcher_refusal(programme.kind) and programme.kind != "speed"
    # The screening records are read and everyone's clearance judged once, for this term's figures
    # (checks expired, consent missing), the cleared-mentor count, the participants' attention items
    # and the renewals due.
    facts = result.facts = participants.screening_facts(programme_id)
    clearances = result.clearances = participants.clearance_map(programme_id, today, facts=facts)
    if figures:
        # The report's rows (read once) give the cards their counts too.
        rows, term = _term_rows(programme_id, today, facts, clearances)
        result.report = compute(rows, term)
        enrolments = [(e.participant_id, e.role, e.status) for e in rows.enrolments]
        statuses = [m.status for m in rows.matches]
    else:
        enrolments = raw_rows(
            Enrolment.select(Enrolment.participant, Enrolment.role, Enrolment.status).where(
                Enrolment.programme == programme_id
            )
        )
        statuses = [
            status
            for (status,) in raw_rows(
                Match.select(Match.status).where(
                    (Match.programme == programme_id) & (Match.status == MatchStatus.ACTIVE.value)
                )
            )
        ]
    roles: dict[int, str] = {}  # people who have not left, by their role
    # The enum values once, not per row (an enum member's .value is a property: 5,000 rows, 20,000 reads).
    exited, ready = EnrolmentStatus.EXITED.value, EnrolmentStatus.READY.value
    mentor, mentee_roles = Role.MENTOR.value, (Role.MENTEE.value, Role.PEER.value)
    # A shadow board's members are not waiting for anyone: nobody is paired on a board.
    can_wait = programme.kind != ProgrammeKind.SHADOW_BOARD.value
    for pid, role, status in enrolments:
        if status == exited:
            continue
        roles[pid] = role
        if role == mentor:
            result.mentors += 1
        elif role in mentee_roles:
            result.mentees += 1
            if status == ready and can_wait:
                result.waiting += 1
    active = MatchStatus.ACTIVE.value
    result.active_matches = sum(1 for status in statuses if status == active)
    result.mentors_cleared = sum(1 for pid, c in clearances.items() if c.cleared and roles.get(pid) == mentor)
    result.upcoming = upcoming_meetings(programme_id)
    for provider in attention_providers():
        if provider is participants.attention_items:
            result.attention.extend(participants.attention_items(programme_id, clearances=clearances, facts=facts))
        elif provider is participants.renewal_attention:
            result.attention.extend(participants.renewal_attention(programme_id, facts=facts))
        else:
            result.attention.extend(provider(programme_id))
    result.attention.sort(key=lambda a: -a.days_overdue)
    return result


def upcoming_meetings(programme_id: int, days: int = 14, today: date | None = None) -> list[Upcoming]:
    """Planned meetings from today for ``days`` days, soonest first, with who meets."""
    start = datetime.combine(today or date.today(), time.min)
    meetings = list(
        Meeting.select(Meeting.id, Meeting.match, Meeting.starts_at, Meeting.duration_minutes, Meeting.place)
        .join(Match)
        .where(
            (Match.programme == programme_id)
            & (Meeting.status == MeetingStatus.PLANNED.value)
            & (Meeting.starts_at >= start)
            & (Meeting.starts_at < start + timedelta(days=days))
        )
        .order_by(Meeting.starts_at)
        .limit(50)
    )
    match_ids = {m.match_id for m in meetings}
    names: dict[int, list[tuple[str, str]]] = {}
    if match_ids:
        rows = (
            MatchMember.select(
                MatchMember.match,
                MatchMember.role,
                Participant.first_name,
                Participant.preferred_name,
                Participant.last_name,
            )
            .join(Participant)
            .where(MatchMember.match.in_(match_ids))
            .order_by(MatchMember.role.desc())
        )
        for row in rows:
            person = row.participant
            names.setdefault(row.match_id, []).append((row.role, person.display_name))
    return [
        Upcoming(
            m.match_id,
            m.starts_at,
            m.duration_minutes,
            " & ".join(n for _, n in names.get(m.match_id, [])),
            m.place,
        )
        for m in meetings
    ]


def attention_providers() -> list[Callable[[int], list[Attention]]]:
    """The areas that raise "needs attention" items, each asked for a programme's list."""
    from mentordesk.services import concerns, goals, meetings, participants, surveys

    return [
        participants.attention_items,
        participants.renewal_attention,
        meetings.attention_items,
        goals.attention_items,
        surveys.attention_items,
        concerns.attention_items,
    ]
