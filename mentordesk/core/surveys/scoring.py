"""Scale scores and the programme's before-and-after figures.

Scale score (the rule, as the reports state it): the mean of the scale's answered items, after
turning each reverse-scored item round (on 1–5, 5 counts as 1 and 2 as 4); None when fewer than half
of the scale's items were answered (a scale of 4 needs 2 answers, a scale of 3 needs 2).

Before and after: for each person, *before* is their first response dated on or before the day
their match started; *after* is their latest response dated after it. A person counts for a scale
("a pair") only when both have a score on that scale. Per scale: ``outcome_pairs`` (how many),
``outcome_mean_change`` (mean of after − before, two decimals) and ``outcome_improved_pct`` (the
share whose score went up, whole per cent); the last two are None when there are no pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from mentordesk.core.surveys.questions import Question


def scales(questions: Iterable[Question]) -> list[str]:
    return list(dict.fromkeys(q.scale for q in questions if q.scale))


def item_value(question: Question, value: Any) -> int | None:
    """A rating as it counts towards a scale (reverse items turned round), None when not a rating."""
    bounds = question.rating_range
    if bounds is None or not isinstance(value, int) or isinstance(value, bool):
        return None
    low, high = bounds
    return low + high - value if question.reverse else value


def scale_scores(questions: Iterable[Question], answers: Mapping[str, Any]) -> dict[str, float | None]:
    items: dict[str, list[Question]] = {}
    for question in questions:
        if question.scale:
            items.setdefault(question.scale, []).append(question)
    out: dict[str, float | None] = {}
    for scale, members in items.items():
        values = [v for q in members if (v := item_value(q, answers.get(q.id))) is not None]
        out[scale] = sum(values) / len(values) if values and 2 * len(values) >= len(members) else None
    return out


def rating_mean(questions: Iterable[Question], answers: Mapping[str, Any]) -> float | None:
    """The mean of a response's ratings, each put on 0–1 (a 10-point and a 5-point item weigh alike)
    and shown back on a 1–5 scale; None when no rating was answered. The pulse score."""
    values = []
    for question in questions:
        value = item_value(question, answers.get(question.id))
        if value is not None and question.rating_range is not None:
            low, high = question.rating_range
            values.append((value - low) / (high - low))
    return 1 + 4 * sum(values) / len(values) if values else None


class ScoredResponse(NamedTuple):
    participant_id: int
    answered_on: date
    scores: Mapping[str, float | None]


def before_and_after(
    responses: Iterable[ScoredResponse], started_on: Mapping[int, date]
) -> dict[int, tuple[ScoredResponse | None, ScoredResponse | None]]:
    """Per person (with a known match start): (before, after) as the module text defines them."""
    out: dict[int, tuple[ScoredResponse | None, ScoredResponse | None]] = {}
    for response in sorted(responses, key=lambda r: r.answered_on):
        start = started_on.get(response.participant_id)
        if start is None:
            continue
        before, after = out.get(response.participant_id, (None, None))
        if response.answered_on <= start:
            before = before or response
        else:
            after = response
        out[response.participant_id] = (before, after)
    return out


def outcome_figures(
    scale_names: Iterable[str], responses: Iterable[ScoredResponse], started_on: Mapping[int, date]
) -> dict[str, dict[str, float | int | None]]:
    pairs = before_and_after(responses, started_on)
    out: dict[str, dict[str, float | int | None]] = {}
    for scale in scale_names:
        changes = []
        for before, after in pairs.values():
            if before is None or after is None:
                continue
            pre, post = before.scores.get(scale), after.scores.get(scale)
            if pre is not None and post is not None:
                changes.append(post - pre)
        n = len(changes)
        out[scale] = {
            "outcome_pairs": n,
            "outcome_mean_change": round(sum(changes) / n, 2) if n else None,
            "outcome_improved_pct": round(100 * sum(1 for c in changes if c > 0) / n) if n else None,
        }
    return out
