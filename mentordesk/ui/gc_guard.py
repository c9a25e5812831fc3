"""Python's cycle collector runs on the GUI thread only.

The collector normally runs on whichever thread happens to allocate. When that is a
thread-pool worker (the dashboard's figures, a documents batch) and the garbage holds a
Qt widget from a closed dialog, Qt frees the widget off the GUI thread and the app
crashes. So automatic collection is switched off and a timer on the GUI thread does the
same work: it collects the generations whose counts have passed their thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


def collect_due(thresholds: tuple[int, ...]) -> int:
    """Collect as the automatic collector would have by now; returns the generation collected, or -1."""
    counts = gc.get_count()
    generation = -1
    for level in range(3):
        if counts[level] > thresholds[level]:
            generation = level
    if generation >= 0:
        gc.collect(generation)
    return generation


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        return collect_due(self.thresholds)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()


def install(app: QObject) -> MainThreadCollector:
    """Switch Python's collector to the GUI thread for as long as ``app`` lives."""
    return MainThreadCollector(app)
