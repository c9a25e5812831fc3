"""Two coordinators edit one safeguarding concern: the second save is shown the first's change, never
overwrites it silently (concerns carried no record version before)."""

from __future__ import annotations

import pytest

from mentordesk.services import concerns
from mentordesk.store.models import Concern
from tests.concerns_fixtures import REGISTER_PASSPHRASE, draft, scheme
from tests.ui.dialogs.test_conflict_dialog import answer_conflicts, click, elsewhere, rows

pytestmark = pytest.mark.both_backends


@pytest.fixture
def concern_id(db):
    s = scheme()
    concerns.set_up(REGISTER_PASSPHRASE, REGISTER_PASSPHRASE)
    return s.programme.id, concerns.raise_concern(s.programme.id, draft(s))


def open_dialog(qtbot, programme_id: int, concern_id: int):
    from mentordesk.ui.concerns.concern_dialog import ConcernDialog

    dialog = ConcernDialog(programme_id, concern_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_referral_saved_at_another_desk_is_shown_not_overwritten(qtbot, monkeypatch, concern_id):
    programme_id, cid = concern_id
    dialog = open_dialog(qtbot, programme_id, cid)
    elsewhere(lambda: Concern.update(outcome="Police informed by the DSL").where(Concern.id == cid).execute())
    elsewhere(lambda: _their_description(cid))
    dialog.description_edit.clear()
    qtbot.keyClicks(dialog.description_edit, "She said it happened twice.")

    def keep_theirs(conflict, qtbot) -> None:
        assert rows(conflict)["description"] == (
            "Told the DSL again on Monday.",
            "She said it happened twice.",
            "mine",
        )
        click(qtbot, conflict.buttons_of["description"]["theirs"])
        click(qtbot, conflict.save_merged)

    seen = answer_conflicts(monkeypatch, qtbot, keep_theirs)
    click(qtbot, dialog.save_button)
    assert len(seen) == 1
    stored = Concern.get_by_id(cid)
    assert stored.description == "Told the DSL again on Monday."
    assert stored.outcome == "Police informed by the DSL"  # their other field is kept too


def test_going_back_to_editing_saves_nothing(qtbot, monkeypatch, concern_id):
    programme_id, cid = concern_id
    dialog = open_dialog(qtbot, programme_id, cid)
    elsewhere(lambda: _their_description(cid))
    dialog.raised_by_edit.clear()
    qtbot.keyClicks(dialog.raised_by_edit, "Mr Brown")
    dialog.description_edit.clear()
    qtbot.keyClicks(dialog.description_edit, "Mine")
    seen = answer_conflicts(monkeypatch, qtbot, lambda conflict, qtbot: click(qtbot, conflict.back))
    click(qtbot, dialog.save_button)
    assert len(seen) == 1 and dialog.isVisible()
    stored = Concern.get_by_id(cid)
    assert (stored.raised_by, stored.description) == ("Ms Okafor (form tutor)", "Told the DSL again on Monday.")


def _their_description(cid: int) -> None:
    concern = Concern.get_by_id(cid)
    concern.description = "Told the DSL again on Monday."
    concern.save()
