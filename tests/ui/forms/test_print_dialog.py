"""File › Print application form…: choose the role and kind, and the PDF is written."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from tests.screen_fixtures import clipped, unnamed


def test_print_a_fillable_mentor_form_from_the_file_menu(demo_main_window, qtbot, tmp_path):
    window = demo_main_window
    window.print_form_action.trigger()
    dialog = window.print_form_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert unnamed(dialog) == [] and clipped(dialog) == []
    assert dialog.path.text().endswith(".pdf")
    dialog.role.setFocus()
    QTest.keyClick(dialog.role, Qt.Key.Key_Down)  # Mentors
    target = tmp_path / "mentor form.pdf"
    dialog.path.selectAll()
    QTest.keyClicks(dialog.path, str(target))
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    QTest.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    fields = PdfReader(target).get_fields()
    assert fields["md_role"]["/V"] == "mentor" and "offers" in fields


def test_a_name_without_pdf_is_refused(demo_main_window, qtbot, tmp_path):
    demo_main_window.print_form_action.trigger()
    dialog = demo_main_window.print_form_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.path.selectAll()
    QTest.keyClicks(dialog.path, str(tmp_path / "form.doc"))
    dialog.paper.setFocus()
    QTest.keyClick(dialog.paper, Qt.Key.Key_Space)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    QTest.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "ending in .pdf" in dialog.error.text()
    assert not (tmp_path / "form.doc").exists()
