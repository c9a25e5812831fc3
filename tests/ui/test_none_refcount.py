"""Found at the end of a session: on Python 3.11, PySide6 6.12 takes one reference from None on every
call of a method that returns nothing, and a window crashed ("Fatal Python error: none_dealloc")
after some 600 page switches. ``keep_none_alive``, which main calls before the event loop, keeps None
out of reach."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests import ROOT

CALLS = textwrap.dedent(
    """
    import sys
    calls = sys.getrefcount(None) + 50_000  # more calls than None has references before the guard
    from mentordesk.ui.none_refcount import keep_none_alive

    keep_none_alive()
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication([])
    widget = QWidget()
    for _ in range(calls):
        widget.update()  # returns nothing
    print("alive")
    """
)


def test_more_calls_than_none_had_references_do_not_crash_once_none_is_kept_alive():
    # A process of its own: without the guard it dies with "Fatal Python error: none_dealloc".
    done = subprocess.run(
        [sys.executable, "-c", CALLS],
        cwd=ROOT,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and "none_dealloc" not in done.stderr, done.stderr[-500:]
    assert done.stdout.split() == ["alive"]
