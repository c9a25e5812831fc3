"""What reading a roster produces: accepted people, problems by row and column, duplicates.

Plain data, shared by the row checker (core/participants/csv_check.py), the import service and the UI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from mentordesk.core.participants.profile_text import Slot, TagSpec
from mentordesk.core.vocab import EnrolmentStatus


class Severity(StrEnum):
    ERROR = "error"  # the row cannot be imported as it is
    WARNING = "warning"  # imported, but worth a look
    CHANGE = "change"  # what merging the row would change in a person already here (old -> new)
    READY = "ready"  # not a problem: the preview's line for a row that will be imported


@dataclass(frozen=True)
class Problem:
    row: int  # spreadsheet row number (header = 1); 0 for the file as a whole
    column: str  # the CSV header of the cell, or "" for the whole row
    message: str
    severity: Severity = Severity.ERROR
    source: str = ""  # the file the row came from, when each row is a file (a returned PDF form)

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row else "File"
        if self.source:
            where += f" (form {self.source})"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class GuardianInfo(NamedTuple):
    name: str
    relationship: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class PersonDetails:
    """What a participant record holds about the person: the add/edit form and a roster row alike."""

    first_name: str
    last_name: str = ""
    preferred_name: str = ""
    pronouns: str = ""
    email: str = ""
    phone: str = ""
    date_of_birth: date | None = None
    age_band: str = ""
    organisation: str = ""
    department: str = ""
    seniority: int | None = None
    accessibility_needs: str = ""
    emergency_contact: str = ""
    notes: str = ""


PERSON_FIELDS = tuple(f.name for f in fields(PersonDetails))


@dataclass
class PersonRecord(PersonDetails):
    """One accepted person, in storage terms. ``provided`` names the fields the file filled in."""

    role: str = ""
    status: str = EnrolmentStatus.APPLIED.value
    capacity: int = 1
    referral_source: str = ""
    preferences: str = ""
    tags: list[TagSpec] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    guardian: GuardianInfo | None = None
    consent_given: bool | None = None
    consent_date: date | None = None
    enrolled_on: date | None = None  # None: the day of the import
    provided: set[str] = field(default_factory=set)
    name_key: str = ""
    custom: dict[str, object] = field(
        default_factory=dict
    )  # custom field label -> stored answer  # how duplicate detection compares names (set when the row is read)


class Duplicate(NamedTuple):
    in_database: bool  # else an earlier row of the same file
    target: int  # participant id, or the earlier row number
    reason: str  # "same e-mail" or "same name and date of birth"
    # Same name and date of birth but another e-mail: maybe two people. The coordinator settles it.
    conflict: bool = False

    def describe(self) -> str:
        where = (
            f"participant #{self.target} already in the database"
            if self.in_database
            else f"row {self.target}"
        )
        if self.conflict:
            return (
                f"same name and date of birth as {where}, but a different e-mail: "
                "choose whether to add a new person, merge, or skip"
            )
        return f"same person as {where} ({self.reason})"


@dataclass
class CheckedRow:
    row: int
    record: PersonRecord | None  # None when the row has errors
    problems: list[Problem]
    duplicate: Duplicate | None = None

    @property
    def ok(self) -> bool:
        return self.record is not None


class KnownPerson(NamedTuple):
    id: int
    email: str
    name_key: str
    date_of_birth: date | None


class DuplicateIndex:
    """Who has been seen: people in the database and earlier rows of the file."""

    def __init__(self, known: Iterable[KnownPerson] = ()) -> None:
        self.db_emails: dict[str, int] = {}
        self.db_people: dict[tuple[str, date], int] = {}
        self.email_of: dict[tuple[bool, int], str] = {}  # (in database, id or row) -> folded e-mail
        for person in known:
            if person.email:
                self.db_emails.setdefault(person.email.casefold(), person.id)
                self.email_of[(True, person.id)] = person.email.casefold()
            if person.date_of_birth is not None:
                self.db_people.setdefault((person.name_key, person.date_of_birth), person.id)
        self.file_emails: dict[str, int] = {}
        self.file_people: dict[tuple[str, date], int] = {}

    def find(self, record: PersonRecord) -> Duplicate | None:
        email = record.email.casefold()
        person = (record.name_key, record.date_of_birth) if record.date_of_birth else None
        if email and email in self.db_emails:
            return Duplicate(True, self.db_emails[email], "same e-mail")
        if person and person in self.db_people:
            return self._by_name(True, self.db_people[person], email)
        if email and email in self.file_emails:
            return Duplicate(False, self.file_emails[email], "same e-mail")
        if person and person in self.file_people:
            return self._by_name(False, self.file_people[person], email)
        return None

    def _by_name(self, in_database: bool, target: int, email: str) -> Duplicate:
        known = self.email_of.get((in_database, target), "")
        conflict = bool(email and known and email != known)
        return Duplicate(in_database, target, "same name and date of birth", conflict)

    def remember(self, record: PersonRecord, row: int) -> None:
        if record.email:
            self.file_emails.setdefault(record.email.casefold(), row)
            self.email_of[(False, row)] = record.email.casefold()
        if record.date_of_birth:
            self.file_people.setdefault((record.name_key, record.date_of_birth), row)
