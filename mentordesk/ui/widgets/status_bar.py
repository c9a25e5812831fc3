"""The status bar, whose messages end in "…" where they would be cut off, the whole text in the tooltip.

QStatusBar draws a message in the room left of its permanent widgets and cuts it off there: a
long one ("Rolled over 24 people… 3 pairs were not proposed: …") lost its end without a sign.
``currentMessage`` still returns the whole text.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QStatusBar, QWidget

MESSAGE_MARGIN = 12  # QStatusBar leaves a little room on either side of its message


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._whole = ""  # the message as it was given
        self._shown = ""  # the message as it is shown (ending in "…" when it did not fit)
        self._until: float | None = None  # when a message with a timeout goes (monotonic seconds)
        self.messageChanged.connect(self._message_changed)

    def showMessage(self, text: str, /, timeout: int | None = 0) -> None:  # noqa: N802 - Qt's name
        timeout = timeout or 0
        self._whole = text
        self._shown = self._fitted(text)
        self._until = time.monotonic() + timeout / 1000 if timeout > 0 else None
        super().showMessage(self._shown, timeout)
        self.setToolTip(text if self._shown != text else "")

    def currentMessage(self) -> str:  # noqa: N802 - Qt's name
        shown = super().currentMessage()
        return self._whole if shown and shown == self._shown else shown

    def _message_changed(self, text: str) -> None:
        if not text:  # cleared, or its time ran out
            self._whole = self._shown = ""
            self.setToolTip("")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._whole and super().currentMessage() == self._shown:
            fitted = self._fitted(self._whole)
            if fitted != self._shown:  # shown again, fitted to the new width, for the time it had left
                left = 0 if self._until is None else max(1, round((self._until - time.monotonic()) * 1000))
                self._shown = fitted
                super().showMessage(fitted, left)
                self.setToolTip(self._whole if fitted != self._whole else "")

    def message_room(self) -> int:
        """The width a message has: up to the first permanent widget on show, less the margins."""
        right = self.width()
        for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child.isVisible() and child.geometry().left() > 0 and not child.isWindow():
                right = min(right, child.geometry().left())
        return max(0, right - MESSAGE_MARGIN)

    def _fitted(self, text: str) -> str:
        if not text or not self.isVisible():
            return text
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, self.message_room())
