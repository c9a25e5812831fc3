"""People: create, update and delete participants, keeping the database free of orphans."""

from __future__ import annotations

from mentordesk.store.db import database
from mentordesk.store.models import Match, MatchMember, Participant


class ParticipantError(ValueError):
    """A request about a participant that cannot be done; the message says why and what to do."""


class ParticipantInUse(ParticipantError):
    pass


def delete_participant(participant_id: int) -> None:
    """Delete a person and everything that hangs off them, unless they are in a match.

    A match member cannot vanish: the coordinator must close the match and then erase
    the person (which keeps an anonymised stub), so match statistics stay true.
    """
    person = Participant.get_or_none(Participant.id == participant_id)
    if person is None:
        raise ParticipantError(f"No participant with id {participant_id}.")
    matches = (
        Match.select(Match.id, Match.status)
        .join(MatchMember)
        .where(MatchMember.participant == participant_id)
    )
    found = list(matches)
    if found:
        listing = ", ".join(f"#{m.id} ({m.status})" for m in found)
        raise ParticipantInUse(
            f"{person.display_name} is a member of match {listing}. Close or delete the match first, "
            "or erase the person instead (their match keeps an anonymised stub)."
        )
    with database.atomic():
        person.delete_instance()
