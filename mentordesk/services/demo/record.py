"""The complete match record in the demo: first meetings that went through the agreement, a coded
closure with its closure meeting, contact plan and exit conversations, a check type of the
programme's own (a driving record for mentors who drive) with one lapsed on an active match, and an
agreement waiting for two signatures."""

from __future__ import annotations

from datetime import date, timedelta

from mentordesk.core.participants import CheckType, CheckTypes
from mentordesk.core.vocab import CheckOutcome, MatchStatus, Role
from mentordesk.store.models import (
    Enrolment,
    Match,
    MatchMember,
    Participant,
    Programme,
    ScreeningCheck,
)

DRIVING_RECORD = CheckType("driving_record", "Driving record", drivers=True, renewal_months=12)


def _match_of(person: Participant, status: str = MatchStatus.ACTIVE.value) -> Match | None:
    return (
        Match.select()
        .join(MatchMember)
        .where((MatchMember.participant == person) & (Match.status == status))
        .first()
    )


def add_match_record(programme: Programme, mentors: list[Participant], today: date) -> None:
    """Run after the matches exist: fills in what the match record keeps beyond them."""
    programme = Programme.get_by_id(programme.id)  # other steps saved settings of their own
    settings = dict(programme.settings or {})
    settings["check_types"] = CheckTypes(custom=(DRIVING_RECORD,)).to_settings()
    programme.settings = settings
    programme.save()
    # Two mentors drive mentees to the Saturday robotics club: one driving record is due in a month,
    # the other lapsed a fortnight ago, so clearance, the renewals list and the match list all show it.
    for mentor, done in ((mentors[3], today - timedelta(days=335)), (mentors[6], today - timedelta(days=380))):
        Enrolment.update(drives=True).where(
            (Enrolment.participant == mentor) & (Enrolment.programme == programme)
        ).execute()
        ScreeningCheck.create(
            participant=mentor,
            programme=programme,
            kind=DRIVING_RECORD.key,
            outcome=CheckOutcome.PASSED.value,
            reference_number=f"DVLA-{mentor.id:05d}",
            completed_on=done,
        )
    # First meetings: the coordinator was there, and most went through the agreement.
    for n, match in enumerate(
        Match.select().where((Match.programme == programme) & Match.first_meeting_on.is_null(False))
    ):
        match.first_meeting_covered_agreement = n % 4 != 3
        match.save()
    closed = Match.get((Match.programme == programme) & (Match.status == MatchStatus.CLOSED.value))
    closed.closure_code = "moved_away"
    closed.closure_meeting_held = True
    closed.closure_meeting_on = today - timedelta(days=22)
    closed.contact_after = "programme"
    closed.guardian_exit_on = today - timedelta(days=21)
    closed.save()
    for member in MatchMember.select().where(MatchMember.match == closed):
        member.exit_conversation_on = today - timedelta(days=22 if member.role == Role.MENTOR.value else 21)
        member.save()


def add_signed_agreement(programme: Programme, mentor: Participant, today: date) -> None:
    """The showcase prints one agreement; the mentor and the mentee have signed it, the guardian and
    the coordinator not yet (the documents list names them)."""
    from mentordesk.services import documents

    match = _match_of(mentor)
    if match is None:
        return
    documents.generate("agreement", match_id=match.id)
    document_id = max(d.id for d in documents.list_documents(programme.id, match.id))
    status = documents.agreement_status(document_id, today)
    for state in status.signatures:
        if state.signatory.role in (Role.MENTOR.value, Role.MENTEE.value):
            documents.record_signature(
                document_id, state.signatory.role, state.signatory.participant_id, match.started_on, today
            )
