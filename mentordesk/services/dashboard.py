"""The figures and to-do lists the dashboard shows, gathered from the other services."""

from __future__ import annotations

from dataclasses import dataclass, field

from mentordesk.core.vocab import EnrolmentStatus, MatchStatus, Role
from mentordesk.store.models import Enrolment, Match


@dataclass(frozen=True)
class Attention:
    """One thing the coordinator should look at: where it is and what to do."""

    area: str  # the page that fixes it: "participants", "meetings", "goals", ...
    subject: str
    problem: str
    days_overdue: int = 0


@dataclass
class Overview:
    mentors: int = 0
    mentees: int = 0
    waiting: int = 0  # ready but not matched
    active_matches: int = 0
    attention: list[Attention] = field(default_factory=list)


def overview(programme_id: int) -> Overview:
    result = Overview()
    if not programme_id:
        return result
    enrolments = Enrolment.select(Enrolment.role, Enrolment.status).where(Enrolment.programme == programme_id)
    for row in enrolments.tuples():
        role, status = row
        if status == EnrolmentStatus.EXITED.value:
            continue
        if role == Role.MENTOR.value:
            result.mentors += 1
        elif role in (Role.MENTEE.value, Role.PEER.value):
            result.mentees += 1
            if status == EnrolmentStatus.READY.value:
                result.waiting += 1
    result.active_matches = (
        Match.select()
        .where((Match.programme == programme_id) & (Match.status == MatchStatus.ACTIVE.value))
        .count()
    )
    for provider in attention_providers():
        result.attention.extend(provider(programme_id))
    result.attention.sort(key=lambda a: -a.days_overdue)
    return result


# Each area that can raise "needs attention" items has a module here with
# ``attention_items(programme_id) -> list[Attention]``.
ATTENTION_MODULES = (
    "mentordesk.services.screening",
    "mentordesk.services.cadence",
    "mentordesk.services.goals",
)


def attention_providers():
    import importlib

    providers = []
    for name in ATTENTION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real import error inside the module must surface
                raise
            continue
        provider = getattr(module, "attention_items", None)
        if provider is not None:
            providers.append(provider)
    return providers
