"""Goals as plain rows: what the Goals page, the exports and the CLI read.

Loaded in a few queries (goals with owners, then their milestones), never one
query per goal, and computed with the rules of ``core.goals`` (progress, overdue
milestones, the next review).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from peewee import JOIN

from mentordesk.core import goals as goals_rules
from mentordesk.core.goals import GoalCounts, GoalDraft, MilestoneState, ReviewDue
from mentordesk.core.participants import display_name
from mentordesk.core.vocab import Role
from mentordesk.store.models import Goal, Match, MatchMember, Milestone, Participant
from mentordesk.store.rows import dicts, raw_rows, tuples


class GoalError(ValueError):
    """A request that cannot be done (no such goal, a closed match...); the message says what to do."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


# -- rows ----------------------------------------------------------------------------------------


class Member(NamedTuple):
    participant_id: int
    name: str
    role: str


class MatchRow(NamedTuple):
    id: int
    label: str  # "Mentor & Mentee"
    status: str
    started_on: date | None
    closed_on: date | None
    programme_kind: str
    goals: int = 0
    open_goals: int = 0
    achieved: int = 0
    progress: int = 0  # mean progress of the open goals
    overdue_milestones: int = 0
    reviews_due: int = 0


class MilestoneRow(NamedTuple):
    id: int
    goal_id: int
    title: str
    due_on: date | None
    done_on: date | None
    position: int
    overdue: bool

    @property
    def done(self) -> bool:
        return self.done_on is not None


class GoalRow(NamedTuple):
    id: int
    match_id: int
    owner_id: int | None
    owner_name: str  # "Shared" for a shared goal
    title: str
    why: str
    specific: str
    measurable: str
    achievable: str
    relevant: str
    target_date: date | None
    status: str
    manual_progress: int
    progress: int
    achieved_on: date | None
    dropped_reason: str
    review_on: date | None
    reviewed_on: date | None
    review_notes: str
    created_on: date
    template_id: int | None
    milestones: tuple[MilestoneRow, ...] = ()
    review: ReviewDue | None = None
    owner_role: str = ""  # the owner's role in the match ("mentor" for a developmental mentor's own goal)

    @property
    def overdue_milestones(self) -> list[MilestoneRow]:
        return [m for m in self.milestones if m.overdue]

    @property
    def is_open(self) -> bool:
        return self.status in goals_rules.OPEN_STATUSES

    def draft(self) -> GoalDraft:
        return GoalDraft(
            title=self.title,
            why=self.why,
            specific=self.specific,
            measurable=self.measurable,
            achievable=self.achievable,
            relevant=self.relevant,
            target_date=self.target_date,
            status=self.status,
            progress=self.manual_progress,
            achieved_on=self.achieved_on,
            dropped_reason=self.dropped_reason,
            review_on=self.review_on,
        )


class DueRow(NamedTuple):
    goal_id: int
    match_id: int
    match_label: str
    title: str
    owner_name: str
    status: str
    due: ReviewDue
    days_overdue: int


@dataclass
class Summary:
    counts: GoalCounts = field(default_factory=GoalCounts)
    reviews_due: int = 0
    overdue_milestones: int = 0


# -- names ---------------------------------------------------------------------------------------


def match_members(match_ids: Iterable[int]) -> dict[int, list[Member]]:
    """Members of each match, mentors first."""
    ids = list(set(match_ids))
    out: dict[int, list[Member]] = {i: [] for i in ids}
    if not ids:
        return out
    for chunk_start in range(0, len(ids), 500):  # SQLite caps the variables in one statement
        chunk = ids[chunk_start : chunk_start + 500]
        rows = (
            MatchMember.select(
                MatchMember.match,
                MatchMember.role,
                Participant.id,
                Participant.first_name,
                Participant.preferred_name,
                Participant.last_name,
            )
            .join(Participant)
            .where(MatchMember.match.in_(chunk))
            .order_by(MatchMember.id)
        )
        for match_id, role, pid, first, preferred, last in raw_rows(rows):  # ints and text: no conversion
            out[match_id].append(Member(pid, display_name(first, last, preferred), role))
    for members in out.values():
        members.sort(key=lambda m: 0 if m.role == Role.MENTOR.value else 1)
    return out


def label_of(members: Sequence[Member]) -> str:
    mentors = [m.name for m in members if m.role == Role.MENTOR.value]
    others = [m.name for m in members if m.role != Role.MENTOR.value]
    if mentors and others:
        return f"{', '.join(mentors)} & {', '.join(others)}"
    return ", ".join(mentors or others) or "(no members)"


# -- reading -------------------------------------------------------------------------------------


def load_goals(condition, today: date) -> list[GoalRow]:
    """Goals matching ``condition`` (on Goal or Match) with owners and milestones, in two queries per 500.

    Plain dicts and tuples, not model instances: a lazy foreign key read per row is what makes a
    programme of thousands of goals slow.
    """
    owner_member = MatchMember.alias()
    query = (
        Goal.select(
            Goal,
            Match.closed_on.alias("match_closed_on"),
            Participant.first_name.alias("owner_first"),
            Participant.preferred_name.alias("owner_preferred"),
            Participant.last_name.alias("owner_last"),
            owner_member.role.alias("owner_role"),
        )
        .join(Match)
        .switch(Goal)
        .join(Participant, JOIN.LEFT_OUTER, on=(Goal.owner == Participant.id))
        .switch(Goal)
        .join(
            owner_member,
            JOIN.LEFT_OUTER,
            on=(owner_member.match == Goal.match) & (owner_member.participant == Goal.owner),
        )
        .where(condition)
        .order_by(Goal.match, Goal.created_at, Goal.id)
    )
    goals = list(dicts(query))
    milestones: dict[int, list[tuple]] = {g["id"]: [] for g in goals}
    ids = list(milestones)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        steps_query = (
            Milestone.select(
                Milestone.id,
                Milestone.goal,
                Milestone.title,
                Milestone.due_on,
                Milestone.done_on,
                Milestone.position,
            )
            .where(Milestone.goal.in_(chunk))
            .order_by(Milestone.position, Milestone.id)
        )
        for step in tuples(steps_query):
            milestones[step[1]].append(step)
    return [_goal_row(g, milestones[g["id"]], today) for g in goals]


def _goal_row(g: dict, raw_steps: list[tuple], today: date) -> GoalRow:
    is_open = g["status"] in goals_rules.OPEN_STATUSES
    steps = tuple(
        MilestoneRow(
            sid,
            goal_id,
            title,
            due_on,
            done_on,
            position,
            is_open and goals_rules.is_overdue(MilestoneState(due_on, done_on), today),
        )
        for sid, goal_id, title, due_on, done_on, position in raw_steps
    )
    states = [MilestoneState(m.due_on, m.done_on) for m in steps]
    created_on = g["created_at"].date()
    owner_name = (
        display_name(g["owner_first"], g["owner_last"], g["owner_preferred"])
        if g["owner"] is not None and g["owner_first"] is not None
        else "Shared"
    )
    return GoalRow(
        id=g["id"],
        match_id=g["match"],
        owner_id=g["owner"],
        owner_name=owner_name,
        title=g["title"],
        why=g["why"],
        specific=g["specific"],
        measurable=g["measurable"],
        achievable=g["achievable"],
        relevant=g["relevant"],
        target_date=g["target_date"],
        status=g["status"],
        manual_progress=g["progress"],
        progress=goals_rules.derive_progress(g["status"], g["progress"], states),
        achieved_on=g["achieved_on"],
        dropped_reason=g["dropped_reason"],
        review_on=g["review_on"],
        reviewed_on=g["reviewed_on"],
        review_notes=g["review_notes"],
        created_on=created_on,
        template_id=g["template"],
        milestones=steps,
        review=goals_rules.next_review(
            g["status"],
            review_on=g["review_on"],
            reviewed_on=g["reviewed_on"],
            created_on=created_on,
            match_closed_on=g["match_closed_on"],
        ),
        owner_role=g["owner_role"] or "",
    )


def get_goal(goal_id: int, today: date | None = None) -> GoalRow:
    rows = load_goals(Goal.id == goal_id, today or date.today())
    if not rows:
        raise GoalError(f"No goal with id {goal_id}: it may have been deleted. Refresh the list.")
    return rows[0]


def find_match(match_id: int) -> Match:
    match = Match.get_or_none(Match.id == match_id)
    if match is None:
        raise GoalError(f"No match with id {match_id}: it may have been deleted. Refresh the list.")
    return match


def find_goal(goal_id: int) -> Goal:
    goal = Goal.get_or_none(Goal.id == goal_id)
    if goal is None:
        raise GoalError(f"No goal with id {goal_id}: it may have been deleted. Refresh the list.")
    return goal
