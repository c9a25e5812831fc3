"""Who signs a mentoring agreement, and whose signature is still missing.

Every member signs (mentors, mentees, peers), a guardian signs for each mentee who is a minor, and
the coordinator signs for the programme. The agreement is complete only when every one of them has
a signed date; it is then dated by the last signature.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

COORDINATOR = "coordinator"
GUARDIAN = "guardian"
SIGNATORY_ROLES = ("mentor", "mentee", "peer", GUARDIAN, COORDINATOR)
ROLE_LABELS = {
    "mentor": "mentor",
    "mentee": "mentee",
    "peer": "peer",
    GUARDIAN: "guardian",
    COORDINATOR: "coordinator",
}


@dataclass(frozen=True)
class Signatory:
    role: str  # one of SIGNATORY_ROLES
    participant_id: int | None  # the member; for a guardian, the mentee they sign for; None: coordinator
    name: str  # "Ravi Patel", "Ravi Patel's guardian", "the coordinator"

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.role, self.participant_id)

    @property
    def described(self) -> str:
        if self.role in (GUARDIAN, COORDINATOR):
            return self.name
        return f"{self.name} ({ROLE_LABELS.get(self.role, self.role)})"


@dataclass(frozen=True)
class Member:
    participant_id: int
    name: str
    role: str  # mentor, mentee, peer
    minor: bool | None  # None: age not known


def required_signatories(members: Iterable[Member], coordinator: str = "") -> list[Signatory]:
    """Everyone who must sign the match's agreement, mentors first, the coordinator last."""
    people = sorted(members, key=lambda m: (m.role != "mentor", m.participant_id))
    out = [Signatory(m.role, m.participant_id, m.name) for m in people]
    out.extend(
        Signatory(GUARDIAN, m.participant_id, f"{m.name}'s guardian")
        for m in people
        if m.role != "mentor" and m.minor
    )
    out.append(Signatory(COORDINATOR, None, coordinator or "the coordinator"))
    return out


def missing_signatures(
    required: Iterable[Signatory], signed: Mapping[tuple[str, int | None], date]
) -> list[Signatory]:
    return [s for s in required if s.key not in signed]


def completed_on(required: list[Signatory], signed: Mapping[tuple[str, int | None], date]) -> date | None:
    """The day the last required signature came in; None while any is missing."""
    if missing_signatures(required, signed):
        return None
    return max((signed[s.key] for s in required), default=None)


def signature_problem(role: str, participant_id: int | None, on: date | None, today: date) -> str:
    """"" when a signature can be recorded; otherwise why not, naming the field."""
    if role not in SIGNATORY_ROLES:
        return f"Signatory: {role!r} is not one of {', '.join(SIGNATORY_ROLES)}."
    if (role == COORDINATOR) != (participant_id is None):
        return "Signatory: the coordinator signs for the programme; everyone else is a member of the match."
    if on is not None and on > today:
        return f"Signed on: {on.isoformat()} is in the future; enter the day it was signed."
    return ""
