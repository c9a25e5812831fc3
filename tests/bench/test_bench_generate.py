"""The benchmark generator builds a realistic, internally consistent database."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import date, timedelta

import pytest

from bench.generate import generate_database
from mentordesk.core.participants.clearance import is_minor
from mentordesk.services.participants.clearance import clearance_map
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import (
    AuditEvent,
    AvailabilitySlot,
    ConsentRecord,
    Enrolment,
    Goal,
    Guardian,
    Match,
    MatchMember,
    Meeting,
    Milestone,
    Participant,
    ParticipantTag,
    Programme,
    ScreeningCheck,
)
from tests import ROOT

TODAY = date(2026, 3, 2)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "small.db"
    assert generate_database(path, participants=200, today=TODAY) == path
    db = open_database(path)
    yield db
    close_database()


def test_counts_follow_the_request(generated):
    assert Programme.select().count() == 1
    assert Participant.select().count() == 200
    roles = Counter(e.role for e in Enrolment.select())
    assert roles == {"mentor": 40, "mentee": 160}  # 20 % mentors by default
    # Everyone has tags and at least one weekly slot.
    assert ParticipantTag.select(ParticipantTag.participant).distinct().count() == 200
    assert AvailabilitySlot.select(AvailabilitySlot.participant).distinct().count() == 200


def test_database_is_consistent(generated):
    assert generated.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)
    assert generated.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    names = [(p.first_name, p.last_name) for p in Participant.select()]
    assert len(set(names)) == len(names)
    emails = [p.email for p in Participant.select()]
    assert len(set(emails)) == len(emails)
    # Non-Latin and accented names are part of the mix.
    assert any(not n[0].isascii() for n in names)
    # Bulk writes leave one summary event, with no personal data in it.
    events = list(AuditEvent.select())
    assert [e.action for e in events] == ["generate"]
    assert "200 participants" in events[0].summary


def test_screening_covers_every_state(generated):
    outcomes = Counter(c.outcome for c in ScreeningCheck.select())
    assert set(outcomes) == {"passed", "pending", "failed"}
    clearance = clearance_map(1, on=TODAY)
    mentors = [e.participant_id for e in Enrolment.select().where(Enrolment.role == "mentor")]
    summaries = " | ".join(clearance[m].summary for m in mentors)
    assert any(clearance[m].cleared for m in mentors)
    for reason in ("expired", "expires on", "of 2 references", "training", "pending", "failed"):
        assert reason in summaries, reason
    statuses = Counter(e.status for e in Enrolment.select())
    assert {"applied", "screening", "ready", "matched", "on_hold", "exited"} <= set(statuses)


def test_guardians_and_consent_only_for_minors(generated):
    with_guardian = {g.participant_id for g in Guardian.select()}
    for person in Participant.select().where(Participant.id.in_(list(with_guardian))):
        assert is_minor(person.date_of_birth, person.age_band, TODAY)
    mentee_ids = {e.participant_id for e in Enrolment.select().where(Enrolment.role == "mentee")}
    assert with_guardian <= mentee_ids
    assert ConsentRecord.select().where(ConsentRecord.kind == "parental_permission").count() > 0


def test_matches_respect_capacity_and_have_a_meeting_history(generated):
    capacity = {e.participant_id: e.capacity for e in Enrolment.select().where(Enrolment.role == "mentor")}
    assert set(capacity.values()) <= {1, 2, 3, 4}
    live = Match.select().where(Match.status.in_(["active", "paused"]))
    assert live.count() > 10
    per_mentor = Counter(
        m.participant_id
        for m in MatchMember.select()
        .join(Match)
        .where((MatchMember.role == "mentor") & Match.status.in_(["active", "paused"]))
    )
    assert all(count <= capacity[pid] for pid, count in per_mentor.items())
    for match in Match.select():
        roles = sorted(m.role for m in match.members)
        assert roles == ["mentee", "mentor"]
    # A mentee is in at most one live match, and every live member is enrolled as matched.
    mentee_matches = Counter(
        m.participant_id
        for m in MatchMember.select()
        .join(Match)
        .where((MatchMember.role == "mentee") & Match.status.in_(["active", "paused"]))
    )
    assert max(mentee_matches.values()) == 1
    matched = {e.participant_id for e in Enrolment.select().where(Enrolment.status == "matched")}
    assert matched == set(per_mentor) | set(mentee_matches)
    # Fortnightly meetings, reaching back up to two years; held in the past, planned ahead.
    first = Meeting.select().order_by(Meeting.starts_at).first().starts_at.date()
    assert TODAY - timedelta(days=2 * 365) <= first < TODAY - timedelta(days=300)
    one = live.first()
    days = [m.starts_at.date() for m in one.meetings.order_by(Meeting.starts_at)]
    assert {(b - a).days for a, b in zip(days, days[1:], strict=False)} == {14}
    statuses = Counter(m.status for m in Meeting.select())
    assert {"held", "cancelled", "missed", "planned"} <= set(statuses)
    assert not Meeting.select().where((Meeting.status == "planned") & (Meeting.starts_at < TODAY)).exists()
    assert Goal.select().count() >= 2 * Match.select().count()
    assert Milestone.select().count() == 3 * Goal.select().count()


def test_same_seed_gives_the_same_people(tmp_path):
    a = generate_database(tmp_path / "a.db", participants=30, today=TODAY)
    b = generate_database(tmp_path / "b.db", participants=30, today=TODAY, seed=1)
    rows = []
    for path in (a, b):
        open_database(path)
        rows.append([(p.first_name, p.last_name, p.date_of_birth) for p in Participant.select()])
        close_database()
    assert rows[0] == rows[1]


def test_refuses_to_replace_a_file_and_bad_sizes(tmp_path):
    path = tmp_path / "keep.db"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        generate_database(path, participants=10)
    assert path.read_bytes() == b"precious"
    with pytest.raises(ValueError):
        generate_database(tmp_path / "x.db", participants=1)
    with pytest.raises(ValueError):
        generate_database(tmp_path / "y.db", participants=10, mentors=10)


def test_command_line(tmp_path):
    out = tmp_path / "cli.db"
    cmd = [sys.executable, str(ROOT / "bench" / "generate.py"), str(out), "--participants", "25"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "25 participants" in done.stdout
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1
    assert "--force" in again.stderr
    open_database(out)
    try:
        assert Participant.select().count() == 25
    finally:
        close_database()
