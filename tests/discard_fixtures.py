"""The buttons of a form dialog's "Discard …?" question (ui.widgets.discard_guard), found by their text."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton


def discard_button(dialog) -> QAbstractButton:
    return next(b for b in dialog.discard_box.buttons() if b.text() == "&Discard")


def keep_editing_button(dialog) -> QAbstractButton:
    return next(b for b in dialog.discard_box.buttons() if b.text() == "&Keep editing")
