"""Publishing takes the coordinator's choice explicitly: the reviewed drafts (accepted or pinned) only,
or all of them."""

from __future__ import annotations

import pytest

from mentordesk.services import pairing
from mentordesk.store.models import Match, Programme
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


def test_a_rejection_can_be_undone_as_it_was(db):
    programme, a, b, x, y = two_by_two(db)
    before = {(r.match_id, r.mentee_id, r.mentor_id, r.score) for r in pairing.list_drafts(programme.id)}
    row = next(r for r in pairing.list_drafts(programme.id) if r.mentee_id == a.id)
    rejection = pairing.reject_draft(row.match_id, a.id)
    assert Match.get_or_none(Match.id == row.match_id) is None
    assert (a.id, x.id) in pairing.read_settings(Programme.get_by_id(programme.id)).rejected
    pairing.undo_reject(rejection)
    after = {(r.match_id, r.mentee_id, r.mentor_id, r.score) for r in pairing.list_drafts(programme.id)}
    assert after == before
    assert pairing.read_settings(Programme.get_by_id(programme.id)).rejected == ()
