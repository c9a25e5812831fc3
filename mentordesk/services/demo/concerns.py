"""The demo's concerns register: one closed concern about a mentor, one open concern about a mentee.

Written straight to the models (the demo is seeded before anyone has unlocked the register); the
keeping date of the closed one follows the register's default rule.
"""

from __future__ import annotations

from datetime import date, timedelta

from mentordesk.core.concerns import RetentionRule, keep_until
from mentordesk.core.vocab import (
    ConcernAbout,
    ConcernActionKind,
    ConcernCategory,
    MatchStatus,
    ReferralAgency,
    Role,
)
from mentordesk.store.models import Concern, ConcernAction, Match, MatchMember, Participant, Programme


def _pair(programme: Programme) -> tuple[Match, Participant, Participant] | None:
    """The first active one-to-one match of the programme: (match, mentor, mentee)."""
    for match in Match.select().where(
        (Match.programme == programme) & (Match.status == MatchStatus.ACTIVE.value)
    ):
        members = {m.role: m.participant for m in MatchMember.select().where(MatchMember.match == match)}
        if Role.MENTOR.value in members and Role.MENTEE.value in members:
            return match, members[Role.MENTOR.value], members[Role.MENTEE.value]
    return None


def add_concerns(programme: Programme, today: date) -> int:
    found = _pair(programme)
    if found is None:
        return 0
    match, mentor, mentee = found
    raised = today - timedelta(days=62)
    closed_on = today - timedelta(days=41)
    closed = Concern.create(
        programme=programme,
        raised_by="Alex Morgan (coordinator)",
        raised_on=raised,
        about=ConcernAbout.MENTOR.value,
        mentor=mentor,
        match=match,
        subject_names=f"Mentor: {mentor.full_name}",
        subject_born_on=mentor.date_of_birth,
        category=ConcernCategory.ONLINE_SAFETY.value,
        description=(
            f"{mentee.first_name} showed me a friend request from their mentor on a personal social media "
            "account, sent the evening after their last meeting. No messages were exchanged."
        ),
        immediate_action="Thanked the student, explained I had to pass it on, and told the safeguarding lead.",
        dsl_name="Sam Haddad",
        dsl_referred_on=raised,
        referral_agency=ReferralAgency.LADO.value,
        referral_name="Duty LADO",
        referral_reference="LADO-2026-0142",
        referral_on=raised + timedelta(days=1),
        outcome=(
            "LADO advice: no further action under the allegations procedure. The mentor was reminded of the "
            "online-safety code of conduct, withdrew the request and repeated the training. Match continued."
        ),
        closed_on=closed_on,
        keep_until=keep_until(closed_on, mentor.date_of_birth, RetentionRule()),
    )
    ConcernAction.create(
        concern=closed,
        kind=ConcernActionKind.GUARDIAN_INFORMED.value,
        taken_on=raised + timedelta(days=1),
        reason="Phoned the mother; the safeguarding lead was present.",
    )
    opened = today - timedelta(days=4)
    concern = Concern.create(
        programme=programme,
        raised_by=f"{mentor.full_name} (mentor)",
        raised_on=opened,
        about=ConcernAbout.MENTEE.value,
        mentee=mentee,
        match=match,
        subject_names=f"Mentee: {mentee.full_name}",
        subject_born_on=mentee.date_of_birth,
        category=ConcernCategory.WELLBEING.value,
        description=(
            "Said they have hardly slept for weeks because of arguments at home and asked me not to tell "
            "anyone. I said I could not keep it secret and would speak to the school."
        ),
        immediate_action="Reported to the coordinator the same afternoon, who told the safeguarding lead.",
        dsl_name="Sam Haddad",
        dsl_referred_on=opened,
    )
    ConcernAction.create(
        concern=concern,
        kind=ConcernActionKind.GUARDIAN_NOT_INFORMED.value,
        taken_on=opened,
        reason="The safeguarding lead is speaking to the student first, as early help advised.",
    )
    return 2
