"""The demo programme shows every area working, so a newcomer (and the screenshots) see each feature."""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.rrule import rrulestr

from mentordesk.core.vocab import MatchStatus, ProgrammeKind
from mentordesk.services import dashboard, demo, meetings, pairing
from mentordesk.store.models import Match, Meeting, MeetingSeries, Programme


@pytest.fixture
def showcase_db(db):
    """The demo as a new user who asks for it gets it: with a pending draft run and a speed evening."""
    demo.seed_demo(showcase=True)
    return db


def _demo() -> Programme:
    return Programme.get(Programme.kind == ProgrammeKind.ONE_TO_ONE.value)


def test_term_breaks_are_kept_free_of_meetings(demo_db):
    programme = _demo()
    breaks = meetings.term_breaks(programme.id)
    assert [b.label for b in breaks] == ["Christmas holidays", "February half term"]
    christmas = breaks[0]
    assert (
        christmas.first <= date(christmas.first.year, 12, 24)
        and date(christmas.first.year, 12, 31) <= christmas.last
    )
    for meeting in Meeting.select():
        day = meeting.starts_at.date()
        assert (day.month, day.day) not in {(12, 24), (12, 31)}
        assert not any(b.first <= day <= b.last for b in breaks), f"a meeting on {day} falls in a term break"


def test_recurring_series_match_their_meetings(demo_db):
    series = list(MeetingSeries.select())
    assert len(series) >= 2
    for one in series:
        rule = rrulestr(one.rrule, dtstart=one.starts_at)
        skipped = set(one.exceptions)
        expected = [d for d in rule if d.date().isoformat() not in skipped]
        booked = sorted(m.starts_at for m in one.occurrences)
        assert booked == expected
        assert skipped, "each demo series skips the Christmas holidays"


def test_closed_and_group_matches(showcase_db):
    programme = _demo()
    closed = Match.get((Match.programme == programme) & (Match.status == MatchStatus.CLOSED.value))
    assert closed.closed_on and closed.closure_kind and closed.closure_reason and closed.exit_notes_mentor
    sizes = [m.members.count() for m in Match.select().where(Match.status == MatchStatus.ACTIVE.value)]
    assert max(sizes) >= 4  # a group: one mentor and three mentees


def test_the_showcase_has_a_pending_draft_run(showcase_db):
    programme = _demo()
    drafts = Match.select().where((Match.programme == programme) & (Match.status == MatchStatus.DRAFT.value))
    assert drafts.count() >= 3  # a pending run of the matcher, waiting for review


def test_overdue_items_of_every_kind(demo_db):
    programme = _demo()
    kinds = {str(item.kind) for item in meetings.overdue_items(programme.id)}
    assert kinds >= {"meeting", "checkin", "outcome", "follow_up"}
    items = [a for provider in dashboard.attention_providers() for a in provider(programme.id)]
    problems = " ".join(a.problem for a in items)
    assert {a.area for a in items} == {"participants", "meetings", "goals", "surveys", "concerns"}
    for words in (
        "expired",
        "review due",
        "not done by its due date",
        "no guardian consent",
        "2 of 5",
        "overdue",
    ):
        assert words in problems


def test_a_speed_mentoring_evening_with_its_timetable(showcase_db):
    speed = Programme.get(Programme.kind == ProgrammeKind.SPEED.value)
    table = pairing.load_timetable(speed.id)
    assert table is not None and table.meetings_per_mentee == 3 and len(table.mentors) >= 4
    met = [mentee for _round, _mentor, mentee, _score in table.meetings()]
    assert len(set(met)) == 8 and all(met.count(name) == 3 for name in met)  # each meets three mentors
    assert not table.short


def test_a_network_programme_with_first_and_further_mentors(showcase_db):
    network = Programme.get(Programme.kind == ProgrammeKind.NETWORK.value)
    live = pairing.published_matches(network.id)
    assert len(live) >= 4 and all(row.focus_areas for row in live)  # each link says what it covers
    further = pairing.list_drafts(network.id)
    assert further, "the matcher proposes further mentors to review"
    for row in further:
        reason = str(row.breakdown[0]["reason"])
        assert row.focus_areas and reason.startswith(f"Covers {', '.join(row.focus_areas)}.")
        assert "Already covered:" in reason  # a second mentor, for what the first does not cover
    assert pairing.read_settings(network).focus_areas[0] == "Careers"
    # One mentee has two live mentors, each for their own areas.
    two = [found for found in pairing.mentor_networks(network.id).values() if len(found) == 2]
    assert two and len({area for link in two[0] for area in link.focus_areas}) >= 2


def test_the_showcase_can_be_added_twice(db):
    """A second demo (on a database that has one) gets its own names rather than failing."""
    demo.seed_demo(showcase=True)
    demo.seed_demo(showcase=True)
    assert Programme.select().where(Programme.kind == ProgrammeKind.SPEED.value).count() == 2
    assert Programme.select().where(Programme.kind == ProgrammeKind.NETWORK.value).count() == 2


def test_the_demo_has_one_closed_and_one_open_concern(demo_db):
    from mentordesk.store.models import Concern

    programme = _demo()
    rows = list(Concern.select().where(Concern.programme == programme).order_by(Concern.raised_on))
    assert [(c.category, c.closed_on is not None) for c in rows] == [("online_safety", True), ("wellbeing", False)]
    assert rows[0].outcome and rows[0].keep_until and rows[1].description
    assert all(c.actions.count() == 1 for c in rows)


def test_the_demo_shows_the_complete_match_record(showcase_db):
    from mentordesk.services import documents, participants

    programme = _demo()
    closed = pairing.match_record(
        Match.get((Match.programme == programme) & (Match.status == MatchStatus.CLOSED.value)).id
    )
    assert closed.closure_code == "moved_away" and closed.closure_meeting_held and closed.contact_after
    assert all(m.exit_conversation_on for m in closed.members) and closed.guardian_exit_on
    covered = [pairing.match_record(m.id).first_meeting_covered_agreement for m in Match.select().where(
        (Match.programme == programme) & Match.first_meeting_on.is_null(False))]
    assert any(covered) and not all(covered)
    # A check type of the programme's own: one lapsed on an active match, one due soon.
    due = participants.renewals(programme.id)
    assert {r.label for r in due} >= {"Driving record", "Background check"}
    assert any(r.due_on < date.today() and r.label == "Driving record" for r in due)
    flagged = [r for r in pairing.published_matches(programme.id) if r.lapsed]
    assert len(flagged) == 1 and "Driving record lapsed" in flagged[0].lapsed
    driver = flagged[0].mentor_ids[0]
    steps = {i.step: i for i in participants.checklist(driver, programme.id).items}
    assert not steps["Driving record"].done and steps["Driving record"].detail == "none valid"
    assert any(r.startswith("Driving record expired on") for r in participants.clearance_map(programme.id)[driver].reasons)
    items = [a for provider in dashboard.attention_providers() for a in provider(programme.id)]
    assert any(a.problem.startswith("Driving record lapsed on") and a.days_overdue == 15 for a in items)
    # The printed agreement waits for the guardian and the coordinator.
    (agreement,) = [d for d in documents.list_documents(programme.id) if d.kind == "agreement"]
    assert agreement.signed_on is None and len(agreement.missing) == 2
    assert agreement.missing[-1] == "Alex Morgan" and agreement.missing[0].endswith("'s guardian")


def test_the_demo_surveys_give_outcome_figures_and_attention(demo_db):
    from mentordesk.services import surveys

    programme = _demo()
    figures = surveys.outcome_figures(programme.id)
    assert set(figures) >= {"confidence", "belonging", "hope", "school_engagement"}
    # Five mentees answered before (on or before their match began) and after; every scale counts them.
    assert all(figures[k]["outcome_pairs"] == 5 for k in ("confidence", "belonging", "hope", "school_engagement"))
    assert 0 < figures["confidence"]["outcome_improved_pct"] < 100
    problems = [a.problem for a in surveys.attention_items(programme.id)]
    assert any(p.startswith("“How well are you getting on with your mentor?” 2 of 5") for p in problems)
    assert any(p.startswith("Pulse score fell") for p in problems)
    assert any(p.endswith("overdue") for p in problems)


def test_the_showcase_has_a_group_programme_of_co_facilitated_circles(showcase_db):
    from mentordesk.store.models import Attendance, Goal, MatchMember

    programme = Programme.get(Programme.kind == ProgrammeKind.GROUP.value)
    settings = pairing.read_settings(programme)
    assert (settings.mentors_per_circle, settings.group_size) == (2, 6)
    live = Match.get((Match.programme == programme) & (Match.status == MatchStatus.ACTIVE.value))
    roles = [m.role for m in live.members]
    assert roles.count("mentor") == 2 and roles.count("mentee") == 6
    absent = Attendance.select().join(Meeting).where((Meeting.match == live) & (Attendance.attended == False))  # noqa: E712
    assert absent.count() >= 2  # attendance is kept per member, and not everyone came every time
    goals = list(Goal.select().where(Goal.match == live))
    assert any(g.owner_id is None for g in goals) and any(g.owner_id is not None for g in goals)
    drafts = list(
        Match.select().where((Match.programme == programme) & (Match.status == MatchStatus.DRAFT.value))
    )
    assert drafts, "the matcher proposed circles to review"
    for draft in drafts:
        members = list(MatchMember.select().where(MatchMember.match == draft))
        assert sum(m.role == "mentor" for m in members) == 2
        assert 1 <= sum(m.role == "mentee" for m in members) <= 6
def test_the_speed_programme_has_a_held_evening_with_check_ins_and_wishes(showcase_db):
    speed = Programme.get(Programme.kind == ProgrammeKind.SPEED.value)
    events = pairing.list_events(speed.id)
    assert [e.title for e in events] == ["Careers evening", "Taster evening"]
    taster = pairing.night(events[1].id)
    assert taster.counts() == {"invited": 0, "present": len(taster.seats) - 2, "no_show": 2}
    assert taster.event.rounds_held == 1
    absent = {s.participant_id for s in taster.seats if s.attendance == "no_show"}
    later = [m for m in taster.meetings if m.round_no > 1]
    assert later and not absent & {p for m in later for p in (m.mentee_id, m.mentor_id)}
    wishes = set(taster.wishes)
    assert any((b, a) in wishes for a, b in wishes)  # at least one mutual wish
    upcoming = pairing.night(events[0].id)
    assert upcoming.event.held_on == speed.starts_on and len(upcoming.seats) == 13 and upcoming.meetings
