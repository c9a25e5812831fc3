"""Escape, Cancel and the window's close button ask before throwing away what was typed in a dialog.

A dialog that mixes in ``AsksBeforeDiscarding`` (before QDialog) calls ``watch_typing()`` once its
fields are filled, ``mark_saved()`` after a save that keeps it open, and says what would be lost in
``discard_question()``. Leaving untouched closes at once; otherwise a question opens with Keep
editing as the default (and as Escape), window-modal and not ``exec()``-ed, so the dialog's own event
loop keeps running.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)


def typed_state(root: QWidget, *, lists: bool = True, skip: tuple[QWidget, ...] = ()) -> tuple:
    """Everything typed or chosen under ``root``: compared with an earlier snapshot, whether any of it
    changed. ``lists``: a list widget's items count too (not where lists show records saved at once).
    ``skip``: parts the dialog fills on its own (found free times), which nobody typed."""
    state: list[object] = []
    for widget in root.findChildren(QWidget):
        if any(part is widget or part.isAncestorOf(widget) for part in skip):
            continue
        if isinstance(widget, QLineEdit) and not isinstance(widget.parentWidget(), QAbstractSpinBox):
            state.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            state.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            state.append(widget.currentIndex())
        elif isinstance(widget, QAbstractSpinBox):
            state.append(widget.text())
        elif isinstance(widget, QCheckBox | QRadioButton):
            state.append(widget.isChecked())
        elif lists and isinstance(widget, QListWidget):
            state.append(tuple(widget.item(i).text() for i in range(widget.count())))
    return tuple(state)


class AsksBeforeDiscarding:
    """Mixed into a QDialog subclass, before QDialog."""

    discard_box: QMessageBox | None = None
    read_only_notice: QLabel | None = None  # shown on top in a read-only window, before anything is typed
    typed_lists = True  # False where list widgets show records saved on their own (a concern's actions)
    _discarding = False
    _untouched: tuple = ()

    def watch_typing(self) -> None:
        self.discard_box = None
        self._discarding = False
        self.mark_saved()
        self._say_if_read_only()

    def _say_if_read_only(self) -> None:
        """In a window another MentorDesk's file lock made read-only, say so before anything is typed
        (found from outside: a whole form could be filled in before Save said it could not be saved)."""
        dialog: QDialog = self  # type: ignore[assignment]
        owner = dialog.parentWidget()
        if self.read_only_notice is not None or owner is None or not getattr(owner.window(), "read_only", False):
            return
        notice = QLabel(
            dialog.tr(
                "This window is read-only: the database is open in another MentorDesk, so nothing typed "
                "here can be saved. Close the other MentorDesk and reopen this one to make changes."
            )
        )
        notice.setObjectName("warning")
        notice.setWordWrap(True)
        layout = dialog.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, notice)
        elif isinstance(layout, QFormLayout):
            layout.insertRow(0, notice)
        else:
            return
        self.read_only_notice = notice

    def mark_saved(self) -> None:
        """What is on screen now is kept (saved, or as it was opened): nothing typed is at risk."""
        self._untouched = self.typed()

    def has_changes(self) -> bool:
        return self.typed() != self._untouched

    def typed(self) -> tuple:
        """What the user typed or chose now; a dialog that fills parts on its own leaves them out."""
        return typed_state(self, lists=self.typed_lists)  # type: ignore[arg-type]

    def leave_without_asking(self) -> None:
        """For an accept after a save: the dialog closes without the question."""
        self._discarding = True

    def discard_question(self) -> tuple[str, str]:
        """(the question, what it means): "Discard this concern?", "What you typed is not saved."."""
        raise NotImplementedError

    def reject(self) -> None:
        if self._discarding or not self.has_changes():
            self._discarding = True
            QDialog.reject(self)  # type: ignore[arg-type]
            return
        if self.discard_box is not None and self.discard_box.isVisible():
            return
        dialog: QDialog = self  # type: ignore[assignment]
        question, detail = self.discard_question()
        box = QMessageBox(QMessageBox.Icon.Question, dialog.windowTitle(), question, parent=dialog)
        box.setInformativeText(detail)
        discard = box.addButton(dialog.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(dialog.tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered() -> None:
            if box.clickedButton() is discard:
                self._discarding = True
                QDialog.reject(dialog)

        box.finished.connect(answered)
        self.discard_box = box
        box.show()  # not exec(): the dialog's own event loop keeps running (and tests can answer it)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        dialog: QDialog = self  # type: ignore[assignment]
        if self._discarding or not self.has_changes() or not dialog.isVisible():
            QDialog.closeEvent(dialog, event)
            return
        event.ignore()
        self.reject()
