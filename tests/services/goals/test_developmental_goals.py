"""Developmental programmes: the mentor's own development goals and reflections, beside the mentee's."""

from __future__ import annotations

import pytest

from mentordesk.services import goals
from mentordesk.store.models import Goal
from tests.goals_fixtures import TODAY, good_draft, make_match

pytestmark = pytest.mark.both_backends


def test_a_developmental_mentor_owns_goals_and_reflections_of_their_own(db):
    pair = make_match(name="Leaders learning", kind="developmental")
    owners, shared = goals.owner_choices(pair.match.id)
    assert [(m.name, m.role) for m in owners] == [("Priya Test0", "mentee"), ("Zoë Ó'Brien", "mentor")]
    assert not shared
    own = goals.create_goal(pair.match.id, good_draft(title="Listen more than I talk"), owner_id=pair.mentor.id,
                            today=TODAY)  # fmt: skip
    theirs = goals.create_goal(pair.match.id, good_draft(), owner_id=pair.mentee.id, today=TODAY)
    rows = {g.id: g for g in goals.list_goals(pair.match.id, TODAY)}
    assert (rows[own].owner_name, rows[own].owner_role) == ("Zoë Ó'Brien", "mentor")
    assert rows[theirs].owner_role == "mentee"
    note = goals.create_reflection(
        pair.match.id,
        goals.ReflectionDraft(written_on=TODAY, successes="I waited before answering", goal_ids=[own]),
        author_id=pair.mentor.id,
        today=TODAY,
    )
    entry = next(r for r in goals.list_reflections(pair.match.id) if r.id == note)
    assert (entry.author_role, entry.author_name) == ("mentor", "Zoë Ó'Brien")


def test_elsewhere_a_goal_stays_the_mentees_and_a_refusal_changes_nothing(db):
    pair = make_match(name="Year 10", kind="one_to_one")
    owners, _ = goals.owner_choices(pair.match.id)
    assert [m.role for m in owners] == ["mentee"]
    with pytest.raises(goals.GoalError, match="developmental programmes") as refused:
        goals.create_goal(pair.match.id, good_draft(), owner_id=pair.mentor.id, today=TODAY)
    assert refused.value.field == "owner"
    assert Goal.select().count() == 0
    developmental = make_match(name="Leaders learning", kind="developmental")
    with pytest.raises(goals.GoalError, match="must be a member of this match"):
        goals.create_goal(developmental.match.id, good_draft(), owner_id=pair.mentee.id, today=TODAY)
    assert Goal.select().count() == 0
