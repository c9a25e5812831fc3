"""Tags (skills, interests, goal areas, languages): finding or creating them, and giving them to people."""

from __future__ import annotations

from mentordesk.core.participants import TagSpec
from mentordesk.core.vocab import TagDirection
from mentordesk.store.models import ParticipantTag, Tag
from mentordesk.store.rows import tuples


def known_tags() -> list[TagSpec]:
    """Every tag in the database, for completion in the form."""
    return [
        TagSpec(kind, name, TagDirection.BOTH.value) for kind, name in tuples(Tag.select(Tag.kind, Tag.name))
    ]


def tag_ids(specs: list[TagSpec] | set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """{(kind, name): tag id}, creating the tags that do not exist yet (names matched ignoring case)."""
    wanted = {(s.kind, s.name) if isinstance(s, TagSpec) else s for s in specs}
    if not wanted:
        return {}
    existing = {(t.kind, t.name.casefold()): t.id for t in Tag.select(Tag.id, Tag.kind, Tag.name)}
    found = {}
    for kind, name in wanted:
        tag_id = existing.get((kind, name.casefold()))
        if tag_id is None:
            tag_id = Tag.insert(kind=kind, name=name).execute()
            existing[(kind, name.casefold())] = tag_id
        found[(kind, name)] = tag_id
    return found


def replace_tags(pid: int, tags: list[TagSpec]) -> None:
    ParticipantTag.delete().where(ParticipantTag.participant == pid).execute()
    ids = tag_ids(tags)
    rows = {(pid, ids[(t.kind, t.name)], t.direction) for t in tags}
    if rows:
        ParticipantTag.insert_many(
            sorted(rows), fields=[ParticipantTag.participant, ParticipantTag.tag, ParticipantTag.direction]
        ).execute()
