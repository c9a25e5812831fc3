"""Where free text names a person, and taking those mentions out when the person is erased.

``TEXT_FIELDS`` is the one list of free-text fields a person's name, e-mail or phone can end up
in. Erasure treats them in two ways:

- in the records of the person's own matches (the match itself, its meetings and series, goals,
  milestones, reflections, contact-log entries, documents) and in the audit trail, every mention
  is replaced by ``REDACTED``: that text is about the relationship with them;
- everywhere else (another person's notes, another match's meeting notes) a mention may be a
  namesake, so it is listed for the coordinator to review and redact by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mentordesk.store.models import (
    AuditEvent,
    ConsentRecord,
    ContactLog,
    Document,
    Enrolment,
    Exclusion,
    Goal,
    Guardian,
    Match,
    Meeting,
    MeetingSeries,
    Milestone,
    Participant,
    Reflection,
    ScreeningCheck,
)

REDACTED = "[erased]"
# Words in a guardian's name field that are not a name ("Parent of Sam", "Mrs Ali"): never searched alone.
_NOT_A_NAME = frozenset(
    [
        "parent",
        "of",
        "the",
        "and",
        "mother",
        "father",
        "mum",
        "mom",
        "dad",
        "carer",
        "guardian",
        "grandmother",
        "grandfather",
        "gran",
        "grandma",
        "grandad",
        "grandpa",
        "nan",
        "aunt",
        "uncle",
        "foster",
        "step",
        "sister",
        "brother",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
    ]
)

TEXT_FIELDS: dict[Any, tuple[str, ...]] = {
    Match: (
        "rationale",
        "first_meeting_staff",
        "closure_reason",
        "closure_initiated_by",
        "exit_notes_mentor",
        "exit_notes_mentee",
        "exit_notes_guardian",
    ),
    Meeting: ("place", "agenda", "cancelled_by", "activity", "notes"),
    MeetingSeries: ("place", "agenda"),
    Goal: (
        "title",
        "why",
        "specific",
        "measurable",
        "achievable",
        "relevant",
        "dropped_reason",
        "review_notes",
    ),
    Milestone: ("title",),
    Reflection: ("successes", "challenges", "what_helped", "next_steps"),
    ContactLog: ("summary", "goal_progress", "actions"),
    Document: ("notes",),
    AuditEvent: ("summary",),
    Participant: ("notes", "accessibility_needs", "emergency_contact"),
    Enrolment: ("referral_source", "preferences", "exit_reason"),
    Exclusion: ("reason",),
    Guardian: ("notes", "address"),
    ConsentRecord: ("notes",),
    ScreeningCheck: ("person_name", "notes"),
}


@dataclass(frozen=True)
class Mention:
    """A field outside the erased person's matches whose text names them."""

    entity: str  # table name
    entity_id: int
    field: str
    owner: str = ""  # the person whose record it is, for a participant's own fields

    def describe(self) -> str:
        where = self.owner or f"{self.entity.replace('_', ' ')} #{self.entity_id}"
        return f"{where}: {self.field.replace('_', ' ')}"


def identifying_values(person: Participant) -> list[str]:
    """The person's names, e-mail, phone and their guardians' names (whole and each word that is a
    name, not "Parent of"), e-mails and phones."""
    values = [
        person.first_name,
        person.last_name,
        person.preferred_name,
        f"{person.first_name} {person.last_name}",
        person.email,
        person.phone,
    ]
    for guardian in Guardian.select().where(Guardian.participant == person.id):
        words = [w for w in guardian.name.split() if w.casefold().strip(".") not in _NOT_A_NAME]
        values += [guardian.name, *words, guardian.email, guardian.phone]
    return [v.strip() for v in values if v and len(v.strip()) >= 2]


def pattern(values: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for whole-word mentions of any value (phones in any spacing)."""
    parts = []
    for value in sorted(set(values), key=len, reverse=True):
        digits = re.sub(r"\D", "", value)
        if digits and len(digits) >= 6 and not re.search(r"[^\d\s()+./-]", value):
            parts.append(r"[\s()./-]*".join(re.escape(d) for d in digits))
        else:
            parts.append(r"\s+".join(re.escape(word) for word in value.split()))
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _own_scope(model: Any, participant_id: int, matches: list[int]) -> Any:
    """The rows of ``model`` that belong to the person's matches (redacted); None: nothing of theirs."""
    in_matches = matches or [-1]
    goals = Goal.select(Goal.id).where(Goal.match.in_(in_matches) | (Goal.owner == participant_id))
    return {
        Match: Match.id.in_(in_matches),
        Meeting: Meeting.match.in_(in_matches),
        MeetingSeries: MeetingSeries.match.in_(in_matches),
        Goal: Goal.id.in_(goals),
        Milestone: Milestone.goal.in_(goals),
        Reflection: Reflection.match.in_(in_matches),
        ContactLog: ContactLog.match.in_(in_matches) | (ContactLog.participant == participant_id),
        Document: Document.match.in_(in_matches) | (Document.participant == participant_id),
        AuditEvent: True,
        Participant: Participant.id == participant_id,
        Enrolment: Enrolment.participant == participant_id,
        Exclusion: (Exclusion.participant == participant_id) | (Exclusion.other == participant_id),
        Guardian: Guardian.participant == participant_id,
        ConsentRecord: ConsentRecord.participant == participant_id,
        ScreeningCheck: ScreeningCheck.participant == participant_id,
    }.get(model)


def _rows(model: Any, fields: tuple[str, ...], where: Any) -> Iterable[tuple]:
    columns = [model._meta.primary_key, *(getattr(model, f) for f in fields)]
    query = model.select(*columns)
    if where is not None and where is not True:
        query = query.where(where)
    return query.tuples().iterator()


def redact(participant_id: int, matches: list[int], values: list[str]) -> int:
    """Replace every mention in the person's own scope; returns how many fields changed. Call in a transaction."""
    found = pattern(values)
    if found is None:
        return 0
    changed = 0
    for model, fields in TEXT_FIELDS.items():
        scope = _own_scope(model, participant_id, matches)
        if scope is None:
            continue
        for row_id, *texts in list(_rows(model, fields, scope)):
            update = {
                name: found.sub(REDACTED, text)
                for name, text in zip(fields, texts, strict=True)
                if text and found.search(text)
            }
            if update:
                model.update(**update).where(model._meta.primary_key == row_id).execute()
                changed += len(update)
    return changed


def elsewhere(participant_id: int, matches: list[int], values: list[str]) -> list[Mention]:
    """Fields outside the person's own scope that mention them: for the coordinator to review."""
    found = pattern(values)
    if found is None:
        return []
    out = []
    for model, fields in TEXT_FIELDS.items():
        scope = _own_scope(model, participant_id, matches)
        if scope is True:
            continue
        where = None if scope is None else ~scope
        for row_id, *texts in _rows(model, fields, where):
            for name, text in zip(fields, texts, strict=True):
                if text and found.search(text):
                    owner = Participant.get_by_id(row_id).display_name if model is Participant else ""
                    out.append(Mention(model._meta.table_name, row_id, name, owner))
    return out


def personal_values() -> list[str]:
    """Every name held in the open database (people and guardians), for the log scrubber.

    Raises ``RuntimeError`` when no database is open: reading would open a connection nobody closes.
    """
    from mentordesk.store.db import database

    if database.obj is None or database.obj.is_closed():
        raise RuntimeError("no database is open")
    values = [
        value
        for row in Participant.select(
            Participant.first_name, Participant.last_name, Participant.preferred_name
        )
        .where(Participant.anonymised == False)  # noqa: E712
        .tuples()
        .iterator()
        for value in row
    ]
    for (name,) in Guardian.select(Guardian.name).tuples().iterator():
        values += [w for w in name.split() if w.casefold().strip(".") not in _NOT_A_NAME]
    return values
