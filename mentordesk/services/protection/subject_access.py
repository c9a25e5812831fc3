"""Data-subject access requests: everything held about one person, as JSON and a readable PDF.

Other people appear in an export only as roles or ids, never by name. Erasing a
person is ``services.erasure``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from peewee import Model

from mentordesk.core.private_files import replace_privately
from mentordesk.core.vocab import DocumentKind, Role
from mentordesk.store import audit
from mentordesk.store.db import database
from mentordesk.store.models import (
    Attendance,
    AuditEvent,
    AvailabilitySlot,
    AwayPeriod,
    ConsentRecord,
    ContactLog,
    CustomField,
    CustomValue,
    Document,
    Enrolment,
    EventInvitee,
    Exclusion,
    Goal,
    Guardian,
    Match,
    MatchMember,
    Meeting,
    Milestone,
    Participant,
    ParticipantTag,
    ProgrammeEvent,
    Reflection,
    ScreeningCheck,
    Signature,
    SurveyResponse,
    SurveyTemplate,
)
from mentordesk.store.rows import tuples

log = logging.getLogger(__name__)

EXPORT_FORMAT = "MentorDesk personal data export, version 1"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class SubjectAccessError(ValueError):
    pass


def person_or_error(participant_id: int) -> Participant:
    person = Participant.get_or_none(Participant.id == participant_id)
    if person is None:
        raise SubjectAccessError(f"No participant with id {participant_id}.")
    return person


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Model):
        return value.get_id()
    return value


def _fields(instance: Model, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    out = {}
    for name, fld in instance._meta.fields.items():
        if name in skip or name == "version":  # the store's save counter: nothing about the person
            continue
        out[name] = _plain(instance.__data__.get(fld.name))
    return out


def _minutes(value: int) -> str:
    return f"{value // 60:02d}:{value % 60:02d}"


def match_ids(participant_id: int) -> list[int]:
    return [
        m
        for (m,) in tuples(
            MatchMember.select(MatchMember.match).where(MatchMember.participant == participant_id)
        )
    ]


# Where the export shows each table that refers to a person (its section in ``collect``). A test holds
# every such table to a section here, so a table added later cannot be left out of the export.
SECTION_OF_TABLE = {
    "enrolment": "enrolments",
    "participant_tag": "tags",
    "availability_slot": "availability",
    "away_period": "away_periods",
    "exclusion": "not_to_be_matched_with",
    "guardian": "guardians",
    "consent_record": "consents",
    "screening_check": "screening_checks",
    "custom_value": "custom_answers",
    "match_member": "matches",
    "attendance": "meetings",  # each meeting says whether they attended
    "contact_log": "contact_log",
    "goal": "goals",
    "reflection": "reflections",
    "document": "documents",
    "signature": "documents",  # each document says when it was signed
    "survey_response": "survey_answers",
    "event_invitee": "events",
    "speed_seat": "speed_mentoring",
    "speed_meeting": "speed_mentoring",
    "speed_wish": "speed_mentoring",
    "board_session_attendance": "board_sessions",
    "concern": "safeguarding_concerns",  # only when the coordinator chose to include them
    "concern_action": "safeguarding_concerns",
}


def collect(participant_id: int, *, include_concerns: bool = False) -> dict[str, Any]:
    """Everything held about one person, as JSON-ready data. Other people appear only as roles or ids.

    Safeguarding concerns are left out (without a word that any exist) unless ``include_concerns``:
    ``concerns.LEGAL_REASON`` says why, and including them needs the concerns register unlocked."""
    person = person_or_error(participant_id)
    matches = match_ids(participant_id)
    roles = {
        mm.match_id: mm.role for mm in MatchMember.select().where(MatchMember.participant == participant_id)
    }
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": datetime.now().replace(microsecond=0).isoformat(),
        "person": _fields(person),
        "enrolments": [
            {**_fields(e, ("participant",)), "programme": e.programme.name}
            for e in Enrolment.select().where(Enrolment.participant == participant_id)
        ],
        "tags": [
            {"name": link.tag.name, "kind": link.tag.kind, "direction": link.direction}
            for link in ParticipantTag.select().where(ParticipantTag.participant == participant_id)
        ],
        "availability": [
            {"weekday": WEEKDAYS[s.weekday], "from": _minutes(s.start_minute), "to": _minutes(s.end_minute)}
            for s in AvailabilitySlot.select()
            .where(AvailabilitySlot.participant == participant_id)
            .order_by(AvailabilitySlot.weekday, AvailabilitySlot.start_minute)
        ],
        "away_periods": [
            _fields(a, ("participant",))
            for a in AwayPeriod.select().where(AwayPeriod.participant == participant_id)
        ],
        "not_to_be_matched_with": [
            {
                "other_participant_id": x.other_id
                if x.participant_id == participant_id
                else x.participant_id,
                "reason": x.reason,
            }
            for x in Exclusion.select().where(
                (Exclusion.participant == participant_id) | (Exclusion.other == participant_id)
            )
        ],
        "guardians": [
            _fields(g, ("participant",))
            for g in Guardian.select().where(Guardian.participant == participant_id)
        ],
        "consents": [
            _fields(c, ("participant",))
            for c in ConsentRecord.select().where(ConsentRecord.participant == participant_id)
        ],
        "screening_checks": [
            _fields(c, ("participant",))
            for c in ScreeningCheck.select().where(ScreeningCheck.participant == participant_id)
        ],
        "matches": [
            _match_entry(m, roles[m.id], participant_id) for m in Match.select().where(Match.id.in_(matches))
        ],
        "meetings": _meetings(participant_id, matches),
        "board_sessions": _board_sessions(participant_id),
        "contact_log": [
            _fields(c)
            for c in ContactLog.select()
            .where(
                (ContactLog.participant == participant_id)
                | (ContactLog.match.in_(matches) & ContactLog.participant.is_null())
            )
            .order_by(ContactLog.contacted_at)
        ],
        "goals": [
            {**_fields(g), "milestones": _milestones(g.id)}
            for g in Goal.select().where(
                (Goal.owner == participant_id) | (Goal.match.in_(matches) & Goal.owner.is_null())
            )
        ],
        "reflections": [
            _fields(r, ("author",)) for r in Reflection.select().where(Reflection.author == participant_id)
        ],
        "documents": [
            _fields(d, ("participant",))
            for d in Document.select().where(Document.participant == participant_id)
        ],
        "custom_answers": _custom_answers(participant_id),
        "survey_answers": _survey_answers(participant_id),
        "events": [
            {
                "title": i.event.title,
                "kind": i.event.kind,
                "starts_at": _plain(i.event.starts_at),
                "place": i.event.place,
                "mark": i.mark or "not marked",
            }
            for i in EventInvitee.select(EventInvitee, ProgrammeEvent)
            .join(ProgrammeEvent)
            .where(EventInvitee.participant == participant_id)
            .order_by(ProgrammeEvent.starts_at)
        ],
        "speed_mentoring": _speed_nights(participant_id),
        "record_history": [
            {"at": _plain(e.at), "action": e.action, "fields": e.fields, "by": e.actor}
            for e in AuditEvent.select()
            .where((AuditEvent.entity == "participant") & (AuditEvent.entity_id == participant_id))
            .order_by(AuditEvent.at)
        ],
    }
    if include_concerns:
        from mentordesk.services import concerns

        data["safeguarding_concerns"] = concerns.for_subject_access(participant_id)
    return data


def _custom_answers(participant_id: int) -> list[dict[str, Any]]:
    """Their answers to the programmes' own questions (custom fields), by the question's words."""
    query = (
        CustomValue.select(CustomValue, CustomField)
        .join(CustomField)
        .where(CustomValue.participant == participant_id)
        .order_by(CustomField.position, CustomField.id)
    )
    return [{"question": row.field.label, "answer": _plain(row.value)} for row in query]


def _survey_answers(participant_id: int) -> list[dict[str, Any]]:
    """Each survey they answered: which, when, how it came in, and every answer under its question."""
    out = []
    query = (
        SurveyResponse.select(SurveyResponse, SurveyTemplate.name, SurveyTemplate.questions)
        .join(SurveyTemplate)
        .where(SurveyResponse.participant == participant_id)
        .order_by(SurveyResponse.answered_on, SurveyResponse.id)
    )
    for response in query:
        template = response.template
        wording = {str(q.get("id")): str(q.get("text") or q.get("id")) for q in template.questions or []}
        record: dict[str, Any] = {
            "survey": template.name,
            "answered_on": _plain(response.answered_on),
            "source": response.source,
        }
        for key, value in (response.answers or {}).items():
            record[wording.get(str(key), str(key))] = _plain(value)
        out.append(record)
    return out


def _speed_nights(participant_id: int) -> list[dict[str, Any]]:
    """Each speed-mentoring event the person was invited to: attendance, whom they met, their wishes."""
    from mentordesk.store.models import SpeedEvent, SpeedMeeting, SpeedSeat, SpeedWish

    out = []
    for seat in SpeedSeat.select().where(SpeedSeat.participant == participant_id):
        event = SpeedEvent.get_by_id(seat.event_id)
        met = SpeedMeeting.select().where(
            (SpeedMeeting.event == event.id)
            & ((SpeedMeeting.mentee == participant_id) | (SpeedMeeting.mentor == participant_id))
        )
        partners = [m.mentor_id if m.mentee_id == participant_id else m.mentee_id for m in met]
        wished = [
            w.wished_id
            for w in SpeedWish.select().where(
                (SpeedWish.event == event.id) & (SpeedWish.wisher == participant_id)
            )
        ]
        out.append(
            {
                "event": event.title or "Speed mentoring",
                "held_on": _plain(event.held_on),
                "venue": event.venue,
                "role": seat.role,
                "table": seat.table_no,
                "attendance": seat.attendance,
                "met_participant_ids": partners,
                "would_like_to_meet_again_ids": wished,
            }
        )
    return out


def _milestones(goal_id: int) -> list[dict[str, Any]]:
    return [_fields(m, ("goal",)) for m in Milestone.select().where(Milestone.goal == goal_id)]


def _match_entry(match: Match, role: str, subject_id: int) -> dict[str, Any]:
    own_notes = {
        Role.MENTOR.value: ("exit_notes_mentor",),
        Role.MENTEE.value: ("exit_notes_mentee", "exit_notes_guardian"),
        Role.PEER.value: ("exit_notes_mentee",),
    }.get(role, ())
    keep = [
        "id",
        "status",
        "started_on",
        "planned_end_on",
        "first_meeting_on",
        "agreement_signed_on",
        "closed_on",
        "resumes_on",
        "closure_kind",
        "closure_code",
        "closure_reason",
        "closure_meeting_held",
        "closure_meeting_on",
        "contact_after",
        "rationale",
    ]
    if role != Role.MENTOR.value:
        keep.append("guardian_exit_on")
    entry = {name: _plain(match.__data__.get(name)) for name in keep}
    entry.update({name: match.__data__.get(name, "") for name in own_notes})
    entry["programme"] = match.programme.name
    entry["role"] = role
    members = list(MatchMember.select().where(MatchMember.match == match.id))
    entry["other_members"] = [mm.role for mm in members if mm.participant_id != subject_id]
    own = [mm for mm in members if mm.participant_id == subject_id]
    entry["exit_conversation_on"] = _plain(own[0].exit_conversation_on) if own else None
    entry["agreement_signed_by_them_on"] = [
        _plain(s.signed_on)
        for s in Signature.select().join(Document).where(
            (Document.match == match.id) & (Signature.participant == subject_id)
        )
    ]
    return entry


def _meetings(participant_id: int, matches: list[int]) -> list[dict[str, Any]]:
    attended = {
        a.meeting_id: a.attended for a in Attendance.select().where(Attendance.participant == participant_id)
    }
    out = []
    for m in Meeting.select().where(Meeting.match.in_(matches)).order_by(Meeting.starts_at):
        entry = _fields(m, ("series",))
        entry["attended"] = attended.get(m.id)
        out.append(entry)
    return out


def _board_sessions(participant_id: int) -> list[dict[str, Any]]:
    """The shadow-board sessions whose attendance names the person (their own attendance only)."""
    from mentordesk.store.models import BoardSession, BoardSessionAttendance

    rows = (
        BoardSessionAttendance.select(BoardSessionAttendance, BoardSession)
        .join(BoardSession)
        .where(BoardSessionAttendance.participant == participant_id)
        .order_by(BoardSession.held_on)
    )
    return [
        {
            "programme": a.session.programme.name,
            "held_on": _plain(a.session.held_on),
            "title": a.session.title,
            "topics": a.session.topics,
            "attendance": a.status,
        }
        for a in rows
    ]


def export_json(participant_id: int, target: Path, *, include_concerns: bool = False) -> Path:
    data = collect(participant_id, include_concerns=include_concerns)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with replace_privately(target) as temp:
        temp.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False), encoding="utf-8")
    audit.record("export", "participant", participant_id, summary="personal data exported (JSON)")
    return target


def export_pdf(participant_id: int, target: Path, *, include_concerns: bool = False) -> Path:
    from mentordesk.services.protection.subject_access_pdf import write_pdf

    data = collect(participant_id, include_concerns=include_concerns)
    write_pdf(data, Path(target))
    with database.atomic():
        Document.create(
            participant=participant_id,
            kind=DocumentKind.SUBJECT_ACCESS.value,
            path=str(Path(target).resolve()),
        )
        audit.record("export", "participant", participant_id, summary="personal data exported (PDF summary)")
    return Path(target)


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    email: str
    roles: str
    programmes: str
    erased: bool


def list_people(include_erased: bool = False) -> list[PersonRow]:
    """Everyone, for picking the subject of a request (one query per table, not per person)."""
    from mentordesk.store.models import Programme

    programme_names = dict(tuples(Programme.select(Programme.id, Programme.name)))
    enrolled: dict[int, list[tuple[str, str]]] = {}
    for pid, prog, role in tuples(
        Enrolment.select(Enrolment.participant, Enrolment.programme, Enrolment.role)
    ):
        enrolled.setdefault(pid, []).append((programme_names.get(prog, ""), role))
    query = Participant.select().order_by(Participant.last_name, Participant.first_name)
    if not include_erased:
        query = query.where(Participant.anonymised == False)  # noqa: E712
    rows = []
    for person in query:
        links = enrolled.get(person.id, [])
        rows.append(
            PersonRow(
                person.id,
                person.display_name,
                person.email,
                ", ".join(sorted({role for _, role in links})),
                ", ".join(sorted({name for name, _ in links})),
                bool(person.anonymised),
            )
        )
    return rows
