"""The one editor of short ordered lists in Settings (closure reasons, focus areas), driven by keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mentordesk.ui.widgets.list_editor import ListEditor, ListWords

WORDS = ListWords(
    list_name="Reasons",
    new_label="&New reason:",
    new_name="New reason",
    placeholder="e.g. Family illness",
    add="&Add",
    remove="Re&move",
    type_first="New reason: type the reason first.",
    added="Added: {text}.",
    removed="Removed: {text}.",
    reordered="Reordered.",
)


def _editor(qtbot, stored: list[list[str]], errors: list[str]) -> ListEditor:
    def save(texts: list[str], message: str) -> bool:
        if len({t.casefold() for t in texts}) < len(texts):
            errors.append("listed twice")
            return False
        stored.append(texts)
        editor.set_texts(texts)
        return True

    editor = ListEditor(WORDS, save, errors.append, keep_one=True)
    qtbot.addWidget(editor)
    editor.set_texts(["Moved away", "Scheduling"])
    editor.show()
    return editor


def test_type_return_move_and_remove_by_keys(qtbot):
    stored: list[list[str]] = []
    errors: list[str] = []
    editor = _editor(qtbot, stored, errors)
    QTest.keyClicks(editor.new_edit, "  Family   illness ")
    QTest.keyClick(editor.new_edit, Qt.Key.Key_Return)
    assert stored[-1] == ["Moved away", "Scheduling", "Family illness"] and editor.new_edit.text() == ""
    assert editor.list.currentRow() == 2  # the new one is chosen
    QTest.keyClick(editor.up_button, Qt.Key.Key_Space)
    assert stored[-1] == ["Moved away", "Family illness", "Scheduling"] and editor.list.currentRow() == 1
    QTest.keyClicks(editor.new_edit, "SCHEDULING")
    QTest.keyClick(editor.new_edit, Qt.Key.Key_Return)
    assert errors == ["listed twice"] and editor.new_edit.text() == "SCHEDULING"  # kept to correct
    assert editor.texts() == stored[-1]
    editor.new_edit.clear()
    QTest.keyClick(editor.new_edit, Qt.Key.Key_Return)
    assert errors[-1] == WORDS.type_first
    for _ in range(2):
        QTest.keyClick(editor.remove_button, Qt.Key.Key_Space)
    assert editor.texts() == ["Scheduling"] and not editor.remove_button.isEnabled()  # keep_one
    assert not editor.up_button.isEnabled() and not editor.down_button.isEnabled()
