"""Property test on real databases: whatever the cohort, the matcher's drafts break no hard rule."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.pairing_fixtures import ADULT, CHILD, TODAY, make_programme, mentee, mentor

person = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["ready", "ready", "ready", "on_hold", "screening"]),
        "minor": st.booleans(),
        "cleared": st.booleans(),
        "away": st.booleans(),
        "capacity": st.integers(0, 3),
        "interests": st.sets(st.sampled_from(["chess", "art", "music"]), max_size=2),
    }
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mentors=st.lists(person, min_size=0, max_size=5),
    mentees=st.lists(person, min_size=0, max_size=7),
    exclusions=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 4), st.booleans()), max_size=4),
    live=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 4)), max_size=2),
    kind=st.sampled_from(["one_to_one", "group", "reverse"]),
)
def test_drafts_never_break_a_hard_rule(mentors, mentees, exclusions, live, kind):
    from mentordesk.services.pairing import publishing, review, run
    from mentordesk.services.participants.clearance import clearance_map
    from mentordesk.store.db import close_database, open_database
    from mentordesk.store.models import AwayPeriod, Enrolment, Exclusion, Match, MatchMember

    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "p.db", backup=False)
        try:
            programme = make_programme(kind=kind)
            ms = [
                mentor(
                    programme,
                    f"M{i}",
                    capacity=p["capacity"],
                    interests=p["interests"],
                    cleared=p["cleared"],
                    status=p["status"],
                )
                for i, p in enumerate(mentors)
            ]
            es = [
                mentee(
                    programme,
                    f"E{i}",
                    interests=p["interests"],
                    dob=CHILD if p["minor"] else ADULT,
                    consent=p["cleared"],
                    status=p["status"],
                )
                for i, p in enumerate(mentees)
            ]
            for people, specs in ((ms, mentors), (es, mentees)):
                for who, spec in zip(people, specs, strict=True):
                    if spec["away"]:
                        AwayPeriod.create(
                            participant=who,
                            starts_on=TODAY - timedelta(days=1),
                            ends_on=TODAY + timedelta(days=3),
                        )
            banned = set()
            for e, m, mentor_side in exclusions:
                if e < len(es) and m < len(ms) and (es[e].id, ms[m].id) not in banned:
                    a, b = (ms[m], es[e]) if mentor_side else (es[e], ms[m])
                    Exclusion.get_or_create(participant=a, other=b)
                    banned.add((es[e].id, ms[m].id))
            live_counts: dict[int, int] = {}
            for e, m in live:
                if e < len(es) and m < len(ms):
                    match = Match.create(programme=programme, status="active", started_on=TODAY)
                    MatchMember.create(match=match, participant=ms[m], role="mentor")
                    MatchMember.get_or_create(match=match, participant=es[e], defaults={"role": "mentee"})
                    live_counts[ms[m].id] = live_counts.get(ms[m].id, 0) + 1

            run.run_matcher(programme.id)
            clearance = clearance_map(programme.id)
            rows = review.list_drafts(programme.id)
            load: dict[int, int] = {}
            live_mentees = {  # members of live matches only: the drafts just made are members too
                mm.participant_id
                for mm in MatchMember.select()
                .join(Match)
                .where((MatchMember.role == "mentee") & Match.status.in_(["active", "paused"]))
            }
            mentee_spec = {e.id: spec for e, spec in zip(es, mentees, strict=True)}
            mentor_spec = {m.id: spec for m, spec in zip(ms, mentors, strict=True)}
            for row in rows:
                e, m = mentee_spec[row.mentee_id], mentor_spec[row.mentor_id]
                assert (row.mentee_id, row.mentor_id) not in banned, "a 'not with' rule was broken"
                assert e["status"] == "ready" and not e["away"], (
                    "a mentee on hold, in screening or away was matched"
                )
                assert m["status"] == "ready" and not m["away"], "a mentor not ready or away was matched"
                assert row.mentee_id not in live_mentees, "an already-matched mentee was matched again"
                if e["minor"]:
                    assert clearance[row.mentor_id].cleared, "a minor was given an uncleared mentor"
                    assert clearance[row.mentee_id].cleared, "a minor without guardian consent was matched"
                load[row.mentor_id] = load.get(row.mentor_id, 0) + 1
            for mentor_id, count in load.items():
                assert count + live_counts.get(mentor_id, 0) <= mentor_spec[mentor_id]["capacity"], (
                    "over capacity"
                )
            if rows:
                result = publishing.publish(programme.id)
                assert result.published + len(result.skipped) == len({r.match_id for r in rows})
                assert Enrolment.select().where(Enrolment.status == "matched").count() >= 2 * (
                    result.published > 0
                )
        finally:
            close_database()
