"""The programme figures, each defined once over plain rows and used by the dashboard, the PDF and the CSV.

A period is a span of days, both ends included. "As of" is the period's last day, or today when the
period is not over yet: snapshot figures (who is waiting, which checks have expired, match health) are
taken on that day. A match "runs in" the period when it started on or before the period's end and was
not closed before its start; a match started and closed on the same day runs for that one day and has
length 0. A group match is one row, so it counts once however many members it has. Every function
below names its formula; ``FIGURES`` gives each stable key its meaning (the README lists them).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median
from typing import NamedTuple

from mentordesk.core.meetings import CadenceRules, MatchActivity, next_checkin_due, next_meeting_due
from mentordesk.core.reports.rows import (
    CheckinRow,
    ClearanceRow,
    EnrolmentRow,
    GoalRow,
    MatchRow,
    MeetingRow,
    Period,
    ReportRows,
    StatusChange,
)
from mentordesk.core.vocab import ClosureKind, EnrolmentStatus, GoalStatus, MatchStatus, MeetingStatus, Role

EXPIRY_WARNING_DAYS = 30
# Retention marks in days: 3, 6 and 12 months as 91, 182 and 365 days (a month is 365/12 days).
RETENTION_MONTHS = (3, 6, 12)
CURVE_MONTHS = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
PIPELINE_STAGES = (
    EnrolmentStatus.APPLIED,
    EnrolmentStatus.SCREENING,
    EnrolmentStatus.READY,
    EnrolmentStatus.MATCHED,
    EnrolmentStatus.ON_HOLD,
    EnrolmentStatus.EXITED,
)
HEALTH = ("on_track", "drifting", "overdue", "paused")
NO_REASON = "No reason given"

Figure = int | float | None


def month_days(months: int) -> int:
    """``months`` as days: round(months × 365 / 12), so 3 → 91, 6 → 182, 12 → 365."""
    return round(months * 365 / 12)


def as_of(period: Period, today: date) -> date:
    """The day snapshot figures are taken: the period's end, or today if that is earlier."""
    return min(period.end, today)


def pct(part: int, whole: int) -> float | None:
    """100 × part / whole, to one decimal; None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def _median(values: Iterable[float]) -> float | None:
    values = list(values)
    return float(median(values)) if values else None


def _is_mentee(role: str) -> bool:
    return role in (Role.MENTEE, Role.PEER)


# -- pipeline ------------------------------------------------------------------------------------


def _history(changes: Iterable[StatusChange]) -> dict[int, list[StatusChange]]:
    out: dict[int, list[StatusChange]] = defaultdict(list)
    for change in changes:
        out[change.enrolment_id].append(change)
    for items in out.values():
        items.sort(key=lambda c: c.on)
    return out


def status_on(
    enrolment: EnrolmentRow, history: list[StatusChange], day: date, today: date | None = None
) -> str | None:
    """The enrolment's status on ``day``: None before it was enrolled; from ``today`` on, the status it
    has now (the record itself, which a change made without an audit event cannot contradict); else
    the new status of the last
    recorded change on or before ``day``; before the first recorded change, that change's old status
    (its new one when it is the record's creation: the status it was entered with); with no history at
    all, the status it has now."""
    if enrolment.enrolled_on > day:
        return None
    if today is not None and day >= today:
        return enrolment.status
    before = [c for c in history if c.on <= day]
    if before:
        return before[-1].new
    if history:
        return history[0].old or history[0].new
    return enrolment.status


def pipeline_people(rows: ReportRows, day: date) -> dict[tuple[str, str], tuple[int, ...]]:
    """{(mentor|mentee, status): participant ids with that status on ``day``}; peers count as mentees."""
    history = _history(rows.changes)
    people: dict[tuple[str, str], list[int]] = defaultdict(list)
    for enrolment in rows.enrolments:
        status = status_on(enrolment, history.get(enrolment.enrolment_id, []), day, rows.today)
        if status is not None:
            side = "mentee" if _is_mentee(enrolment.role) else "mentor"
            people[(side, status)].append(enrolment.participant_id)
    return {key: tuple(sorted(ids)) for key, ids in people.items()}


def pipeline_counts(rows: ReportRows, day: date) -> dict[tuple[str, str], int]:
    """{(mentor|mentee, status): number of enrolments with that status on ``day``}; peers count as mentees."""
    return {key: len(ids) for key, ids in pipeline_people(rows, day).items()}


def participants(enrolments: Iterable[EnrolmentRow], period: Period) -> tuple[int, int]:
    """(mentors, mentees) taking part in the period: enrolled on or before its end and not exited before
    its start. Peers count as mentees."""
    mentors = mentees = 0
    for e in enrolments:
        if e.enrolled_on > period.end or (e.exited_on is not None and e.exited_on < period.start):
            continue
        if _is_mentee(e.role):
            mentees += 1
        else:
            mentors += 1
    return mentors, mentees


def stage_days(rows: ReportRows, period: Period) -> dict[str, float]:
    """{status: median days spent in it} over the stays that ended in the period.

    A stay in a status runs from the recorded change into it (or the enrolment day, for the status held
    before the first recorded change) to the next recorded change out of it. Only ended stays count."""
    stays: dict[str, list[int]] = defaultdict(list)
    enrolled = {e.enrolment_id: e for e in rows.enrolments}
    for enrolment_id, history in _history(rows.changes).items():
        enrolment = enrolled.get(enrolment_id)
        entered_on = enrolment.enrolled_on if enrolment else None
        current = history[0].old
        for change in history:
            if current is not None and entered_on is not None and change.on in period:
                stays[current].append(max(0, (change.on - entered_on).days))
            created = change.old is None and enrolment is not None
            # A record's creation may be written later than its enrolment day (an import): count from that day.
            current, entered_on = change.new, enrolment.enrolled_on if created and enrolment else change.on
    return {status: float(median(days)) for status, days in stays.items()}


def waiting(rows: ReportRows, day: date) -> dict[int, int]:
    """{participant id: days waiting} for mentees who are "ready" (waiting for a match) on ``day``;
    days waiting = ``day`` − the day of the last recorded move to "ready" (else the enrolment day)."""
    history = _history(rows.changes)
    out: dict[int, int] = {}
    for e in rows.enrolments:
        if not _is_mentee(e.role):
            continue
        items = history.get(e.enrolment_id, [])
        if status_on(e, items, day, rows.today) != EnrolmentStatus.READY:
            continue
        moves = [c.on for c in items if c.on <= day and c.new == EnrolmentStatus.READY]
        since = moves[-1] if moves else e.enrolled_on
        out[e.participant_id] = (day - since).days
    return out


class ClearanceProblems(NamedTuple):
    expired: tuple[int, ...]  # participant ids
    expiring: tuple[int, ...]
    consent_missing: tuple[int, ...]


def clearance_problems(rows: Iterable[ClearanceRow], day: date) -> ClearanceProblems:
    """Among people not exited: a background check expired (expires before ``day``), expiring (on ``day``
    or within the next 30 days), and minors missing a guardian's consent."""
    expired, expiring, consent = [], [], []
    for row in rows:
        if row.status == EnrolmentStatus.EXITED:
            continue
        when = row.check_expires_on
        if when is not None and when < day:
            expired.append(row.participant_id)
        elif when is not None and when <= day + timedelta(days=EXPIRY_WARNING_DAYS):
            expiring.append(row.participant_id)
        if row.consent_missing:
            consent.append(row.participant_id)
    return ClearanceProblems(tuple(sorted(expired)), tuple(sorted(expiring)), tuple(sorted(consent)))


# -- matches ---------------------------------------------------------------------------------------


def runs_in(match: MatchRow, period: Period) -> bool:
    """Started on or before the period's end and not closed before its start."""
    return match.started_on <= period.end and (match.closed_on is None or match.closed_on >= period.start)


def open_on(match: MatchRow, day: date) -> bool:
    """Started on or before ``day`` and not closed on or before it."""
    return match.started_on <= day and (match.closed_on is None or match.closed_on > day)


def paused_on(match: MatchRow, day: date) -> bool:
    """Paused now, and the pause (when its day is known) began on or before ``day``."""
    return match.status == MatchStatus.PAUSED and (match.paused_since is None or match.paused_since <= day)


def reached_planned_end(match: MatchRow) -> bool:
    """Closed as planned, or closed on or after its planned end date."""
    if match.closure_kind == ClosureKind.PLANNED:
        return True
    return (
        match.planned_end_on is not None
        and match.closed_on is not None
        and match.closed_on >= match.planned_end_on
    )


def still_going_at(matches: Iterable[MatchRow], days: int, day: date) -> tuple[int, int]:
    """(still going, old enough): among matches whose ``days`` mark (start + days) is on or before
    ``day``, those not closed before that mark."""
    return still_going_by(matches, (days,), day)[days]


def still_going_by(matches: Iterable[MatchRow], marks: Iterable[int], day: date) -> dict[int, tuple[int, int]]:
    """``still_going_at`` for several marks in one pass: {days: (still going, old enough)}.

    A match is old enough for a mark of d days when it started at least d days before ``day``, and
    still going at it when, besides, it had not closed within d days of its start: so the old-enough
    count is the number of ages >= d, and the still-going count the number of min(age, length) >= d
    (an open match's length has no end), each read off a sorted list."""
    ages, reaches = [], []
    for m in matches:
        age = (day - m.started_on).days
        ages.append(age)
        length = (m.closed_on - m.started_on).days if m.closed_on is not None else age
        reaches.append(min(age, length))
    ages.sort()
    reaches.sort()
    n = len(ages)
    return {d: (n - bisect_left(reaches, d), n - bisect_left(ages, d)) for d in marks}


def closures_by_reason(closed: Iterable[MatchRow]) -> dict[str, int]:
    """{reason: closures}, the reason as written (trimmed; case and spacing ignored when grouping)."""
    return {reason: len(ids) for reason, ids in closure_ids_by_reason(closed).items()}


def closure_ids_by_reason(closed: Iterable[MatchRow]) -> dict[str, tuple[int, ...]]:
    """{reason: match ids}, the most frequent reason first (see ``closures_by_reason``)."""
    ids: dict[str, list[int]] = defaultdict(list)
    shown: dict[str, str] = {}
    for m in closed:
        text = " ".join(m.closure_reason.split()) or NO_REASON
        key = text.casefold()
        shown.setdefault(key, text)
        ids[key].append(m.match_id)
    ordered = sorted(ids.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return {shown[k]: tuple(sorted(v)) for k, v in ordered}


def match_health(
    matches: Iterable[MatchRow], meetings: Iterable[MeetingRow], day: date, meet_every_days: int
) -> dict[str, tuple[int, ...]]:
    """{on_track|drifting|overdue|paused: match ids} for matches open on ``day``.

    The cadence rule of core.meetings gives the day the next meeting was due (the last meeting held on or
    before ``day``, else the start, + meet every N days). Late = ``day`` − due: on track when not late,
    drifting when late by up to N days, overdue when later still. Paused matches are their own group."""
    rules = CadenceRules(meet_every_days=meet_every_days)
    last_held: dict[int, date] = {}
    for meeting in meetings:
        late_enough = meeting.on > last_held.get(meeting.match_id, date.min)
        if meeting.status == MeetingStatus.HELD and meeting.on <= day and late_enough:
            last_held[meeting.match_id] = meeting.on
    groups: dict[str, list[int]] = {name: [] for name in HEALTH}
    for m in matches:
        if not open_on(m, day):
            continue
        if paused_on(m, day):
            groups["paused"].append(m.match_id)
            continue
        activity = MatchActivity(m.match_id, m.started_on, last_meeting_on=last_held.get(m.match_id))
        late = (day - next_meeting_due(activity, rules)).days
        name = "on_track" if late <= 0 else "drifting" if late <= meet_every_days else "overdue"
        groups[name].append(m.match_id)
    return {name: tuple(sorted(ids)) for name, ids in groups.items()}


def cadence_met(
    matches: Iterable[MatchRow],
    meetings: Iterable[MeetingRow],
    period: Period,
    today: date,
    meet_every_days: int,
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(met, judged) match ids. A match's window is the part of the period it ran: from the later of its
    start and the period's start to the earliest of the period's end, today, its closing day and the day
    it was paused. A window shorter than N days (meet every N) is too short to judge. Expected meetings
    = window days // N; the match met the cadence when it held at least that many in its window."""
    held: dict[int, list[date]] = defaultdict(list)
    for meeting in meetings:
        if meeting.status == MeetingStatus.HELD:
            held[meeting.match_id].append(meeting.on)
    met, judged = [], []
    for m in matches:
        if not runs_in(m, period) or m.started_on > today:
            continue
        if m.status == MatchStatus.PAUSED and m.paused_since is None:
            continue  # paused since an unknown day: its window cannot be told
        first = max(period.start, m.started_on)
        ends = [period.end, today]
        ends += [d for d in (m.closed_on, m.paused_since if m.status == MatchStatus.PAUSED else None) if d]
        last = min(ends)
        days = (last - first).days + 1
        if days < meet_every_days:
            continue
        judged.append(m.match_id)
        count = sum(1 for d in held.get(m.match_id, []) if first <= d <= last)
        if count >= days // meet_every_days:
            met.append(m.match_id)
    return tuple(sorted(met)), tuple(sorted(judged))


def checkins_to_standard(
    matches: Iterable[MatchRow], checkins: Iterable[CheckinRow], day: date, rules: CadenceRules
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(kept, judged) match ids: the coordinator's check-ins against the standard of core.meetings'
    cadence rules (the first within N days of the start, M in month one, then every N days). Judged:
    matches open and not paused on ``day``; kept: the next check-in, counted from the check-ins recorded
    against the match (or naming one of its people) from its start to ``day``, is not yet overdue on
    ``day``."""
    counts: dict[int, int] = defaultdict(int)
    last: dict[int, date] = {}
    starts = {m.match_id: m.started_on for m in matches}
    for c in checkins:
        for match_id in (c.match_id,) if c.match_id is not None else c.via_person:
            start = starts.get(match_id)
            if start is None or not start <= c.on <= day:
                continue
            counts[match_id] += 1
            if c.on > last.get(match_id, date.min):
                last[match_id] = c.on
    kept, judged = [], []
    for m in matches:
        if not open_on(m, day) or paused_on(m, day):
            continue
        judged.append(m.match_id)
        activity = MatchActivity(
            m.match_id, m.started_on, checkins=counts.get(m.match_id, 0), last_checkin_on=last.get(m.match_id)
        )
        if day <= next_checkin_due(activity, rules):
            kept.append(m.match_id)
    return tuple(sorted(kept)), tuple(sorted(judged))


# -- activity --------------------------------------------------------------------------------------


def months_of(period: Period) -> list[str]:
    """ "YYYY-MM" of every month the period touches, in order."""
    out, year, month = [], period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def meetings_per_month(meetings: Iterable[MeetingRow], period: Period) -> dict[str, int]:
    """{"YYYY-MM": meetings held that month within the period}, every month of the period listed."""
    counts = dict.fromkeys(months_of(period), 0)
    first, last = period.start, period.end
    for m in meetings:
        if first <= m.on <= last and m.status == MeetingStatus.HELD:
            counts[f"{m.on.year:04d}-{m.on.month:02d}"] += 1
    return counts


def mentoring_hours(meetings: Iterable[MeetingRow], period: Period) -> float:
    """Σ minutes of the meetings held in the period (actual length when recorded, else planned) / 60,
    to one decimal. A group meeting is one meeting: its time counts once."""
    first, last = period.start, period.end
    minutes = sum(m.minutes for m in meetings if first <= m.on <= last and m.status == MeetingStatus.HELD)
    return round(minutes / 60, 1)


def goal_counts(goals: Iterable[GoalRow], live_matches: set[int], period: Period) -> dict[str, int]:
    """Goals of the matches that ran in the period, by status now; "achieved" only when achieved in the
    period (or on an unrecorded day)."""
    counts = dict.fromkeys([s.value for s in GoalStatus], 0)
    for g in goals:
        if g.match_id not in live_matches:
            continue
        if g.status == GoalStatus.ACHIEVED and g.achieved_on is not None and g.achieved_on not in period:
            continue
        counts[g.status] = counts.get(g.status, 0) + 1
    return counts


def goal_matches(
    goals: Iterable[GoalRow], live_matches: set[int], period: Period, status: str
) -> tuple[int, ...]:
    """The matches with a goal counted under ``status`` by ``goal_counts``."""
    found = set()
    for g in goals:
        if g.match_id not in live_matches or g.status != status:
            continue
        if g.status == GoalStatus.ACHIEVED and g.achieved_on is not None and g.achieved_on not in period:
            continue
        found.add(g.match_id)
    return tuple(sorted(found))


# -- the whole report ------------------------------------------------------------------------------


class FigureInfo(NamedTuple):
    key: str
    label: str
    formula: str


FIGURES: tuple[FigureInfo, ...] = (
    FigureInfo(
        "participants_mentors",
        "Mentors",
        "mentors enrolled by the period's end and not exited before its start",
    ),
    FigureInfo(
        "participants_mentees",
        "Mentees",
        "mentees (and peers) enrolled by the end and not exited before the start",
    ),
    FigureInfo(
        "mentees_waiting",
        "Mentees waiting",
        "mentees with status ready (waiting for a match) on the as-of day",
    ),
    FigureInfo("median_wait_days", "Median wait (days)", "median days since those mentees became ready"),
    FigureInfo(
        "checks_expired",
        "Checks expired",
        "people not exited whose background check expired before the as-of day",
    ),
    FigureInfo(
        "checks_expiring", "Checks expiring", "background checks expiring within 30 days of the as-of day"
    ),
    FigureInfo("consent_missing", "Consent missing", "minors without a guardian or valid guardian consent"),
    FigureInfo("matches_active", "Active matches", "matches open on the as-of day and not paused"),
    FigureInfo("matches_paused", "Paused matches", "matches open on the as-of day and paused"),
    FigureInfo("matches_started", "Matches started", "matches whose start date is in the period"),
    FigureInfo("matches_closed", "Matches closed", "matches whose closing date is in the period"),
    FigureInfo("matches_closed_early", "Closed early", "of those, closures recorded as premature"),
    FigureInfo(
        "network_mentees",
        "Mentees with open links",
        "network programmes: different mentees in the active and paused matches (links) on the as-of day",
    ),
    FigureInfo(
        "network_mentors_per_mentee",
        "Mentors per mentee",
        "network programmes: active and paused links / mentees with open links, on the as-of day",
    ),
    FigureInfo(
        "median_match_length_days",
        "Median match length (days)",
        "median of closing − start date over matches closed in the period",
    ),
    FigureInfo(
        "retention_planned_end_pct",
        "Reached planned end (%)",
        "100 × closed matches that reached their planned end / matches closed in the period",
    ),
    FigureInfo(
        "retention_3m_pct",
        "Still going at 3 months (%)",
        "100 × matches not closed before start + 91 days / matches that ran in the period and are 91 days old",
    ),
    FigureInfo("retention_6m_pct", "Still going at 6 months (%)", "the same at 182 days"),
    FigureInfo("retention_12m_pct", "Still going at 12 months (%)", "the same at 365 days"),
    FigureInfo(
        "health_on_track",
        "On track",
        "open, unpaused matches whose next meeting is not yet due (cadence rule)",
    ),
    FigureInfo("health_drifting", "Drifting", "next meeting overdue by up to one cadence interval"),
    FigureInfo("health_overdue", "Overdue", "next meeting overdue by more than one cadence interval"),
    FigureInfo("meetings_held", "Meetings held", "meetings recorded as held in the period"),
    FigureInfo("mentoring_hours", "Mentoring hours", "Σ length of the meetings held in the period / 60"),
    FigureInfo(
        "cadence_met_pct",
        "Cadence met (%)",
        "100 × matches holding at least window days // N meetings / matches judged",
    ),
    FigureInfo("checkins_held", "Coordinator check-ins", "coordinator check-ins recorded in the period"),
    FigureInfo(
        "checkins_standard_met_pct",
        "Check-ins up to standard (%)",
        "100 × active matches whose next coordinator check-in is not overdue on the as-of day / active matches",
    ),
    FigureInfo("goals_achieved", "Goals achieved", "goals of matches that ran in the period, achieved in it"),
    FigureInfo("goals_in_progress", "Goals in progress", "goals of those matches in progress now"),
    FigureInfo("goals_not_started", "Goals not started", "goals of those matches not started"),
    FigureInfo("goals_dropped", "Goals dropped", "goals of those matches dropped"),
    FigureInfo(
        "training_hours",
        "Mentor training hours",
        "Σ hours of passed training completed in the period by mentors",
    ),
    FigureInfo(
        "events_held",
        "Events held",
        "programme events (training, group sessions, celebrations) dated in the period up to the as-of day",
    ),
    FigureInfo("training_sessions_held", "Training sessions held", "of those, training sessions"),
    FigureInfo("event_attendances", "Event attendances", "people marked attended at those events"),
    FigureInfo(
        "event_attendance_pct",
        "Event attendance (%)",
        "100 × people marked attended / people marked attended, apologies or absent at those events",
    ),
)
FIGURE_KEYS = tuple(f.key for f in FIGURES)


@dataclass(frozen=True)
class Report:
    period: Period
    as_of: date
    figures: dict[str, Figure]
    pipeline: dict[tuple[str, str], int] = field(default_factory=dict)
    stage_days: dict[str, float] = field(default_factory=dict)
    meetings_per_month: dict[str, int] = field(default_factory=dict)
    closures_by_reason: dict[str, int] = field(default_factory=dict)
    retention_curve: tuple[tuple[int, float | None], ...] = ()  # (months, % still going)
    goals: dict[str, int] = field(default_factory=dict)
    # The list behind each number: match ids or participant ids, keyed like the figures; also
    # "pipeline_<mentor|mentee>_<status>" (people), "closed_reason_<n>" (n from 1, in the order of
    # closures_by_reason), "goals_<status>" (matches with such a goal) and "matches_ran".
    lists: dict[str, tuple[int, ...]] = field(default_factory=dict)
    cadence_met: int = 0
    cadence_judged: int = 0
    meet_every_days: int = 14

    @property
    def empty(self) -> bool:
        """Nothing happened and nobody took part: no people, matches, meetings or goals in the period."""
        f = self.figures
        keys = (
            "participants_mentors",
            "participants_mentees",
            "matches_active",
            "matches_paused",
            "matches_started",
            "matches_closed",
            "meetings_held",
            "checkins_held",
        )
        return not any(f.get(k) for k in keys) and not any(self.goals.values())


def compute(rows: ReportRows, period: Period) -> Report:
    """Every figure of ``FIGURES`` for one programme and one period."""
    day = as_of(period, rows.today)
    mentors, mentees = participants(rows.enrolments, period)
    waits = waiting(rows, day)
    problems = clearance_problems(rows.clearance, day)
    live = [m for m in rows.matches if runs_in(m, period)]
    live_ids = {m.match_id for m in live}
    started = [m for m in rows.matches if m.started_on in period]
    closed = [m for m in rows.matches if m.closed_on is not None and m.closed_on in period]
    early = [m for m in closed if m.closure_kind == ClosureKind.PREMATURE]
    open_now = [m for m in rows.matches if open_on(m, day)]
    paused = [m for m in open_now if paused_on(m, day)]
    active = [m for m in open_now if not paused_on(m, day)]
    health = match_health(rows.matches, rows.meetings, day, rows.meet_every_days)
    met, judged = cadence_met(rows.matches, rows.meetings, period, rows.today, rows.meet_every_days)
    kept, watched = checkins_to_standard(rows.matches, rows.checkins, day, rows.cadence)
    meetings = rows.meetings
    per_month = meetings_per_month(meetings, period)
    goals = goal_counts(rows.goals, live_ids, period)
    marks = {months: month_days(months) for months in {*CURVE_MONTHS, *RETENTION_MONTHS}}
    going_at = still_going_by(live, marks.values(), day)
    curve = [(months, pct(*going_at[marks[months]])) for months in CURVE_MONTHS]
    retention = {months: pct(*going_at[marks[months]]) for months in RETENTION_MONTHS}
    trained = [t for t in rows.training if t.completed_on is not None and t.completed_on in period]
    held_events = [e for e in rows.events if e.on in period and e.on <= day]
    linked = sorted({pid for m in open_now for pid in m.mentee_ids}) if rows.network else []
    figures: dict[str, Figure] = {
        "participants_mentors": mentors,
        "participants_mentees": mentees,
        "mentees_waiting": len(waits),
        "median_wait_days": _median(waits.values()),
        "checks_expired": len(problems.expired),
        "checks_expiring": len(problems.expiring),
        "consent_missing": len(problems.consent_missing),
        "matches_active": len(active),
        "matches_paused": len(paused),
        "matches_started": len(started),
        "matches_closed": len(closed),
        "matches_closed_early": len(early),
        # A network link is its own match (counted above); these say how many mentees they serve.
        "network_mentees": len(linked) if rows.network else None,
        "network_mentors_per_mentee": (
            round(sum(len(m.mentee_ids) for m in open_now) / len(linked), 1) if rows.network and linked else None
        ),
        "median_match_length_days": _median((m.closed_on - m.started_on).days for m in closed if m.closed_on),
        "retention_planned_end_pct": pct(sum(1 for m in closed if reached_planned_end(m)), len(closed)),
        "retention_3m_pct": retention[3],
        "retention_6m_pct": retention[6],
        "retention_12m_pct": retention[12],
        "health_on_track": len(health["on_track"]),
        "health_drifting": len(health["drifting"]),
        "health_overdue": len(health["overdue"]),
        "meetings_held": sum(per_month.values()),
        "mentoring_hours": mentoring_hours(meetings, period),
        "cadence_met_pct": pct(len(met), len(judged)),
        "checkins_held": sum(1 for c in rows.checkins if c.on in period),
        "checkins_standard_met_pct": pct(len(kept), len(watched)),
        "goals_achieved": goals[GoalStatus.ACHIEVED],
        "goals_in_progress": goals[GoalStatus.IN_PROGRESS],
        "goals_not_started": goals[GoalStatus.NOT_STARTED],
        "goals_dropped": goals[GoalStatus.DROPPED],
        "training_hours": round(sum(t.hours for t in trained), 1),
        "events_held": len(held_events),
        "training_sessions_held": sum(1 for e in held_events if e.kind == "training"),
        "event_attendances": sum(e.attended for e in held_events),
        "event_attendance_pct": pct(sum(e.attended for e in held_events), sum(e.marked for e in held_events)),
    }
    lists: dict[str, tuple[int, ...]] = {
        "mentees_waiting": tuple(sorted(waits)),
        "checks_expired": problems.expired,
        "checks_expiring": problems.expiring,
        "consent_missing": problems.consent_missing,
        "matches_active": tuple(sorted(m.match_id for m in active)),
        "matches_paused": tuple(sorted(m.match_id for m in paused)),
        "matches_started": tuple(sorted(m.match_id for m in started)),
        "matches_closed": tuple(sorted(m.match_id for m in closed)),
        "matches_closed_early": tuple(sorted(m.match_id for m in early)),
        "health_on_track": health["on_track"],
        "health_drifting": health["drifting"],
        "health_overdue": health["overdue"],
        "cadence_met": met,
        "cadence_judged": judged,
        "checkins_kept": kept,
        "checkins_behind": tuple(sorted(set(watched) - set(kept))),
        "matches_ran": tuple(sorted(live_ids)),
        "events_held": tuple(sorted(e.event_id for e in held_events)),
        "network_mentees": tuple(linked),
    }
    people = pipeline_people(rows, day)
    for side in ("mentor", "mentee"):
        for stage in PIPELINE_STAGES:
            lists[f"pipeline_{side}_{stage.value}"] = people.get((side, stage.value), ())
    for number, ids in enumerate(closure_ids_by_reason(closed).values(), 1):
        lists[f"closed_reason_{number}"] = ids
    for status in GoalStatus:
        lists[f"goals_{status.value}"] = goal_matches(rows.goals, live_ids, period, status.value)
    return Report(
        period=period,
        as_of=day,
        figures=figures,
        pipeline={key: len(ids) for key, ids in people.items()},
        stage_days=stage_days(rows, period),
        meetings_per_month=per_month,
        closures_by_reason=closures_by_reason(closed),
        retention_curve=tuple(curve),
        goals=goals,
        lists=lists,
        cadence_met=len(met),
        cadence_judged=len(judged),
        meet_every_days=rows.meet_every_days,
    )
