"""Erasing a person on request (or under a retention rule).

Erasing keeps an anonymised stub of the Participant row (so matches, meetings
and programme statistics stay whole) and deletes every record that is the
person's own. Free text that names them is redacted in their matches' records
and listed elsewhere (services/protection/mentions.py holds the list of fields).
Afterwards the file itself forgets them: SQLite's secure_delete zeroes deleted
content, VACUUM drops the free pages and a checkpoint empties the WAL. The audit
trail records the erasure with counts only, never a name. Backups taken earlier
still hold the person until they age out; the confirmation says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentordesk.core.vocab import DocumentKind, Role
from mentordesk.services.protection.mentions import Mention, elsewhere, identifying_values, redact
from mentordesk.services.protection.subject_access import SubjectAccessError, match_ids, person_or_error
from mentordesk.store import audit
from mentordesk.store.db import database
from mentordesk.store.models import (
    AvailabilitySlot,
    AwayPeriod,
    ConsentRecord,
    ContactLog,
    CustomValue,
    Document,
    Enrolment,
    Exclusion,
    Goal,
    Guardian,
    Match,
    MatchMember,
    Milestone,
    Participant,
    ParticipantTag,
    Reflection,
    ScreeningCheck,
    Signature,
    SpeedWish,
    SurveyResponse,
    utc_now,
)
from mentordesk.store.rows import tuples

log = logging.getLogger(__name__)

__all__ = ["ErasurePlan", "SubjectAccessError", "erase", "erasure_plan", "stub_name"]


@dataclass
class ErasurePlan:
    participant_id: int
    display_name: str
    deleted: list[tuple[str, int]] = field(default_factory=list)  # (what, how many), only non-zero
    anonymised: list[tuple[str, int]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # generated documents on disk
    match_count: int = 0
    already_erased: bool = False
    mentions: list[Mention] = field(default_factory=list)  # outside their matches: to review
    redacted: int = 0  # fields where a mention was replaced (after erasing)
    concerns: int = 0  # safeguarding concerns about them: kept unless deleting them is chosen
    concerns_about_adult: int = 0
    concerns_deleted: int = 0  # (after erasing) how many were deleted because that was chosen

    @property
    def concerns_note(self) -> str:
        """What happens to their concerns, for the confirmation (empty when there are none)."""
        if not self.concerns:
            return ""
        from mentordesk.services import concerns

        adult = f", {self.concerns_about_adult} about them as an adult" if self.concerns_about_adult else ""
        return f"{self.concerns} safeguarding concern(s){adult}. {concerns.ERASURE_NOTE}"


def _own_queries(pid: int, matches: list[int]) -> list[tuple[str, Any]]:
    """(label, delete query) for every record that is the person's own, in a safe order."""
    return [
        ("tags", ParticipantTag.delete().where(ParticipantTag.participant == pid)),
        ("availability slots", AvailabilitySlot.delete().where(AvailabilitySlot.participant == pid)),
        ("away periods", AwayPeriod.delete().where(AwayPeriod.participant == pid)),
        (
            "'not with' rules",
            Exclusion.delete().where((Exclusion.participant == pid) | (Exclusion.other == pid)),
        ),
        ("consent records", ConsentRecord.delete().where(ConsentRecord.participant == pid)),
        ("guardians", Guardian.delete().where(Guardian.participant == pid)),
        ("screening checks", ScreeningCheck.delete().where(ScreeningCheck.participant == pid)),
        ("contact log entries", ContactLog.delete().where(ContactLog.participant == pid)),
        ("reflections they wrote", Reflection.delete().where(Reflection.author == pid)),
        ("survey answers", SurveyResponse.delete().where(SurveyResponse.participant == pid)),
        ("answers to the programme's own questions", CustomValue.delete().where(CustomValue.participant == pid)),
        ("signatures", Signature.delete().where(Signature.participant == pid)),
        (
            "wishes to meet again after speed mentoring",
            SpeedWish.delete().where((SpeedWish.wisher == pid) | (SpeedWish.wished == pid)),
        ),
        ("document records", Document.delete().where(_documents_naming(pid, matches))),
    ]


# Tables that refer to a person but keep their rows when the person is erased (the stub stays in
# their place); every other table that refers to a person is emptied of them by _own_queries. A
# test holds every such table to one or the other, so a new one cannot be forgotten.
KEPT_ON_ERASURE = {
    "enrolment": "role and status kept, notes removed",
    "match_member": "the anonymous stub stays in their matches, for the programme's statistics",
    "attendance": "who came to their matches' meetings, for the same statistics",
    "event_invitee": "their mark on event registers, for the programme's attendance figures",
    "speed_seat": "their table and check-in at speed nights, so the night's rounds stay whole",
    "speed_meeting": "the rounds they sat in, kept with the night's timetable",
    "board_session_attendance": "their attendance at shadow-board sessions, for the board's figures",
    "goal": "status kept, text removed",
    "concern": "safeguarding records, kept unless deleting them is chosen",
    "concern_action": "kept with their concern",
}


def _documents_naming(pid: int, matches: list[int]) -> Any:
    """Paperwork about the person: their own, and every match document (agreements name all parties)."""
    condition = Document.participant == pid
    if matches:
        condition = condition | Document.match.in_(matches)
    return condition


def _count(query: Any) -> int:
    model = query.model
    return model.select().where(query._where).count()


def erasure_plan(participant_id: int) -> ErasurePlan:
    """What erasing this person would delete and what would be kept, anonymised."""
    person = person_or_error(participant_id)
    matches = match_ids(participant_id)
    plan = ErasurePlan(participant_id, person.display_name, match_count=len(matches))
    plan.already_erased = bool(person.anonymised)
    for label, query in _own_queries(participant_id, matches):
        n = _count(query)
        if n:
            plan.deleted.append((label, n))
    # Generated paperwork about them goes with them; the export made for them is theirs to receive,
    # so its file stays (its record goes) and the coordinator hands it over.
    documents = Document.select(Document.path).where(
        _documents_naming(participant_id, matches) & (Document.kind != DocumentKind.SUBJECT_ACCESS.value)
    )
    plan.files = [Path(p) for (p,) in tuples(documents) if p and Path(p).is_file()]
    if not plan.already_erased:
        plan.mentions = elsewhere(participant_id, matches, identifying_values(person))
    goals = Goal.select().where(Goal.owner == participant_id).count()
    enrolments = Enrolment.select().where(Enrolment.participant == participant_id).count()
    from mentordesk.services import concerns

    kept = concerns.kept_on_erasure(participant_id)
    plan.concerns, plan.concerns_about_adult = kept.total, kept.about_adult
    plan.anonymised = [
        (label, n)
        for label, n in (
            ("person record (kept as an anonymous stub)", 1),
            ("enrolments (role and status kept, notes removed)", enrolments),
            ("goals they own (status kept, text removed)", goals),
            ("matches (kept for statistics, their exit notes removed)", len(matches)),
        )
        if n
    ]
    return plan


def stub_name(participant_id: int) -> str:
    return f"Erased person #{participant_id}"


def erase(
    participant_id: int, reason: str = "request", *, compact: bool = True, delete_concerns: bool = False
) -> ErasurePlan:
    """Erase a person: delete their own records, anonymise the stub. One transaction; returns what was done.

    Safeguarding concerns about them are kept (with the names they were recorded under) unless
    ``delete_concerns``, which needs the concerns register unlocked.

    ``compact`` then rewrites the file so no free page or WAL frame keeps them (``forget_free_space``);
    erasing many people at once passes False and compacts once at the end.
    """
    plan = erasure_plan(participant_id)
    if plan.already_erased:
        raise SubjectAccessError(f"Participant #{participant_id} has already been erased.")
    matches = match_ids(participant_id)
    roles = {
        mm.match_id: mm.role for mm in MatchMember.select().where(MatchMember.participant == participant_id)
    }
    values = identifying_values(person_or_error(participant_id))
    if _on_sqlite():
        database.execute_sql("PRAGMA secure_delete = ON")  # deleted content is overwritten with zeros
    with database.atomic():
        if delete_concerns:
            from mentordesk.services import concerns

            plan.concerns_deleted = concerns.delete_about(participant_id)
        plan.redacted = redact(participant_id, matches, values)
        for _, query in _own_queries(participant_id, matches):
            query.execute()
        Participant.update(
            first_name=stub_name(participant_id),
            last_name="",
            preferred_name="",
            pronouns="",
            email="",
            phone="",
            date_of_birth=None,
            age_band="",
            organisation="",
            department="",
            seniority=None,
            accessibility_needs="",
            emergency_contact="",
            notes="",
            anonymised=True,
            updated_at=utc_now(),
        ).where(Participant.id == participant_id).execute()
        Enrolment.update(referral_source="", preferences="", exit_reason="").where(
            Enrolment.participant == participant_id
        ).execute()
        owned = Goal.select(Goal.id).where(Goal.owner == participant_id)
        Milestone.update(title="Milestone").where(Milestone.goal.in_(owned)).execute()
        Goal.update(
            title="Goal (erased)",
            why="",
            specific="",
            measurable="",
            achievable="",
            relevant="",
            dropped_reason="",
            review_notes="",
        ).where(Goal.owner == participant_id).execute()
        for match_id, role in roles.items():
            blank = {
                Role.MENTOR.value: {"exit_notes_mentor": ""},
                Role.MENTEE.value: {"exit_notes_mentee": "", "exit_notes_guardian": ""},
                Role.PEER.value: {"exit_notes_mentee": ""},
            }.get(role, {})
            if blank:
                Match.update(**blank).where(Match.id == match_id).execute()
        counts = ", ".join(f"{n} {label}" for label, n in plan.deleted) or "no other records"
        if plan.concerns:
            counts += f"; concerns {'deleted' if delete_concerns else 'kept'}: {plan.concerns}"
        audit.record(
            "erase",
            "participant",
            participant_id,
            summary=f"erased ({reason}): deleted {counts}; stub kept in {len(matches)} match(es)",
        )
    if compact:
        forget_free_space()
    for path in plan.files:
        try:
            path.unlink()
        except OSError as exc:
            log.warning("could not delete a document file of an erased person: %s", type(exc).__name__)
    log.info("participant #%d erased", participant_id)
    return plan


def forget_free_space() -> None:
    """Leave no trace of deleted rows in the file: VACUUM drops the free pages, and a truncating
    checkpoint moves every page into the database file and empties the WAL (its old frames held
    the deleted values). Inside an outer transaction it cannot run; the caller runs it after."""
    if database.in_transaction():
        return
    if not _on_sqlite():  # PostgreSQL: its own VACUUM (autovacuum) reclaims dead rows; no file here
        return
    try:
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        database.execute_sql("VACUUM")
        busy, _, _ = database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except Exception as exc:  # another connection is reading: the next clean close finishes the job
        log.warning("could not compact the database after erasing: %s", type(exc).__name__)
        return
    if busy:
        log.warning("the WAL could not be emptied after erasing: another connection is reading")


def _on_sqlite() -> bool:
    from peewee import SqliteDatabase

    return isinstance(database.obj, SqliteDatabase)
