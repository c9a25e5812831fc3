"""A speed-mentoring night on real databases (SQLite and PostgreSQL): inviting, check-in, re-planning
for no-shows, wishes (by hand and from CSV), the follow-up run and a speed pair becoming a match."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.services import pairing
from mentordesk.services.pairing import PairingError, review, run
from mentordesk.store.models import Match, MatchMember, SpeedMeeting, SpeedSeat, SpeedWish
from tests.pairing_fixtures import TODAY, make_programme, mentee, mentor, status_of

pytestmark = pytest.mark.both_backends
NIGHT = date(2026, 3, 12)


def speed_programme(mentees: int = 5, mentors: int = 3):
    programme = make_programme("Speed night", kind="speed")
    people = [mentee(programme, n) for n in ["Ana", "Ben", "Chloé", "Dmitri", "Ελένη", "Farah"][:mentees]]
    hosts = [mentor(programme, n, capacity=2) for n in ["Xia", "Yusuf", "Zofia", "Walt"][:mentors]]
    event_id = pairing.create_event(programme.id, NIGHT, venue="Town hall", rounds=3, round_minutes=7)
    pairing.invite_waiting(event_id)
    return programme, event_id, people, hosts


def assert_rules(night) -> None:
    for number in range(1, night.event.rounds + 1):
        meetings = night.round(number)
        assert len({m.mentor_id for m in meetings}) == len(meetings), "a mentor double-booked"
        assert len({m.mentee_id for m in meetings}) == len(meetings), "a mentee double-booked"
    pairs = [(m.mentee_id, m.mentor_id) for m in night.meetings]
    assert len(pairs) == len(set(pairs)), "a pair meets twice"


def test_an_event_invites_everyone_ready_and_gives_each_mentor_a_table(backend, db):
    programme, event_id, people, hosts = speed_programme()
    night = pairing.night(event_id)
    tables = {s.name: s.table_no for s in night.seats if s.role == "mentor"}
    assert tables == {"Xia Mentor": 1, "Yusuf Mentor": 2, "Zofia Mentor": 3}
    assert {s.attendance for s in night.seats} == {"invited"}
    assert_rules(night)
    # 3 mentors x 3 rounds = 9 seats for 5 mentees: shared 2-2-2-2-1 (the fairest split).
    counts = sorted(len([m for m in night.meetings if m.mentee_id == p.id]) for p in people)
    assert counts == [1, 2, 2, 2, 2]
    assert all(m.table_no == tables[m.mentor] for m in night.meetings)
    assert pairing.list_events(programme.id)[0].venue == "Town hall"


def test_bad_event_details_are_refused_with_the_field_named(backend, db):
    programme = make_programme("Speed", kind="speed")
    with pytest.raises(PairingError, match="Rounds: enter a number from 1 to 30"):
        pairing.create_event(programme.id, NIGHT, rounds=0)
    with pytest.raises(PairingError, match="Round length"):
        pairing.create_event(programme.id, NIGHT, round_minutes=500)
    with pytest.raises(PairingError, match="Starts at: write the time"):
        pairing.create_event(programme.id, NIGHT, starts_at="half six")
    other = make_programme("One to one")
    with pytest.raises(PairingError, match="speed-mentoring programmes"):
        pairing.create_event(other.id, NIGHT)
    assert pairing.list_events(programme.id) == []


def test_no_shows_rebalance_the_remaining_rounds_and_keep_the_rounds_held(backend, db):
    programme, event_id, people, hosts = speed_programme(mentees=5, mentors=3)
    for person in people[:4] + hosts[:2]:  # Ελένη and Zofia do not come
        pairing.set_attendance(event_id, person.id, "present")
    assert pairing.mark_no_shows(event_id) == 2
    first = pairing.replan(event_id, rounds_held=0)
    assert_rules(first)
    assert {m.mentor_id for m in first.meetings} <= {hosts[0].id, hosts[1].id}
    assert {m.mentee_id for m in first.meetings} <= {p.id for p in people[:4]}
    # 2 mentors x 3 rounds = 6 seats for 4 mentees present: 2-2-1-1.
    assert sorted(len([m for m in first.meetings if m.mentee_id == p.id]) for p in people[:4]) == [1, 1, 2, 2]
    held = [(m.round_no, m.mentor_id, m.mentee_id) for m in first.round(1)]
    # After round 1, Zofia arrives late and Ben goes home.
    pairing.set_attendance(event_id, hosts[2].id, "present")
    pairing.set_attendance(event_id, people[1].id, "no_show")
    second = pairing.replan(event_id, rounds_held=1)
    assert_rules(second)
    assert [(m.round_no, m.mentor_id, m.mentee_id) for m in second.round(1)] == held  # kept as held
    later = [m for m in second.meetings if m.round_no > 1]
    assert people[1].id not in {m.mentee_id for m in later}
    assert hosts[2].id in {m.mentor_id for m in later}
    # Three mentors, three mentees present, two rounds left: everyone present meets someone each round.
    for p in (people[0], people[2], people[3]):
        assert len([m for m in later if m.mentee_id == p.id]) == 2
    assert SpeedMeeting.select().where(SpeedMeeting.round_no == 1).count() == len(held)
    with pytest.raises(PairingError, match="Rounds held: enter a number from 0 to 3"):
        pairing.replan(event_id, rounds_held=7)
    with pytest.raises(PairingError, match="Attendance"):
        pairing.set_attendance(event_id, people[0].id, "maybe")


def test_wishes_are_only_for_people_met_and_csv_import_is_all_or_nothing(backend, db, tmp_path):
    programme, event_id, people, hosts = speed_programme(mentees=3, mentors=3)
    night = pairing.night(event_id)
    ana = people[0]
    met = night.partners(ana.id)
    assert len(met) == 3  # 3 mentors, 3 rounds, 3 mentees: everyone meets everyone
    pairing.set_wishes(event_id, ana.id, [hosts[0].id])
    stranger = mentee(programme, "Olu")
    with pytest.raises(PairingError, match="met at the event"):
        pairing.set_wishes(event_id, ana.id, [stranger.id])
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Participant,Meet again\nBen Mentee,Xia Mentor; Nobody Here\nXia Mentor,Ana Mentee\n",
        encoding="utf-8",
    )
    with pytest.raises(PairingError, match="row 2: “Nobody Here” is not invited"):
        pairing.import_wishes(event_id, bad)
    assert SpeedWish.select().count() == 1  # unchanged
    good = tmp_path / "wishes.csv"
    good.write_text(
        "Participant,Meet again\nBen Mentee,Xia Mentor; Yusuf Mentor\nXia Mentor,ana mentee\n",
        encoding="utf-8",
    )
    result = pairing.import_wishes(event_id, good)
    assert (result.added, result.people) == (3, 2)
    assert set(pairing.night(event_id).wishes) == {
        (ana.id, hosts[0].id),
        (people[1].id, hosts[0].id),
        (people[1].id, hosts[1].id),
        (hosts[0].id, ana.id),
    }
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("Name,Colour\nAna,blue\n", encoding="utf-8")
    with pytest.raises(PairingError, match="“Participant” column and a “Meet again” column"):
        pairing.import_wishes(event_id, wrong)


def test_the_follow_up_run_scores_mutual_wishes_highest_and_explains_them(backend, db):
    programme, event_id, people, hosts = speed_programme(mentees=3, mentors=3)
    with pytest.raises(PairingError, match="record the wishes"):
        run.run_matcher(programme.id)
    ana, ben, chloe = people
    xia, yusuf, zofia = hosts
    pairing.set_wishes(event_id, ana.id, [zofia.id])
    pairing.set_wishes(event_id, zofia.id, [ana.id])  # mutual
    pairing.set_wishes(event_id, ben.id, [zofia.id])  # one way, to the same mentor
    pairing.set_wishes(event_id, yusuf.id, [chloe.id])  # one way, from the mentor
    for person in hosts:
        person.enrolments[0].capacity = 1
        person.enrolments[0].save()
    result = run.run_matcher(programme.id)
    pairs = {p.mentee_id: p for p in result.pairs}
    assert pairs[ana.id].mentor_id == zofia.id  # the mutual wish wins Zofia's one place
    lines = {item["criterion"]: item for item in pairs[ana.id].breakdown}
    assert 0 < lines["speed_wish"]["points"] <= 40 and "both asked" in lines["speed_wish"]["reason"]
    assert pairs[ana.id].score == pytest.approx(
        min(100, 50 + sum(float(i["points"]) for i in pairs[ana.id].breakdown))
    )
    assert pairs[chloe.id].mentor_id == yusuf.id
    assert "mentor asked" in {i["criterion"]: i for i in pairs[chloe.id].breakdown}["speed_wish"]["reason"]
    for pair in result.pairs:  # the lines still add up to the score
        assert pair.score == pytest.approx(50 + sum(float(i["points"]) for i in pair.breakdown), abs=0.6)
    assert {r.mentee_id for r in review.list_drafts(programme.id)} == {ana.id, ben.id, chloe.id}


def test_a_speed_pair_becomes_an_active_match_in_one_step(backend, db):
    programme, event_id, people, hosts = speed_programme(mentees=3, mentors=3)
    ana, xia = people[0], hosts[0]
    pairing.set_wishes(event_id, ana.id, [xia.id])
    pairing.set_wishes(event_id, xia.id, [ana.id])
    match_id = pairing.pair_to_match(event_id, ana.id, xia.id, TODAY)
    match = Match.get_by_id(match_id)
    assert match.status == "active" and match.started_on == TODAY
    assert "both asked to meet again" in match.rationale
    assert {m.participant_id for m in MatchMember.select().where(MatchMember.match == match_id)} == {
        ana.id,
        xia.id,
    }
    assert status_of(programme, ana) == "matched"
    stranger = mentee(programme, "Olu")
    with pytest.raises(PairingError, match="did not meet"):
        pairing.pair_to_match(event_id, stranger.id, xia.id)
    assert SpeedSeat.select().count() == 6


def test_a_persons_data_export_lists_their_speed_nights(backend, db, tmp_path):
    from mentordesk.services.protection import subject_access

    programme, event_id, people, hosts = speed_programme(mentees=3, mentors=3)
    ana = people[0]
    pairing.set_attendance(event_id, ana.id, "present")
    pairing.set_wishes(event_id, ana.id, [hosts[1].id])
    data = subject_access.collect(ana.id)
    [entry] = data["speed_mentoring"]
    assert entry["attendance"] == "present" and entry["role"] == "mentee" and entry["venue"] == "Town hall"
    assert sorted(entry["met_participant_ids"]) == sorted(h.id for h in hosts)
    assert entry["would_like_to_meet_again_ids"] == [hosts[1].id]
    pdf = subject_access.export_pdf(ana.id, tmp_path / "ana.pdf")
    from tests.documents_fixtures import pdf_text

    assert "Speed-mentoring events" in pdf_text(pdf)


def test_editing_the_rounds_re_plans_and_cannot_drop_rounds_held(backend, db):
    programme, event_id, people, hosts = speed_programme(mentees=5, mentors=3)
    pairing.replan(event_id, rounds_held=1)
    first_round = pairing.night(event_id).round(1)
    pairing.update_event(
        event_id, held_on=NIGHT, venue="Library", rounds=5, round_minutes=6, starts_at="17:00"
    )
    night = pairing.night(event_id)
    assert night.event.venue == "Library" and night.event.rounds == 5
    assert night.round(1) == first_round and night.round(5)
    assert_rules(night)
    assert night.round_times() == ["17:00", "17:06", "17:12", "17:18", "17:24"]
    pairing.replan(event_id, rounds_held=3)
    with pytest.raises(PairingError, match="3 rounds have been held already; enter 3 or more"):
        pairing.update_event(event_id, held_on=NIGHT, venue="", rounds=2, round_minutes=6)
    assert pairing.night(event_id).event.rounds == 5
