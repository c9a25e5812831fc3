"""Goals per match: read them, change them under the rules of core.goals, find what is due.

Every write runs in one transaction: a refused change leaves the database as it
was. Reviews due and overdue milestones feed the dashboard through
``attention_items``. Milestones live in ``services.milestones``, reflections in
``services.reflections``, templates in ``services.goal_templates``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from peewee import fn

from mentordesk.core import goals as goals_rules
from mentordesk.core.attention import Attention
from mentordesk.core.goals import (
    FIELD_LABELS,
    REVIEW_REASON_TEXT,
    GoalCounts,
    GoalDraft,
    GoalRuleError,
    MilestoneDraft,
    MilestoneState,
    Problem,
    ReviewDue,
)
from mentordesk.core.participants import max_length
from mentordesk.core.vocab import GoalStatus, MatchStatus, ProgrammeKind, Role
from mentordesk.services.goals.rows import (
    DueRow,
    GoalError,
    GoalRow,
    MatchRow,
    Member,
    MilestoneRow,
    Summary,
    find_goal,
    find_match,
    get_goal,
    label_of,
    load_goals,
    match_members,
)
from mentordesk.store.db import database
from mentordesk.store.models import Goal, Match, Milestone, Programme
from mentordesk.store.rows import as_date, raw_rows, tuples

__all__ = [
    "FIELD_LABELS",
    "REVIEW_REASON_TEXT",
    "DueRow",
    "GoalCounts",
    "GoalDraft",
    "GoalError",
    "GoalRow",
    "GoalRuleError",
    "MatchRow",
    "Member",
    "MilestoneDraft",
    "MilestoneRow",
    "Problem",
    "ReviewDue",
    "Summary",
    "get_goal",
]

REVIEW_INTERVAL_KEY = "goals.review_interval_days"

# The editor's helpers, pure functions of core: one milestone per line, due dates spread to the target.
milestone_lines = goals_rules.milestones_from_lines
spread_due_dates = goals_rules.spread_due_dates
MATCH_ORDER = {MatchStatus.ACTIVE: 0, MatchStatus.PAUSED: 1, MatchStatus.DRAFT: 2, MatchStatus.CLOSED: 3}


def list_goals(match_id: int, today: date | None = None) -> list[GoalRow]:
    return load_goals(Goal.match == match_id, today or date.today())


def programme_goals(
    programme_id: int, today: date | None = None, *, include_drafts: bool = False
) -> list[GoalRow]:
    condition = Match.programme == programme_id
    if not include_drafts:
        condition &= Match.status != MatchStatus.DRAFT.value
    return load_goals(condition, today or date.today())


def list_matches(programme_id: int, today: date | None = None) -> list[MatchRow]:
    """Every match of the programme with a summary of its goals: active first, closed last."""
    return overview(programme_id, today).matches


@dataclass
class Overview:
    """What the Goals page shows for a programme, from one read of its goals."""

    matches: list[MatchRow]
    summary: Summary
    due: list[DueRow]


def overview(programme_id: int, today: date | None = None, within_days: int = 14) -> Overview:
    today = today or date.today()
    matches = list(
        Match.select(Match.id, Match.status, Match.started_on, Match.closed_on, Programme.kind)
        .join(Programme)
        .where(Match.programme == programme_id)
    )
    members = match_members(m.id for m in matches)
    drafts = {m.id for m in matches if m.status == MatchStatus.DRAFT.value}
    every_goal = programme_goals(programme_id, today, include_drafts=True)
    per_match: dict[int, list[GoalRow]] = {}
    for goal in every_goal:
        per_match.setdefault(goal.match_id, []).append(goal)
    rows = []
    for m in matches:
        goals = per_match.get(m.id, [])
        open_goals = [g for g in goals if g.is_open]
        rows.append(
            MatchRow(
                id=m.id,
                label=label_of(members[m.id]),
                status=m.status,
                started_on=m.started_on,
                closed_on=m.closed_on,
                programme_kind=m.programme.kind,
                goals=len(goals),
                open_goals=len(open_goals),
                achieved=sum(1 for g in goals if g.status == GoalStatus.ACHIEVED.value),
                progress=round(sum(g.progress for g in open_goals) / len(open_goals)) if open_goals else 0,
                overdue_milestones=sum(len(g.overdue_milestones) for g in goals),
                reviews_due=sum(1 for g in goals if g.review and g.review.is_due(today)),
            )
        )
    rows.sort(key=lambda r: (MATCH_ORDER.get(MatchStatus(r.status), 9), r.label.casefold()))
    running = [g for g in every_goal if g.match_id not in drafts]
    return Overview(rows, _summary(running, today), _due_rows(running, members, today, within_days))


def owner_roles(programme_kind: str) -> tuple[str, ...]:
    """The roles whose goals a programme keeps: mentees (or peers); in a developmental programme the
    mentor's own development goals too."""
    roles = (Role.MENTEE.value, Role.PEER.value)
    return roles + (Role.MENTOR.value,) if programme_kind == ProgrammeKind.DEVELOPMENTAL.value else roles


def owner_choices(match_id: int) -> tuple[list[Member], bool]:
    """Who may own a goal of this match (its mentees or peers; in a developmental programme its
    mentors as well, mentees first), and whether a shared goal is allowed."""
    match = find_match(match_id)
    members = match_members([match_id])[match_id]
    roles = owner_roles(match.programme.kind)
    owners = sorted((m for m in members if m.role in roles), key=lambda m: m.role == Role.MENTOR.value)
    # A group circle has goals of each member and goals the whole circle shares.
    return owners, match.programme.kind in (ProgrammeKind.PEER.value, ProgrammeKind.GROUP.value)


def default_owner(match_id: int) -> int | None:
    """The mentee, for a one-to-one match or a circle's first; shared (None) in a peer scheme."""
    owners, shared = owner_choices(match_id)
    if not owners or (shared and find_match(match_id).programme.kind == ProgrammeKind.PEER.value):
        return None
    return owners[0].participant_id


def review_interval_days(programme_id: int) -> int:
    programme = Programme.get_or_none(Programme.id == programme_id)
    settings = (programme.settings or {}) if programme else {}
    try:
        return max(1, int(settings.get(REVIEW_INTERVAL_KEY, goals_rules.DEFAULT_REVIEW_INTERVAL_DAYS)))
    except (TypeError, ValueError):
        return goals_rules.DEFAULT_REVIEW_INTERVAL_DAYS


def suggested_review_date(
    programme_id: int, today: date | None = None, target_date: date | None = None
) -> date:
    """The next review after the programme's usual interval (or at the target date if sooner)."""
    today = today or date.today()
    return goals_rules.default_review_date(today, target_date, review_interval_days(programme_id))


def blank_draft(programme_id: int, today: date | None = None) -> GoalDraft:
    """A new goal as the editor opens it: target in three months, first review by the usual interval."""
    today = today or date.today()
    target = goals_rules.default_target_date(today)
    return GoalDraft(target_date=target, review_on=suggested_review_date(programme_id, today, target))


def check_review(
    goal: GoalRow, reviewed_on: date | None, next_review_on: date | None, today: date | None = None
) -> list[Problem]:
    """Problems with recording a review of ``goal`` (the review dialog calls this as you type)."""
    return goals_rules.check_review(
        reviewed_on, next_review_on, today or date.today(), needs_next=review_needs_next(goal)
    )


def review_needs_next(goal: GoalRow) -> bool:
    """An open goal in a running match gets a next review date; a finished or closed one does not."""
    return goal.is_open and goal.review is not None and goal.review.reason != goals_rules.ReviewReason.CLOSURE


def summary(programme_id: int, today: date | None = None) -> Summary:
    """How many goals are achieved, in progress, not started and dropped; reviews and milestones due."""
    today = today or date.today()
    return _summary(programme_goals(programme_id, today), today)


def _summary(goals: list[GoalRow], today: date) -> Summary:
    return Summary(
        counts=goals_rules.count_statuses(g.status for g in goals),
        reviews_due=sum(1 for g in goals if g.review and g.review.is_due(today)),
        overdue_milestones=sum(len(g.overdue_milestones) for g in goals),
    )


def programme_stats(programme_id: int) -> GoalCounts:
    rows = (
        Goal.select(Goal.status, fn.COUNT(Goal.id))
        .join(Match)
        .where(Match.programme == programme_id)
        .group_by(Goal.status)
    )
    counts = GoalCounts()
    for status, n in tuples(rows):
        if status in {s.value for s in GoalStatus}:
            setattr(counts, status, n)
    return counts


def goals_due_for_review(programme_id: int, today: date | None = None, within_days: int = 14) -> list[DueRow]:
    """Open goals whose review falls within ``within_days`` from today (or is overdue), soonest first."""
    today = today or date.today()
    goals = programme_goals(programme_id, today)
    return _due_rows(goals, match_members(g.match_id for g in goals), today, within_days)


def _due_rows(
    goals: list[GoalRow], members: dict[int, list[Member]], today: date, within_days: int
) -> list[DueRow]:
    rows = [
        DueRow(
            goal_id=g.id,
            match_id=g.match_id,
            match_label=label_of(members[g.match_id]),
            title=g.title,
            owner_name=g.owner_name,
            status=g.status,
            due=g.review,
            days_overdue=g.review.days_overdue(today),
        )
        for g in goals
        if g.review is not None and g.review.is_due(today, within_days)
    ]
    rows.sort(key=lambda r: (r.due.due_on, r.match_label.casefold(), r.title.casefold()))
    return rows


def attention_items(programme_id: int, today: date | None = None) -> list[Attention]:
    """For the dashboard: goal reviews due today or overdue, and goals with milestones past due.

    Reads only the columns these two rules need, as the driver's tuples: the whole goal rows (SMART
    text, progress, every milestone) are for the Goals page."""
    today = today or date.today()
    # Only open goals have a review due or milestones counted late (core.goals): read only those.
    open_goals = Goal.status.in_([s.value for s in goals_rules.OPEN_STATUSES])
    condition = (Match.programme == programme_id) & (Match.status != MatchStatus.DRAFT.value) & open_goals
    query = (
        Goal.select(
            Goal.id,
            Goal.match,
            Goal.title,
            Goal.status,
            Goal.review_on,
            Goal.reviewed_on,
            Goal.created_at,
            Match.closed_on,
        )
        .join(Match)
        .where(condition)
        .order_by(Goal.match, Goal.created_at, Goal.id)
    )
    goals = raw_rows(query)
    # Only milestones past due and not done can be late (core.goals.is_overdue judges each below).
    steps = (
        Milestone.select(Milestone.goal, Milestone.due_on, Milestone.done_on)
        .join(Goal)
        .join(Match)
        .where(condition & Milestone.done_on.is_null() & (Milestone.due_on < today))
    )
    late: dict[int, list[date]] = {}  # goal id -> due dates of its milestones past due and not done
    for goal_id, due_on, done_on in raw_rows(steps):
        state = goals_rules.MilestoneState(_day(due_on), _day(done_on))
        if goals_rules.is_overdue(state, today):
            late.setdefault(goal_id, []).append(state.due_on)  # type: ignore[arg-type]
    found: list[tuple[int, str, str, int]] = []  # (match id, goal title, problem, days overdue)
    for goal_id, match_id, title, status, review_on, reviewed_on, created_at, closed_on in goals:
        review = goals_rules.next_review(
            status,
            review_on=_day(review_on),
            reviewed_on=_day(reviewed_on),
            created_on=_day(created_at),  # type: ignore[arg-type]
            match_closed_on=_day(closed_on),
        )
        if review is not None and review.is_due(today):
            # The dashboard adds "(n days overdue)" itself.
            if review.reason == goals_rules.ReviewReason.CLOSURE:
                problem = "goal review due at match closure"
            elif review.reason == goals_rules.ReviewReason.YEARLY:
                problem = "goal not reviewed for a year"
            else:
                problem = "goal review due"
            found.append((match_id, title, problem, review.days_overdue(today)))
        overdue = late.get(goal_id)
        if overdue:
            days = max((today - due).days for due in overdue)
            if len(overdue) == 1:
                problem = "1 milestone not done by its due date"
            else:
                problem = f"{len(overdue)} milestones not done by their due dates"
            found.append((match_id, title, problem, days))
    # Names only for the matches that need attention: most open goals are not due.
    members = match_members(match_id for match_id, *_ in found)
    return [
        Attention("goals", f"{label_of(members[match_id])}: {title}", problem, days, match_id=match_id)
        for match_id, title, problem, days in found
    ]


# Thousands of goal and milestone rows share a few hundred distinct days: each is converted once.
_day = lru_cache(maxsize=4096)(as_date)


# -- writing goals -------------------------------------------------------------------------------


def _check_owner(match: Match, owner_id: int | None) -> None:
    owners, shared = owner_choices(match.id)
    if owner_id is None:
        if not shared:
            raise GoalError(
                "A shared goal is only for peer schemes and group circles: choose the mentee whose goal "
                "this is.",
                "owner",
            )
        return
    if owner_id not in {m.participant_id for m in owners}:
        if match.programme.kind == ProgrammeKind.DEVELOPMENTAL.value:
            raise GoalError("The owner must be a member of this match: choose one from the list.", "owner")
        raise GoalError(
            "The owner must be a mentee (or peer) of this match: choose one from the list. Goals of the "
            "mentor's own are kept in developmental programmes.",
            "owner",
        )


def _milestone_problems(steps: Sequence[MilestoneDraft], today: date, target: date | None) -> list[Problem]:
    problems = []
    for i, step in enumerate(steps, start=1):
        for p in goals_rules.check_milestone(step, today, target):
            problems.append(Problem("milestones", f"milestone {i}: {p}", p.blocking))
    return problems


def check_goal(
    draft: GoalDraft,
    today: date | None = None,
    *,
    saved: GoalRow | None = None,
    has_milestones: bool = False,
) -> list[Problem]:
    """Every problem with a goal as the editor holds it; ``saved`` is the goal being edited.

    Cheap enough to call on every keystroke: it reads nothing from the database.
    """
    today = today or date.today()
    if saved is None:
        return goals_rules.check_goal(draft, today, has_milestones=has_milestones)
    return goals_rules.check_goal(
        draft,
        today,
        previous=saved.draft(),
        last_reviewed=saved.reviewed_on or saved.created_on,
        has_milestones=bool(saved.milestones) or has_milestones,
    )


def create_goal(
    match_id: int,
    draft: GoalDraft,
    *,
    owner_id: int | None,
    milestones: Sequence[MilestoneDraft] = (),
    template_id: int | None = None,
    today: date | None = None,
) -> int:
    today = today or date.today()
    match = find_match(match_id)
    if match.status == MatchStatus.CLOSED.value:
        raise GoalError("This match is closed: goals can no longer be added. Review its goals instead.")
    _check_owner(match, owner_id)
    problems = goals_rules.check_goal(draft, today, has_milestones=bool(milestones))
    problems += _milestone_problems(milestones, today, draft.target_date)
    goals_rules.raise_if_blocking(problems)
    clean = draft.normalised()
    states = [MilestoneState(m.due_on, m.done_on) for m in milestones]
    status = goals_rules.status_after_milestone_change(clean.status, states)
    with database.atomic():
        goal = Goal.create(
            match=match_id,
            owner=owner_id,
            template=template_id,
            title=clean.title,
            why=clean.why,
            specific=clean.specific,
            measurable=clean.measurable,
            achievable=clean.achievable,
            relevant=clean.relevant,
            target_date=clean.target_date,
            status=status,
            progress=clean.progress,
            achieved_on=clean.achieved_on,
            dropped_reason=clean.dropped_reason,
            review_on=clean.review_on,
        )
        for position, step in enumerate(milestones):
            Milestone.create(
                goal=goal,
                title=step.title.strip(),
                due_on=step.due_on,
                done_on=step.done_on,
                position=position,
            )
    return goal.id


def update_goal(goal_id: int, draft: GoalDraft, *, owner_id: int | None, today: date | None = None) -> None:
    today = today or date.today()
    goal = find_goal(goal_id)
    if owner_id != goal.owner_id:
        _check_owner(goal.match, owner_id)
    goals_rules.raise_if_blocking(check_goal(draft, today, saved=get_goal(goal_id, today)))
    clean = draft.normalised()
    with database.atomic():
        goal.owner_id = owner_id
        for name in (
            "title",
            "why",
            "specific",
            "measurable",
            "achievable",
            "relevant",
            "target_date",
            "status",
            "progress",
            "achieved_on",
            "dropped_reason",
            "review_on",
        ):
            if getattr(goal, name) != getattr(clean, name):
                setattr(goal, name, getattr(clean, name))
        if goal.is_dirty():
            goal.save()


def set_status(
    goal_id: int,
    status: str,
    *,
    achieved_on: date | None = None,
    dropped_reason: str = "",
    today: date | None = None,
) -> None:
    """Move a goal to another status under the transition rules (achieved needs a date, dropped a reason)."""
    row = get_goal(goal_id, today)
    draft = replace(row.draft(), status=status, achieved_on=achieved_on, dropped_reason=dropped_reason)
    update_goal(goal_id, draft, owner_id=row.owner_id, today=today)


def delete_goal(goal_id: int) -> None:
    goal = find_goal(goal_id)
    with database.atomic():
        goal.delete_instance()


def mark_reviewed(
    goal_id: int,
    reviewed_on: date | None,
    next_review_on: date | None,
    notes: str = "",
    today: date | None = None,
) -> None:
    """Record a review; an open goal in a running match gets its next review date."""
    today = today or date.today()
    row = get_goal(goal_id, today)
    goal = find_goal(goal_id)
    problems = check_review(row, reviewed_on, next_review_on, today)
    if len(notes.strip()) > max_length("review_notes"):
        limit = max_length("review_notes")
        problems.append(Problem("review_notes", f"keep the notes under {limit:,} characters."))
    goals_rules.raise_if_blocking(problems)
    with database.atomic():
        goal.reviewed_on = reviewed_on
        goal.review_on = next_review_on
        goal.review_notes = notes.strip()
        goal.save()
