"""The matcher on real databases: the demo run, hard rules, reviewing drafts (pins, rejections,
swaps, manual ranking), pairing settings, and the summary of the last run.

Publishing, the match lifecycle, the other programme kinds, the match CLI and the pairing plumbing
are in tests/test_pairing_services_lifecycle.py; the shared helpers are in tests/pairing_fixtures.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentordesk.core.progress import Cancelled, Progress
from mentordesk.services import pairing
from mentordesk.services.pairing import drafts as pairing_drafts, lifecycle, manual, publishing, review, run
from mentordesk.services.pairing.cohort import live_members, load_cohort
from mentordesk.services.pairing.settings import read_settings, write_settings
from mentordesk.services.participants.clearance import clearance_map
from mentordesk.store import audit
from mentordesk.store.models import (
    AwayPeriod,
    Exclusion,
    Match,
    MatchMember,
    Programme,
)
from tests.pairing_fixtures import ADULT, TODAY, drafts, make_programme, mentee, mentor, status_of, two_by_two

# -- the demo programme ----------------------------------------------------------------------------


def test_demo_run_saves_explained_drafts_and_breaks_no_rule(demo_db):
    programme = Programme.get()
    live_before = live_members(programme.id)
    result = run.run_matcher(programme.id, with_baseline=True)
    assert result.saved == len(result.pairs) > 0
    assert result.baseline is not None and result.baseline.matched <= result.stats.matched
    rows = review.list_drafts(programme.id)
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
    assert [(old, new) for _, old, new in lifecycle.match_history(match_id)] == [(None, "draft")]


def test_dry_run_writes_nothing(demo_db):
    programme = Programme.get()
    before = (Match.select().count(), MatchMember.select().count())
    result = run.run_matcher(programme.id, dry_run=True)
    assert result.pairs and result.saved == 0
    assert (Match.select().count(), MatchMember.select().count()) == before


def test_a_cancelled_run_changes_nothing(demo_db):
    programme = Programme.get()
    before = Match.select().count()
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3  # cancel just before saving

    with pytest.raises(Cancelled):
        run.run_matcher(programme.id, progress=Progress(is_cancelled=cancelled))
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
    review.discard_drafts(programme.id, include_kept=True)
    run.run_matcher(programme.id)
    return drafts(programme.id)


def test_a_mentor_of_a_minor_must_be_cleared(db):
    programme = make_programme()
    child = mentee(programme, "Cara", interests=["chess"])
    adult = mentee(programme, "Dev", interests=["art"], dob=ADULT)
    uncleared = mentor(programme, "Uma", interests=["chess"], cleared=False)
    cleared = mentor(programme, "Col", interests=["art"])
    assert drafts_after_run(programme) == {child.id: cleared.id, adult.id: uncleared.id}
    ranking = manual.rank_candidates(programme.id, child.id)
    uma = next(c for c in ranking if c.participant_id == uncleared.id)
    assert not uma.eligible and uma.reasons[0].startswith("mentor of a minor must be cleared (")


def test_unknown_age_counts_as_a_minor(db):
    programme = make_programme()
    mentee(programme, "Eli", dob=None)
    mentor(programme, "Uma", cleared=False)
    result = run.run_matcher(programme.id)
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
    result = run.run_matcher(programme.id)
    assert drafts(programme.id) == {waiting.id: free_mentor.id}
    why = {u.participant_id: u.reason for u in result.unmatched}
    assert why[held.id] == "on hold"
    assert why[away_mentee.id].startswith("away until")
    # A week later both are back: the away mentor takes the others.
    later = TODAY + timedelta(days=7)
    review.discard_drafts(programme.id, include_kept=True)
    run.run_matcher(programme.id, later)
    assert drafts(programme.id)[away_mentee.id] == away_mentor.id


def test_capacity_counts_live_matches(db):
    programme = make_programme()
    busy = mentor(programme, "Kim", capacity=2)
    first = mentee(programme, "Lee")
    run.run_matcher(programme.id)
    publishing.publish(programme.id)
    mentee(programme, "Mo")
    mentee(programme, "Ned")
    result = run.run_matcher(programme.id)
    assert len(result.pairs) == 1 and result.pairs[0].mentor_id == busy.id  # one place left of two
    assert first.id not in drafts(programme.id)  # already matched: skipped
    assert len(result.unmatched) == 1 and "capacity" in result.unmatched[0].reason


# -- review ------------------------------------------------------------------------------------------


def match_of(programme, mentee_id) -> int:
    return next(r.match_id for r in review.list_drafts(programme.id) if r.mentee_id == mentee_id)


def test_rerun_keeps_pinned_and_accepted_drafts(db):
    programme, a, b, x, y = two_by_two(db)
    # The coordinator pairs Ana with Yan by hand (pinned) although the matcher preferred Xia.
    manual.pair_manually(programme.id, a.id, y.id, "Knows the family's situation")
    result = run.run_matcher(programme.id)
    assert drafts(programme.id) == {a.id: y.id, b.id: x.id}
    assert [p.kept for p in result.pairs if p.mentee_id == a.id] == [True]
    accepted = match_of(programme, b.id)
    review.set_accepted([accepted])
    run.run_matcher(programme.id)
    assert match_of(programme, b.id) == accepted
    assert [(o, n) for _, o, n in audit.history("match", accepted, "accepted")][-1] == (False, True)


def test_reject_removes_the_draft_and_it_is_not_proposed_again(db):
    programme, a, b, x, y = two_by_two(db)
    review.reject_draft(match_of(programme, a.id), a.id)
    assert a.id not in drafts(programme.id)
    assert (a.id, x.id) in read_settings(Programme.get_by_id(programme.id)).rejected
    review.discard_drafts(programme.id, include_kept=True)
    run.run_matcher(programme.id)
    assert drafts(programme.id)[a.id] == y.id
    ranking = manual.rank_candidates(programme.id, a.id)
    assert (
        "rejected by you when reviewing drafts"
        in next(c for c in ranking if c.participant_id == x.id).reasons
    )
    review.forget_rejections(programme.id)
    assert read_settings(Programme.get_by_id(programme.id)).rejected == ()


def test_swap_exchanges_mentors_rescores_and_pins(db):
    programme, a, b, x, y = two_by_two(db)
    ma, mb = match_of(programme, a.id), match_of(programme, b.id)
    before = {r.mentee_id: r.score for r in review.list_drafts(programme.id)}
    review.swap_partners((ma, a.id), (mb, b.id))
    rows = {r.mentee_id: r for r in review.list_drafts(programme.id)}
    assert rows[a.id].mentor_id == y.id and rows[b.id].mentor_id == x.id
    assert rows[a.id].pinned and rows[b.id].pinned
    assert rows[a.id].score < before[a.id]  # chess with art scores less


def test_a_swap_that_breaks_a_rule_is_refused_and_changes_nothing(db):
    programme, a, b, x, y = two_by_two(db)
    Exclusion.create(participant=a, other=y)
    ma, mb = match_of(programme, a.id), match_of(programme, b.id)
    with pytest.raises(pairing.PairingError, match="a 'not with' rule is recorded"):
        review.swap_partners((ma, a.id), (mb, b.id))
    assert drafts(programme.id) == {a.id: x.id, b.id: y.id}
    with pytest.raises(pairing.PairingError, match="same draft"):
        review.swap_partners((ma, a.id), (ma, a.id))


def test_manual_ranking_lists_everyone_with_reasons(db):
    programme = make_programme()
    child = mentee(programme, "Ana", interests=["chess"], skills=["coding"])
    best = mentor(programme, "Bo", interests=["chess"], skills=["coding"])
    good = mentor(programme, "Cy", interests=["chess"])
    screening = mentor(programme, "Di", status="screening")
    held = mentor(programme, "Ed", status="on_hold")
    excluded = mentor(programme, "Flo")
    Exclusion.create(participant=child, other=excluded)
    ranking = manual.rank_candidates(programme.id, child.id)
    assert [c.participant_id for c in ranking[:2]] == [best.id, good.id]
    assert ranking[0].score > ranking[1].score and ranking[0].eligible and ranking[0].places_left == 1
    why = {c.participant_id: c.reasons for c in ranking}
    assert why[screening.id] == ["still in screening"]
    assert why[held.id] == ["on hold"]
    assert why[excluded.id] == ["a 'not with' rule is recorded"]
    assert "skills sought and offered: coding" in ranking[0].explanation.summary()
    with pytest.raises(pairing.PairingError, match="still in screening"):
        manual.pair_manually(programme.id, child.id, screening.id)
    with pytest.raises(pairing.PairingError, match="Pick a mentee"):
        manual.rank_candidates(programme.id, best.id)
    assert manual.alternative_partners(programme.id, child.id)[0].participant_id == best.id


def test_pairing_settings_shape_the_run(db):
    from mentordesk.core.pairing.criteria import INTERESTS, CriterionSetting, Importance

    programme = make_programme()
    a = mentee(programme, "Ana", interests=["chess"])
    mentor(programme, "Bo", interests=["art"])
    settings = read_settings(programme)
    write_settings(
        programme.id, config=settings.config.with_setting(INTERESTS, CriterionSetting(Importance.MUST))
    )
    result = run.run_matcher(programme.id)
    assert not result.pairs and result.unmatched[0].participant_id == a.id
    assert result.unmatched[0].reason == "no eligible mentor"
    ranking = manual.rank_candidates(programme.id, a.id)
    assert ranking[0].reasons == ["must: no shared interests"]
    write_settings(programme.id, min_score=55.5, poor_matches="forbid", penalty=4)
    again = read_settings(Programme.get_by_id(programme.id))
    assert (again.min_score, again.poor_matches, again.penalty) == (55.5, "forbid", 4.0)
    with pytest.raises(pairing.PairingError, match="between 0 and 100"):
        run.run_matcher(programme.id, min_score=101)


def test_last_run_summary_is_kept_without_names(db):
    programme = make_programme()
    mentee(programme, "Ana")
    held = mentee(programme, "Ben", status="on_hold")
    mentor(programme, "Cy")
    run.run_matcher(programme.id)
    summary = pairing_drafts.last_run(programme.id)
    assert summary is not None and summary.stats.matched == 1
    assert [(u.participant_id, u.name, u.reason) for u in summary.unmatched] == [
        (held.id, "Ben Mentee", "on hold")
    ]
    stored = Programme.get_by_id(programme.id).settings[pairing_drafts.LAST_RUN_KEY]
    assert "Ben" not in str(stored)
    live = pairing_drafts.draft_statistics(programme.id)
    assert live.matched == 1 and live.minimum == live.mean == live.worst5


def test_empty_programmes_and_a_dropped_pin_are_reported_plainly(db):
    empty = make_programme("Nobody yet")
    result = run.run_matcher(empty.id)
    assert result.pairs == [] and result.unmatched == [] and result.stats.mean is None
    programme = make_programme()
    a = mentee(programme, "Ana")
    x = mentor(programme, "Xia")
    run.run_matcher(programme.id)
    review.set_pinned([match_of(programme, a.id)])
    Exclusion.create(participant=a, other=x, reason="Private family matter")
    result = run.run_matcher(programme.id)
    assert result.pairs == [] and drafts(programme.id) == {}
    assert [d.reason for d in result.dropped_pins] == ["pinned pair dropped: a 'not with' rule is recorded"]
    stored = str(Programme.get_by_id(programme.id).settings)
    assert "Private family matter" not in stored and "Xia" not in stored


def _programme_updates(programme_id: int) -> list:
    from mentordesk.store.models import AuditEvent

    return list(
        AuditEvent.select().where(
            (AuditEvent.entity == "programme")
            & (AuditEvent.entity_id == programme_id)
            & (AuditEvent.action == "update")
        )
    )


def test_only_real_settings_changes_reach_the_audit_log(db):
    """Running the matcher records the run, not a "settings changed" line; saving unchanged settings
    records nothing; a real change is recorded once."""
    from mentordesk.store.models import AuditEvent

    programme = make_programme()
    mentee(programme, "Ana")
    mentor(programme, "Cy")
    before = _programme_updates(programme.id)
    run.run_matcher(programme.id)
    run.run_matcher(programme.id)
    assert _programme_updates(programme.id) == before
    assert AuditEvent.select().where(AuditEvent.action == "match_run").count() == 2
    assert pairing_drafts.last_run(programme.id) is not None  # the summary is still kept
    settings = read_settings(Programme.get_by_id(programme.id))
    write_settings(programme.id, config=settings.config, min_score=settings.min_score, rejected=[])
    assert _programme_updates(programme.id) == before
    write_settings(programme.id, min_score=40)
    assert len(_programme_updates(programme.id)) == len(before) + 1
    assert read_settings(Programme.get_by_id(programme.id)).min_score == 40
