"""A realistic MentorDesk database of N participants, built fast for the benchmarks.

One programme; by default 20 % mentors and 80 % mentees; names from the demo pools
(accents, apostrophes, Greek, Cyrillic, CJK) combined so each person is distinct;
tags with offers/seeks directions, weekly availability, screening checks in every
state (cleared, expiring, expired, references or training missing, pending, failed),
guardians and consent for minors, active, paused and closed matches (mentor capacity
1-4), fortnightly meetings over the last ``years_of_meetings`` years, coordinator
check-ins, goals, milestones and reflections.

Everything is written with ``insert_many`` in one transaction, so the per-row audit
trail is bypassed and one summary event is recorded instead (no personal data in it).
Deterministic for a given ``seed`` and ``today``.

    python bench/generate.py OUT.db --participants 5000
"""

from __future__ import annotations

import argparse
import random
import sys
import time as clock
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from peewee import BooleanField, DateField, DateTimeField

from mentordesk.services import demo_people as pools
from mentordesk.store import audit
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import (
    AvailabilitySlot,
    ConsentRecord,
    ContactLog,
    Enrolment,
    Goal,
    Guardian,
    JSONField,
    Match,
    MatchMember,
    Meeting,
    Milestone,
    Participant,
    ParticipantTag,
    Programme,
    Reflection,
    ScreeningCheck,
    Tag,
)

PROGRAMME_NAME = "Citywide Mentoring (benchmark)"
# Mentor files, with weights: most are cleared, the rest cover every state the screening views show.
MENTOR_STATES = {
    "cleared": 68,
    "expiring": 4,
    "expired": 4,
    "references": 5,
    "untrained": 4,
    "screening": 7,
    "applied": 5,
    "failed": 3,
}
CAPACITY_WEIGHTS = {1: 45, 2: 30, 3: 15, 4: 10}
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


MENTEE_STATES = {"ready": 78, "applied": 6, "screening": 8, "on_hold": 4, "exited": 4}


def _weighted(rng: random.Random, weights: dict) -> object:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _spread(rng: random.Random, weights: dict[str, int], n: int) -> list[str]:
    """``n`` states in proportion to ``weights``, shuffled, each at least once when ``n`` allows.

    Drawing at random could leave a small database without, say, a failed check.
    """
    total = sum(weights.values())
    counts = {state: max(1, n * w // total) for state, w in weights.items()} if n >= len(weights) else {}
    states = [state for state, c in counts.items() for _ in range(c)][:n]
    states += [_weighted(rng, weights) for _ in range(n - len(states))]
    rng.shuffle(states)
    return states


@dataclass
class _Tables:
    """Rows for each model, as tuples in the order of ``fields``; ids are given explicitly."""

    rows: dict[type, list[tuple]] = field(default_factory=dict)
    fields: dict[type, Sequence] = field(default_factory=dict)

    def declare(self, model: type, *names: str) -> None:
        self.fields[model] = [getattr(model, name) for name in names]
        self.rows[model] = []

    def add(self, model: type, *values: object) -> int:
        rows = self.rows[model]
        rows.append((len(rows) + 1, *values))
        return len(rows)

    def count(self, model: type) -> int:
        return len(self.rows[model])


def generate_database(
    path: Path | str,
    participants: int = 5000,
    mentors: int | None = None,
    years_of_meetings: int = 2,
    seed: int = 1,
    *,
    today: date | None = None,
    overwrite: bool = False,
) -> Path:
    """Write a new benchmark database at ``path`` and return the path.

    Refuses to replace an existing file unless ``overwrite`` is set.
    """
    path = Path(path)
    if participants < 2:
        raise ValueError("A benchmark database needs at least 2 participants.")
    if path.exists():
        if not overwrite:
            raise FileExistsError(f"{path} exists; pass overwrite=True (or --force) to replace it.")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    mentors = max(1, participants // 5) if mentors is None else mentors
    if not 0 < mentors < participants:
        raise ValueError("mentors must be between 1 and participants - 1.")
    today = today or date.today()
    tables = _build(participants, mentors, years_of_meetings, random.Random(seed), today)
    db = open_database(path, backup=False)
    try:
        with db.atomic():
            for model, rows in tables.rows.items():
                _insert(db, model, tables.fields[model], rows)
            audit.record(
                "generate",
                "programme",
                1,
                summary=f"benchmark data generated: {participants} participants",
            )
        db.execute_sql("PRAGMA optimize")
    finally:
        close_database()
    return path


def _insert(db, model: type, fields: Sequence, rows: list[tuple]) -> None:
    """The bulk insert, one level below ``Model.insert_many``.

    Column names, defaults and value conversion come from the model; the rows go to
    sqlite3's ``executemany``, which is about ten times faster than peewee building
    one SQL text per batch (9 s against under 1 s for the 5,000-participant database).
    """
    if not rows:
        return
    meta = model._meta
    listed = set(fields)
    # Columns the rows leave out get the model's default, computed once (created_at: the same instant).
    extra = [f for f in meta.sorted_fields if f not in listed and f.default is not None]
    defaults = tuple(f.default() if callable(f.default) else f.default for f in extra)
    converters = [_converter(f) for f in list(fields) + extra]
    columns = ", ".join(f'"{f.column_name}"' for f in list(fields) + extra)
    marks = ", ".join("?" * len(converters))
    sql = f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})'
    if any(converters):
        pairs = list(enumerate(converters))
        data = (
            tuple(
                conv(v) if conv and v is not None else v
                for (_, conv), v in zip(pairs, row + defaults, strict=True)
            )
            for row in rows
        )
    else:
        data = (row + defaults for row in rows)
    db.cursor().executemany(sql, data)


def _converter(f):
    """How a Python value becomes what peewee itself would store; None when sqlite3 takes it as is."""
    if isinstance(f, DateTimeField):
        return lambda v: v.isoformat(sep=" ")
    if isinstance(f, DateField):
        return date.isoformat
    if isinstance(f, JSONField):
        return f.db_value
    if isinstance(f, BooleanField):
        return int
    return None


def _build(n_people: int, n_mentors: int, years: int, rng: random.Random, today: date) -> _Tables:
    t = _Tables()
    t.declare(Programme, "id", "name", "kind", "description", "starts_on", "ends_on", "coordinator_name")
    t.declare(Tag, "id", "name", "kind")
    t.declare(
        Participant,
        "id",
        "first_name",
        "last_name",
        "preferred_name",
        "pronouns",
        "email",
        "phone",
        "date_of_birth",
        "organisation",
        "department",
        "seniority",
        "accessibility_needs",
        "notes",
    )
    t.declare(
        Enrolment,
        "id",
        "participant",
        "programme",
        "role",
        "status",
        "capacity",
        "referral_source",
        "enrolled_on",
        "exited_on",
        "exit_reason",
    )
    t.declare(ParticipantTag, "id", "participant", "tag", "direction")
    t.declare(AvailabilitySlot, "id", "participant", "weekday", "start_minute", "end_minute")
    t.declare(Guardian, "id", "participant", "name", "relationship", "email", "phone", "is_emergency_contact")
    t.declare(ConsentRecord, "id", "participant", "guardian", "kind", "given", "given_on", "withdrawn_on")
    t.declare(
        ScreeningCheck,
        "id",
        "participant",
        "programme",
        "kind",
        "outcome",
        "check_type",
        "reference_number",
        "completed_on",
        "expires_on",
        "person_name",
        "hours",
    )
    t.declare(
        Match,
        "id",
        "programme",
        "status",
        "score",
        "rationale",
        "started_on",
        "planned_end_on",
        "first_meeting_on",
        "agreement_signed_on",
        "closed_on",
        "closure_kind",
        "closure_reason",
    )
    t.declare(MatchMember, "id", "match", "participant", "role")
    t.declare(Meeting, "id", "match", "starts_at", "duration_minutes", "place", "mode", "status", "notes")
    t.declare(
        ContactLog,
        "id",
        "programme",
        "match",
        "participant",
        "contacted_at",
        "with_whom",
        "channel",
        "summary",
        "relationship_quality",
    )
    t.declare(Goal, "id", "match", "owner", "title", "target_date", "status", "progress", "review_on")
    t.declare(Milestone, "id", "goal", "title", "due_on", "done_on", "position")
    t.declare(Reflection, "id", "match", "author", "author_role", "written_on", "successes", "next_steps")

    horizon = today - timedelta(days=365 * years)
    t.add(
        Programme,
        PROGRAMME_NAME,
        "one_to_one",
        "A generated programme for performance measurements.",
        horizon,
        today + timedelta(days=365),
        "Alex Morgan",
    )
    tag_ids = _tags(t)
    people = _people(t, n_people, n_mentors, rng, today, horizon, tag_ids)
    _matches(t, people, rng, today, horizon)
    return t


def _tags(t: _Tables) -> dict[tuple[str, str], int]:
    ids = {}
    for kind, names in (
        ("skill", pools.SKILLS),
        ("interest", pools.INTERESTS),
        ("goal_area", pools.GOAL_AREAS),
        ("language", pools.LANGUAGES),
    ):
        for name in names:
            ids[(kind, name)] = t.add(Tag, name, kind)
    return ids


def _name(i: int) -> tuple[str, str]:
    """A distinct (first, last) for each index: 40 x 40 pairs, then double-barrelled, then numbered."""
    firsts, lasts = pools.FIRST_NAMES, pools.LAST_NAMES
    first = firsts[i % len(firsts)]
    rest = i // len(firsts)
    last = lasts[(rest + i) % len(lasts)]
    rest //= len(lasts)
    if rest:
        last = f"{lasts[(rest - 1) % len(lasts)]}-{last}"
        rest = (rest - 1) // len(lasts)
    return first, f"{last} {rest + 1}" if rest else last


@dataclass
class _Person:
    id: int
    mentor: bool
    state: str  # mentor file state, or mentee status
    minor: bool
    capacity: int = 1
    enrolment_id: int = 0


def _people(t, n_people, n_mentors, rng, today, horizon, tag_ids) -> list[_Person]:
    out = []
    order = list(range(n_people))
    rng.shuffle(order)
    mentor_states = _spread(rng, MENTOR_STATES, n_mentors)
    mentee_states = _spread(
        rng, MENTEE_STATES, n_people - n_mentors
    )  # mentors and mentees both get the whole variety of names
    for k, i in enumerate(order):
        mentor = k < n_mentors
        first, last = _name(i)
        if mentor:
            dob = date(rng.randint(1960, 2002), rng.randint(1, 12), rng.randint(1, 28))
            org, dept = rng.choice(pools.ORGANISATIONS[2:]), rng.choice(pools.DEPARTMENTS[3:6])
            minor = False
        else:
            minor = rng.random() < 0.85
            age = rng.randint(11, 17) if minor else rng.randint(18, 24)
            dob = today - timedelta(days=365 * age + rng.randint(1, 360))
            org = pools.ORGANISATIONS[rng.randint(0, 1)] if minor else pools.ORGANISATIONS[4]
            dept = rng.choice(pools.DEPARTMENTS[:3] + [pools.DEPARTMENTS[6]])
        ascii_last = last.encode("ascii", "ignore").decode().lower().replace("'", "").replace(" ", "")
        pid = t.add(
            Participant,
            first,
            last,
            first[:3] if rng.random() < 0.05 else "",
            rng.choice(["", "", "she/her", "he/him", "they/them"]),
            f"p{i + 1}.{ascii_last or 'x'}@example.org",
            f"07700 {900000 + i % 100000:06d}",
            dob,
            org,
            dept,
            rng.randint(1, 30) if mentor else None,
            "Step-free access" if rng.random() < 0.03 else "",
            "Prefers meetings after school." if rng.random() < 0.1 else "",
        )
        person = _Person(pid, mentor, "", minor)
        _tags_and_slots(t, person, rng, tag_ids)
        if mentor:
            person.state = mentor_states[k]
            person.capacity = _weighted(rng, CAPACITY_WEIGHTS)
            _mentor_checks(t, person, rng, today)
        else:
            person.state = mentee_states[k - n_mentors]
            _mentee_file(t, person, rng, today)
        status = {
            "applied": "applied",
            "screening": "screening",
            "references": "screening",
            "untrained": "screening",
            "on_hold": "on_hold",
            "exited": "exited",
            "failed": "exited",
        }.get(person.state, "ready")
        exited = status == "exited"
        person.enrolment_id = t.add(
            Enrolment,
            pid,
            1,
            "mentor" if mentor else "mentee",
            status,
            person.capacity,
            "" if mentor else rng.choice(["Head of year", "Self-referral", "Parent", "Pastoral team"]),
            horizon + timedelta(days=rng.randint(0, (today - horizon).days)),
            today - timedelta(days=rng.randint(1, 200)) if exited else None,
            "Did not complete screening" if exited else "",
        )
        out.append(person)
    return out


def _tags_and_slots(t, person: _Person, rng, tag_ids) -> None:
    direction = "offers" if person.mentor else "seeks"
    picks = [("skill", s, direction) for s in rng.sample(pools.SKILLS, 2)]
    picks += [("goal_area", g, direction) for g in rng.sample(pools.GOAL_AREAS, 1 if person.mentor else 2)]
    picks += [("interest", s, "both") for s in rng.sample(pools.INTERESTS, 2)]
    picks += [("language", "English", "both")]
    if rng.random() < 0.3:
        picks.append(("language", rng.choice(pools.LANGUAGES[1:]), "both"))
    for kind, name, way in picks:
        t.add(ParticipantTag, person.id, tag_ids[(kind, name)], way)
    for weekday in rng.sample(range(5), rng.randint(1, 3)):
        start = rng.choice([15 * 60 + 30, 16 * 60, 17 * 60, 18 * 60])
        t.add(AvailabilitySlot, person.id, weekday, start, start + rng.choice([60, 90, 120]))


def _check(t, pid, kind, outcome="passed", completed=None, **extra) -> None:
    t.add(
        ScreeningCheck,
        pid,
        1,
        kind,
        outcome,
        extra.get("check_type", ""),
        extra.get("reference_number", ""),
        completed,
        extra.get("expires_on"),
        extra.get("person_name", ""),
        extra.get("hours"),
    )


def _mentor_checks(t, person: _Person, rng, today: date) -> None:
    pid, state = person.id, person.state
    days_ago = rng.randint(30, 700)

    def ago(extra: int = 0) -> date:
        return today - timedelta(days=days_ago + extra)

    _check(t, pid, "application", completed=ago(40))
    if state == "applied":
        return
    _check(t, pid, "interview", completed=ago(30), person_name="Alex Morgan")
    references = 1 if state in ("references", "screening") else 2
    for r in range(references):
        failed = state == "failed" and r == 1 and rng.random() < 0.5
        _check(t, pid, "reference", "failed" if failed else "passed", ago(25 - r), person_name="Referee")
    background = {"type": "Enhanced DBS with barred list", "ref": f"00{pid:07d}"}
    if state == "screening":
        _check(t, pid, "background_check", "pending", check_type=background["type"])
        return
    cleared_on = {
        "expired": today - timedelta(days=3 * 365 + rng.randint(1, 120)),
        "expiring": today - timedelta(days=3 * 365 - rng.randint(1, 29)),
    }.get(state, ago(10))
    outcome = "failed" if state == "failed" else "passed"
    _check(
        t,
        pid,
        "background_check",
        outcome,
        cleared_on,
        check_type=background["type"],
        reference_number=background["ref"],
        expires_on=cleared_on + timedelta(days=3 * 365) if outcome == "passed" else None,
    )
    if state != "untrained":
        _check(t, pid, "training", completed=ago(5), hours=rng.choice([2.0, 2.5, 3.0]))
    _check(t, pid, "code_of_conduct", completed=ago(5))


def _mentee_file(t, person: _Person, rng, today: date) -> None:
    state = person.state
    if state != "applied":
        outcome = "pending" if state == "screening" else "passed"
        _check(
            t, person.id, "orientation", outcome, None if outcome == "pending" else today - timedelta(days=60)
        )
    if not person.minor:
        return
    guardian = t.add(
        Guardian, person.id, f"Guardian {person.id}", "Parent", "guardian@example.org", "07700 900999", True
    )
    if rng.random() < 0.1:
        t.add(Guardian, person.id, f"Carer {person.id}", "Carer", "", "07700 900998", False)
    given_on = today - timedelta(days=rng.randint(30, 500))
    permission = _weighted(rng, {"given": 93, "missing": 4, "withdrawn": 3}) if state == "ready" else "given"
    if state in ("applied", "screening") and rng.random() < 0.5:
        permission = "missing"
    if permission == "withdrawn" or permission == "given":
        withdrawn = today - timedelta(days=rng.randint(1, 20)) if permission == "withdrawn" else None
        t.add(ConsentRecord, person.id, guardian, "parental_permission", True, given_on, withdrawn)
    for kind in ("information_release", "confidentiality"):
        t.add(ConsentRecord, person.id, guardian, kind, True, given_on, None)
    if rng.random() < 0.6:
        t.add(ConsentRecord, person.id, guardian, "photo_media", rng.random() < 0.8, given_on, None)
    if permission != "given":
        person.state = "ready_uncleared" if state == "ready" else state


def _matches(t, people: list[_Person], rng, today: date, horizon: date) -> None:
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
            status, kind = "closed", _weighted(rng, {"planned": 70, "premature": 30})
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
            status = _weighted(rng, {"held": 82, "cancelled": 10, "missed": 8})
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a realistic MentorDesk benchmark database.")
    parser.add_argument("out", type=Path, help="the database file to write")
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--mentors", type=int, default=None, help="default: 20 %% of the participants")
    parser.add_argument("--years", type=int, default=2, help="years of meetings")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")
    args = parser.parse_args(argv)
    start = clock.perf_counter()
    try:
        generate_database(
            args.out, args.participants, args.mentors, args.years, args.seed, overwrite=args.force
        )
    except (FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.out}: {args.participants} participants in {clock.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
