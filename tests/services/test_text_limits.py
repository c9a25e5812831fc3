"""Every free-text field has a limit from the one list (core/participants/validation.MAX_LENGTH): an
over-long value is refused with the field's name, the length and the limit, and nothing is written.

Names and the participant and guardian fields are covered in tests/services/participants; these are
the meetings, the contact log, goals, reviews, reflections and match closures.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from mentordesk.core.goals import GoalRuleError, ReflectionDraft
from mentordesk.core.meetings import MeetingInputError
from mentordesk.core.participants import max_length
from mentordesk.services import goals, meetings, pairing
from mentordesk.services.meetings import ContactInput
from mentordesk.services.meetings.schedule import Details
from mentordesk.store.models import ContactLog, Goal, Match, Meeting, Reflection
from tests import goals_fixtures
from tests.meetings_fixtures import make_pair

TUE = datetime(2027, 1, 12, 16, 0)


def too_long(key: str) -> str:
    return "x" * (max_length(key) + 1)


def test_a_meeting_with_an_over_long_agenda_or_place_is_refused(db):
    pair = make_pair()
    with pytest.raises(MeetingInputError, match=r"Agenda is 20,001 characters long; the limit is 20,000"):
        meetings.schedule_meeting(pair.match.id, TUE, TUE + timedelta(hours=1), Details(agenda=too_long("agenda")))
    with pytest.raises(MeetingInputError, match=r"Place is 256 characters long; the limit is 255"):
        meetings.schedule_meeting(pair.match.id, TUE, TUE + timedelta(hours=1), Details(place=too_long("place")))
    assert Meeting.select().count() == 0
    ok = Details(agenda="x" * max_length("agenda"), place="Library")  # exactly the limit is fine
    assert meetings.schedule_meeting(pair.match.id, TUE, TUE + timedelta(hours=1), ok)


def test_an_outcome_with_over_long_notes_is_refused_and_the_meeting_stays_planned(db):
    pair = make_pair(started_on=date(2026, 1, 5))
    start = datetime(2026, 2, 3, 16, 0)
    meeting_id = meetings.schedule_meeting(pair.match.id, start, start + timedelta(hours=1))
    with pytest.raises(MeetingInputError, match=r"Notes is 20,001 characters long"):
        meetings.record_outcome(meeting_id, "held", actual_minutes=60, notes=too_long("notes"))
    assert Meeting.get_by_id(meeting_id).status == "planned"


def test_a_check_in_with_an_over_long_summary_is_refused(db):
    pair = make_pair(started_on=date(2026, 1, 5))
    data = ContactInput(
        contacted_at=datetime(2026, 2, 3, 10, 0),
        with_whom="mentor",
        channel="phone",
        summary=too_long("summary"),
        match_id=pair.match.id,
    )
    with pytest.raises(MeetingInputError, match=r"Summary is 20,001 characters long"):
        meetings.log_contact(pair.programme.id, data)
    assert ContactLog.select().count() == 0


def test_goals_reviews_and_reflections_refuse_over_long_text(db):
    pair = goals_fixtures.make_match()
    mentee = pair.mentees[0].id
    with pytest.raises(GoalRuleError, match=r"Specific: keep it under 4,000 characters \(it has 4,001\)"):
        goals.create_goal(pair.match.id, goals_fixtures.good_draft(specific=too_long("specific")), owner_id=mentee)
    assert Goal.select().count() == 0
    goal_id = goals.create_goal(pair.match.id, goals_fixtures.good_draft(), owner_id=mentee)
    today = date.today()
    with pytest.raises(GoalRuleError, match=r"Review notes: keep the notes under 20,000 characters"):
        goals.mark_reviewed(goal_id, today, today + timedelta(days=60), notes=too_long("review_notes"))
    assert Goal.get_by_id(goal_id).reviewed_on is None
    draft = ReflectionDraft(written_on=today, successes=too_long("successes"))
    with pytest.raises(GoalRuleError, match=r"Successes: keep it under 20,000 characters"):
        goals.create_reflection(pair.match.id, draft, author_id=mentee)
    assert Reflection.select().count() == 0


def test_a_closure_with_an_over_long_reason_is_refused_and_the_match_stays_active(db):
    pair = make_pair(started_on=date(2026, 1, 5))
    closure = pairing.Closure(
        closed_on=date(2026, 6, 1), kind="planned", reason=too_long("reason"), initiated_by="coordinator"
    )
    with pytest.raises(pairing.PairingError, match=r"Closure reason is 2,001 characters long; the limit is 2,000"):
        pairing.close_match(pair.match.id, closure)
    assert Match.get_by_id(pair.match.id).status == "active"
