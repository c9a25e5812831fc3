"""Custom fields: a coordinator's own questions, and how an answer is read and shown for each kind.

An answer arrives as text (a CSV cell, a PDF form field, a line edit) or as a value (a list of ticked
choices, True/False, a date); ``parse_answer`` gives back what is stored (text and choice: a string;
multiple: a list of strings in the order of the choices; yes_no: a bool; date: ISO "YYYY-MM-DD") or
raises ``Invalid`` with a message that names the field and says what it accepts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from mentordesk.core.participants.validation import (
    DateOrder,
    Invalid,
    clean,
    fold,
    parse_date,
    parse_yes_no,
)

KINDS = ("text", "choice", "multiple", "yes_no", "date")
KIND_LABELS = {
    "text": "Text",
    "choice": "One choice",
    "multiple": "Several choices",
    "yes_no": "Yes or no",
    "date": "Date",
}
ROLES = ("both", "mentor", "mentee")
CUSTOM_PREFIX = "custom:"  # an import mapping's key for "the custom field of this name"
_SPLIT = re.compile(r"\s*[;,\n]\s*")
TEXT_LIMIT = 2000


@dataclass(frozen=True)
class FieldSpec:
    id: int
    label: str
    kind: str = "text"
    choices: tuple[str, ...] = ()
    role: str = "both"
    help_text: str = ""
    required: bool = False
    position: int = 0
    programme_id: int = 0

    def applies_to(self, role: str | None) -> bool:
        return role is None or self.role == "both" or self.role == role

    @property
    def placeholder(self) -> str:
        """The document-template name of the answer: ``custom.favourite_subject``."""
        return "custom." + placeholder_name(self.label)


def placeholder_name(label: str) -> str:
    """The label in lower case, with a _ for each run of spaces and punctuation (letters kept whole)."""
    name = re.sub(r"\W+", "_", unicodedata.normalize("NFC", label).casefold()).strip("_")
    return name or "field"


@dataclass
class FieldDraft:
    """A field as the coordinator types it, before it is checked."""

    label: str
    kind: str = "text"
    choices: list[str] = field(default_factory=list)
    role: str = "both"
    help_text: str = ""
    required: bool = False


def check_draft(draft: FieldDraft) -> FieldDraft:
    label = clean(draft.label)
    if not label:
        raise Invalid("A custom field needs a label: type the question as people should see it.")
    if len(label) > 200:
        raise Invalid(f"The label {label[:40]!r}… is {len(label)} characters: keep it under 200.")
    if draft.kind not in KINDS:
        raise Invalid(f"{label}: the kind is one of {', '.join(KINDS)}, not {draft.kind!r}.")
    if draft.role not in ROLES:
        raise Invalid(f"{label}: the field is for mentors, mentees or both, not {draft.role!r}.")
    choices: list[str] = []
    for choice in draft.choices:
        text = clean(choice)
        if text and fold(text) not in {fold(c) for c in choices}:
            choices.append(text)
    if draft.kind in ("choice", "multiple") and len(choices) < 2:
        raise Invalid(f"{label}: a choice field needs at least two choices, one a line.")
    if draft.kind not in ("choice", "multiple"):
        choices = []
    return FieldDraft(label, draft.kind, choices, draft.role, draft.help_text.strip(), draft.required)


def _choice(spec: FieldSpec, text: str) -> str:
    wanted = fold(text)
    for choice in spec.choices:
        if fold(choice) == wanted:
            return choice
    raise Invalid(f"{spec.label}: {text!r} is not one of the choices ({', '.join(spec.choices)}).")


def parse_answer(
    spec: FieldSpec, raw: object, order: DateOrder = DateOrder.DMY
) -> str | list[str] | bool | None:
    """The stored form of an answer; None when empty (required fields are checked by ``missing_answer``)."""
    if raw is None:
        return None
    kind = spec.kind
    if kind == "multiple":
        items = list(raw) if isinstance(raw, list | tuple) else _SPLIT.split(str(raw).strip())
        picked = {_choice(spec, clean(str(item))) for item in items if clean(str(item))}
        return [c for c in spec.choices if c in picked] or None
    if kind == "yes_no":
        if isinstance(raw, bool):
            return raw
        try:
            return parse_yes_no(str(raw))
        except Invalid:
            raise Invalid(f"{spec.label}: {clean(str(raw))!r} is not yes or no.") from None
    if kind == "date":
        if isinstance(raw, date):
            return raw.isoformat()
        try:
            parsed = parse_date(str(raw), order)
        except Invalid as exc:
            raise Invalid(f"{spec.label}: {exc}") from None
        return parsed.value.isoformat() if parsed is not None else None
    text = str(raw).strip() if kind == "text" else clean(str(raw))
    if not text:
        return None
    if kind == "choice":
        return _choice(spec, text)
    if len(text) > TEXT_LIMIT:
        raise Invalid(f"{spec.label}: the answer is {len(text)} characters; keep it under {TEXT_LIMIT}.")
    return text


def missing_answer(spec: FieldSpec, value: object) -> str | None:
    """The message for a required field left empty, else None."""
    if spec.required and value in (None, "", []):
        return f"{spec.label}: this field is required; fill it in."
    return None


def format_answer(spec: FieldSpec, value: object) -> str:
    """An answer as people read it (detail pane, CSV cell, document placeholder)."""
    if value is None or value == "" or value == []:
        return ""
    if spec.kind == "multiple" and isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if spec.kind == "yes_no":
        return "Yes" if value else "No"
    return str(value)
