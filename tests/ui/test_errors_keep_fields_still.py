"""An error appearing under a form never moves its fields, and is never drawn over one (issue 14):
every dialog keeps the room for its error line, and a long error wraps within it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from mentordesk.ui.widgets.date_edit import DateEdit
from tests.dialog_fixtures import every_dialog

INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton)


def _where(dialog: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())


def _fields(dialog: QWidget) -> dict[QWidget, QRect]:
    return {
        widget: _where(dialog, widget)
        for kind in INPUTS
        for widget in dialog.findChildren(kind)
        if widget.isVisible() and not isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox))
    }


def _shown_error(dialog: QWidget) -> QLabel | None:
    return next(
        (label for label in dialog.findChildren(QLabel, "error") if label.isVisible() and label.text()), None
    )


def test_an_error_moves_no_field_and_covers_none(qtbot, db, tmp_path):
    problems, checked = [], 0
    for name, dialog in every_dialog(tmp_path).items():
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.wait(10)
        dates = [edit for edit in dialog.findChildren(DateEdit) if edit.isVisible()]
        if not dates:
            continue
        edit = dates[0]
        edit.setFocus()
        QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(edit, "32/13/2026")
        before = _fields(dialog)
        box = dialog.findChild(QDialogButtonBox)
        save = next(b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)
        qtbot.wait(10)
        error = _shown_error(dialog)
        if error is None:
            problems.append(f"{name}: no error shown for a bad date")
            continue
        checked += 1
        if error.heightForWidth(error.width()) > error.height():
            problems.append(f"{name}: the error is cut off ({error.text()!r})")
        after = _fields(dialog)
        for widget, rect in before.items():
            label = widget.accessibleName() or widget.objectName() or type(widget).__name__
            if after.get(widget) != rect:
                problems.append(f"{name}: {label} moved from {rect} to {after.get(widget)}")
            if _where(dialog, error).intersects(after.get(widget, rect)):
                problems.append(f"{name}: the error is drawn over {label}")
        dialog.close()
    assert checked >= 10
    assert not problems, "\n".join(problems)
