"""Publishing takes the coordinator's choice explicitly: the reviewed drafts (accepted or pinned) only,
or all of them."""

from __future__ import annotations

import pytest

from mentordesk.services import pairing
from mentordesk.store.models import Match
from tests.pairing_fixtures import TODAY, status_of, two_by_two


def test_reviewed_only_publishes_the_accepted_and_pinned_drafts(db):
    programme, a, b, x, y = two_by_two(db)
    drafts = {row.mentee_id: row.match_id for row in pairing.list_drafts(programme.id)}
    pairing.set_accepted([drafts[a.id]], True)
    result = pairing.publish(programme.id, TODAY, reviewed_only=True)
    assert result.published == 1
    assert Match.get_by_id(drafts[a.id]).status == "active"
    assert Match.get_by_id(drafts[b.id]).status == "draft" and status_of(programme, b) == "ready"


def test_reviewed_only_with_nothing_reviewed_says_so_and_publishes_nothing(db):
    programme, *_ = two_by_two(db)
    with pytest.raises(pairing.PairingError, match="No draft is accepted or pinned"):
        pairing.publish(programme.id, TODAY, reviewed_only=True)
    assert Match.select().where(Match.status == "active").count() == 0
