"""The register's part in a person's data rights: their subject-access export and their erasure.

Subject access: concerns are left out unless the coordinator chooses to include them, because
safeguarding information may be withheld where disclosing it would be likely to cause serious harm
to the physical or mental health of any individual, or would prejudice the prevention or detection of
crime (UK Data Protection Act 2018, Schedule 3 Part 2 paragraphs 5 and 7, and Schedule 2 paragraph 2).
An export without them does not mention that any exist (telling could itself cause the harm).

Erasure: a person's concerns are kept unless the coordinator chooses otherwise. A concern about an
adult (an allegation against a mentor, say) must outlive the adult's request: the organisation has
to be able to answer a later allegation and a reference request. A concern about a child is a child
protection record and is kept too. The register's own retention rule deletes them in time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from mentordesk.core.concerns import ABOUT_LABELS, ACTION_LABELS, AGENCY_LABELS, CATEGORY_LABELS
from mentordesk.core.participants import is_minor
from mentordesk.services.concerns.access import require_unlocked
from mentordesk.store import audit
from mentordesk.store.models import Concern, ConcernAction, ConcernAttachment, Participant

LEGAL_REASON = (
    "Safeguarding concerns are left out unless you include them: information may be withheld where "
    "disclosing it would be likely to cause serious harm to the physical or mental health of any "
    "individual, or would prejudice the prevention or detection of crime (UK Data Protection Act 2018, "
    "Schedule 3 Part 2 and Schedule 2 paragraph 2). Ask your safeguarding lead before including them; "
    "an export without them does not say that any exist."
)
ERASURE_NOTE = (
    "Safeguarding concerns about this person are kept (with the names they were recorded under): "
    "a concern about an adult must outlive their request, and one about a child is a child protection "
    "record. The concerns register deletes them by its own retention rule."
)


def _about(participant_id: int) -> Any:
    return (Concern.mentee == participant_id) | (Concern.mentor == participant_id)


def count_about(participant_id: int) -> int:
    """How many concerns are about this person (a number only: no confirmation needed)."""
    return Concern.select().where(_about(participant_id)).count()


@dataclass(frozen=True)
class KeptConcerns:
    total: int
    about_adult: int  # as the mentor, or as a mentee known to be 18 or over


def kept_on_erasure(participant_id: int, today: date | None = None) -> KeptConcerns:
    today = today or date.today()
    person = Participant.get_or_none(Participant.id == participant_id)
    adult_now = person is not None and is_minor(person.date_of_birth, person.age_band, today) is False
    total = adult = 0
    for concern in Concern.select(Concern.mentor).where(_about(participant_id)):
        total += 1
        if concern.mentor_id == participant_id or adult_now:
            adult += 1
    return KeptConcerns(total, adult)


def delete_about(participant_id: int) -> int:
    """Delete the concerns about this person (erasure with "delete their concerns" chosen)."""
    require_unlocked()
    ids = [c.id for c in Concern.select(Concern.id).where(_about(participant_id))]
    for concern_id in ids:
        Concern.get_by_id(concern_id).delete_instance(recursive=True)
    return len(ids)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def for_subject_access(participant_id: int) -> list[dict[str, Any]]:
    """The concerns about this person, JSON-ready (attachments by name only); audited as an export."""
    require_unlocked()
    out = []
    for c in Concern.select().where(_about(participant_id)).order_by(Concern.raised_on, Concern.id):
        actions = [
            {"action": ACTION_LABELS.get(a.kind, a.kind), "on": _day(a.taken_on), "reason": a.reason}
            for a in ConcernAction.select()
            .where(ConcernAction.concern == c.id)
            .order_by(ConcernAction.taken_on)
        ]
        files = [
            a.filename
            for a in ConcernAttachment.select(ConcernAttachment.filename).where(
                ConcernAttachment.concern == c.id
            )
        ]
        out.append(
            {
                "id": c.id,
                "raised_on": _day(c.raised_on),
                "raised_by": c.raised_by,
                "about": ABOUT_LABELS.get(c.about, c.about),
                "category": CATEGORY_LABELS.get(c.category, c.category),
                "description": c.description,
                "immediate_action": c.immediate_action,
                "safeguarding_lead": c.dsl_name,
                "referred_to_lead_on": _day(c.dsl_referred_on),
                "referred_on_to": AGENCY_LABELS.get(c.referral_agency, c.referral_agency),
                "referral_reference": c.referral_reference,
                "referred_on": _day(c.referral_on),
                "outcome": c.outcome,
                "closed_on": _day(c.closed_on),
                "actions": actions,
                "attachments": files,
            }
        )
        audit.record("export", "concern", c.id, summary="concern included in a personal data export")
    return out
