"""What merging a roster row into a person already here would change, field by field.

A merge never overwrites silently: ``field_changes`` lists each field whose value would
change (old -> new), and marks as *kept* a new value that is only a lossy copy of the
stored one: accents or other letters lost ("Łukasz" saved as "Lukasz" by a Windows-1252
export), capitals lost ("McDonald" -> "MCDONALD" or "mcdonald"), or letters replaced
by "?". The stored value stays unless the coordinator asks for such copies to replace it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from mentordesk.core.participants.csv_columns import FIELD_BY_KEY
from mentordesk.core.participants.csv_records import PERSON_FIELDS, PersonRecord
from mentordesk.core.participants.validation import PLAIN_LETTERS

# Enrolment fields a merge may change, besides the person's own.
MERGED_ENROLMENT_FIELDS = ("role", "capacity", "referral_source", "preferences")
_LABELS = {"capacity": "Mentor capacity"}


def plain(text: str) -> str:
    """``text`` as a code page without its letters would write it: accents and special letters gone."""
    decomposed = unicodedata.normalize("NFKD", text.translate(PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def lossy_copy(old: str, new: str) -> str:
    """Why ``new`` is a lossy copy of ``old`` ("accents lost", ...), or "" when it is not one."""
    if old == new or not old or not new:
        return ""
    if len(old) == len(new) and "?" in new and all(a == b or b == "?" for a, b in zip(old, new, strict=True)):
        return "letters replaced by '?'"
    flat = plain(old)
    if new == flat:
        return "accents lost"
    cased = old != old.lower() and old != old.upper()
    if cased and new in (old.lower(), old.upper()):
        return "capitals lost"
    if new in (flat.lower(), flat.upper()) and (flat != old):
        return "accents and capitals lost"
    return ""


@dataclass(frozen=True)
class FieldChange:
    key: str
    old: str
    new: str
    lossy: str = ""  # why the new value is a lossy copy of the old one ("" when it is not)
    replace_lossy: bool = False  # asked to replace even so

    @property
    def applied(self) -> bool:
        return not self.lossy or self.replace_lossy

    @property
    def label(self) -> str:
        return _LABELS.get(self.key) or (
            FIELD_BY_KEY[self.key].label if self.key in FIELD_BY_KEY else self.key
        )

    def __str__(self) -> str:
        if self.applied:
            return f"{self.label}: '{self.old}' -> '{self.new}'"
        return f"{self.label}: keeps '{self.old}' (the file has '{self.new}', {self.lossy})"


def shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def field_changes(
    current: Mapping[str, object], record: PersonRecord, *, replace_lossy: bool = False
) -> list[FieldChange]:
    """Each field the row fills in with a value different from ``current`` (the stored person, and their
    enrolment fields when they are enrolled in this programme). Empty cells never erase, and an e-mail
    that differs only in capitals keeps how it was written."""
    changes = []
    keys = [k for k in PERSON_FIELDS if k in record.provided]
    keys += [k for k in MERGED_ENROLMENT_FIELDS if k in record.provided and k in current]
    for key in keys:
        old, new = shown(current.get(key)), shown(getattr(record, key))
        if old == new or not new:
            continue
        if key == "email" and old.casefold() == new.casefold():
            continue
        lossy = lossy_copy(old, new) if isinstance(getattr(record, key), str) else ""
        changes.append(FieldChange(key, old, new, lossy, replace_lossy))
    return changes
