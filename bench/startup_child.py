"""One timed start for ``bench_foundation``: MentorDesk's window (``app DB``) or a bare QMainWindow (``bare``).

It prints, as JSON, the wall-clock time of the window's first paint and of the moment
before the window is built; for MentorDesk also when the file's check reported
(``checked_at``), when the first page showed the file's data (``page_filled_at``: the
dashboard's ``filled``) and when ``start_window`` returned (``filled_at``). It imports nothing from ``bench``
so that both kinds of start pay only for what they need themselves. MentorDesk closes
its database at the end as ``mentordesk.app.main`` does, so every start finds the file
as a clean close left it, like a person's next start.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HEAVY_MODULES = ("scipy", "numpy", "reportlab", "icalendar")


def _child(kind: str, db_path: str | None) -> None:
    """Start a window (MentorDesk's or a bare one), print when it first paints, and quit.

    Both kinds watch their own window's ``paintEvent``, nothing else: an event filter on the
    whole application would run Python for every event of every widget and tax MentorDesk's
    many widgets more than the bare window. MentorDesk shows its window itself and paints
    while its open check runs, before ``start_window`` returns.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    phases: dict[str, float] = {}
    report: dict[str, object] = {}
    running = False

    def painted() -> None:
        if not report:
            report["shown_at"] = time.time()
            report["heavy"] = sorted(m for m in HEAVY_MODULES if m in sys.modules)
            # Only the main loop is ended: a nested one (the open check's wait) must finish.
            QTimer.singleShot(0, lambda: app.quit() if running else None)

    def page_filled() -> None:
        phases.setdefault("page_filled_at", time.time())
        if running and "filled_at" in phases:
            app.quit()

    def watch(window_class: type) -> type:
        class Watched(window_class):  # type: ignore[valid-type, misc]
            def attach(self) -> None:  # MentorDesk's window: its first page says when it has data
                if not self.attached:
                    self.current_page().filled.connect(page_filled)
                super().attach()

            def paintEvent(self, event) -> None:
                painted()
                super().paintEvent(event)

        return Watched

    if kind == "app":
        # What mentordesk.app.main does before the window, minus argument parsing. Main imports
        # the logging modules before PySide6, whose import hook (this process has PySide6 already,
        # to watch the paint) it then makes cheaper: here that comes first, for them too.
        import gc

        gc.disable()  # as main does until gc_guard takes over
        from mentordesk.ui.pyside_imports import read_sources_directly

        read_sources_directly()
        from mentordesk.logging_setup import setup_logging

        setup_logging()
        from mentordesk.ui import theme

        app = theme.new_application(sys.argv[0])
    else:
        app = QApplication([sys.argv[0]])
    if kind == "app":
        from mentordesk.ui import gc_guard, main_window, startup, theme
        from mentordesk.ui.crash import CrashReporter
        from mentordesk.ui.formatting import use_readable_locale

        startup.MainWindow = watch(main_window.MainWindow)  # type: ignore[misc]
        from mentordesk.ui import open_check

        real_verdict = open_check.OpenCheck.finished

        def verdict(self, problems) -> None:  # the check's result reaches the window: "checked"
            phases.setdefault("checked_at", time.time())
            real_verdict(self, problems)

        open_check.OpenCheck.finished = verdict  # type: ignore[method-assign]
        gc_guard.install(app)
        use_readable_locale()
        theme.apply(app, dark=False)
        reporter = CrashReporter()
        reporter.install()
        phases["before_window"] = time.time()
        window = startup.start_window(Path(db_path or ""), ask_first_run=False)
        if window is None:
            raise SystemExit("the database did not open")
        phases["filled_at"] = time.time()  # opened, checked, its first page filled and the rest done
        phases.setdefault("checked_at", phases["filled_at"])  # a file that needed no deferred check
    else:
        phases["before_window"] = time.time()
        window = watch(QMainWindow)()
        window.resize(1240, 780)
        phases["filled_at"] = time.time()
    window.show()
    if not report:  # the bare window (and MentorDesk without an open check) paints in the main loop
        running = True
        QTimer.singleShot(60_000, app.quit)  # never hang a benchmark run
        app.exec()
    if not report:
        raise SystemExit("the window never painted")
    if kind == "app":
        if "page_filled_at" not in phases:  # the first page's data is still on its way
            running = True
            QTimer.singleShot(60_000, app.quit)
            app.exec()
        if "page_filled_at" not in phases:
            raise SystemExit("the first page was never filled")
        from PySide6.QtCore import QThreadPool

        from mentordesk.store.db import close_database

        QThreadPool.globalInstance().waitForDone(10_000)
        close_database()  # as mentordesk.app.main does: a clean close, as the next start finds it
    report.update(phases)
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
