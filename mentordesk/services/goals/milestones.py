"""Milestones of a goal: add, edit, tick done, reorder, delete.

Ticking the first milestone of a goal not started yet moves the goal to "in
progress"; the goal's progress is derived from its milestones when read.
"""

from __future__ import annotations

from datetime import date

from peewee import fn

from mentordesk.core import goals as goals_rules
from mentordesk.core.goals import GoalRuleError, MilestoneDraft, MilestoneState, Problem
from mentordesk.services.goals.rows import GoalError, GoalRow, find_goal, get_goal
from mentordesk.store.db import database
from mentordesk.store.models import Goal, Milestone

__all__ = ["MilestoneDraft", "check_milestone"]


def check_milestone(
    draft: MilestoneDraft, target_date: date | None, today: date | None = None
) -> list[Problem]:
    """Problems with a milestone as the editor holds it."""
    return goals_rules.check_milestone(draft, today or date.today(), target_date)


def _milestone(milestone_id: int) -> Milestone:
    step = Milestone.get_or_none(Milestone.id == milestone_id)
    if step is None:
        raise GoalError(f"No milestone with id {milestone_id}: it may have been deleted. Refresh the list.")
    return step


def _after_milestones_changed(goal: Goal) -> None:
    states = [
        MilestoneState(m.due_on, m.done_on) for m in Milestone.select().where(Milestone.goal == goal.id)
    ]
    status = goals_rules.status_after_milestone_change(goal.status, states)
    if status != goal.status:
        goal.status = status
        goal.save()


def add_milestone(goal_id: int, draft: MilestoneDraft, today: date | None = None) -> int:
    today = today or date.today()
    goal = find_goal(goal_id)
    goals_rules.raise_if_blocking(goals_rules.check_milestone(draft, today, goal.target_date))
    with database.atomic():
        last = Milestone.select(fn.MAX(Milestone.position)).where(Milestone.goal == goal_id).scalar()
        step = Milestone.create(
            goal=goal_id,
            title=draft.title.strip(),
            due_on=draft.due_on,
            done_on=draft.done_on,
            position=(last + 1) if last is not None else 0,
        )
        _after_milestones_changed(goal)
    return step.id


def update_milestone(milestone_id: int, draft: MilestoneDraft, today: date | None = None) -> None:
    today = today or date.today()
    step = _milestone(milestone_id)
    goals_rules.raise_if_blocking(goals_rules.check_milestone(draft, today, step.goal.target_date))
    with database.atomic():
        step.title = draft.title.strip()
        step.due_on = draft.due_on
        step.done_on = draft.done_on
        step.save()
        _after_milestones_changed(step.goal)


def set_milestone_done(milestone_id: int, done_on: date | None, today: date | None = None) -> GoalRow:
    """Tick (a date) or untick (None) a milestone; returns the goal with its new progress."""
    today = today or date.today()
    step = _milestone(milestone_id)
    if done_on is not None and done_on > today:
        raise GoalRuleError(
            [Problem("done_on", f"{goals_rules.show_date(done_on)} is in the future; use today or earlier.")]
        )
    with database.atomic():
        step.done_on = done_on
        step.save()
        _after_milestones_changed(step.goal)
    return get_goal(step.goal_id, today)


def delete_milestone(milestone_id: int) -> None:
    step = _milestone(milestone_id)
    with database.atomic():
        step.delete_instance()


def move_milestone(milestone_id: int, offset: int) -> None:
    """Move a milestone up (-1) or down (+1) in its goal's order."""
    step = _milestone(milestone_id)
    siblings = list(
        Milestone.select().where(Milestone.goal == step.goal_id).order_by(Milestone.position, Milestone.id)
    )
    index = next(i for i, s in enumerate(siblings) if s.id == step.id)
    target = index + offset
    if not 0 <= target < len(siblings):
        return
    siblings.insert(target, siblings.pop(index))
    with database.atomic():
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                Milestone.update(position=position).where(Milestone.id == sibling.id).execute()
