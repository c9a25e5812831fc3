"""Pairing beyond the draft run: publishing drafts (rules re-checked), the match lifecycle (pause,
resume, close, rematch), peer, group, reverse and speed programmes, the match CLI, and the plumbing
(start-up does not import scipy; the bulk insert stores what insert_many stores).

The matcher, hard rules, reviewing and settings are in tests/test_pairing_services.py; the shared
helpers are in tests/pairing_fixtures.py.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentordesk.services import pairing
from mentordesk.services.pairing import lifecycle, manual, publishing, review
from mentordesk.services.pairing.settings import read_settings, write_settings
from mentordesk.store import audit
from mentordesk.store.models import (
    Enrolment,
    Match,
    MatchMember,
    Programme,
    ScreeningCheck,
)
from tests.pairing_fixtures import ADULT, TODAY, drafts, make_programme, mentee, mentor, status_of, two_by_two

# -- publishing and the lifecycle --------------------------------------------------------------------


def test_publish_makes_drafts_live_and_rechecks_the_rules(db):
    programme, a, b, x, y = two_by_two(db)
    # Between the run and publishing, Yan's background check is found to have failed.
    ScreeningCheck.create(participant=y, programme=programme, kind="background_check", outcome="failed")
    start = TODAY + timedelta(days=3)
    result = publishing.publish(programme.id, start)
    assert result.published == 1
    assert len(result.skipped) == 1 and "background check failed" in result.skipped[0][1]
    live = Match.get(Match.status == "active")
    assert live.started_on == start
    assert status_of(programme, a) == "matched" and status_of(programme, x) == "matched"
    assert status_of(programme, b) == "ready"
    assert [(o, n) for _, o, n in lifecycle.match_history(live.id)] == [(None, "draft"), ("draft", "active")]
    assert [(o, n) for _, o, n in audit.history("enrolment", Enrolment.get(participant=a).id)][-1] == (
        "ready",
        "matched",
    )
    with pytest.raises(pairing.PairingError, match="no drafts"):
        publishing.publish(programme.id, match_ids=[live.id])


def test_lifecycle_pause_resume_close_and_rematch(db):
    programme, a, b, x, y = two_by_two(db)
    publishing.publish(programme.id, TODAY - timedelta(days=30))
    match_id = match_of_live(a)
    lifecycle.pause_match(match_id)
    with pytest.raises(pairing.PairingError, match="Only an active match"):
        lifecycle.pause_match(match_id)
    lifecycle.resume_match(match_id)
    closure = lifecycle.Closure(
        closed_on=TODAY,
        kind="premature",
        reason="",
        initiated_by="mentee",
        notes_mentee="Moving school",
        mentor_may_rematch=False,
    )
    with pytest.raises(pairing.PairingError, match="Closure reason"):
        lifecycle.close_match(match_id, closure)
    early = lifecycle.Closure(TODAY - timedelta(days=60), "planned", "End of year", "coordinator")
    with pytest.raises(pairing.PairingError, match="before the match started"):
        lifecycle.close_match(match_id, early)
    assert Match.get_by_id(match_id).status == "active"  # refused closures wrote nothing
    lifecycle.close_match(match_id, lifecycle.Closure(**{**closure.__dict__, "reason": "Family moved away"}))
    closed = Match.get_by_id(match_id)
    assert closed.closure_kind == "premature" and closed.exit_notes_mentee == "Moving school"
    assert not closed.rematch_eligible
    assert status_of(programme, x) == "exited" and status_of(programme, a) == "exited"
    statuses = [n for _, _, n in lifecycle.match_history(match_id)]
    assert statuses == ["draft", "active", "paused", "active", "closed"]
    assert lifecycle.rematch(match_id) == [a.id]
    assert status_of(programme, a) == "ready"
    rows = lifecycle.published_matches(programme.id)
    row = next(r for r in rows if r.id == match_id)
    assert (
        row.status == "closed" and row.mentees.startswith("Ana") and row.closure_reason == "Family moved away"
    )
    # The rematched mentee is waiting again; Xia may not be matched again.
    ranking = manual.rank_candidates(programme.id, a.id)
    assert not next(c for c in ranking if c.participant_id == x.id).eligible


def match_of_live(person) -> int:
    return MatchMember.get(MatchMember.participant == person).match_id


# -- other programme kinds -----------------------------------------------------------------------------


def test_peer_programme_pairs_within_one_pool(db):
    programme = make_programme("Peers", kind="peer")
    people = [
        mentee(programme, n, role="peer", interests=[i])
        for n, i in [("Ana", "chess"), ("Ben", "chess"), ("Cal", "art"), ("Dee", "art"), ("Eve", "music")]
    ]
    result = pairing.run_matcher(programme.id)
    assert len(result.pairs) == 2
    pairs = {frozenset((p.mentee_id, p.mentor_id)) for p in result.pairs}
    assert pairs == {frozenset((people[0].id, people[1].id)), frozenset((people[2].id, people[3].id))}
    (alone,) = result.unmatched
    assert alone.participant_id == people[4].id and "odd number" in alone.reason
    for match in Match.select().where(Match.status == "draft"):
        roles = [m.role for m in match.members]
        assert roles == ["peer", "peer"]
    assert len(review.list_drafts(programme.id)) == 2
    publishing.publish(programme.id)
    assert all(status_of(programme, p) == "matched" for p in people[:4])


def test_group_programme_forms_balanced_circles(db):
    programme = make_programme("Circles", kind="group")
    write_settings(programme.id, group_size=4)
    leaders = [mentor(programme, f"Lead{i}", capacity=6, interests=["chess"]) for i in range(3)]
    kids = [mentee(programme, f"Kid{i}", interests=["chess"]) for i in range(9)]
    result = pairing.run_matcher(programme.id)
    assert len(result.pairs) == 9
    groups = list(Match.select().where(Match.status == "draft"))
    assert len(groups) == 3
    sizes = sorted(
        MatchMember.select().where((MatchMember.match == g) & (MatchMember.role == "mentee")).count()
        for g in groups
    )
    assert sizes == [3, 3, 3]
    rows = review.list_drafts(programme.id)
    assert {r.group_size for r in rows} == {3}
    # Taking one child out of a circle keeps the circle.
    first = rows[0]
    review.reject_draft(first.match_id, first.mentee_id)
    assert Match.get_or_none(Match.id == first.match_id) is not None
    assert len(review.list_drafts(programme.id)) == 8
    assert {leader.id for leader in leaders} == {r.mentor_id for r in rows}
    assert kids


def test_reverse_programme_prefers_junior_mentors(db):
    programme = make_programme("Reverse", kind="reverse")
    senior = mentee(programme, "Director", dob=ADULT, role="mentee")
    Enrolment.update(status="ready").execute()
    young = mentor(programme, "Grad", seniority=1)
    old = mentor(programme, "Veteran", seniority=30)
    from mentordesk.store.models import Participant

    Participant.update(seniority=20).where(Participant.id == senior.id).execute()
    pairing.run_matcher(programme.id)
    assert drafts(programme.id) == {senior.id: young.id}
    assert old


def test_speed_timetable_is_built_kept_and_exported(db, tmp_path):
    from pypdf import PdfReader

    from mentordesk.services.pairing import speed

    programme = make_programme("Speed night", kind="speed")
    for i in range(5):
        mentee(programme, f"Zoë{i}", interests=["chess"])
    for name in ("Łukasz", "Ελένη", "美咲"):
        mentor(programme, name, interests=["chess"])
    with pytest.raises(pairing.PairingError, match="record the wishes"):
        pairing.run_matcher(programme.id)
    table = speed.build_timetable(programme.id, 2)
    assert table.round_count == 4  # ceil(5 * 2 / 3)
    met = {(m, cell[0]) for r in table.rounds for m, cell in r.items()}
    assert len(met) == 10 and not table.short
    again = speed.load_timetable(programme.id)
    assert again == table
    csv_path = tmp_path / "timetable.csv"
    assert speed.export_timetable_csv(table, csv_path) == 10
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Round,Mentor (table),Mentee,Score" and "Łukasz Mentor" in text
    pdf = speed.export_timetable_pdf(table, tmp_path / "timetable.pdf")
    content = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Speed night" in content and "Ελένη Mentor" in content and "Round" in content
    assert read_settings(Programme.get_by_id(programme.id)).speed_meetings == 2


def test_match_cli(tmp_path, capsys):
    from mentordesk.cli import main

    path = tmp_path / "cli.db"
    assert main(["--db", str(path), "demo"]) == 0
    capsys.readouterr()
    name = "Riverside Futures 2026/27 (demo)"
    assert (
        main(
            ["--db", str(path), "match", "--programme", name, "--dry-run", "--min-score", "60", "--baseline"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Matched:" in out and "worst 5 %" in out and "top 3" in out and "Greedy baseline" in out
    assert "Not matched" in out and "on hold" in out and "Dry run: nothing was saved." in out
    assert main(["--db", str(path), "match", "--programme", name, "--publish", "--start", "2026-09-14"]) == 0
    out = capsys.readouterr().out
    assert "Published" in out and "2026-09-14" in out
    assert main(["--db", str(path), "match", "--programme", "Nope"]) == 1
    assert "No programme called 'Nope'" in capsys.readouterr().err
    assert main(["--db", str(path), "match", "--programme", name, "--start", "14/09/2026"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["--db", str(path), "match", "--programme", name, "--dry-run", "--publish"]) == 1
    assert main(["--db", str(path), "match", "--programme", name, "--min-score", "-3"]) == 1
    assert date.today()


def test_start_up_and_the_pairing_page_do_not_import_scipy():
    import subprocess
    import sys

    code = (
        "import sys; import mentordesk.app, mentordesk.ui.main_window, mentordesk.ui.pairing.page, "
        "mentordesk.ui.settings.pairing_tab, mentordesk.cli; print(sorted(m for m in sys.modules if m.startswith('scipy')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]"


def test_bulk_insert_stores_what_insert_many_stores(db):
    from mentordesk.store.bulk import insert_rows

    programme = make_programme()
    row = {
        "programme": programme.id,
        "status": "draft",
        "score": 61.5,
        "score_breakdown": [{"criterion": "ä", "points": 1}],
    }
    Match.insert_many([row]).execute()
    with database_atomic():
        assert insert_rows(Match, [row]) == 1
    first, second = Match.select().order_by(Match.id)
    for field in (
        "status",
        "score",
        "score_breakdown",
        "pinned",
        "accepted",
        "rationale",
        "rematch_eligible",
    ):
        assert getattr(first, field) == getattr(second, field), field
    assert second.created_at is not None and isinstance(second.created_at, type(first.created_at))
    assert insert_rows(Match, []) == 0
    # ``stored``: values already as the database keeps them (JSON dumped once for many rows) pass through.
    text = Match.score_breakdown.db_value(row["score_breakdown"])
    with database_atomic():
        insert_rows(Match, [{**row, "score_breakdown": text}] * 2, stored=("score_breakdown",))
    *_, third, fourth = Match.select().order_by(Match.id)
    assert third.score_breakdown == fourth.score_breakdown == first.score_breakdown


def database_atomic():
    from mentordesk.store.db import database

    return database.atomic()
