"""The rules of goals, milestones and reflections (reviews: reviews; templates: templates). Pure.

Every check returns ``Problem`` objects that name the field they are about, so a
dialog can mark that field and the command line can print a sentence that says
what to fix. ``blocking`` problems stop a save; the others are advice (a SMART
goal without a measurable indicator can still be saved).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from mentordesk.core.goals.basics import (
    AUTHOR_ROLES,
    DEFAULT_REVIEW_INTERVAL_DAYS,
    DEFAULT_TARGET_DAYS,
    FIELD_LABELS,
    FINISHED_STATUSES,
    OPEN_STATUSES,
    TITLE_MAX,
    GoalRuleError,
    Problem,
    add_years,
    blocking,
    raise_if_blocking,
    show_date,
)
from mentordesk.core.goals.reviews import (
    REVIEW_REASON_TEXT,
    ReviewDue,
    ReviewReason,
    check_review,
    default_review_date,
    next_review,
)
from mentordesk.core.participants import max_length
from mentordesk.core.vocab import GoalStatus

# The names other layers use, re-exported so ``core.goals`` stays the one door to the rules.
__all__ = [
    "AUTHOR_ROLES",
    "DEFAULT_REVIEW_INTERVAL_DAYS",
    "FIELD_LABELS",
    "FINISHED_STATUSES",
    "REVIEW_REASON_TEXT",
    "TITLE_MAX",
    "GoalRuleError",
    "ReviewDue",
    "ReviewReason",
    "blocking",
    "check_review",
    "default_review_date",
    "next_review",
    "raise_if_blocking",
]

# Which status may follow which. A goal goes forward (started, achieved or dropped); the two ways
# back are corrections a coordinator needs: re-open an achievement recorded too early, or take up
# a dropped goal again. "In progress" never returns to "not started": once work began it stays begun.
ALLOWED_TRANSITIONS: dict[GoalStatus, frozenset[GoalStatus]] = {
    GoalStatus.NOT_STARTED: frozenset({GoalStatus.IN_PROGRESS, GoalStatus.ACHIEVED, GoalStatus.DROPPED}),
    GoalStatus.IN_PROGRESS: frozenset({GoalStatus.ACHIEVED, GoalStatus.DROPPED}),
    GoalStatus.ACHIEVED: frozenset({GoalStatus.IN_PROGRESS}),
    GoalStatus.DROPPED: frozenset({GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS}),
}


# -- progress and milestones ---------------------------------------------------------------------


class MilestoneState(NamedTuple):
    due_on: date | None
    done_on: date | None


def is_overdue(milestone: MilestoneState, today: date) -> bool:
    return milestone.done_on is None and milestone.due_on is not None and milestone.due_on < today


def overdue_milestones(milestones: Sequence[MilestoneState], today: date) -> list[int]:
    """Indexes of the milestones past their due date and not done."""
    return [i for i, m in enumerate(milestones) if is_overdue(m, today)]


def derive_progress(status: str, manual: int, milestones: Sequence[MilestoneState]) -> int:
    """0-100. An achieved goal is complete; with milestones it is the share done; otherwise the manual figure."""
    if status == GoalStatus.ACHIEVED:
        return 100
    if milestones:
        done = sum(1 for m in milestones if m.done_on is not None)
        return round(100 * done / len(milestones))
    return max(0, min(100, int(manual or 0)))


def status_after_milestone_change(status: str, milestones: Sequence[MilestoneState]) -> str:
    """Ticking the first milestone of a goal not started yet means work has begun."""
    if status == GoalStatus.NOT_STARTED and any(m.done_on is not None for m in milestones):
        return GoalStatus.IN_PROGRESS.value
    return status


def all_done(milestones: Sequence[MilestoneState]) -> bool:
    return bool(milestones) and all(m.done_on is not None for m in milestones)


# -- status changes ------------------------------------------------------------------------------


def check_transition(
    old: str | None, new: str, *, achieved_on: date | None, dropped_reason: str, today: date
) -> list[Problem]:
    """The rules of a status change (``old`` None: a new goal, which may start in any status)."""
    problems: list[Problem] = []
    try:
        target = GoalStatus(new)
    except ValueError:
        names = ", ".join(s.value for s in GoalStatus)
        return [Problem("status", f"{new!r} is not a goal status; use one of {names}.")]
    if old is not None and old != new:
        source = GoalStatus(old)
        if target not in ALLOWED_TRANSITIONS[source]:
            allowed = " or ".join(_status_words(s) for s in sorted(ALLOWED_TRANSITIONS[source]))
            problems.append(
                Problem(
                    "status",
                    f"a goal that is {_status_words(source)} cannot become {_status_words(target)}; "
                    f"it can become {allowed}.",
                )
            )
    if target == GoalStatus.ACHIEVED:
        if achieved_on is None:
            problems.append(Problem("achieved_on", "an achieved goal needs the date it was achieved."))
        elif achieved_on > today:
            problems.append(
                Problem("achieved_on", f"{show_date(achieved_on)} is in the future; use today or earlier.")
            )
    if target == GoalStatus.DROPPED and not dropped_reason.strip():
        problems.append(
            Problem("dropped_reason", "a dropped goal needs a reason (for example 'changed school').")
        )
    return problems


def _status_words(status: GoalStatus) -> str:
    return status.value.replace("_", " ")


# -- goals ---------------------------------------------------------------------------------------


@dataclass
class GoalDraft:
    """What a goal editor holds; validated as a whole before it is saved."""

    title: str = ""
    why: str = ""
    specific: str = ""
    measurable: str = ""
    achievable: str = ""
    relevant: str = ""
    target_date: date | None = None
    status: str = GoalStatus.NOT_STARTED.value
    progress: int = 0
    achieved_on: date | None = None
    dropped_reason: str = ""
    review_on: date | None = None

    def normalised(self) -> GoalDraft:
        """Trimmed text; the achieved date and the drop reason kept only with their status."""
        return GoalDraft(
            title=self.title.strip(),
            why=self.why.strip(),
            specific=self.specific.strip(),
            measurable=self.measurable.strip(),
            achievable=self.achievable.strip(),
            relevant=self.relevant.strip(),
            target_date=self.target_date,
            status=self.status,
            progress=self.progress,
            achieved_on=self.achieved_on if self.status == GoalStatus.ACHIEVED else None,
            dropped_reason=self.dropped_reason.strip() if self.status == GoalStatus.DROPPED else "",
            review_on=self.review_on,
        )


def too_long(draft: object, fields: tuple[str, ...]) -> list[Problem]:
    """A problem for each text field longer than the one list of limits allows (core/participants)."""
    problems = []
    for key in fields:
        text = str(getattr(draft, key) or "").strip()
        if len(text) > max_length(key):
            problems.append(Problem(key, f"keep it under {max_length(key):,} characters (it has {len(text):,})."))
    return problems


def check_goal(
    draft: GoalDraft,
    today: date,
    *,
    previous: GoalDraft | None = None,
    last_reviewed: date | None = None,
    has_milestones: bool = False,
) -> list[Problem]:
    """Every problem with a goal, blocking and advisory, in the order of the form.

    ``previous`` is the saved goal when editing: a target or review date already in the past is
    then history, not a mistake, and the status change is checked against the saved status.
    ``last_reviewed`` is the day of the last review (or the day the goal was set): the next review
    must fall within a year of it.
    """
    problems: list[Problem] = []
    title = draft.title.strip()
    if not title:
        problems.append(Problem("title", "a goal needs a title, e.g. 'Speak up in class discussions'."))
    elif len(title) > TITLE_MAX:
        problems.append(Problem("title", f"keep it under {TITLE_MAX} characters (it has {len(title)})."))
    problems += too_long(draft, ("why", "specific", "measurable", "achievable", "relevant", "dropped_reason"))
    if not draft.specific.strip():
        problems.append(Problem("specific", "say exactly what will be done.", blocking=False))
    if not draft.measurable.strip():
        problems.append(
            Problem("measurable", "how will you both know it is done? e.g. 'gives a 2-minute talk'.", False)
        )
    is_open = draft.status in OPEN_STATUSES
    if draft.target_date is None:
        problems.append(Problem("target_date", "a SMART goal is time-bound: choose the date to reach it by."))
    elif is_open and draft.target_date < today and _changed(previous, "target_date", draft.target_date):
        problems.append(
            Problem("target_date", f"{show_date(draft.target_date)} is in the past; choose today or later.")
        )
    if not has_milestones and not 0 <= draft.progress <= 100:
        problems.append(Problem("progress", f"must be between 0 and 100 (it is {draft.progress})."))
    problems += check_transition(
        previous.status if previous else None,
        draft.status,
        achieved_on=draft.achieved_on,
        dropped_reason=draft.dropped_reason,
        today=today,
    )
    problems += _check_review_date(draft, today, previous, last_reviewed)
    return problems


def _changed(previous: GoalDraft | None, name: str, value: object) -> bool:
    return previous is None or getattr(previous, name) != value


def _check_review_date(
    draft: GoalDraft, today: date, previous: GoalDraft | None, last_reviewed: date | None
) -> list[Problem]:
    review_on = draft.review_on
    if review_on is None:
        if draft.status in OPEN_STATUSES:
            return [Problem("review_on", "every open goal needs a review date (at least once a year).")]
        return []
    if not _changed(previous, "review_on", review_on):
        return []  # a saved date is history (or an overdue review): the due list deals with it
    problems = []
    if review_on < today:
        problems.append(
            Problem("review_on", f"{show_date(review_on)} is in the past; choose today or later.")
        )
    # A year from the last review (or from today for a goal never reviewed); an overdue one: now.
    latest = max(add_years(last_reviewed or today), today)
    if review_on > latest:
        problems.append(
            Problem(
                "review_on",
                f"goals are reviewed at least once a year: choose {show_date(latest)} or earlier.",
            )
        )
    if draft.target_date and review_on > draft.target_date and draft.status in OPEN_STATUSES:
        problems.append(
            Problem(
                "review_on",
                "it falls after the target date; a review by then shows whether the goal was reached.",
                blocking=False,
            )
        )
    return problems


def default_target_date(today: date, days: int = DEFAULT_TARGET_DAYS) -> date:
    return today + timedelta(days=days)


# -- milestones ----------------------------------------------------------------------------------


@dataclass
class MilestoneDraft:
    title: str = ""
    due_on: date | None = None
    done_on: date | None = None


def check_milestone(draft: MilestoneDraft, today: date, target_date: date | None = None) -> list[Problem]:
    problems = []
    if not draft.title.strip():
        problems.append(Problem("title", "a milestone needs a title, e.g. 'Practise with the mentor'."))
    elif len(draft.title.strip()) > TITLE_MAX:
        problems.append(Problem("title", f"keep it under {TITLE_MAX} characters."))
    if draft.done_on is not None and draft.done_on > today:
        problems.append(
            Problem("done_on", f"{show_date(draft.done_on)} is in the future; use today or earlier.")
        )
    if draft.due_on and target_date and draft.due_on > target_date:
        problems.append(
            Problem("due_on", "it falls after the goal's target date.", blocking=False),
        )
    return problems


def spread_due_dates(count: int, start: date, target: date | None) -> list[date | None]:
    """Due dates for ``count`` milestones evenly spaced up to the target (the last one on it)."""
    if count <= 0:
        return []
    if target is None or target <= start:
        return [None] * count
    span = (target - start).days
    return [start + timedelta(days=round(span * (i + 1) / count)) for i in range(count)]


# -- statistics ----------------------------------------------------------------------------------


@dataclass
class GoalCounts:
    not_started: int = 0
    in_progress: int = 0
    achieved: int = 0
    dropped: int = 0

    @property
    def total(self) -> int:
        return self.not_started + self.in_progress + self.achieved + self.dropped

    @property
    def open(self) -> int:
        return self.not_started + self.in_progress

    def achieved_share(self) -> int:
        """Per cent achieved of the goals that finished (achieved or dropped); 0 when none did."""
        finished = self.achieved + self.dropped
        return round(100 * self.achieved / finished) if finished else 0


def count_statuses(statuses: Iterable[str]) -> GoalCounts:
    counts = GoalCounts()
    for status in statuses:
        if status in GoalStatus.__members__.values():
            name = GoalStatus(status).value
            setattr(counts, name, getattr(counts, name) + 1)
    return counts


# -- reflections ---------------------------------------------------------------------------------


@dataclass
class ReflectionDraft:
    written_on: date | None = None
    author_role: str = "mentee"
    successes: str = ""
    challenges: str = ""
    what_helped: str = ""
    next_steps: str = ""
    goal_ids: list[int] = field(default_factory=list)


def check_reflection(
    draft: ReflectionDraft, today: date, match_started_on: date | None = None
) -> list[Problem]:
    problems = too_long(draft, ("successes", "challenges", "what_helped", "next_steps"))
    if draft.written_on is None:
        problems.append(Problem("written_on", "say when the reflection was written."))
    elif draft.written_on > today:
        problems.append(
            Problem("written_on", f"{show_date(draft.written_on)} is in the future; use today or earlier.")
        )
    elif match_started_on is not None and draft.written_on < match_started_on:
        problems.append(
            Problem("written_on", f"the match started on {show_date(match_started_on)}; use a later date.")
        )
    if draft.author_role not in AUTHOR_ROLES:
        problems.append(Problem("author_role", f"use one of {', '.join(AUTHOR_ROLES)}."))
    if not any(t.strip() for t in (draft.successes, draft.challenges, draft.what_helped, draft.next_steps)):
        problems.append(
            Problem("successes", "write at least one of successes, challenges, what helped or next steps.")
        )
    return problems
