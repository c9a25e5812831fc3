"""The matcher on real databases: hard rules, drafts, review operations, publishing, lifecycle."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentordesk.services import matches, pairing, pairing_manual, pairing_publish, pairing_review
from mentordesk.services.clearance import clearance_map
from mentordesk.services.pairing_data import live_members, load_cohort
from mentordesk.services.pairing_settings import read_settings, write_settings
from mentordesk.store import audit
from mentordesk.store.models import (
    AwayPeriod,
    Enrolment,
    Exclusion,
    Match,
    MatchMember,
    Programme,
    ScreeningCheck,
)
from tests.pairing_fixtures import ADULT, TODAY, make_programme, mentee, mentor


def drafts(programme_id: int) -> dict[int, int]:
    """mentee id -> mentor id of the programme's drafts."""
    return {r.mentee_id: r.mentor_id for r in pairing_review.list_drafts(programme_id)}


def status_of(programme, person) -> str:
    return Enrolment.get(Enrolment.programme == programme, Enrolment.participant == person).status


# -- the demo programme ----------------------------------------------------------------------------


def test_demo_run_saves_explained_drafts_and_breaks_no_rule(demo_db):
    programme = Programme.get()
    live_before = live_members(programme.id)
    result = pairing.run_matcher(programme.id, with_baseline=True)
    assert result.saved == len(result.pairs) > 0
    assert result.baseline is not None and result.baseline.matched <= result.stats.matched
    rows = pairing_review.list_drafts(programme.id)
    assert len(rows) == len(result.pairs)
    clearance = clearance_map(programme.id)
    cohort = load_cohort(programme.id)
    for row in rows:
        assert row.mentee_id not in live_before  # already-matched mentees are skipped
        assert clearance[row.mentor_id].cleared  # every demo mentee is a minor
        assert status_of(programme, row.mentee_id) == "ready"
        assert row.score is not None and row.breakdown
        assert all({"criterion", "points", "reason"} <= set(item) for item in row.breakdown)
        assert row.score == pytest.approx(50 + sum(float(i["points"]) for i in row.breakdown), abs=0.6)
        assert cohort.capacity[row.mentor_id] >= sum(1 for r in rows if r.mentor_id == row.mentor_id)
    reasons = {u.reason for u in result.unmatched}
    assert "on hold" in reasons
    assert any(r.startswith("not cleared: no guardian consent") for r in reasons)
    match_id = rows[0].match_id
    assert [(old, new) for _, old, new in matches.history(match_id)] == [(None, "draft")]


def test_dry_run_writes_nothing(demo_db):
    programme = Programme.get()
    before = (Match.select().count(), MatchMember.select().count())
    result = pairing.run_matcher(programme.id, dry_run=True)
    assert result.pairs and result.saved == 0
    assert (Match.select().count(), MatchMember.select().count()) == before


def test_a_cancelled_run_changes_nothing(demo_db):
    programme = Programme.get()
    before = Match.select().count()
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3  # cancel just before saving

    with pytest.raises(pairing.Cancelled):
        pairing.run_matcher(programme.id, cancelled=cancelled)
    assert Match.select().count() == before


# -- hard rules ------------------------------------------------------------------------------------


def test_not_with_rules_hold_both_ways(db):
    programme = make_programme()
    a = mentee(programme, "Ana", interests=["chess"])
    b = mentee(programme, "Ben", interests=["art"])
    x = mentor(programme, "Xia", interests=["chess"])
    y = mentor(programme, "Yan", interests=["art"])
    assert drafts_after_run(programme) == {a.id: x.id, b.id: y.id}
    Exclusion.create(participant=x, other=a, reason="family")  # recorded on the mentor's side
    Exclusion.create(participant=b, other=y)  # and on the mentee's side
    assert drafts_after_run(programme) == {a.id: y.id, b.id: x.id}


def drafts_after_run(programme) -> dict[int, int]:
    pairing_review.discard_drafts(programme.id, include_kept=True)
    pairing.run_matcher(programme.id)
    return drafts(programme.id)


def test_a_mentor_of_a_minor_must_be_cleared(db):
    programme = make_programme()
    child = mentee(programme, "Cara", interests=["chess"])
    adult = mentee(programme, "Dev", interests=["art"], dob=ADULT)
    uncleared = mentor(programme, "Uma", interests=["chess"], cleared=False)
    cleared = mentor(programme, "Col", interests=["art"])
    assert drafts_after_run(programme) == {child.id: cleared.id, adult.id: uncleared.id}
    ranking = pairing_manual.rank_candidates(programme.id, child.id)
    uma = next(c for c in ranking if c.participant_id == uncleared.id)
    assert not uma.eligible and uma.reasons[0].startswith("mentor of a minor must be cleared (")


def test_unknown_age_counts_as_a_minor(db):
    programme = make_programme()
    mentee(programme, "Eli", dob=None)
    mentor(programme, "Uma", cleared=False)
    result = pairing.run_matcher(programme.id)
    assert not result.pairs


def test_on_hold_away_and_full_people_are_not_matched(db):
    programme = make_programme()
    waiting = mentee(programme, "Fay")
    held = mentee(programme, "Gus", status="on_hold")
    away_mentee = mentee(programme, "Hal")
    away_mentor = mentor(programme, "Ivy", capacity=3)
    free_mentor = mentor(programme, "Jo", capacity=1)
    AwayPeriod.create(
        participant=away_mentor, starts_on=TODAY - timedelta(days=1), ends_on=TODAY + timedelta(days=5)
    )
    AwayPeriod.create(participant=away_mentee, starts_on=TODAY, ends_on=TODAY + timedelta(days=2))
    result = pairing.run_matcher(programme.id)
    assert drafts(programme.id) == {waiting.id: free_mentor.id}
    why = {u.participant_id: u.reason for u in result.unmatched}
    assert why[held.id] == "on hold"
    assert why[away_mentee.id].startswith("away until")
    # A week later both are back: the away mentor takes the others.
    later = TODAY + timedelta(days=7)
    pairing_review.discard_drafts(programme.id, include_kept=True)
    pairing.run_matcher(programme.id, later)
    assert drafts(programme.id)[away_mentee.id] == away_mentor.id


def test_capacity_counts_live_matches(db):
    programme = make_programme()
    busy = mentor(programme, "Kim", capacity=2)
    first = mentee(programme, "Lee")
    pairing.run_matcher(programme.id)
    pairing_publish.publish(programme.id)
    mentee(programme, "Mo")
    mentee(programme, "Ned")
    result = pairing.run_matcher(programme.id)
    assert len(result.pairs) == 1 and result.pairs[0].mentor_id == busy.id  # one place left of two
    assert first.id not in drafts(programme.id)  # already matched: skipped
    assert len(result.unmatched) == 1 and "capacity" in result.unmatched[0].reason


# -- review ------------------------------------------------------------------------------------------


def two_by_two(db):
    programme = make_programme()
    a = mentee(programme, "Ana", interests=["chess"])
    b = mentee(programme, "Ben", interests=["art"])
    x = mentor(programme, "Xia", interests=["chess"])
    y = mentor(programme, "Yan", interests=["art"])
    pairing.run_matcher(programme.id)
    return programme, a, b, x, y


def match_of(programme, mentee_id) -> int:
    return next(r.match_id for r in pairing_review.list_drafts(programme.id) if r.mentee_id == mentee_id)


def test_rerun_keeps_pinned_and_accepted_drafts(db):
    programme, a, b, x, y = two_by_two(db)
    # The coordinator pairs Ana with Yan by hand (pinned) although the matcher preferred Xia.
    pairing_manual.pair_manually(programme.id, a.id, y.id, "Knows the family's situation")
    result = pairing.run_matcher(programme.id)
    assert drafts(programme.id) == {a.id: y.id, b.id: x.id}
    assert [p.kept for p in result.pairs if p.mentee_id == a.id] == [True]
    accepted = match_of(programme, b.id)
    pairing_review.set_accepted([accepted])
    pairing.run_matcher(programme.id)
    assert match_of(programme, b.id) == accepted
    assert [(o, n) for _, o, n in audit.history("match", accepted, "accepted")][-1] == (False, True)


def test_reject_removes_the_draft_and_it_is_not_proposed_again(db):
    programme, a, b, x, y = two_by_two(db)
    pairing_review.reject(match_of(programme, a.id), a.id)
    assert a.id not in drafts(programme.id)
    assert (a.id, x.id) in read_settings(Programme.get_by_id(programme.id)).rejected
    pairing_review.discard_drafts(programme.id, include_kept=True)
    pairing.run_matcher(programme.id)
    assert drafts(programme.id)[a.id] == y.id
    ranking = pairing_manual.rank_candidates(programme.id, a.id)
    assert (
        "rejected by you when reviewing drafts"
        in next(c for c in ranking if c.participant_id == x.id).reasons
    )
    pairing_review.forget_rejections(programme.id)
    assert read_settings(Programme.get_by_id(programme.id)).rejected == ()


def test_swap_exchanges_mentors_rescores_and_pins(db):
    programme, a, b, x, y = two_by_two(db)
    ma, mb = match_of(programme, a.id), match_of(programme, b.id)
    before = {r.mentee_id: r.score for r in pairing_review.list_drafts(programme.id)}
    pairing_review.swap((ma, a.id), (mb, b.id))
    rows = {r.mentee_id: r for r in pairing_review.list_drafts(programme.id)}
    assert rows[a.id].mentor_id == y.id and rows[b.id].mentor_id == x.id
    assert rows[a.id].pinned and rows[b.id].pinned
    assert rows[a.id].score < before[a.id]  # chess with art scores less


def test_a_swap_that_breaks_a_rule_is_refused_and_changes_nothing(db):
    programme, a, b, x, y = two_by_two(db)
    Exclusion.create(participant=a, other=y)
    ma, mb = match_of(programme, a.id), match_of(programme, b.id)
    with pytest.raises(pairing.PairingError, match="a 'not with' rule is recorded"):
        pairing_review.swap((ma, a.id), (mb, b.id))
    assert drafts(programme.id) == {a.id: x.id, b.id: y.id}
    with pytest.raises(pairing.PairingError, match="same draft"):
        pairing_review.swap((ma, a.id), (ma, a.id))


def test_manual_ranking_lists_everyone_with_reasons(db):
    programme = make_programme()
    child = mentee(programme, "Ana", interests=["chess"], skills=["coding"])
    best = mentor(programme, "Bo", interests=["chess"], skills=["coding"])
    good = mentor(programme, "Cy", interests=["chess"])
    screening = mentor(programme, "Di", status="screening")
    held = mentor(programme, "Ed", status="on_hold")
    excluded = mentor(programme, "Flo")
    Exclusion.create(participant=child, other=excluded)
    ranking = pairing_manual.rank_candidates(programme.id, child.id)
    assert [c.participant_id for c in ranking[:2]] == [best.id, good.id]
    assert ranking[0].score > ranking[1].score and ranking[0].eligible and ranking[0].places_left == 1
    why = {c.participant_id: c.reasons for c in ranking}
    assert why[screening.id] == ["still in screening"]
    assert why[held.id] == ["on hold"]
    assert why[excluded.id] == ["a 'not with' rule is recorded"]
    assert "skills sought and offered: coding" in ranking[0].explanation.summary()
    with pytest.raises(pairing.PairingError, match="still in screening"):
        pairing_manual.pair_manually(programme.id, child.id, screening.id)
    with pytest.raises(pairing.PairingError, match="Pick a mentee"):
        pairing_manual.rank_candidates(programme.id, best.id)
    assert pairing_manual.alternatives(programme.id, child.id)[0].participant_id == best.id


# -- publishing and the lifecycle --------------------------------------------------------------------


def test_publish_makes_drafts_live_and_rechecks_the_rules(db):
    programme, a, b, x, y = two_by_two(db)
    # Between the run and publishing, Yan's background check is found to have failed.
    ScreeningCheck.create(participant=y, programme=programme, kind="background_check", outcome="failed")
    start = TODAY + timedelta(days=3)
    result = pairing_publish.publish(programme.id, start)
    assert result.published == 1
    assert len(result.skipped) == 1 and "background check failed" in result.skipped[0][1]
    live = Match.get(Match.status == "active")
    assert live.started_on == start
    assert status_of(programme, a) == "matched" and status_of(programme, x) == "matched"
    assert status_of(programme, b) == "ready"
    assert [(o, n) for _, o, n in matches.history(live.id)] == [(None, "draft"), ("draft", "active")]
    assert [(o, n) for _, o, n in audit.history("enrolment", Enrolment.get(participant=a).id)][-1] == (
        "ready",
        "matched",
    )
    with pytest.raises(pairing.PairingError, match="no drafts"):
        pairing_publish.publish(programme.id, match_ids=[live.id])


def test_lifecycle_pause_resume_close_and_rematch(db):
    programme, a, b, x, y = two_by_two(db)
    pairing_publish.publish(programme.id, TODAY - timedelta(days=30))
    match_id = match_of_live(a)
    matches.pause(match_id)
    with pytest.raises(pairing.PairingError, match="Only an active match"):
        matches.pause(match_id)
    matches.resume(match_id)
    closure = matches.Closure(
        closed_on=TODAY,
        kind="premature",
        reason="",
        initiated_by="mentee",
        notes_mentee="Moving school",
        mentor_may_rematch=False,
    )
    with pytest.raises(pairing.PairingError, match="Closure reason"):
        matches.close(match_id, closure)
    early = matches.Closure(TODAY - timedelta(days=60), "planned", "End of year", "coordinator")
    with pytest.raises(pairing.PairingError, match="before the match started"):
        matches.close(match_id, early)
    assert Match.get_by_id(match_id).status == "active"  # refused closures wrote nothing
    matches.close(match_id, matches.Closure(**{**closure.__dict__, "reason": "Family moved away"}))
    closed = Match.get_by_id(match_id)
    assert closed.closure_kind == "premature" and closed.exit_notes_mentee == "Moving school"
    assert not closed.rematch_eligible
    assert status_of(programme, x) == "exited" and status_of(programme, a) == "exited"
    assert [n for _, _, n in matches.history(match_id)] == ["draft", "active", "paused", "active", "closed"]
    assert matches.rematch(match_id) == [a.id]
    assert status_of(programme, a) == "ready"
    rows = matches.list_matches(programme.id)
    row = next(r for r in rows if r.id == match_id)
    assert (
        row.status == "closed" and row.mentees.startswith("Ana") and row.closure_reason == "Family moved away"
    )
    # The rematched mentee is waiting again; Xia may not be matched again.
    ranking = pairing_manual.rank_candidates(programme.id, a.id)
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
    assert len(pairing_review.list_drafts(programme.id)) == 2
    pairing_publish.publish(programme.id)
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
    rows = pairing_review.list_drafts(programme.id)
    assert {r.group_size for r in rows} == {3}
    # Taking one child out of a circle keeps the circle.
    first = rows[0]
    pairing_review.reject(first.match_id, first.mentee_id)
    assert Match.get_or_none(Match.id == first.match_id) is not None
    assert len(pairing_review.list_drafts(programme.id)) == 8
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

    from mentordesk.services import speed

    programme = make_programme("Speed night", kind="speed")
    for i in range(5):
        mentee(programme, f"Zoë{i}", interests=["chess"])
    for name in ("Łukasz", "Ελένη", "美咲"):
        mentor(programme, name, interests=["chess"])
    with pytest.raises(pairing.PairingError, match="Timetable"):
        pairing.run_matcher(programme.id)
    table = speed.build_timetable(programme.id, 2)
    assert table.round_count == 4  # ceil(5 * 2 / 3)
    met = {(m, cell[0]) for r in table.rounds for m, cell in r.items()}
    assert len(met) == 10 and not table.short
    again = speed.load_timetable(programme.id)
    assert again == table
    csv_path = tmp_path / "timetable.csv"
    assert speed.export_csv(table, csv_path) == 10
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Round,Mentor (table),Mentee,Score" and "Łukasz Mentor" in text
    pdf = speed.export_pdf(table, tmp_path / "timetable.pdf")
    content = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Speed night" in content and "Ελένη Mentor" in content and "Round" in content
    assert read_settings(Programme.get_by_id(programme.id)).speed_meetings == 2


def test_pairing_settings_shape_the_run(db):
    from mentordesk.core.scoring_config import INTERESTS, CriterionSetting, Importance

    programme = make_programme()
    a = mentee(programme, "Ana", interests=["chess"])
    mentor(programme, "Bo", interests=["art"])
    settings = read_settings(programme)
    write_settings(
        programme.id, config=settings.config.with_setting(INTERESTS, CriterionSetting(Importance.MUST))
    )
    result = pairing.run_matcher(programme.id)
    assert not result.pairs and result.unmatched[0].participant_id == a.id
    assert result.unmatched[0].reason == "no eligible mentor"
    ranking = pairing_manual.rank_candidates(programme.id, a.id)
    assert ranking[0].reasons == ["must: no shared interests"]
    write_settings(programme.id, min_score=55.5, poor_matches="forbid", penalty=4)
    again = read_settings(Programme.get_by_id(programme.id))
    assert (again.min_score, again.poor_matches, again.penalty) == (55.5, "forbid", 4.0)
    with pytest.raises(pairing.PairingError, match="between 0 and 100"):
        pairing.run_matcher(programme.id, min_score=101)


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


def database_atomic():
    from mentordesk.store.db import database

    return database.atomic()


def test_last_run_summary_is_kept_without_names(db):
    programme = make_programme()
    mentee(programme, "Ana")
    held = mentee(programme, "Ben", status="on_hold")
    mentor(programme, "Cy")
    pairing.run_matcher(programme.id)
    summary = pairing.last_run(programme.id)
    assert summary is not None and summary.stats.matched == 1
    assert [(u.participant_id, u.name, u.reason) for u in summary.unmatched] == [
        (held.id, "Ben Mentee", "on hold")
    ]
    stored = Programme.get_by_id(programme.id).settings[pairing.LAST_RUN_KEY]
    assert "Ben" not in str(stored)
    live = pairing.draft_statistics(programme.id)
    assert live.matched == 1 and live.minimum == live.mean == live.worst5


def test_empty_programmes_and_a_dropped_pin_are_reported_plainly(db):
    empty = make_programme("Nobody yet")
    result = pairing.run_matcher(empty.id)
    assert result.pairs == [] and result.unmatched == [] and result.stats.mean is None
    programme = make_programme()
    a = mentee(programme, "Ana")
    x = mentor(programme, "Xia")
    pairing.run_matcher(programme.id)
    pairing_review.set_pinned([match_of(programme, a.id)])
    Exclusion.create(participant=a, other=x, reason="Private family matter")
    result = pairing.run_matcher(programme.id)
    assert result.pairs == [] and drafts(programme.id) == {}
    assert [d.reason for d in result.dropped_pins] == ["pinned pair dropped: a 'not with' rule is recorded"]
    stored = str(Programme.get_by_id(programme.id).settings)
    assert "Private family matter" not in stored and "Xia" not in stored
