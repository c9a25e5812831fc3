"""People for the benchmark database: tags, names, enrolments and each person's file.

Mentors get screening checks in every state (cleared, expiring, expired, references or
training missing, pending, failed) and a capacity of 1-4; mentees get an orientation
check and, when minors, guardians and consent records. ``bench.generate`` builds the
tables and writes them; ``bench.generate_activity`` pairs the people these functions add.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mentordesk.services.demo import people as pools
from mentordesk.store.models import (
    AvailabilitySlot,
    ConsentRecord,
    Enrolment,
    Guardian,
    Participant,
    ParticipantTag,
    ScreeningCheck,
    Tag,
)

if TYPE_CHECKING:  # only for annotations: bench.generate imports this module
    from bench.generate import Tables

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

MENTEE_STATES = {"ready": 78, "applied": 6, "screening": 8, "on_hold": 4, "exited": 4}


def weighted(rng: random.Random, weights: dict) -> object:
    """One key of ``weights``, drawn in proportion to its weight (shared with bench.generate_activity)."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _spread(rng: random.Random, weights: dict[str, int], n: int) -> list[str]:
    """``n`` states in proportion to ``weights``, shuffled, each at least once when ``n`` allows.

    Drawing at random could leave a small database without, say, a failed check.
    """
    total = sum(weights.values())
    counts = {state: max(1, n * w // total) for state, w in weights.items()} if n >= len(weights) else {}
    states = [state for state, c in counts.items() for _ in range(c)][:n]
    states += [weighted(rng, weights) for _ in range(n - len(states))]
    rng.shuffle(states)
    return states


def add_tags(t: Tables) -> dict[tuple[str, str], int]:
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
class Person:
    id: int
    mentor: bool
    state: str  # mentor file state, or mentee status
    minor: bool
    capacity: int = 1
    enrolment_id: int = 0


def add_people(t, n_people, n_mentors, rng, today, horizon, tag_ids) -> list[Person]:
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
        person = Person(pid, mentor, "", minor)
        _tags_and_slots(t, person, rng, tag_ids)
        if mentor:
            person.state = mentor_states[k]
            person.capacity = weighted(rng, CAPACITY_WEIGHTS)
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


def _tags_and_slots(t, person: Person, rng, tag_ids) -> None:
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


def _mentor_checks(t, person: Person, rng, today: date) -> None:
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


def _mentee_file(t, person: Person, rng, today: date) -> None:
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
    permission = weighted(rng, {"given": 93, "missing": 4, "withdrawn": 3}) if state == "ready" else "given"
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
