"""Screenshots of every main area with the demo programme: ``python -m mentordesk.ui.screenshots OUTDIR``.

Renders offscreen at 1280x800 in the light palette (plus the dashboard in the dark one)
into ``OUTDIR/<area>.png``, and the Pairing page of each form of mentoring (``FORM_SHOTS``) into ``pairing-<form>.png``.
With ``--review`` it renders every page at a laptop's 1024x700 and at 1920x1080, light and
dark, as ``<area>-<size>-<palette>.png``, for checking the layout by eye.
Everything happens in a temporary folder that stands in for the user's data folder, so the
real database, settings and logs are never touched. Set QT_SCALE_FACTOR=1.25 to check the
layout at 125 % scaling.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SIZE = (1280, 800)
REVIEW_SIZES = [(1024, 700), (1920, 1080)]
# The Pairing page of each form of mentoring the showcase demo runs: (programme kind, file, tab).
FORM_SHOTS = [
    ("speed", "pairing-speed-night", "speed_night"),
    ("group", "pairing-circles", "review"),
    ("network", "pairing-network", "matches"),
    ("cascade", "pairing-tiers", "tiers"),
    ("shadow_board", "pairing-board", "board"),
]


def render(
    outdir: Path, size: tuple[int, int] = SIZE, dark_dashboard: bool = True, review: bool = False
) -> list[Path]:
    """Write one PNG per area (and ``dashboard-dark.png``); returns the files written.

    Needs a QApplication and MENTORDESK_HOME pointing at a scratch folder (``main`` does both).
    """
    from PySide6.QtWidgets import QApplication

    from mentordesk.services import demo
    from mentordesk.store.db import close_database, open_database
    from mentordesk.ui import theme
    from mentordesk.ui.pages import AREAS

    app = QApplication.instance()
    if not isinstance(app, QApplication):  # None, or a QCoreApplication without widgets
        raise RuntimeError("render() needs a QApplication")
    outdir.mkdir(parents=True, exist_ok=True)
    home = os.environ.get("MENTORDESK_HOME")
    if not home:
        raise RuntimeError("set MENTORDESK_HOME to a scratch folder first: screenshots never use real data")
    db_path = Path(home) / "screenshots.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    open_database(db_path, backup=False)
    written: list[Path] = []
    # Leave the application looking as it did (tests share one QApplication).
    saved = (app.styleSheet(), app.palette(), app.style().name())
    try:
        demo.seed_demo(showcase=True)  # with a pending draft run to review and a speed timetable
        if review:
            for dark in (False, True):
                theme.apply(app, dark=dark)
                for review_size in REVIEW_SIZES:
                    suffix = f"{review_size[0]}x{review_size[1]}-{'dark' if dark else 'light'}"
                    written += _every_page(db_path, review_size, outdir, suffix)
            return written
        theme.apply(app, dark=False)
        window = _window(db_path, size)
        for area in AREAS:
            page = window.show_area(area.key)
            if area.key == "pairing":
                _select_first_row(page)  # so the picture shows a proposal's reasons
            written.append(_save(window, outdir / f"{area.key}.png"))
        written += _form_shots(window, outdir)
        window.close()
        if dark_dashboard:
            theme.apply(app, dark=True)
            window = _window(db_path, size)  # a new window: icons are tinted when they are made
            window.show_area("dashboard")
            written.append(_save(window, outdir / "dashboard-dark.png"))
            window.close()
    finally:
        close_database()
        app.setStyle(saved[2])
        app.setPalette(saved[1])
        app.setStyleSheet(saved[0])
    return written


def _every_page(db_path: Path, size: tuple[int, int], outdir: Path, suffix: str) -> list[Path]:
    from mentordesk.ui.pages import AREAS

    window = _window(db_path, size)
    written = []
    for area in AREAS:
        page = window.show_area(area.key)
        _select_first_row(page)
        written.append(_save(window, outdir / f"{area.key}-{suffix}.png"))
    written += _form_shots(window, outdir, f"-{suffix}")
    window.close()
    return written


def _form_shots(window, outdir: Path, suffix: str = "") -> list[Path]:
    """The Pairing page of each form of mentoring (FORM_SHOTS), on the tab that shows it best."""
    written = []
    for kind, name, tab in FORM_SHOTS:
        _show_programme(window, kind)
        page = window.show_area("pairing")
        page.tabs.setCurrentWidget(getattr(page, tab))
        _select_first_row(page)
        written.append(_save(window, outdir / f"{name}{suffix}.png"))
    return written


def _show_speed_programme(window) -> None:
    """The demo's speed-mentoring programme on the Pairing page (its speed night first)."""
    _show_programme(window, "speed")
    window.show_area("pairing")
    _settle()


def _show_board_programme(window) -> None:
    """The demo's shadow board on the Pairing page, where its Board shows."""
    _show_programme(window, "shadow_board")
    window.show_area("pairing")
    _settle()


def _show_programme(window, kind: str) -> None:
    from mentordesk.services import programmes

    chosen = next(p for p in programmes.list_programmes() if p.kind == kind)
    window.reload_programmes(select_id=chosen.id)
    _settle()


def _select_first_row(page) -> None:
    from PySide6.QtWidgets import QTableView

    _settle()
    for view in page.findChildren(QTableView):
        if view.isVisible() and view.model() is not None and view.model().rowCount() > 0:
            view.setCurrentIndex(view.model().index(0, 0))
            from PySide6.QtTest import QTest

            QTest.qWait(250)  # what a selection loads after a short delay (a proposal's alternatives)
            return


def _window(db_path: Path, size: tuple[int, int]):
    from mentordesk.ui.context import AppContext
    from mentordesk.ui.main_window import MainWindow

    window = MainWindow(AppContext(db_path))
    window.resize(*size)
    window.show()
    _show_programme(window, "one_to_one")  # not the one a previous window left chosen
    return window


def _settle() -> None:
    """Let pages finish: pending events, background workers, then the results they post back."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
        QThreadPool.globalInstance().waitForDone(10_000)
    QApplication.processEvents()


def _save(window, path: Path) -> Path:
    _settle()
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    review = "--review" in args
    args = [a for a in args if a != "--review"]
    if len(args) != 1 or args[0].startswith("-"):
        print("usage: python -m mentordesk.ui.screenshots [--review] OUTDIR", file=sys.stderr)
        return 2
    outdir = Path(args[0])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    previous_home = os.environ.get("MENTORDESK_HOME")
    with tempfile.TemporaryDirectory(prefix="mentordesk-screenshots-") as scratch:
        # Always a scratch home, even when MENTORDESK_HOME is set: that may be someone's real data.
        os.environ["MENTORDESK_HOME"] = scratch
        try:
            from PySide6.QtCore import QCoreApplication
            from PySide6.QtWidgets import QApplication

            from mentordesk import APP_NAME

            QCoreApplication.setApplicationName(APP_NAME)
            app = QApplication.instance() or QApplication([sys.argv[0]])
            from mentordesk.ui import gc_guard
            from mentordesk.ui.formatting import use_readable_locale

            gc_guard.install(app)  # as the app does: no widget freed by a worker's collection

            use_readable_locale()
            written = render(outdir, review=review)
            del app
        finally:
            if previous_home is None:
                os.environ.pop("MENTORDESK_HOME", None)
            else:
                os.environ["MENTORDESK_HOME"] = previous_home
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
