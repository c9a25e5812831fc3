"""One plain sentence per report section, written from the figures alone (no names, no personal data)."""

from __future__ import annotations

from mentordesk.core.reports.figures import Report


def _n(count: int | float | None, one: str, many: str | None = None) -> str:
    value = int(count or 0)
    return f"{value} {one if value == 1 else (many or one + 's')}"


def _pct(value: float | int | None) -> str:
    return "—" if value is None else f"{value:.0f} %"


def _days(value: float | int | None) -> str:
    return "—" if value is None else f"{value:.0f} days"


def cadence_phrase(every_days: int) -> str:
    """ "weekly" for 7, "fortnightly" for 14, "monthly" for 28-31, else "every N days"."""
    if every_days == 7:
        return "weekly"
    if every_days == 14:
        return "fortnightly"
    if 28 <= every_days <= 31:
        return "monthly"
    return f"every {every_days} days"


def pipeline_sentence(report: Report) -> str:
    f = report.figures
    text = (
        f"{_n(f['participants_mentors'], 'mentor')} and {_n(f['participants_mentees'], 'mentee')} took part; "
        f"{_n(f['mentees_waiting'], 'mentee was', 'mentees were')} waiting for a match"
    )
    if f["mentees_waiting"]:
        text += f" (median wait {_days(f['median_wait_days'])})"
    problems = int(f["checks_expired"] or 0) + int(f["checks_expiring"] or 0) + int(f["consent_missing"] or 0)
    if problems:
        text += (
            f". Clearance: {_n(f['checks_expired'], 'check')} expired, {f['checks_expiring']} expiring within "
            f"30 days, {_n(f['consent_missing'], 'consent')} missing."
        )
    else:
        text += ". No clearance problems."
    return text


def matches_sentence(report: Report) -> str:
    f = report.figures
    text = (
        f"{_n(f['matches_started'], 'match', 'matches')} started and {f['matches_closed']} closed"
        f" ({f['matches_closed_early']} early); {f['matches_active']} active on {report.as_of.isoformat()}"
    )
    if f["matches_paused"]:
        text += f" and {f['matches_paused']} paused"
    text += "."
    if f["matches_closed"]:
        text += (
            f" Closed matches lasted a median of {_days(f['median_match_length_days'])}; "
            f"{_pct(f['retention_planned_end_pct'])} reached their planned end."
        )
    return text


def health_sentence(report: Report) -> str:
    f = report.figures
    total = int(f["health_on_track"] or 0) + int(f["health_drifting"] or 0) + int(f["health_overdue"] or 0)
    if not total:
        return "No active matches to judge."
    return (
        f"Of {_n(total, 'active match', 'active matches')}, {f['health_on_track']} "
        f"{'is' if f['health_on_track'] == 1 else 'are'} on track, {f['health_drifting']} drifting and "
        f"{f['health_overdue']} overdue for a meeting."
    )


def activity_sentence(report: Report) -> str:
    f = report.figures
    text = f"{_n(f['meetings_held'], 'meeting')} held, {f['mentoring_hours']:g} hours of mentoring."
    if report.cadence_judged:
        share = f["cadence_met_pct"]
        text += (
            f" {report.cadence_met} of {_n(report.cadence_judged, 'match', 'matches')} ({_pct(share)}) met at "
            f"least {cadence_phrase(report.meet_every_days)}."
        )
    watched = len(report.lists.get("checkins_kept", ())) + len(report.lists.get("checkins_behind", ()))
    if watched:
        text += (
            f" Coordinator check-ins were up to the standard for {len(report.lists['checkins_kept'])} of "
            f"{_n(watched, 'active match', 'active matches')} ({_pct(f['checkins_standard_met_pct'])})."
        )
    return text


def goals_sentence(report: Report) -> str:
    f = report.figures
    total = sum(report.goals.values())
    if not total:
        return "No goals were set for the matches of this period."
    return (
        f"{_n(f['goals_achieved'], 'goal')} achieved, {f['goals_in_progress']} in progress, "
        f"{f['goals_not_started']} not started and {f['goals_dropped']} dropped; mentors trained for "
        f"{f['training_hours']:g} hours."
    )


def events_sentence(report: Report) -> str:
    f = report.figures
    held = int(f.get("events_held") or 0)
    if not held:
        return (
            "No programme events (training sessions, group sessions, celebrations) were held in the period."
        )
    training = int(f.get("training_sessions_held") or 0)
    text = (
        f"{_n(held, 'event')} held, {training} of them training; {_n(f['event_attendances'], 'attendance')}"
    )
    if f.get("event_attendance_pct") is not None:
        text += f" ({_pct(f['event_attendance_pct'])} of those marked in the registers)"
    return text + "."


def retention_sentence(report: Report) -> str:
    f = report.figures
    parts = [
        f"{_pct(f[key])} at {months} months"
        for months, key in ((3, "retention_3m_pct"), (6, "retention_6m_pct"), (12, "retention_12m_pct"))
        if f[key] is not None
    ]
    if not parts:
        return "No match is old enough yet to show how long matches last."
    return "Matches still going: " + ", ".join(parts) + "."


def change_phrase(now: float | int | None, before: float | int | None) -> str:
    """ "+3", "−2", "no change" or "" when either side is unknown."""
    if now is None or before is None:
        return ""
    delta = now - before
    if abs(delta) < 1e-9:
        return "no change"
    text = f"{abs(delta):g}"
    return f"+{text}" if delta > 0 else f"−{text}"
