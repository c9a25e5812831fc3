"""Re-runs reuse the last run's scores only while nothing they depend on changed; the sparse path
from the service. Each invalidation test changes one kind of input so that stale scores would
give a different score (or pairing) than the fresh one, and checks the re-run against fresh scores.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentordesk.core.pairing import CriterionSetting, Importance, score_matrix, solver
from mentordesk.services.pairing import cache, manual, review, run
from mentordesk.services.pairing.cohort import load_cohort
from mentordesk.services.pairing.settings import read_settings, write_settings
from mentordesk.store.models import (
    AvailabilitySlot,
    Exclusion,
    Participant,
    ParticipantTag,
    Programme,
    Tag,
)
from tests.pairing_fixtures import TODAY, drafts, make_programme, mentee, mentor

pytestmark = pytest.mark.both_backends  # the tests that use `db` run on SQLite and PostgreSQL


@pytest.fixture(autouse=True)
def empty_cache():
    cache.forget()
    yield
    cache.forget()


def three_by_three(db):
    """Three mentees and three mentors whose interests pair them up (Ana-Xia, Ben-Yan, Cat-Zoe)."""
    programme = make_programme()
    people = {
        "a": mentee(programme, "Ana", interests=["chess"]),
        "b": mentee(programme, "Ben", interests=["art"]),
        "c": mentee(programme, "Cat", interests=["music"]),
        "x": mentor(programme, "Xia", interests=["chess"]),
        "y": mentor(programme, "Yan", interests=["art"]),
        "z": mentor(programme, "Zoe", interests=["music"]),
    }
    first = run.run_matcher(programme.id)
    assert not first.scores_reused
    p = people
    assert drafts(programme.id) == {p["a"].id: p["x"].id, p["b"].id: p["y"].id, p["c"].id: p["z"].id}
    return programme, people, first


def fresh_scores(programme_id: int, start_on: date | None = None) -> dict[tuple[int, int], float]:
    """Every pair's score computed now from the database, with no cache involved."""
    cohort = load_cohort(programme_id, start_on)
    matrix = score_matrix(cohort.mentees, cohort.mentors, cohort.settings.config)
    return {
        (a.id, b.id): round(float(matrix.scores[i, j]), 1)
        for i, a in enumerate(cohort.mentees)
        for j, b in enumerate(cohort.mentors)
    }


def assert_scored_afresh(programme_id: int, result, start_on: date | None = None) -> None:
    fresh = fresh_scores(programme_id, start_on)
    assert not result.scores_reused
    for pair in result.pairs:
        assert pair.score == fresh[(pair.mentee_id, pair.mentor_id)]
        assert pair.score == pytest.approx(50 + sum(float(i["points"]) for i in pair.breakdown), abs=0.6)


def score_of(result, mentee_id: int, mentor_id: int) -> float:
    return next(p.score for p in result.pairs if (p.mentee_id, p.mentor_id) == (mentee_id, mentor_id))


# -- reuse ----------------------------------------------------------------------------------------------


def test_pins_accepts_and_rejects_reuse_the_scores_and_are_respected(db):
    programme, p, first = three_by_three(db)
    by_mentee = {r.mentee_id: r.match_id for r in review.list_drafts(programme.id)}
    review.set_pinned([by_mentee[p["a"].id]])
    review.set_accepted([by_mentee[p["b"].id]])
    again = run.run_matcher(programme.id)
    assert again.scores_reused and again.solution_reused  # pins of its own pairs: still optimal
    kept = {(x.mentee_id, x.mentor_id) for x in again.pairs if x.kept}
    assert kept == {(p["a"].id, p["x"].id), (p["b"].id, p["y"].id)}
    assert {(x.mentee_id, x.mentor_id, x.score) for x in again.pairs} == {
        (x.mentee_id, x.mentor_id, x.score) for x in first.pairs
    }
    assert [x.breakdown for x in again.pairs] == [x.breakdown for x in first.pairs]
    # Rejecting Cat-Zoe (a new draft after the re-run): reused scores, the pair is not proposed again.
    cat = next(r.match_id for r in review.list_drafts(programme.id) if r.mentee_id == p["c"].id)
    review.reject_draft(cat, p["c"].id)
    third = run.run_matcher(programme.id)
    assert third.scores_reused and not third.solution_reused  # a rule changed: solved again
    assert (p["c"].id, p["z"].id) not in {(x.mentee_id, x.mentor_id) for x in third.pairs}
    assert p["c"].id in {u.participant_id for u in third.unmatched}  # the only mentor left was rejected
    assert drafts(programme.id)[p["a"].id] == p["x"].id


# -- invalidation, one test per kind of change -----------------------------------------------------------


def test_a_participant_change_scores_afresh(db):
    programme, p, first = three_by_three(db)
    before = score_of(first, p["a"].id, p["x"].id)
    # Xia moves to Ana's school and year group: "prefer a different department" now counts against.
    Participant.update(organisation="Riverside Academy", department="Year 10").where(
        Participant.id == p["x"].id
    ).execute()
    again = run.run_matcher(programme.id)
    assert_scored_afresh(programme.id, again)
    assert score_of(again, p["a"].id, p["x"].id) < before


def test_a_tag_change_scores_afresh(db):
    programme, p, _ = three_by_three(db)
    chess = Tag.get(Tag.kind == "interest", Tag.name == "chess")
    ParticipantTag.delete().where(
        (ParticipantTag.participant == p["x"].id) & (ParticipantTag.tag == chess)
    ).execute()
    ParticipantTag.create(participant=p["z"].id, tag=chess, direction="both")
    again = run.run_matcher(programme.id)
    assert_scored_afresh(programme.id, again)
    assert drafts(programme.id)[p["a"].id] == p["z"].id  # stale scores would have kept Ana with Xia


def test_an_availability_change_scores_afresh(db):
    programme, p, first = three_by_three(db)
    before = score_of(first, p["a"].id, p["x"].id)
    AvailabilitySlot.update(weekday=4, start_minute=9 * 60, end_minute=10 * 60).where(
        AvailabilitySlot.participant == p["x"].id
    ).execute()
    again = run.run_matcher(programme.id)
    assert_scored_afresh(programme.id, again)
    assert score_of(again, p["a"].id, p["x"].id) < before  # no time in common any more


def test_a_setting_change_scores_afresh(db):
    programme, p, first = three_by_three(db)
    config = read_settings(Programme.get_by_id(programme.id)).config
    write_settings(programme.id, config=config.with_setting("interests", CriterionSetting(Importance.OFF)))
    again = run.run_matcher(programme.id)
    assert_scored_afresh(programme.id, again)
    assert score_of(again, p["a"].id, p["x"].id) != score_of(first, p["a"].id, p["x"].id)
    assert all(item["criterion"] != "interests" for x in again.pairs for item in x.breakdown)


def test_an_exclusion_is_applied_on_a_re_run(db):
    programme, p, _ = three_by_three(db)
    Exclusion.create(participant=p["a"].id, other=p["x"].id, reason="family friends")
    again = run.run_matcher(programme.id)
    assert again.scores_reused  # a hard rule, not a score: eligibility is rebuilt on every run
    assert drafts(programme.id).get(p["a"].id) != p["x"].id
    ranking = manual.rank_candidates(programme.id, p["a"].id)
    assert (
        "a 'not with' rule is recorded" in next(c for c in ranking if c.participant_id == p["x"].id).reasons
    )


def test_a_different_start_date_scores_afresh(db):
    programme, p, _ = three_by_three(db)
    # Yan's age comes from an age band (fixed); Ben's from his date of birth (older on a later start).
    Participant.update(date_of_birth=None, age_band="16-17").where(Participant.id == p["y"].id).execute()
    now = run.run_matcher(programme.id, start_on=TODAY)
    assert_scored_afresh(programme.id, now, TODAY)
    later = run.run_matcher(programme.id, start_on=TODAY + timedelta(days=365))
    assert_scored_afresh(programme.id, later, TODAY + timedelta(days=365))
    assert score_of(later, p["b"].id, p["y"].id) < score_of(now, p["b"].id, p["y"].id)


# -- the sparse path, from the service -----------------------------------------------------------------


def test_the_sparse_path_gives_the_dense_total_from_the_database(db, monkeypatch):
    programme = make_programme()
    for i in range(12):
        mentee(
            programme,
            f"Mentee{i}",
            interests=[["chess", "art", "music"][i % 3]],
            skills=[["maths", "coding"][i % 2]],
        )
    for i in range(5):
        mentor(
            programme,
            f"Mentor{i}",
            capacity=2,
            interests=[["chess", "art", "music"][i % 3]],
            skills=["maths"],
        )
    dense = run.run_matcher(programme.id, dry_run=True)
    assert dense.sparse is None
    monkeypatch.setattr(solver, "SPARSE_CELLS", 0)
    cache.forget()
    sparse = run.run_matcher(programme.id)
    assert sparse.sparse is not None and sparse.sparse.certified
    assert sparse.stats.matched == dense.stats.matched == 10
    assert sparse.stats.total == pytest.approx(dense.stats.total, rel=1e-9)
    assert sparse.sparse.bound == pytest.approx(sparse.sparse.total, rel=1e-9)
    assert len(review.list_drafts(programme.id)) == 10


def test_the_collector_is_paused_during_a_run_and_left_as_it_was(db, monkeypatch):
    import gc

    programme = make_programme()
    mentee(programme, "Ana", interests=["chess"])
    mentor(programme, "Xia", interests=["chess"])
    seen = []
    real = run.propose

    def watching(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(run, "propose", watching)
    was = gc.isenabled()  # the suite runs with automatic collection off (tests/conftest.py), as the app
    gc.enable()  # as the CLI runs
    try:
        run.run_matcher(programme.id)
        assert seen == [False] and gc.isenabled()
        with pytest.raises(run.PairingError):
            run.run_matcher(programme.id, min_score=101)
        assert gc.isenabled()  # restored after an error too
        gc.disable()  # as the app runs (ui/gc_guard.py): a run never switches the collector back on
        run.run_matcher(programme.id)
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_a_re_run_keeps_unchanged_drafts_and_replaces_the_rest(db):
    programme, p, _ = three_by_three(db)
    before = {r.mentee_id: r.match_id for r in review.list_drafts(programme.id)}
    again = run.run_matcher(programme.id)
    assert again.saved == 0  # the same three proposals: nothing deleted, nothing written again
    assert {r.mentee_id: r.match_id for r in review.list_drafts(programme.id)} == before
    # Ana's and Cat's interests swap mentors: their drafts are replaced, Ben's stays.
    chess = Tag.get(Tag.kind == "interest", Tag.name == "chess")
    music = Tag.get(Tag.kind == "interest", Tag.name == "music")
    ParticipantTag.update(tag=music).where(
        (ParticipantTag.participant == p["a"].id) & (ParticipantTag.tag == chess)
    ).execute()
    ParticipantTag.update(tag=chess).where(
        (ParticipantTag.participant == p["c"].id) & (ParticipantTag.tag == music)
    ).execute()
    third = run.run_matcher(programme.id)
    assert third.saved == 2
    after = {r.mentee_id: (r.match_id, r.mentor_id) for r in review.list_drafts(programme.id)}
    assert after[p["b"].id] == (before[p["b"].id], p["y"].id)
    assert after[p["a"].id][1] == p["z"].id and after[p["c"].id][1] == p["x"].id


def test_match_cli_says_when_the_sparse_path_proved_its_total(tmp_path, capsys, monkeypatch):
    from mentordesk.cli import main

    path = tmp_path / "cli.db"
    assert main(["--db", str(path), "demo"]) == 0
    name = "Riverside Futures 2026/27 (demo)"
    assert main(["--db", str(path), "match", "--programme", name, "--dry-run"]) == 0
    assert "Large cohort" not in capsys.readouterr().out  # the demo is small: the dense path
    monkeypatch.setattr(solver, "SPARSE_CELLS", 0)
    cache.forget()  # else the dense run's assignment, still optimal, would be reused unsolved
    assert main(["--db", str(path), "match", "--programme", name, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Large cohort: solved from each mentee's best candidates" in out
    assert "proved optimal: the total" in out and "equals the upper bound" in out


def test_a_pin_outside_the_last_assignment_or_an_unpinned_pair_solves_again(db):
    programme, p, first = three_by_three(db)
    assert not first.solution_reused
    # Ana with Yan by hand: not a pair of the last (optimal) assignment, so it may no longer be optimal.
    manual.pair_manually(programme.id, p["a"].id, p["y"].id, "knows the family")
    again = run.run_matcher(programme.id)
    assert again.scores_reused and not again.solution_reused
    assert drafts(programme.id)[p["a"].id] == p["y"].id and drafts(programme.id)[p["b"].id] == p["x"].id
    same = run.run_matcher(programme.id)
    assert same.solution_reused  # nothing changed since: the same pins, the same rules
    assert {(x.mentee_id, x.mentor_id) for x in same.pairs} == {
        (x.mentee_id, x.mentor_id) for x in again.pairs
    }
    # Unpinning Ana-Yan: the earlier assignment was optimal only with that pin, so it is solved again.
    review.set_pinned(
        [r.match_id for r in review.list_drafts(programme.id) if r.mentee_id == p["a"].id], False
    )
    freed = run.run_matcher(programme.id)
    assert not freed.solution_reused
    assert drafts(programme.id)[p["a"].id] == p["x"].id  # back to the best pairing
