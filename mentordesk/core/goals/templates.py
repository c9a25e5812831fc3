"""Goal templates: ready-made goals a programme offers, and the goal a template starts. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from mentordesk.core.goals.basics import DEFAULT_REVIEW_INTERVAL_DAYS, TITLE_MAX, Problem
from mentordesk.core.goals.reviews import default_review_date
from mentordesk.core.goals.rules import GoalDraft, MilestoneDraft, default_target_date, spread_due_dates


class TemplateMilestone(NamedTuple):
    title: str
    due_days: int | None = None  # days after the goal is set, when the template says


def parse_template_milestones(raw: object) -> list[TemplateMilestone]:
    """Template milestones as stored: plain titles, or {"title", "due_days"} objects; blanks dropped."""
    out: list[TemplateMilestone] = []
    if not isinstance(raw, list):
        return out
    for item in raw:
        if isinstance(item, str):
            if item.strip():
                out.append(TemplateMilestone(item.strip()))
        elif isinstance(item, dict) and str(item.get("title", "")).strip():
            days = item.get("due_days")
            out.append(TemplateMilestone(str(item["title"]).strip(), int(days) if days is not None else None))
    return out


def milestones_from_lines(text: str) -> list[str]:
    """One milestone per line, as the template editor takes them; blank lines and bullets ignored."""
    lines = [line.strip().lstrip("-*•").strip() for line in text.splitlines()]
    return [line for line in lines if line]


def check_template(title: str, milestones: Sequence[str]) -> list[Problem]:
    problems = []
    if not title.strip():
        problems.append(Problem("title", "a template needs a title, e.g. 'Choose a university course'."))
    elif len(title.strip()) > TITLE_MAX:
        problems.append(Problem("title", f"keep it under {TITLE_MAX} characters."))
    too_long = [i + 1 for i, m in enumerate(milestones) if len(m) > TITLE_MAX]
    if too_long:
        problems.append(Problem("milestones", f"line {too_long[0]} is over {TITLE_MAX} characters."))
    seen: set[str] = set()
    for i, m in enumerate(milestones):
        key = m.casefold()
        if key in seen:
            problems.append(Problem("milestones", f"line {i + 1} repeats '{m}'.", blocking=False))
        seen.add(key)
    return problems


def goal_from_template(
    template_title: str,
    texts: dict[str, str],
    milestones: Sequence[TemplateMilestone],
    today: date,
    target_date: date | None = None,
    review_interval_days: int = DEFAULT_REVIEW_INTERVAL_DAYS,
) -> tuple[GoalDraft, list[MilestoneDraft]]:
    """A new goal filled from a template; milestones without their own due date are spread to the target."""
    target = target_date or default_target_date(today)
    draft = GoalDraft(
        title=template_title,
        why=texts.get("why", ""),
        specific=texts.get("specific", ""),
        measurable=texts.get("measurable", ""),
        achievable=texts.get("achievable", ""),
        relevant=texts.get("relevant", ""),
        target_date=target,
        review_on=default_review_date(today, target, review_interval_days),
    )
    spread = spread_due_dates(len(milestones), today, target)
    steps = [
        MilestoneDraft(m.title, today + timedelta(days=m.due_days) if m.due_days is not None else spread[i])
        for i, m in enumerate(milestones)
    ]
    return draft, steps
