"""New programme…: every kind has its own help text, chosen by keyboard, and the kind is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mentordesk.core.vocab import ProgrammeKind
from mentordesk.store.models import Programme
from mentordesk.ui.dialogs.programme_dialog import KIND_HELP, ProgrammeDialog


def test_every_kind_has_help_and_the_chosen_kind_is_saved(qtbot, db):
    assert set(KIND_HELP) == set(ProgrammeKind)
    dialog = ProgrammeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    seen = {}
    dialog.kind_combo.setFocus()
    QTest.keyClick(dialog.kind_combo, Qt.Key.Key_Home)
    for _ in range(dialog.kind_combo.count()):
        seen[dialog.kind_combo.currentData()] = dialog.kind_help.text()
        QTest.keyClick(dialog.kind_combo, Qt.Key.Key_Down)
    assert set(seen) == {k.value for k in ProgrammeKind} and len(set(seen.values())) == len(seen)
    assert "promote them from Participants" in seen["cascade"] and "Tiers" in seen["cascade"]
    assert "reverse-mentoring wording" in seen["reverse"]
    assert "goals and reflections can belong to the mentor" in seen["developmental"]
    last = list(ProgrammeKind)[-1].value  # End picks the last kind in the list
    QTest.keyClick(dialog.kind_combo, Qt.Key.Key_End)
    assert dialog.kind_combo.currentData() == last
    QTest.keyClicks(dialog.name_edit, "Leaders learning 2027")
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert Programme.get(Programme.name == "Leaders learning 2027").kind == last
