"""Answers that put a match on the coordinator's attention list.

- a fit-check rating at the bottom of its scale: 2 or less of 5 (4 or less of 10);
- "no" to a question marked ``alert_no`` ("Do you want to carry on meeting your mentor?");
- a pulse score (``scoring.rating_mean``, on 1–5) at least 1 point below the person's previous one.
Only each person's latest response to a template is looked at: an answered worry that the next
survey shows resolved no longer shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mentordesk.core.surveys.questions import Question, show_answer
from mentordesk.core.surveys.scoring import rating_mean

LOW_FIT = {"rating5": 2, "rating10": 4}
PULSE_DROP = 1.0


@dataclass(frozen=True)
class Alert:
    question_id: str
    text: str  # what the coordinator reads: the question and the answer


def alerts_for(
    purpose: str,
    questions: list[Question],
    answers: Mapping[str, Any],
    previous: Mapping[str, Any] | None = None,
) -> list[Alert]:
    out = []
    for question in questions:
        value = answers.get(question.id)
        if value is None:
            continue
        limit = LOW_FIT.get(question.kind)
        if purpose == "fit_check" and limit is not None and not question.reverse and value <= limit:
            out.append(Alert(question.id, f"“{question.text}” {show_answer(question, value)}"))
        if question.alert_no and value is False:
            out.append(Alert(question.id, f"“{question.text}” No"))
    if purpose == "pulse" and previous is not None:
        now, before = rating_mean(questions, answers), rating_mean(questions, previous)
        if now is not None and before is not None and before - now >= PULSE_DROP:
            out.append(Alert("", f"Pulse score fell from {before:.1f} to {now:.1f} (of 5)"))
    return out
