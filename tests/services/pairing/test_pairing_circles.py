"""Group programmes with co-facilitated circles: sizes, mentor counts, hard rules inside every circle,
refusals that name the setting, kept circles on a re-run, publishing. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from mentordesk.core.pairing import refusals
from mentordesk.services import pairing, programmes
from mentordesk.services.pairing import publishing, review
from mentordesk.services.pairing.cohort import circle_mentors, load_cohort
from mentordesk.services.pairing.settings import read_settings, write_settings
from mentordesk.store.models import Exclusion, Match, MatchMember
from tests.pairing_fixtures import ADULT, make_programme, mentee, mentor, status_of

pytestmark = pytest.mark.both_backends

MON = ((1, 16 * 60, 17 * 60),)
TUE = ((2, 16 * 60, 17 * 60),)


def circles(programme_id: int, status: str = "draft") -> list[tuple[list[int], list[int]]]:
    """(mentor ids, mentee ids) of each match, mentors in the order they joined."""
    out = []
    for match in Match.select().where((Match.programme == programme_id) & (Match.status == status)):
        members = list(MatchMember.select().where(MatchMember.match == match).order_by(MatchMember.id))
        out.append(
            (
                [m.participant_id for m in members if m.role == "mentor"],
                sorted(m.participant_id for m in members if m.role == "mentee"),
            )
        )
    return out


def group_programme(per_circle: int = 2, size: int = 3):
    programme = make_programme("Circles", kind="group")
    write_settings(programme.id, group_size=size, mentors_per_circle=per_circle)
    return programme


def test_a_new_group_programme_starts_with_two_mentors_and_six_mentees(db):
    row = programmes.create_programme("Year 9 circles", "group")
    settings = read_settings(programmes.get_programme(row.id))
    assert (settings.group_size, settings.mentors_per_circle) == (6, 2)
    one = programmes.create_programme("Pairs", "one_to_one")
    assert read_settings(programmes.get_programme(one.id)).mentors_per_circle == 1


def test_circles_have_the_mentor_count_and_target_size(db):
    programme = group_programme(per_circle=2, size=3)
    leads = [mentor(programme, f"Lead{i}", capacity=6, slots=MON if i < 2 else TUE) for i in range(4)]
    kids = [mentee(programme, f"Kid{i}", slots=MON + TUE) for i in range(6)]
    result = pairing.run_matcher(programme.id)
    assert len(result.pairs) == 6 and not result.unmatched
    found = circles(programme.id)
    assert len(found) == 2
    # Co-facilitators are the mentors free at the same time.
    assert sorted(sorted(m) for m, _ in found) == [
        sorted([leads[0].id, leads[1].id]),
        sorted([leads[2].id, leads[3].id]),
    ]
    assert sorted(len(k) for _, k in found) == [3, 3]
    assert sorted(k for _, ks in found for k in ks) == sorted(k.id for k in kids)
    rows = review.list_drafts(programme.id)
    assert len(rows) == 6  # one row per mentee, not one per mentor
    assert all(" & " in r.mentor_name and r.group_size == 3 for r in rows)
    match = Match.get_by_id(rows[0].match_id)
    assert "2 co-facilitators" in match.rationale
    assert any("co-facilitator" in str(item["reason"]) for item in rows[0].breakdown)


def test_only_the_circles_the_mentees_need_are_formed(db):
    programme = group_programme(per_circle=2, size=6)
    for i in range(8):
        mentor(programme, f"Lead{i}", capacity=6)
    for i in range(7):
        mentee(programme, f"Kid{i}")
    pairing.run_matcher(programme.id)
    found = circles(programme.id)
    assert len(found) == 2 and all(len(m) == 2 for m, _ in found)
    assert sorted(len(k) for _, k in found) == [3, 4]  # balanced, not six and one


def test_every_mentor_of_a_circle_may_take_every_mentee(db):
    programme = group_programme(per_circle=2, size=4)
    cleared = [mentor(programme, f"Cleared{i}", capacity=6) for i in range(2)]
    uncleared = mentor(programme, "Waiting", capacity=6, cleared=False)
    adult_ok = mentor(programme, "Adultsonly", capacity=6, cleared=False)
    kids = [mentee(programme, f"Kid{i}") for i in range(3)]  # minors
    adults = [mentee(programme, f"Adult{i}", dob=ADULT, consent=False) for i in range(2)]
    Exclusion.create(participant=adults[0], other=cleared[0], note="")
    pairing.run_matcher(programme.id)
    cohort = load_cohort(programme.id, keep_drafts=False)
    found = circles(programme.id)
    assert found
    for mentors, mentees in found:
        for m in mentors:
            for k in mentees:
                assert not refusals(k, m, cohort.rules), (k, m)
    by_mentee = {k: set(m) for m, ks in found for k in ks}
    assert all(cleared[0].id in by_mentee[k.id] or cleared[1].id in by_mentee[k.id] for k in kids)
    assert not any(uncleared.id in by_mentee[k.id] or adult_ok.id in by_mentee[k.id] for k in kids)
    assert cleared[0].id not in by_mentee.get(adults[0].id, set())


def test_not_enough_mentors_is_refused_naming_the_setting(db):
    programme = group_programme(per_circle=3, size=6)
    mentor(programme, "One", capacity=6)
    mentor(programme, "Two", capacity=6)
    mentor(programme, "Three", capacity=6, cleared=False)
    mentee(programme, "Kid")
    with pytest.raises(pairing.PairingError) as refused:
        pairing.run_matcher(programme.id)
    text = str(refused.value)
    assert text.startswith("Mentors per circle is 3, but only 2 mentor(s)")
    assert "1 not cleared" in text and "Settings › Pairing" in text
    assert not Match.select().exists()


def test_a_kept_circle_keeps_its_mentors_and_takes_newcomers(db):
    programme = group_programme(per_circle=2, size=4)
    leads = [mentor(programme, f"Lead{i}", capacity=6) for i in range(2)]
    for i in range(2):
        mentee(programme, f"Kid{i}")
    pairing.run_matcher(programme.id)
    (match,) = Match.select()
    review.set_pinned([match.id])
    newcomer = mentee(programme, "Late")
    result = pairing.run_matcher(programme.id)
    assert not result.unmatched
    (again,) = circles(programme.id)
    assert sorted(again[0]) == sorted(m.id for m in leads) and newcomer.id in again[1]
    assert circle_mentors([match.id])[match.id] == tuple(again[0])
    assert Match.select().count() == 1


def test_publishing_a_circle_matches_everyone_in_it(db):
    programme = group_programme(per_circle=2, size=3)
    leads = [mentor(programme, f"Lead{i}", capacity=3) for i in range(2)]
    kids = [mentee(programme, f"Kid{i}") for i in range(3)]
    pairing.run_matcher(programme.id)
    assert publishing.publish(programme.id).published == 1
    assert all(status_of(programme, p) == "matched" for p in (*leads, *kids))
    (row,) = pairing.published_matches(programme.id)
    assert all(m.first_name in row.mentors for m in leads)


def test_joining_a_circle_by_hand_checks_every_co_facilitator(db):
    programme = group_programme(per_circle=2, size=4)
    leads = [mentor(programme, f"Lead{i}", capacity=6) for i in range(2)]
    mentee(programme, "Kid0")
    pairing.run_matcher(programme.id)
    late = mentee(programme, "Late")
    Exclusion.create(participant=late, other=leads[1], note="")
    with pytest.raises(pairing.PairingError, match="co-facilitator Lead1"):
        pairing.pair_manually(programme.id, late.id, leads[0].id)
    assert len(circles(programme.id)[0][1]) == 1


def test_match_cli_sets_the_circle_shape_and_names_every_co_facilitator(tmp_path, capsys):
    from mentordesk.cli import main
    from mentordesk.store.db import close_database, open_database

    path = tmp_path / "circles.db"
    assert main(["--db", str(path), "demo"]) == 0
    open_database(path)
    try:
        programme = make_programme("Circles", kind="group")
        for i in range(4):
            mentor(programme, f"Lead{i}", capacity=6)
        for i in range(5):
            mentee(programme, f"Kid{i}")
    finally:
        close_database()
    capsys.readouterr()
    base = ["--db", str(path), "match", "--programme", "Circles"]
    assert main([*base, "--group-size", "3", "--mentors-per-circle", "2"]) == 0
    out = capsys.readouterr().out
    assert "Circles: 2 mentor(s) and up to 3 mentees each." in out
    assert out.count(" & ") == 5 and "Matched: 5 of 5 waiting" in out
    assert main([*base, "--mentors-per-circle", "0"]) == 1
    assert "--mentors-per-circle: 0 is out of range" in capsys.readouterr().err
    assert main([*base, "--group-size", "4", "--dry-run"]) == 1
    assert "leave out --dry-run" in capsys.readouterr().err
    assert main([*base, "--mentors-per-circle", "5"]) == 1
    assert "Mentors per circle is 5, but only 4 mentor(s)" in capsys.readouterr().err
    name = "Riverside Futures 2026/27 (demo)"
    assert main(["--db", str(path), "match", "--programme", name, "--group-size", "4"]) == 1
    assert "is not a group programme" in capsys.readouterr().err


def test_a_circle_counts_as_one_match_with_several_people_in_the_report_and_dashboard(db):
    from datetime import datetime, time, timedelta

    from mentordesk.core.reports import Period
    from mentordesk.services import dashboard, meetings, reports
    from mentordesk.store.models import Meeting
    from tests.pairing_fixtures import TODAY

    programme = group_programme(per_circle=2, size=4)
    leads = [mentor(programme, f"Lead{i}", capacity=4) for i in range(2)]
    kids = [mentee(programme, f"Kid{i}") for i in range(4)]
    start = TODAY - timedelta(days=20)
    pairing.run_matcher(programme.id, start)
    assert publishing.publish(programme.id, start).published == 1
    (match,) = Match.select().where(Match.status == "active")
    meeting = Meeting.create(
        match=match, starts_at=datetime.combine(TODAY - timedelta(days=7), time(16)), duration_minutes=90
    )
    came = {p.id: p != kids[3] for p in (*leads, *kids)}
    meetings.record_outcome(meeting.id, "held", attendance=came, actual_minutes=90)
    report = reports.programme_report(programme.id, Period(start, TODAY), today=TODAY, compare=False)
    f = report.current.figures
    assert (f["matches_active"], f["matches_started"]) == (1, 1)
    assert (f["participants_mentors"], f["participants_mentees"]) == (2, 4)
    # One session of the circle is one meeting and an hour and a half, whoever came.
    assert (f["meetings_held"], f["mentoring_hours"]) == (1, 1.5)
    overview = dashboard.overview(programme.id, today=TODAY)
    assert (overview.active_matches, overview.mentors, overview.mentees) == (1, 2, 4)
    register = {a.participant_id: a for a in meetings.attendance_summary(match.id)}
    assert [a.role for a in register.values()][:2] == ["mentor", "mentor"]
    assert register[kids[3].id].text == "came to 0 of 1 held meeting(s)"
    assert register[leads[1].id].text == "came to 1 of 1 held meeting(s)"
    assert all(register[k.id].attended == 1 for k in kids[:3])


def test_the_agreement_of_a_matcher_made_circle_lists_every_co_facilitator(db, tmp_path):
    from mentordesk.services import documents
    from tests.documents_fixtures import pdf_text

    programme = group_programme(per_circle=2, size=3)
    leads = [mentor(programme, name, capacity=3) for name in ("Ελένη", "Łukasz")]
    kids = [mentee(programme, name) for name in ("Алексей", "Noémie", "美咲")]
    pairing.run_matcher(programme.id)
    publishing.publish(programme.id)
    (match,) = Match.select().where(Match.status == "active")
    text = pdf_text(documents.generate("agreement", match_id=match.id, out_dir=tmp_path / "out"))
    for person in (*leads, *kids):
        assert f"{person.first_name} {person.last_name}" in text, person.first_name


def test_other_circles_with_room_are_offered_and_a_mentee_moves_into_one(db):
    programme = group_programme(per_circle=2, size=3)
    for i in range(4):
        mentor(programme, f"Lead{i}", capacity=6)
    kids = [mentee(programme, f"Kid{i}") for i in range(4)]
    pairing.run_matcher(programme.id)  # two circles of two
    rows = {r.mentee_id: r for r in review.list_drafts(programme.id)}
    mover = kids[0]
    (other,) = pairing.alternative_circles(programme.id, mover.id)
    assert other.mentees == 2 and " & " in other.mentors
    target = next(r.match_id for r in rows.values() if r.mentor_id == other.lead_id)
    pairing.pair_manually(programme.id, mover.id, other.lead_id)
    after = {r.mentee_id: r for r in review.list_drafts(programme.id)}
    assert after[mover.id].match_id == target and after[mover.id].group_size == 3
    # That circle is now full (3 of 3): no circle with room is left for the others of the first one.
    stayer = next(k for k in kids if after[k.id].match_id != target)
    assert pairing.alternative_circles(programme.id, stayer.id) == []
