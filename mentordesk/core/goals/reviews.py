"""Goal reviews: at least once a year and at match closure, as the standards ask. Pure."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from mentordesk.core.goals.basics import (
    DEFAULT_REVIEW_INTERVAL_DAYS,
    OPEN_STATUSES,
    Problem,
    add_years,
    show_date,
)


class ReviewReason(StrEnum):
    SCHEDULED = "scheduled"  # the review date set on the goal
    YEARLY = "yearly"  # a year since the last review (or since the goal was set)
    CLOSURE = "closure"  # the match closed and the goal has not been reviewed since


REVIEW_REASON_TEXT = {
    ReviewReason.SCHEDULED: "scheduled review",
    ReviewReason.YEARLY: "yearly review",
    ReviewReason.CLOSURE: "review at match closure",
}


class ReviewDue(NamedTuple):
    due_on: date
    reason: ReviewReason

    def days_overdue(self, today: date) -> int:
        return max(0, (today - self.due_on).days)

    def is_due(self, today: date, within_days: int = 0) -> bool:
        return self.due_on <= today + timedelta(days=within_days)


def next_review(
    status: str,
    *,
    review_on: date | None,
    reviewed_on: date | None,
    created_on: date,
    match_closed_on: date | None = None,
) -> ReviewDue | None:
    """When an open goal must next be reviewed, and why; None when no review is owed.

    The standards ask for a review at least yearly and at closure: the yearly date runs from the
    last review (or the day the goal was set); a goal still open when its match closed owes a
    closing review, unless it was reviewed on or after the closing day.
    """
    if status not in OPEN_STATUSES:
        return None
    yearly = add_years(reviewed_on or created_on)
    if review_on is not None and review_on <= yearly:
        due = ReviewDue(review_on, ReviewReason.SCHEDULED)
    else:
        due = ReviewDue(yearly, ReviewReason.YEARLY)
    if match_closed_on is not None:
        if reviewed_on is not None and reviewed_on >= match_closed_on:
            return None
        return ReviewDue(min(due.due_on, match_closed_on), ReviewReason.CLOSURE)
    return due


def check_review(
    reviewed_on: date | None, next_review_on: date | None, today: date, *, needs_next: bool
) -> list[Problem]:
    """Recording a review: when it happened, and (for a goal that stays open) when the next one is."""
    problems = []
    if reviewed_on is None:
        problems.append(Problem("reviewed_on", "say when the goal was reviewed."))
        return problems
    if reviewed_on > today:
        problems.append(
            Problem("reviewed_on", f"{show_date(reviewed_on)} is in the future; use today or earlier.")
        )
    if next_review_on is None:
        if needs_next:
            problems.append(Problem("review_on", "an open goal needs its next review date."))
        return problems
    if next_review_on <= reviewed_on:
        problems.append(Problem("review_on", "the next review must come after this one."))
    elif next_review_on > add_years(reviewed_on):
        problems.append(
            Problem(
                "review_on",
                f"goals are reviewed at least once a year: choose {show_date(add_years(reviewed_on))} or earlier.",
            )
        )
    return problems


def default_review_date(
    today: date, target_date: date | None = None, interval_days: int = DEFAULT_REVIEW_INTERVAL_DAYS
) -> date:
    """The next review: after the usual interval, or at the target date if that comes first; within a year."""
    review = today + timedelta(days=max(1, interval_days))
    if target_date is not None and today < target_date < review:
        review = target_date
    return min(review, add_years(today))
