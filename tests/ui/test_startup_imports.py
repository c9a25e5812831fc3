"""Start-up stays light: opening the main window imports none of the heavy libraries.

scipy (pairing), numpy, reportlab (documents) and icalendar (calendar export) are
imported by the features that need them, on first use; the database layer (peewee
and the models) is imported only after the window's first paint. This runs in a
fresh process, because the test session itself has long imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests import ROOT

# qtawesome too: ui/icons.py reads its font file directly, because importing it (through qtpy)
# costs about a fifth of a second at every start.
HEAVY = ["scipy", "numpy", "reportlab", "icalendar", "qtawesome", "PySide6.QtCharts", "psycopg"]

CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from mentordesk.logging_setup import setup_logging
setup_logging()
from mentordesk.ui import main_window, startup, theme
at_paint = []
class Watched(main_window.MainWindow):
    def paintEvent(self, event):
        if not at_paint:
            at_paint.extend(
                m for m in ("peewee", "mentordesk.store.models", "logging.handlers") if m in sys.modules
            )
            at_paint.append("painted")
        super().paintEvent(event)
startup.MainWindow = Watched
theme.apply(app, dark=False)
window = startup.start_window(Path(sys.argv[1]), ask_first_run=False)
window.show()
app.processEvents()
shown = window.isVisible() and window.attached and window.current_page().__class__.__name__
print(json.dumps({"shown": shown, "at_paint": at_paint, "loaded": [m for m in sys.argv[2:] if m in sys.modules]}))
"""


def test_main_window_starts_without_heavy_imports(tmp_path, isolated_home):
    from mentordesk.services.demo import programme
    from mentordesk.store.db import close_database, open_database

    path = tmp_path / "demo.db"
    open_database(path)
    programme.seed_demo()
    close_database()
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), MENTORDESK_HOME=str(isolated_home)
    )
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), *HEAVY],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["shown"] == "DashboardPage"  # the demo's dashboard really was built and shown
    assert report["loaded"] == [], f"imported at start-up: {report['loaded']}"
    assert report["at_paint"] == ["painted"], f"loaded before the first paint: {report['at_paint'][:-1]}"
