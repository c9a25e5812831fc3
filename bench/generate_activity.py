"""What the benchmark's people do together: matches, meetings, check-ins, goals, reflections.

Active, paused and closed matches fill most cleared mentor places; each match meets
fortnightly from a week after it starts, has coordinator check-ins, two or three goals
with milestones, and mentee reflections. ``bench.generate`` calls ``add_matches`` once the
people from ``bench.generate_people`` are in the tables.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bench.generate_people import Person, weighted
from mentordesk.services.demo import people as pools
from mentordesk.store.models import (
    ContactLog,
    Enrolment,
    Goal,
    Match,
    MatchMember,
    Meeting,
    Milestone,
    Reflection,
)

FILL_RATE = 0.85  # share of cleared mentor places that hold an active match
CLOSED_SHARE = 0.2  # closed matches, as a share of active ones
GOAL_TITLES = [
    "Speak up confidently in class discussions",
    "Choose three university courses to research",
    "Build a weekly revision timetable",
    "Write a first CV and practise a mock interview",
    "Join a club outside school",
    "Plan a route into an apprenticeship",
]
MEETING_NOTES = ["Talked through revision plan.", "Worked on the CV.", "Visited the library.", ""]


def add_matches(t, people: list[Person], rng, today: date, horizon: date) -> None:
    mentors = [p for p in people if p.mentor and p.state in ("cleared", "expiring", "expired")]
    mentees = [p for p in people if not p.mentor and p.state == "ready"]
    rng.shuffle(mentees)
    places = [m for m in mentors for _ in range(m.capacity)]
    rng.shuffle(places)
    places = places[: int(len(places) * FILL_RATE)]
    span = max(30, (today - horizon).days)
    pairs = list(zip(places, mentees, strict=False))
    closed_count = int(len(pairs) * CLOSED_SHARE / (1 + CLOSED_SHARE))
    matched: set[int] = set()
    enrolment_status = {}  # enrolment id -> new status
    for n, (mentor, mentee) in enumerate(pairs):
        closed = n < closed_count
        started = horizon + timedelta(days=rng.randint(0, span - (60 if closed else 14)))
        if closed:
            ended = min(today - timedelta(days=1), started + timedelta(days=rng.randint(60, 400)))
            status, kind = "closed", weighted(rng, {"planned": 70, "premature": 30})
        else:
            ended, kind = None, None
            status = "paused" if rng.random() < 0.03 else "active"
        first_meeting = started + timedelta(days=7)
        match_id = t.add(
            Match,
            1,
            status,
            round(rng.uniform(55, 97), 1),
            "Shared interests and overlapping availability.",
            started,
            started + timedelta(days=365),
            first_meeting,
            first_meeting if rng.random() < 0.9 else None,
            ended,
            kind,
            {"planned": "Reached the planned end", "premature": "Mentor moved away"}.get(kind or "", ""),
        )
        t.add(MatchMember, match_id, mentor.id, "mentor")
        t.add(MatchMember, match_id, mentee.id, "mentee")
        if closed:
            enrolment_status.setdefault(mentee.enrolment_id, "exited" if kind == "planned" else "ready")
        else:
            matched.update((mentor.id, mentee.id))
            enrolment_status[mentor.enrolment_id] = "matched"
            enrolment_status[mentee.enrolment_id] = "matched"
        _meetings(t, match_id, first_meeting, ended or today + timedelta(days=28), today, rng)
        _follow_up(t, match_id, mentor, mentee, started, ended or today, today, rng)
    # Enrolment rows are tuples: rewrite the status of those the matches changed.
    rows = t.rows[Enrolment]
    for enrolment_id, status in enrolment_status.items():
        row = list(rows[enrolment_id - 1])
        row[4] = status
        rows[enrolment_id - 1] = tuple(row)


def _meetings(t, match_id: int, first: date, until: date, today: date, rng) -> None:
    hour = rng.choice([15, 16, 17])
    mode = "online" if rng.random() < 0.15 else "in_person"
    place = "Video call" if mode == "online" else rng.choice(pools.PLACES)
    day = first
    while day <= until:
        if day < today:
            status = weighted(rng, {"held": 82, "cancelled": 10, "missed": 8})
        else:
            status = "planned"
        note = rng.choice(MEETING_NOTES) if status == "held" else ""
        t.add(Meeting, match_id, datetime.combine(day, time(hour, 0)), 60, place, mode, status, note)
        day += timedelta(days=14)


def _follow_up(t, match_id, mentor, mentee, started: date, until: date, today: date, rng) -> None:
    """Coordinator check-ins (two weeks in, monthly in year one, quarterly after), goals, reflections."""
    offsets = [14, 30] + list(range(60, 366, 30)) + list(range(455, 3650, 90))
    for offset in offsets:
        day = started + timedelta(days=offset)
        if day > until:
            break
        who = mentor if offset % 60 else mentee
        t.add(
            ContactLog,
            1,
            match_id,
            who.id,
            datetime.combine(day, time(12, 30)),
            "mentor" if who is mentor else "mentee",
            rng.choice(["phone", "email", "in_person"]),
            "Regular check-in.",
            rng.randint(2, 5),
        )
    age = (until - started).days
    for g, title in enumerate(rng.sample(GOAL_TITLES, rng.randint(2, 3))):
        done = min(3, age // 90)
        status = "achieved" if done == 3 else ("in_progress" if done else "not_started")
        goal_id = t.add(
            Goal,
            match_id,
            mentee.id,
            title,
            started + timedelta(days=120 + 60 * g),
            status,
            100 if status == "achieved" else 30 * done,
            today + timedelta(days=rng.randint(-20, 40)) if status != "achieved" else None,
        )
        for m in range(3):
            due = started + timedelta(days=40 * (m + 1) + 30 * g)
            t.add(Milestone, goal_id, f"Step {m + 1}", due, due if m < done else None, m)
    for r in range(min(4, age // 120)):
        written = started + timedelta(days=120 * (r + 1))
        t.add(Reflection, match_id, mentee.id, "mentee", written, "Made progress.", "Keep going.")
