"""Survey questions and answers: the kinds, their checks, and reading an answer from text.

A question is a plain value; templates hold them as JSON (``to_json``/``from_json``). Every answer
that comes from outside (a typed dialog, a returned PDF's fields, a CSV cell) goes through
``clean_answer``, which returns the stored value or raises ``AnswerProblem`` naming the question
and saying what would be accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

KINDS = ("rating5", "rating10", "yes_no", "single", "multiple", "short_text")
KIND_LABELS = {
    "rating5": "rating 1–5",
    "rating10": "rating 1–10",
    "yes_no": "yes / no",
    "single": "one choice",
    "multiple": "several choices",
    "short_text": "short text",
}
RATING_RANGE = {"rating5": (1, 5), "rating10": (1, 10)}
MAX_TEXT = 2000
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_YES = {"yes", "y", "true", "1", "ja", "oui", "sí", "si"}
_NO = {"no", "n", "false", "0", "nein", "non"}
Answer = int | bool | str | list[str]


class AnswerProblem(ValueError):
    """An answer that cannot be stored; the message names the question and what is accepted."""

    def __init__(self, question: Question, message: str) -> None:
        super().__init__(f"{question.label}: {message}")
        self.question_id = question.id


class TemplateProblem(ValueError):
    """A template whose questions are not usable; the message names the question."""


@dataclass(frozen=True)
class Question:
    id: str  # letters, digits and _ (it names the PDF field and the CSV column)
    text: str
    kind: str
    choices: tuple[str, ...] = ()
    labels: tuple[str, str] = ("", "")  # what the lowest and highest rating mean
    scale: str = ""  # the outcome scale this item belongs to ("confidence"); "" for none
    reverse: bool = False  # a negatively worded item: 5 counts as 1 when scored
    required: bool = False
    alert_no: bool = False  # "no" puts the match on the attention list ("do you want to continue?")

    @property
    def label(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"Question “{text}”"

    @property
    def rating_range(self) -> tuple[int, int] | None:
        return RATING_RANGE.get(self.kind)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text, "kind": self.kind}
        if self.choices:
            out["choices"] = list(self.choices)
        if any(self.labels):
            out["labels"] = list(self.labels)
        if self.scale:
            out["scale"] = self.scale
        for flag in ("reverse", "required", "alert_no"):
            if getattr(self, flag):
                out[flag] = True
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Question:
        labels = tuple(data.get("labels") or ("", ""))
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            kind=str(data["kind"]),
            choices=tuple(str(c) for c in data.get("choices") or ()),
            labels=(str(labels[0]), str(labels[1])) if len(labels) == 2 else ("", ""),
            scale=str(data.get("scale") or ""),
            reverse=bool(data.get("reverse")),
            required=bool(data.get("required")),
            alert_no=bool(data.get("alert_no")),
        )


def check_questions(raw: list[dict[str, Any]]) -> list[Question]:
    """The questions of a template, or ``TemplateProblem`` naming the first bad one."""
    if not raw:
        raise TemplateProblem("A survey needs at least one question.")
    out: list[Question] = []
    seen: set[str] = set()
    for number, data in enumerate(raw, start=1):
        try:
            question = Question.from_json(data)
        except (KeyError, TypeError) as exc:
            raise TemplateProblem(
                f"Question {number} lacks {exc}: each needs an id, a text and a kind."
            ) from None
        where = f"Question {number} (“{question.text[:40]}”)"
        if not _ID.match(question.id):
            raise TemplateProblem(
                f"{where}: its id must be lower-case letters, digits and _ (got {question.id!r})."
            )
        if question.id in seen:
            raise TemplateProblem(f"{where}: the id {question.id!r} is used twice.")
        seen.add(question.id)
        if not question.text.strip():
            raise TemplateProblem(f"Question {number}: the question text is empty.")
        if question.kind not in KINDS:
            raise TemplateProblem(f"{where}: unknown kind {question.kind!r}; use one of {', '.join(KINDS)}.")
        if question.kind in ("single", "multiple") and len(question.choices) < 2:
            raise TemplateProblem(f"{where}: a choice question needs at least two choices.")
        if (question.scale or question.reverse) and question.rating_range is None:
            raise TemplateProblem(f"{where}: only rating questions can belong to a scale.")
        first = next((q for q in out if question.scale and q.scale == question.scale), None)
        if first is not None and first.kind != question.kind:
            raise TemplateProblem(
                f"{where}: every statement of the scale {question.scale!r} is rated alike "
                f"({KIND_LABELS[first.kind]}); make this one {KIND_LABELS[first.kind]} too."
            )
        out.append(question)
    return out


def kind_changes(old: list[Question], new: list[Question]) -> list[tuple[int, Question, Question]]:
    """(number in ``new``, the question before, after) for each kept question whose kind changed."""
    before = {q.id: q for q in old}
    return [
        (number, before[q.id], q)
        for number, q in enumerate(new, start=1)
        if q.id in before and before[q.id].kind != q.kind
    ]


def _as_int(text: str) -> int | None:
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def clean_answer(question: Question, value: Any) -> Answer | None:
    """The answer as stored (None: not answered), or ``AnswerProblem``."""
    if value is None or (isinstance(value, str) and not value.strip()) or value == []:
        if question.required:
            raise AnswerProblem(question, "an answer is required.")
        return None
    kind = question.kind
    bounds = question.rating_range
    if bounds is not None:
        low, high = bounds
        number = (
            value if isinstance(value, int) and not isinstance(value, bool) else _as_int(str(value).strip())
        )
        if number is None or not low <= number <= high:
            raise AnswerProblem(
                question, f"{str(value).strip()!r} is not a whole number from {low} to {high}."
            )
        return number
    if kind == "yes_no":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
        raise AnswerProblem(question, f"{str(value).strip()!r} is not yes or no.")
    if kind == "single":
        return _choice(question, str(value).strip())
    if kind == "multiple":
        if isinstance(value, list | tuple):
            items = [str(v).strip() for v in value]
        else:
            text = str(value).strip()
            items = [text] if _find_choice(question, text) else re.split(r"\s*[;|]\s*|,\s+", text)
        picked = [_choice(question, item) for item in items if item]
        return [c for c in question.choices if c in picked]  # template order, each once
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise AnswerProblem(question, f"the answer is longer than {MAX_TEXT} characters.")
    return text


def _find_choice(question: Question, text: str) -> str | None:
    folded = text.casefold()
    return next((c for c in question.choices if c.casefold() == folded), None)


def _choice(question: Question, text: str) -> str:
    found = _find_choice(question, text)
    if found is None:
        raise AnswerProblem(question, f"{text!r} is not one of the choices ({'; '.join(question.choices)}).")
    return found


def clean_answers(questions: list[Question], raw: dict[str, Any]) -> tuple[dict[str, Answer], list[str]]:
    """All answers of one response: (the stored answers, the problems, one line each)."""
    answers: dict[str, Answer] = {}
    problems: list[str] = []
    for question in questions:
        try:
            value = clean_answer(question, raw.get(question.id))
        except AnswerProblem as problem:
            problems.append(str(problem))
            continue
        if value is not None:
            answers[question.id] = value
    known = {q.id for q in questions}
    problems += [
        f"Unknown question {key!r}: this survey has no such question." for key in raw if key not in known
    ]
    if not answers and not problems:
        problems.append("No question was answered.")
    return answers, problems


def show_answer(question: Question, value: Answer | None) -> str:
    """An answer as people read it ("4 of 5", "No", "Schoolwork; Hobbies")."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(value)
    bounds = question.rating_range
    if bounds is not None:
        return f"{value} of {bounds[1]}"
    return str(value)


@dataclass(frozen=True)
class TemplateSpec:
    """A template as plain data: what core rules and built-ins deal in."""

    key: str
    name: str
    audience: str  # mentor, mentee, both
    purpose: str  # fit_check, pulse, exit, outcome
    questions: tuple[Question, ...]
    schedules: tuple[tuple[str, int], ...] = field(default_factory=tuple)  # (when, days)
