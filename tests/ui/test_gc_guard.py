"""The cycle collector runs on the GUI thread (ui/gc_guard.py), never on a worker's."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QThreadPool
from PySide6.QtWidgets import QApplication

from mentordesk.ui import gc_guard
from mentordesk.ui.workers import Worker


class Cycle:
    """Garbage only the cycle collector can free; it notes the thread that freed it."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def test_collection_moves_to_the_gui_thread(qtbot):
    gc.enable()  # as at app start, before the guard
    collector = gc_guard.install(QApplication.instance())
    try:
        assert not gc.isenabled()
        Cycle.freed_on.clear()
        for _ in range(50):
            Cycle()

        def allocate(progress):  # far past every threshold: the old collector would run here
            return len([[object()] for _ in range(100_000)])

        worker = Worker(allocate)
        with qtbot.waitSignal(worker.signals.finished, timeout=20_000):
            worker.start()
        assert QThreadPool.globalInstance().waitForDone(10_000)
        collector.thresholds = (0, 10**9, 10**9)  # make the next tick collect the youngest generation
        qtbot.waitUntil(lambda: len(Cycle.freed_on) == 50, timeout=5_000)  # the timer collected them
        assert set(Cycle.freed_on) == {threading.main_thread().name}  # and none on the worker
    finally:
        collector.stop()
        collector.setParent(None)
        gc.disable()  # the suite's own setting (tests/conftest.py)


def test_collect_picks_the_oldest_generation_past_its_threshold():
    owner = QObject()
    collector = gc_guard.MainThreadCollector(owner, interval_ms=60_000)
    try:
        collector.thresholds = (10**9, 10**9, 10**9)
        assert collector.collect() == -1  # nothing is due
        keep = [[] for _ in range(10)]  # containers the collector tracks
        collector.thresholds = (0, 10**9, 10**9)
        assert collector.collect() == 0
        keep += [[] for _ in range(10)]
        collector.thresholds = (0, 0, 10**9)
        assert collector.collect() == 1  # generation 0 ran once since: generation 1 is due too
    finally:
        collector.timer.stop()
