"""Settings › Custom fields: add, edit, reorder and delete a programme's questions with the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from mentordesk.services import participants
from mentordesk.ui import screenshots
from tests.screen_fixtures import clipped, unnamed


@pytest.fixture
def tab(demo_main_window):
    page = demo_main_window.show_area("settings")
    screenshots._settle()
    index = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == "Custom fields")
    page.tabs.setCurrentIndex(index)
    return page.tabs.widget(index)


def test_add_edit_move_and_delete(qtbot, tab):
    programme_id = tab.ctx.programme_id
    demo = [f.label for f in participants.list_fields(programme_id)]  # the demo's own fields
    assert tab.list.count() == len(demo) == 3
    assert unnamed(tab) == [] and clipped(tab) == []
    QTest.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.label.setFocus()
    QTest.keyClicks(dialog.label, "Favourite book")
    dialog.kind.setFocus()
    QTest.keyClick(dialog.kind, Qt.Key.Key_Down)  # One choice
    QTest.keyClick(dialog.choices, Qt.Key.Key_A)
    dialog.accept()  # one choice only: refused, the dialog stays
    assert "Favourite book: a choice field needs at least two choices" in dialog.error.text()
    assert dialog.isVisible() and [f.label for f in participants.list_fields(programme_id)] == demo
    dialog.choices.setFocus()
    QTest.keyClicks(dialog.choices, "rt")
    QTest.keyClick(dialog.choices, Qt.Key.Key_Return)
    QTest.keyClicks(dialog.choices, "Maths")
    QTest.keyClick(dialog.required, Qt.Key.Key_Space)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    QTest.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    spec = participants.list_fields(programme_id)[-1]
    assert (spec.label, spec.kind, spec.choices, spec.required) == (
        "Favourite book",
        "choice",
        ("art", "Maths"),
        True,
    )
    participants.define_field(programme_id, participants_draft("Pets"))
    tab.refresh()
    tab.list.setCurrentRow(4)
    QTest.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    assert [f.label for f in participants.list_fields(programme_id)] == [*demo, "Pets", "Favourite book"]
    tab.list.setCurrentRow(0)
    QTest.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.confirm is not None and tab.confirm.isVisible())
    tab.confirm.button(QMessageBox.StandardButton.Yes).click()
    assert [f.label for f in participants.list_fields(programme_id)] == [*demo[1:], "Pets", "Favourite book"]


def participants_draft(label: str):
    from mentordesk.core.participants import FieldDraft

    return FieldDraft(label)
