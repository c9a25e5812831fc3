"""Goals, milestones, reviews and the dashboard's attention items, through the services and a real database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from mentordesk.core.goals.rules import GoalRuleError, MilestoneDraft
from mentordesk.services import dashboard
from mentordesk.services.goals import changes, milestones
from mentordesk.services.goals.rows import GoalError
from mentordesk.store import audit
from mentordesk.store.models import Goal, Match, Milestone
from tests.goals_fixtures import TODAY, good_draft, make_match


@pytest.fixture
def pair(db):
    return make_match()


def new_goal(pair, steps=(), **overrides) -> int:
    return changes.create_goal(
        pair.match.id, good_draft(**overrides), owner_id=pair.mentee.id, milestones=list(steps), today=TODAY
    )


def test_create_and_read_a_goal_with_milestones(pair):
    steps = [
        MilestoneDraft("Plan", TODAY + timedelta(days=10)),
        MilestoneDraft("Do", TODAY + timedelta(days=40)),
    ]
    goal_id = new_goal(pair, steps, why="Confidence for interviews")
    [row] = changes.list_goals(pair.match.id, TODAY)
    assert row.id == goal_id and row.owner_name == "Priya Test0" and row.why == "Confidence for interviews"
    assert [m.title for m in row.milestones] == ["Plan", "Do"] and row.progress == 0
    assert row.review is not None and row.review.due_on == TODAY + timedelta(days=45)


def test_ticking_milestones_changes_progress_and_starts_the_goal(pair):
    steps = [MilestoneDraft(f"Step {i}") for i in range(4)]
    goal_id = new_goal(pair, steps)
    row = changes.get_goal(goal_id, TODAY)
    assert row.status == "not_started"
    after = milestones.set_milestone_done(row.milestones[0].id, TODAY, today=TODAY)
    assert after.progress == 25 and after.status == "in_progress"
    after = milestones.set_milestone_done(row.milestones[1].id, TODAY, today=TODAY)
    assert after.progress == 50
    after = milestones.set_milestone_done(row.milestones[1].id, None, today=TODAY)
    assert after.progress == 25
    with pytest.raises(GoalRuleError) as info:
        milestones.set_milestone_done(row.milestones[2].id, TODAY + timedelta(days=1), today=TODAY)
    assert info.value.field == "done_on"
    assert Milestone.get_by_id(row.milestones[2].id).done_on is None


def test_manual_progress_without_milestones(pair):
    goal_id = new_goal(pair, progress=40, status="in_progress")
    assert changes.get_goal(goal_id, TODAY).progress == 40
    milestones.add_milestone(goal_id, MilestoneDraft("First"), today=TODAY)
    assert changes.get_goal(goal_id, TODAY).progress == 0  # now derived from the one open milestone


def test_invalid_goal_is_refused_and_nothing_is_written(pair):
    with pytest.raises(GoalRuleError) as info:
        changes.create_goal(
            pair.match.id,
            good_draft(title=""),
            owner_id=pair.mentee.id,
            milestones=[MilestoneDraft("ok")],
            today=TODAY,
        )
    assert info.value.field == "title"
    with pytest.raises(GoalRuleError) as info:
        new_goal(pair, [MilestoneDraft("ok"), MilestoneDraft("  ")])
    assert "milestone 2" in str(info.value)
    assert Goal.select().count() == 0 and Milestone.select().count() == 0


def test_status_rules_through_the_service(pair):
    goal_id = new_goal(pair, status="in_progress")
    with pytest.raises(GoalRuleError) as info:
        changes.set_status(goal_id, "achieved", today=TODAY)
    assert info.value.field == "achieved_on"
    with pytest.raises(GoalRuleError) as info:
        changes.set_status(goal_id, "dropped", dropped_reason=" ", today=TODAY)
    assert info.value.field == "dropped_reason"
    with pytest.raises(GoalRuleError) as info:
        changes.set_status(goal_id, "not_started", today=TODAY)
    assert info.value.field == "status"
    assert Goal.get_by_id(goal_id).status == "in_progress"
    changes.set_status(goal_id, "dropped", dropped_reason="Moved school", today=TODAY)
    goal = Goal.get_by_id(goal_id)
    assert goal.status == "dropped" and goal.dropped_reason == "Moved school"
    changes.set_status(goal_id, "in_progress", today=TODAY)  # taken up again
    goal = Goal.get_by_id(goal_id)
    assert goal.status == "in_progress" and goal.dropped_reason == ""
    changes.set_status(goal_id, "achieved", achieved_on=TODAY - timedelta(days=1), today=TODAY)
    assert changes.get_goal(goal_id, TODAY).progress == 100
    history = [new for _, _, new in audit.history("goal", goal_id, "status")]
    assert history == ["in_progress", "dropped", "in_progress", "achieved"]


def test_owner_is_a_mentee_and_shared_goals_belong_to_peer_schemes(pair, db):
    with pytest.raises(GoalError) as info:
        changes.create_goal(pair.match.id, good_draft(), owner_id=pair.mentor.id, today=TODAY)
    assert info.value.field == "owner"
    with pytest.raises(GoalError, match="only for peer schemes"):
        changes.create_goal(pair.match.id, good_draft(), owner_id=None, today=TODAY)
    assert changes.default_owner(pair.match.id) == pair.mentee.id
    peers = make_match(name="Peer support", kind="peer")
    assert changes.default_owner(peers.match.id) is None
    goal_id = changes.create_goal(peers.match.id, good_draft(), owner_id=None, today=TODAY)
    assert changes.get_goal(goal_id, TODAY).owner_name == "Shared"
    owners, shared = changes.owner_choices(peers.match.id)
    assert shared and {o.role for o in owners} == {"peer"}


@pytest.mark.both_backends
def test_a_group_circle_has_each_members_goals_and_shared_ones(db):
    circle = make_match(name="Study circles", kind="group", mentees=3)
    owners, shared = changes.owner_choices(circle.match.id)
    assert shared and [o.participant_id for o in owners] == [p.id for p in circle.mentees]
    assert changes.default_owner(circle.match.id) == circle.mentees[0].id
    own = changes.create_goal(circle.match.id, good_draft(), owner_id=circle.mentees[2].id, today=TODAY)
    together = changes.create_goal(circle.match.id, good_draft(title="Run a stall"), owner_id=None, today=TODAY)
    assert changes.get_goal(together, TODAY).owner_name == "Shared"
    assert changes.get_goal(own, TODAY).owner_name.startswith("Mei")
    with pytest.raises(GoalError) as info:  # a co-facilitator's goal is not the circle's mentees'
        changes.create_goal(circle.match.id, good_draft(), owner_id=circle.mentor.id, today=TODAY)
    assert info.value.field == "owner"


def test_no_new_goals_on_a_closed_match(db):
    closed = make_match(status="closed")
    with pytest.raises(GoalError, match="closed"):
        changes.create_goal(closed.match.id, good_draft(), owner_id=closed.mentee.id, today=TODAY)


def test_editing_keeps_a_past_target_date_but_refuses_a_new_past_one(pair):
    goal_id = new_goal(pair, status="in_progress")
    Goal.update(target_date=TODAY - timedelta(days=10)).where(Goal.id == goal_id).execute()
    row = changes.get_goal(goal_id, TODAY)
    changes.update_goal(
        goal_id, replace(row.draft(), title="Speak up twice a week"), owner_id=row.owner_id, today=TODAY
    )
    assert Goal.get_by_id(goal_id).title == "Speak up twice a week"
    with pytest.raises(GoalRuleError) as info:
        changes.update_goal(
            goal_id,
            replace(row.draft(), target_date=TODAY - timedelta(days=3)),
            owner_id=row.owner_id,
            today=TODAY,
        )
    assert info.value.field == "target_date"


def test_milestone_order_edit_and_delete(pair):
    goal_id = new_goal(pair, [MilestoneDraft("A"), MilestoneDraft("B"), MilestoneDraft("C")])
    ids = [m.id for m in changes.get_goal(goal_id, TODAY).milestones]
    milestones.move_milestone(ids[2], -1)
    assert [m.title for m in changes.get_goal(goal_id, TODAY).milestones] == ["A", "C", "B"]
    milestones.move_milestone(ids[0], -1)  # already first: nothing happens
    milestones.update_milestone(ids[1], MilestoneDraft("B2", TODAY + timedelta(days=3)), today=TODAY)
    milestones.delete_milestone(ids[0])
    assert [(m.title, m.due_on) for m in changes.get_goal(goal_id, TODAY).milestones] == [
        ("C", None),
        ("B2", TODAY + timedelta(days=3)),
    ]
    with pytest.raises(GoalError, match="No milestone"):
        milestones.delete_milestone(ids[0])


def test_reviews_due_and_marking_reviewed(pair):
    soon = new_goal(pair, status="in_progress", review_on=TODAY + timedelta(days=5), title="Soon")
    new_goal(pair, status="in_progress", review_on=TODAY + timedelta(days=60), title="Later")
    Goal.update(review_on=TODAY - timedelta(days=3)).where(Goal.id == soon).execute()
    due = changes.goals_due_for_review(pair.programme.id, TODAY, within_days=14)
    assert [(d.title, d.days_overdue) for d in due] == [("Soon", 3)]
    assert due[0].match_label == "Zoë Ó'Brien & Priya Test0"
    assert len(changes.goals_due_for_review(pair.programme.id, TODAY, within_days=90)) == 2
    with pytest.raises(GoalRuleError) as info:
        changes.mark_reviewed(soon, TODAY, TODAY + timedelta(days=500), today=TODAY)
    assert info.value.field == "review_on"
    changes.mark_reviewed(soon, TODAY, TODAY + timedelta(days=90), "On track", today=TODAY)
    goal = Goal.get_by_id(soon)
    assert goal.reviewed_on == TODAY and goal.review_on == TODAY + timedelta(days=90)
    assert goal.review_notes == "On track"
    assert changes.goals_due_for_review(pair.programme.id, TODAY, within_days=14) == []


def test_goals_of_a_closed_match_owe_a_closing_review(pair):
    goal_id = new_goal(pair, status="in_progress", review_on=TODAY + timedelta(days=40))
    Match.update(status="closed", closed_on=TODAY - timedelta(days=2)).where(
        Match.id == pair.match.id
    ).execute()
    [due] = changes.goals_due_for_review(pair.programme.id, TODAY, within_days=0)
    assert due.goal_id == goal_id and due.due.reason == "closure" and due.days_overdue == 2
    changes.mark_reviewed(
        goal_id, TODAY, None, "Closed: carried on at college", today=TODAY
    )  # no next date needed
    assert changes.goals_due_for_review(pair.programme.id, TODAY, within_days=0) == []


def test_attention_items_reach_the_dashboard(pair):
    late = new_goal(
        pair,
        [
            MilestoneDraft("Late", TODAY + timedelta(days=5)),
            MilestoneDraft("Later", TODAY + timedelta(days=6)),
        ],
        status="in_progress",
        title="Overdue goal",
    )
    Milestone.update(due_on=TODAY - timedelta(days=4)).where(Milestone.goal == late).execute()
    Goal.update(review_on=TODAY - timedelta(days=7)).where(Goal.id == late).execute()
    items = changes.attention_items(pair.programme.id, TODAY)
    assert {(i.area, i.problem, i.days_overdue) for i in items} == {
        ("goals", "goal review due", 7),
        ("goals", "2 milestones not done by their due dates", 4),
    }
    assert all(i.subject == "Zoë Ó'Brien & Priya Test0: Overdue goal" for i in items)
    overview = dashboard.overview(pair.programme.id)  # picked up without the dashboard knowing goals
    assert any(
        a.area == "goals" and a.problem == "2 milestones not done by their due dates"
        for a in overview.attention
    )


def test_summary_and_match_list(pair):
    new_goal(pair, status="in_progress", progress=50, title="A")
    new_goal(pair, status="achieved", achieved_on=TODAY, review_on=None, title="B")
    new_goal(pair, status="dropped", dropped_reason="Not relevant", review_on=None, title="C")
    stats = changes.programme_stats(pair.programme.id)
    assert (stats.achieved, stats.in_progress, stats.dropped, stats.not_started) == (1, 1, 1, 0)
    summary = changes.summary(pair.programme.id, TODAY)
    assert summary.counts == stats
    [row] = changes.list_matches(pair.programme.id, TODAY)
    assert (row.goals, row.open_goals, row.achieved, row.progress) == (3, 1, 1, 50)
    assert row.label == "Zoë Ó'Brien & Priya Test0"


def test_delete_goal_takes_its_milestones(pair):
    goal_id = new_goal(pair, [MilestoneDraft("x")])
    changes.delete_goal(goal_id)
    assert Goal.select().count() == 0 and Milestone.select().count() == 0
    with pytest.raises(GoalError, match="No goal"):
        changes.get_goal(goal_id)


def test_review_interval_is_a_programme_setting(pair):
    from mentordesk.services import programmes

    assert changes.review_interval_days(pair.programme.id) == 90
    programmes.update_programme_settings(pair.programme.id, **{changes.REVIEW_INTERVAL_KEY: 30})
    assert changes.review_interval_days(pair.programme.id) == 30


def test_demo_goals_load(demo_db):
    from mentordesk.store.models import Programme

    programme = Programme.get()
    rows = changes.list_matches(programme.id, date.today())
    assert len(rows) == 7 and rows[-1].status == "closed"
    assert sum(r.goals for r in rows) == Goal.select().count()
