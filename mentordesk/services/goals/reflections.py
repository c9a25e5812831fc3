"""The reflections journal of a match: successes, challenges, what helped, next steps.

Each entry is written by a mentor, a mentee (or peer), or the coordinator, and
may point at the meeting it follows and at the goals it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from peewee import JOIN

from mentordesk.core import goals as goals_rules
from mentordesk.core.goals import GoalRuleError, Problem, ReflectionDraft
from mentordesk.core.vocab import MeetingStatus
from mentordesk.services.goals.rows import GoalError, Member, find_match, match_members
from mentordesk.store.db import database
from mentordesk.store.models import Goal, Match, Meeting, Participant, Reflection, ReflectionGoal
from mentordesk.store.rows import tuples

__all__ = ["GoalRuleError", "MeetingChoice", "ReflectionDraft", "ReflectionRow"]


@dataclass(frozen=True)
class ReflectionRow:
    id: int
    match_id: int
    written_on: date
    author_id: int | None
    author_name: str  # "" when the coordinator wrote it without naming anyone
    author_role: str
    meeting_id: int | None
    meeting_at: datetime | None
    successes: str
    challenges: str
    what_helped: str
    next_steps: str
    goal_ids: tuple[int, ...] = ()
    goal_titles: tuple[str, ...] = ()

    def draft(self) -> ReflectionDraft:
        return ReflectionDraft(
            written_on=self.written_on,
            author_role=self.author_role,
            successes=self.successes,
            challenges=self.challenges,
            what_helped=self.what_helped,
            next_steps=self.next_steps,
            goal_ids=list(self.goal_ids),
        )


@dataclass(frozen=True)
class MeetingChoice:
    id: int
    starts_at: datetime
    status: str


def _rows(condition, limit: int | None = None) -> list[ReflectionRow]:
    query = (
        Reflection.select(Reflection, Participant, Meeting.starts_at)
        .join(Participant, JOIN.LEFT_OUTER, on=(Reflection.author == Participant.id), attr="writer")
        .switch(Reflection)
        .join(Meeting, JOIN.LEFT_OUTER, on=(Reflection.meeting == Meeting.id), attr="met")
        .where(condition)
        .order_by(Reflection.written_on.desc(), Reflection.id.desc())
    )
    entries = list(query.limit(limit) if limit else query)
    links: dict[int, list[tuple[int, str]]] = {r.id: [] for r in entries}
    ids = list(links)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        linked = (
            ReflectionGoal.select(ReflectionGoal.reflection, Goal.id, Goal.title)
            .join(Goal)
            .where(ReflectionGoal.reflection.in_(chunk))
            .order_by(Goal.id)
        )
        for reflection_id, goal_id, title in tuples(linked):
            links[reflection_id].append((goal_id, title))
    out = []
    for r in entries:
        writer = getattr(r, "writer", None) if r.author_id else None
        met = getattr(r, "met", None) if r.meeting_id else None
        out.append(
            ReflectionRow(
                id=r.id,
                match_id=r.match_id,
                written_on=r.written_on,
                author_id=r.author_id,
                author_name=writer.display_name if writer is not None else "",
                author_role=r.author_role,
                meeting_id=r.meeting_id,
                meeting_at=met.starts_at if met is not None else None,
                successes=r.successes,
                challenges=r.challenges,
                what_helped=r.what_helped,
                next_steps=r.next_steps,
                goal_ids=tuple(g for g, _ in links[r.id]),
                goal_titles=tuple(t for _, t in links[r.id]),
            )
        )
    return out


def list_reflections(match_id: int) -> list[ReflectionRow]:
    """The journal, newest first."""
    return _rows(Reflection.match == match_id)


def latest_reflection(match_id: int) -> ReflectionRow | None:
    rows = _rows(Reflection.match == match_id, limit=1)
    return rows[0] if rows else None


def programme_reflections(programme_id: int) -> list[ReflectionRow]:
    return _rows(Reflection.match.in_(Match.select(Match.id).where(Match.programme == programme_id)))


def get_reflection(reflection_id: int) -> ReflectionRow:
    rows = _rows(Reflection.id == reflection_id)
    if not rows:
        raise GoalError(f"No reflection with id {reflection_id}: it may have been deleted. Refresh the list.")
    return rows[0]


def author_choices(match_id: int) -> list[Member]:
    """Who can write in the journal: the match's members (the coordinator is always possible too)."""
    find_match(match_id)
    return match_members([match_id])[match_id]


def meeting_choices(match_id: int, today: date | None = None) -> list[MeetingChoice]:
    """Meetings a reflection can follow: the match's held (or past planned) meetings, newest first."""
    end = datetime.combine(today or date.today(), datetime.max.time())
    query = (
        Meeting.select(Meeting.id, Meeting.starts_at, Meeting.status)
        .where(
            (Meeting.match == match_id)
            & (Meeting.starts_at <= end)
            & (Meeting.status.in_([MeetingStatus.HELD.value, MeetingStatus.PLANNED.value]))
        )
        .order_by(Meeting.starts_at.desc())
    )
    return [MeetingChoice(m.id, m.starts_at, m.status) for m in query]


def check_draft(
    draft: ReflectionDraft, match_started_on: date | None, today: date | None = None
) -> list[Problem]:
    """The form-level checks, with no database reads (the dialog calls this as you type)."""
    return goals_rules.check_reflection(draft, today or date.today(), match_started_on)


def match_started_on(match_id: int) -> date | None:
    return find_match(match_id).started_on


def check_reflection(
    match_id: int,
    draft: ReflectionDraft,
    *,
    author_id: int | None,
    meeting_id: int | None = None,
    today: date | None = None,
) -> tuple[list[Problem], str]:
    """Problems with a journal entry, and the author role it will be saved with."""
    today = today or date.today()
    match = find_match(match_id)
    problems = goals_rules.check_reflection(draft, today, match.started_on)
    role = draft.author_role
    members = match_members([match_id])[match_id]
    if author_id is not None:
        member = next((m for m in members if m.participant_id == author_id), None)
        if member is None:
            problems.append(
                Problem("author_role", "the author must be a member of this match (or the coordinator).")
            )
        else:
            role = member.role  # the person's role in the match decides: mentor and mentee entries stay apart
    if (
        meeting_id is not None
        and not Meeting.select().where((Meeting.id == meeting_id) & (Meeting.match == match_id)).exists()
    ):
        problems.append(
            Problem("meeting", "that meeting belongs to another match: choose one of this match's.")
        )
    if draft.goal_ids:
        known = {
            g.id for g in Goal.select(Goal.id).where((Goal.match == match_id) & Goal.id.in_(draft.goal_ids))
        }
        if set(draft.goal_ids) - known:
            problems.append(
                Problem("goals", "a linked goal belongs to another match; link this match's goals only.")
            )
    return problems, role


def _save_links(reflection_id: int, goal_ids: list[int]) -> None:
    ReflectionGoal.delete().where(ReflectionGoal.reflection == reflection_id).execute()
    if goal_ids:
        ReflectionGoal.insert_many(
            [{"reflection": reflection_id, "goal": g} for g in sorted(set(goal_ids))]
        ).execute()


def create_reflection(
    match_id: int,
    draft: ReflectionDraft,
    *,
    author_id: int | None,
    meeting_id: int | None = None,
    today: date | None = None,
) -> int:
    problems, role = check_reflection(
        match_id, draft, author_id=author_id, meeting_id=meeting_id, today=today
    )
    goals_rules.raise_if_blocking(problems)
    with database.atomic():
        entry = Reflection.create(
            match=match_id,
            author=author_id,
            author_role=role,
            written_on=draft.written_on,
            meeting=meeting_id,
            successes=draft.successes.strip(),
            challenges=draft.challenges.strip(),
            what_helped=draft.what_helped.strip(),
            next_steps=draft.next_steps.strip(),
        )
        _save_links(entry.id, draft.goal_ids)
    return entry.id


def update_reflection(
    reflection_id: int,
    draft: ReflectionDraft,
    *,
    author_id: int | None,
    meeting_id: int | None = None,
    today: date | None = None,
) -> None:
    entry = Reflection.get_or_none(Reflection.id == reflection_id)
    if entry is None:
        raise GoalError(f"No reflection with id {reflection_id}: it may have been deleted. Refresh the list.")
    problems, role = check_reflection(
        entry.match_id, draft, author_id=author_id, meeting_id=meeting_id, today=today
    )
    goals_rules.raise_if_blocking(problems)
    assert draft.written_on is not None  # a draft without a date is refused just above
    with database.atomic():
        entry.author_id = author_id
        entry.author_role = role
        entry.written_on = draft.written_on
        entry.meeting_id = meeting_id
        entry.successes = draft.successes.strip()
        entry.challenges = draft.challenges.strip()
        entry.what_helped = draft.what_helped.strip()
        entry.next_steps = draft.next_steps.strip()
        entry.save()
        _save_links(entry.id, draft.goal_ids)


def delete_reflection(reflection_id: int) -> None:
    entry = Reflection.get_or_none(Reflection.id == reflection_id)
    if entry is None:
        raise GoalError(f"No reflection with id {reflection_id}: it may have been deleted. Refresh the list.")
    with database.atomic():
        entry.delete_instance()
