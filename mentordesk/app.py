"""Start-up of the GUI: arguments, display check, logging, theme, database, main window."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from pathlib import Path

from mentordesk import APP_ID, APP_NAME, __version__, config

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="mentordesk", description="Run a mentoring scheme from one laptop.")
    parser.add_argument(
        "--db",
        default=None,
        help="database file (default: your data folder, or the shared server opened last), "
        "or a shared server: postgresql://USER@HOST[:PORT]/DBNAME",
    )
    parser.add_argument("--demo", action="store_true", help="fill a new, empty database with demo data")
    theme = parser.add_mutually_exclusive_group()
    theme.add_argument("--dark", action="store_true", help="dark palette regardless of the system")
    theme.add_argument("--light", action="store_true", help="light palette regardless of the system")
    parser.add_argument("--version", action="version", version=f"MentorDesk {__version__}")
    return parser.parse_args(argv)


def display_problem() -> str | None:
    """Why Qt cannot open a window here, in one line, or None when it can."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return (
            "MentorDesk needs a graphical display, and none was found (DISPLAY and WAYLAND_DISPLAY are unset). "
            "Run it from a desktop session, or headless with: xvfb-run -a mentordesk "
            "(or QT_QPA_PLATFORM=offscreen mentordesk to start without showing a window)."
        )
    return None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    # Start-up allocates much and frees little: collecting while the modules load costs a tenth of the
    # window's start for nothing. gc_guard (installed below) collects on the GUI thread from then on.
    gc.disable()

    from mentordesk.logging_setup import install_qt_handler, scrub_values_from, setup_logging
    from mentordesk.services import protection

    setup_logging()
    install_qt_handler()  # Qt prints file paths (with children's names) to stderr otherwise
    scrub_values_from(lambda: protection.personal_values())  # loads the store only when a record comes
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from mentordesk.ui.pyside_imports import read_sources_directly

    read_sources_directly()  # before the window's modules load

    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    from mentordesk.ui import theme

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else theme.new_application(sys.argv[0])
    app.setDesktopFileName(APP_ID)
    from mentordesk.ui import gc_guard

    gc_guard.install(app)  # Qt objects must never be freed by a worker thread's garbage collection

    from mentordesk.ui.crash import CrashReporter
    from mentordesk.ui.formatting import use_readable_locale

    use_readable_locale()
    theme.apply(app, dark=True if args.dark else False if args.light else None)
    if not (args.dark or args.light):
        theme.follow_system(app)
    reporter = CrashReporter()
    reporter.install()

    from mentordesk.ui import database_switch
    from mentordesk.ui.startup import start_server_window, start_window

    server_url = args.db if args.db and args.db.startswith(("postgresql://", "postgres://")) else None
    remembered = args.db is None and not args.demo and database_switch.remembered_server()
    window = None
    if server_url is not None or remembered:
        window = start_server_window(server_url or str(remembered))
        if window is None and remembered:  # the server opened last is not there today: the local file
            server_url = None
    if window is None and server_url is None:
        window = start_window(Path(args.db) if args.db else config.default_db_path(), demo=args.demo)
    if window is None:
        return 1
    window.show()
    log.info("main window shown")
    from mentordesk.ui.none_refcount import keep_none_alive

    keep_none_alive()  # before the event loop, where the calls that take from None's count add up
    code = app.exec()
    # Let background work finish so its database connection closes cleanly.
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(10_000)
    from mentordesk.store.db import close_database

    close_database()  # a clean close records the file's checksum, checked at the next start
    return code
