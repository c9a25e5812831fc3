"""What every goal rule shares: problems that name their field, labels, dates in messages. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from mentordesk.core.vocab import GoalStatus

TITLE_MAX = 200
DEFAULT_REVIEW_INTERVAL_DAYS = 90
DEFAULT_TARGET_DAYS = 90

OPEN_STATUSES = frozenset({GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS})
FINISHED_STATUSES = frozenset({GoalStatus.ACHIEVED, GoalStatus.DROPPED})

FIELD_LABELS = {
    "title": "Title",
    "why": "Why it matters",
    "specific": "Specific",
    "measurable": "Measurable",
    "achievable": "Achievable steps",
    "relevant": "Relevant to",
    "target_date": "Target date",
    "status": "Status",
    "progress": "Progress",
    "achieved_on": "Achieved on",
    "dropped_reason": "Reason for dropping",
    "review_on": "Review date",
    "reviewed_on": "Reviewed on",
    "owner": "Owner",
    "due_on": "Due date",
    "done_on": "Done on",
    "written_on": "Date",
    "author_role": "Written by",
    "successes": "Successes",
    "challenges": "Challenges",
    "what_helped": "What helped",
    "next_steps": "Next steps",
    "review_notes": "Review notes",
    "milestones": "Milestones",
    "meeting": "Meeting",
    "goals": "Goals",
}

AUTHOR_ROLES = ("mentee", "mentor", "peer", "coordinator")


def show_date(day: date) -> str:
    """Dates in messages: unambiguous whatever the reader's dd/mm habits ("5 Mar 2027")."""
    return f"{day.day} {day:%b %Y}"


class Problem(NamedTuple):
    field: str
    message: str
    blocking: bool = True

    def __str__(self) -> str:
        return f"{FIELD_LABELS.get(self.field, self.field)}: {self.message}"


class GoalRuleError(ValueError):
    """One or more blocking problems; ``field`` is the first one's, for focusing a widget."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        self.field = self.problems[0].field if self.problems else ""
        super().__init__(" ".join(str(p) for p in self.problems))


def blocking(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]


def raise_if_blocking(problems: Iterable[Problem]) -> None:
    errors = blocking(problems)
    if errors:
        raise GoalRuleError(errors)


def add_years(day: date, years: int = 1) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
