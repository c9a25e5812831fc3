"""Writing accepted roster rows fast: bulk inserts with ids assigned up front, merges row by row.

Used only inside the import's transaction (services/participants/csv_import.py). New people
are buffered and written in batches with one prepared ``executemany`` per table
(store/bulk.py): peewee's ``insert_many`` spends most of its time building SQL text
value by value, which made it three times slower than the rest of the import put
together. Their ids are handed out up front by ``store.bulk.IdSource``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from operator import attrgetter

from mentordesk.core.participants import (
    MERGED_ENROLMENT_FIELDS,
    PERSON_FIELDS,
    FieldChange,
    PersonRecord,
    field_changes,
    fold,
)
from mentordesk.core.vocab import ConsentKind, EnrolmentStatus, MatchStatus
from mentordesk.store.bulk import IdSource, insert_tuples
from mentordesk.store.models import (
    AvailabilitySlot,
    ConsentRecord,
    CustomValue,
    Enrolment,
    Guardian,
    Participant,
    ParticipantTag,
    Tag,
    utc_now,
)
from mentordesk.store.rows import tuples

BATCH = 2000
_person_values = attrgetter(*PERSON_FIELDS)  # a record's person fields, in PERSON_FIELDS order, as a tuple
_PERSON_FIELDS = (
    [Participant.id]
    + [getattr(Participant, c) for c in PERSON_FIELDS]
    + [
        Participant.anonymised,
        Participant.created_at,
        Participant.updated_at,
    ]
)
_ENROLMENT_FIELDS = [
    Enrolment.participant,
    Enrolment.programme,
    Enrolment.role,
    Enrolment.status,
    Enrolment.capacity,
    Enrolment.referral_source,
    Enrolment.preferences,
    Enrolment.enrolled_on,
    Enrolment.exited_on,
    Enrolment.exit_reason,
]
_TAG_FIELDS = [ParticipantTag.participant, ParticipantTag.tag, ParticipantTag.direction]
_SLOT_FIELDS = [
    AvailabilitySlot.participant,
    AvailabilitySlot.weekday,
    AvailabilitySlot.start_minute,
    AvailabilitySlot.end_minute,
]
_GUARDIAN_FIELDS = [
    Guardian.id,
    Guardian.participant,
    Guardian.name,
    Guardian.relationship,
    Guardian.email,
    Guardian.phone,
    Guardian.address,
    Guardian.is_emergency_contact,
    Guardian.notes,
]
_CONSENT_FIELDS = [
    ConsentRecord.participant,
    ConsentRecord.guardian,
    ConsentRecord.kind,
    ConsentRecord.given,
    ConsentRecord.given_on,
    ConsentRecord.notes,
]

_CUSTOM_FIELDS = [CustomValue.participant, CustomValue.field, CustomValue.value, CustomValue.updated_at]


CHUNK = 900  # ids per IN (...): old SQLite builds allow 999 parameters per statement


def current_values_many(pids: Iterable[int], programme_id: int) -> dict[int, dict[str, object]]:
    """What a merge compares a row with, per person: their fields, and their enrolment's when they are
    enrolled in ``programme_id`` (the role only while they are in no open match: only then may it change).

    Plain SQL with bound parameters: peewee builds an ``IN (...)`` list value by value, which made the
    preview of a 20,000-row re-import several times slower. Dates may come back as ISO text; the
    comparison (core/participants/csv_merge.py) compares text, so that is what it needs."""
    ids = sorted(set(pids))
    found: dict[int, dict[str, object]] = {}
    db = Participant._meta.database
    mark = db.param  # "?" for SQLite, "%s" for PostgreSQL
    person = ", ".join(f'"{getattr(Participant, c).column_name}"' for c in PERSON_FIELDS)
    enrolment = ", ".join(f'"{getattr(Enrolment, k).column_name}"' for k in MERGED_ENROLMENT_FIELDS)
    for n in range(0, len(ids), CHUNK):
        chunk = ids[n : n + CHUNK]
        marks = ", ".join(mark for _ in chunk)
        rows = db.execute_sql(f'SELECT "id", {person} FROM "participant" WHERE "id" IN ({marks})', chunk)
        for pid, *row in rows:
            found[pid] = dict(zip(PERSON_FIELDS, row, strict=True))
        rows = db.execute_sql(
            f'SELECT "participant_id", {enrolment} FROM "enrolment" '
            f'WHERE "programme_id" = {mark} AND "participant_id" IN ({marks})',
            [programme_id, *chunk],
        )
        for pid, *row in rows:
            found[pid].update(zip(MERGED_ENROLMENT_FIELDS, row, strict=True))
        rows = db.execute_sql(
            'SELECT m."participant_id" FROM "match_member" AS m JOIN "match" AS x ON x."id" = m."match_id" '
            f'WHERE x."programme_id" = {mark} AND x."status" != {mark} AND m."participant_id" IN ({marks})',
            [programme_id, MatchStatus.CLOSED.value, *chunk],
        )
        for (pid,) in rows:
            found[pid].pop("role", None)
    return found


class RosterWriter:
    def __init__(self, programme_id: int, today: date) -> None:
        self.programme_id = programme_id
        self.today = today
        self.person_ids = IdSource(Participant)
        self.guardian_ids = IdSource(Guardian)
        self.tags = {
            (kind, name.casefold()): tid for tid, kind, name in tuples(Tag.select(Tag.id, Tag.kind, Tag.name))
        }
        self.enrolled = {
            pid
            for (pid,) in tuples(
                Enrolment.select(Enrolment.participant).where(Enrolment.programme == programme_id)
            )
        }
        self.custom_ids: dict[str, int] = {}  # custom field label (case-folded) -> id
        self._clear()

    def _clear(self) -> None:
        # When the buffered people were created: one reading of the clock per batch, not per person.
        self.now = utc_now()
        self.custom_values: list[tuple] = []
        self.people: list[tuple] = []
        self.enrolments: list[tuple] = []
        self.tag_links: list[tuple] = []
        self.slots: list[tuple] = []
        self.guardians: list[tuple] = []
        self.consents: list[tuple] = []

    def _tag_id(self, kind: str, name: str) -> int:
        key = (kind, name.casefold())
        if key not in self.tags:
            self.tags[key] = Tag.insert(kind=kind, name=name).execute()
        return self.tags[key]

    def _enrolment_row(self, pid: int, record: PersonRecord) -> tuple:
        exited = record.status == EnrolmentStatus.EXITED.value
        return (
            pid,
            self.programme_id,
            record.role,
            record.status,
            record.capacity,
            record.referral_source,
            record.preferences,
            record.enrolled_on or self.today,
            self.today if exited else None,
            "",
        )

    def _extras(self, pid: int, record: PersonRecord) -> None:
        for label, value in record.custom.items():
            self.custom_values.append(
                (pid, self.custom_ids[label.casefold()], CustomValue.value.db_value(value), utc_now())
            )
        for tag in record.tags:
            self.tag_links.append((pid, self._tag_id(tag.kind, tag.name), tag.direction))
        for slot in record.slots:
            self.slots.append((pid, slot.weekday, slot.start_minute, slot.end_minute))
        guardian_id = None
        if record.guardian is not None:
            guardian_id = self.guardian_ids.take()
            g = record.guardian
            self.guardians.append((guardian_id, pid, g.name, g.relationship, g.email, g.phone, "", True, ""))
        if record.consent_given is not None:
            self.consents.append(
                (
                    pid,
                    guardian_id,
                    ConsentKind.PARENTAL_PERMISSION.value,
                    record.consent_given,
                    record.consent_date or (self.today if record.consent_given else None),
                    "imported from a roster",
                )
            )

    def add(self, record: PersonRecord) -> int:
        """Buffer a new person; returns the id they will have."""
        pid = self.person_ids.take()
        now = self.now
        self.people.append((pid, *_person_values(record), False, now, now))
        self.enrolments.append(self._enrolment_row(pid, record))
        self.enrolled.add(pid)
        self._extras(pid, record)
        if len(self.people) >= BATCH:
            self.flush()
        return pid

    def flush(self) -> None:
        for model, rows, fields in (
            (Participant, self.people, _PERSON_FIELDS),
            (Enrolment, self.enrolments, _ENROLMENT_FIELDS),
            (ParticipantTag, self.tag_links, _TAG_FIELDS),
            (AvailabilitySlot, self.slots, _SLOT_FIELDS),
            (Guardian, self.guardians, _GUARDIAN_FIELDS),
            (ConsentRecord, self.consents, _CONSENT_FIELDS),
            (CustomValue, self.custom_values, _CUSTOM_FIELDS),
        ):
            if rows:
                insert_tuples(model, fields, rows, ignore_conflicts=model is ParticipantTag)
        self._clear()

    def merge(self, pid: int, record: PersonRecord, *, replace_lossy: bool = False) -> list[FieldChange]:
        """Fold a row into an existing person: filled cells overwrite, empty cells never erase, and a lossy
        copy of a stored value (accents or capitals lost) leaves it as it is unless ``replace_lossy``.
        Returns each field that differed, applied or kept."""
        self.flush()  # the person may still be in the buffer
        current = current_values_many([pid], self.programme_id)[pid]
        changes = field_changes(current, record, replace_lossy=replace_lossy)
        applied = {c.key: getattr(record, c.key) for c in changes if c.applied}
        values = {c: v for c, v in applied.items() if c in PERSON_FIELDS}
        if values:
            values["updated_at"] = utc_now()
            Participant.update(**values).where(Participant.id == pid).execute()
        if pid not in self.enrolled:
            if record.status == EnrolmentStatus.READY.value:
                # "ready" needs clearance in this programme: the coordinator confirms it in the app.
                record.status = EnrolmentStatus.SCREENING.value
            insert_tuples(Enrolment, _ENROLMENT_FIELDS, [self._enrolment_row(pid, record)])
            self.enrolled.add(pid)
        else:
            enrolment = {k: v for k, v in applied.items() if k in MERGED_ENROLMENT_FIELDS}
            if enrolment:
                Enrolment.update(**enrolment).where(
                    (Enrolment.participant == pid) & (Enrolment.programme == self.programme_id)
                ).execute()
        if record.slots:
            AvailabilitySlot.delete().where(AvailabilitySlot.participant == pid).execute()
        if record.custom:  # an answer in the file replaces the one held; a blank cell keeps it
            answered = [self.custom_ids[label.casefold()] for label in record.custom]
            CustomValue.delete().where(
                (CustomValue.participant == pid) & (CustomValue.field.in_(answered))
            ).execute()
        existing_guardians = {
            fold(name)
            for (name,) in tuples(Guardian.select(Guardian.name).where(Guardian.participant == pid))
        }
        if record.guardian is not None and fold(record.guardian.name) in existing_guardians:
            record.guardian = None  # already known: only the consent (if any) is new
        self._extras(pid, record)
        self.flush()
        return changes
