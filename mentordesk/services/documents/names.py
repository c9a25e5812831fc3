"""Which names would print as boxes, so the app can warn before it prints."""

from __future__ import annotations

from mentordesk.services.documents.facts import letterhead
from mentordesk.services.documents.fonts import RenderProblem, render_problems
from mentordesk.store.models import Guardian, Match, MatchMember, Participant, Programme


def unrenderable_names(
    match_ids: list[int] | None = None, participant_ids: list[int] | None = None
) -> list[RenderProblem]:
    """Names (of members, their guardians, programmes and coordinators) no available font can draw."""
    people: set[int] = set(participant_ids or [])
    texts: list[str] = []
    if match_ids:
        rows = MatchMember.select(MatchMember.participant).where(MatchMember.match.in_(match_ids))
        people |= {r.participant_id for r in rows}
        programmes = (
            Programme.select(Programme.name, Programme.coordinator_name)
            .join(Match)
            .where(Match.id.in_(match_ids))
        )
        for programme in programmes.distinct():
            texts += [programme.name, programme.coordinator_name or ""]
    if people:
        for person in Participant.select().where(Participant.id.in_(sorted(people))):
            texts.append(person.display_name)
        texts += [
            g.name for g in Guardian.select(Guardian.name).where(Guardian.participant.in_(sorted(people)))
        ]
    texts.append(letterhead().organisation)
    return render_problems([t for t in texts if t])
