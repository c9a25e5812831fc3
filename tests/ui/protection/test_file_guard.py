"""One MentorDesk per file in the window: a second instance is told who holds the file and may open it
read-only or quit; a file replaced underneath by another program is noticed and reloaded.
The other MentorDesk, and the other program, are real second processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QMessageBox

from mentordesk.store import file_lock
from mentordesk.store.db import close_database, database, open_database
from mentordesk.store.models import Participant, Programme
from mentordesk.ui import startup
from tests import ROOT, protection_fixtures
from tests.protection_fixtures import (
    add_marker_person,
    file_digest,
    start_lock_holder,
    stop_process,
    when_modal,
)

_close_db = protection_fixtures.close_db_after_each_test

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "scheme.db"
    open_database(path)
    add_marker_person()
    Programme.create(name="Year 9 reading")
    close_database()
    return path


@pytest.fixture
def held(db_file):
    child = start_lock_holder(db_file)
    yield child
    stop_process(child)


def answer(button_text: str, seen: dict):
    def click(box: QMessageBox) -> None:
        seen["text"] = box.text()
        seen["informative"] = box.informativeText()
        seen["names"] = [b.accessibleName() for b in box.buttons()]
        next(b for b in box.buttons() if b.text().replace("&", "") == button_text).click()

    return click


def test_a_second_instance_names_the_holder_and_can_quit(qtbot, db_file, held):
    seen: dict = {}
    when_modal(answer("Quit", seen))
    assert startup.start_window(db_file) is None
    assert seen["text"] == "scheme.db is already open in another MentorDesk."
    assert f"process {held.pid}" in seen["informative"] and "read-only" in seen["informative"]
    assert all(seen["names"])
    assert database.obj is None or database.obj.is_closed()


def test_a_second_instance_opens_read_only_and_writes_nothing(qtbot, db_file, held):
    before = file_digest(db_file)
    seen: dict = {}
    when_modal(answer("Open read-only", seen))
    window = startup.start_window(db_file)
    qtbot.addWidget(window)
    assert window.windowTitle().endswith("(read-only)")
    assert window.read_only_label.isVisible() and "another MentorDesk" in window.read_only_label.text()
    assert Participant.select().count() == 1  # it reads
    with pytest.raises(Exception, match="readonly|read-only|query_only|attempt to write"):
        Participant.create(first_name="Not", last_name="Saved")
    from mentordesk.ui.crash import CrashReporter

    reporter = CrashReporter()  # a save attempted from a dialog ends here: say why, not "crashed"
    try:
        Participant.create(first_name="Not", last_name="Saved")
    except Exception:
        reporter.handle(*sys.exc_info())
    assert reporter.last_dialog.text().startswith("This window is read-only: the database is open in another")
    reporter.last_dialog.close()
    window.close()
    close_database()
    assert file_digest(db_file) == before  # no daily backup bookkeeping, no migration, nothing
    assert file_lock.read(db_file).pid == held.pid


OTHER_SAVE = textwrap.dedent(
    """
    import sys
    from mentordesk.store.db import close_database, open_database
    from mentordesk.store.models import Participant, Programme
    open_database(sys.argv[1], backup=False)
    Programme.create(name="Saved by the other copy")
    Participant.create(first_name="Saved", last_name="Elsewhere")
    close_database()
    """
)


def test_a_read_only_window_shows_what_the_other_copy_saves(qtbot, db_file, held):
    """Found from outside: the read-only second copy showed the other copy's saves only after F5."""
    when_modal(answer("Open read-only", {}))
    window = startup.start_window(db_file)
    qtbot.addWidget(window)
    before = [window.programme_combo.itemText(i) for i in range(window.programme_combo.count())]
    assert "Saved by the other copy" not in before
    # The other MentorDesk (a real second process) saves: this window follows without a key pressed.
    subprocess.run([sys.executable, "-c", OTHER_SAVE, str(db_file)], cwd=ROOT, check=True, timeout=120)
    qtbot.waitUntil(
        lambda: window.programme_combo.findText("Saved by the other copy") >= 0, timeout=10_000
    )
    assert "changes saved by others" in window.statusBar().currentMessage()
    window.close()


def test_a_form_in_a_read_only_window_says_so_before_anything_is_typed(qtbot, db_file, held):
    """Found from outside: in the read-only copy, Add participant let a whole form be filled in and only
    Save said nothing could be saved."""
    when_modal(answer("Open read-only", {}))
    window = startup.start_window(db_file)
    qtbot.addWidget(window)
    page = window.show_area("participants")
    seen: dict = {}

    def look(dialog) -> None:
        seen["notice"] = dialog.read_only_notice.text() if dialog.read_only_notice is not None else ""
        seen["visible"] = dialog.read_only_notice is not None and dialog.read_only_notice.isVisible()
        dialog.reject()

    when_modal(look)
    page.add_participant()
    assert seen["visible"] and "read-only" in seen["notice"] and "another MentorDesk" in seen["notice"]
    window.close()


REPLACER = textwrap.dedent(
    """
    import os, sys
    from mentordesk.store.db import close_database, open_database
    from mentordesk.store.models import Participant
    other = sys.argv[1] + ".synced"
    open_database(other)
    for n in range(3):
        Participant.create(first_name=f"Synced{n}", last_name="Copy")
    close_database()
    os.replace(other, sys.argv[1])  # what a sync tool putting back another copy does
    """
)


def test_a_file_replaced_underneath_is_noticed_and_reloaded(qtbot, db_file):
    window = startup.start_window(db_file)
    qtbot.addWidget(window)
    assert Participant.select().count() == 1
    seen: dict = {}

    def read_warning(box):
        seen["text"] = box.text()
        box.accept()

    subprocess.run([sys.executable, "-c", REPLACER, str(db_file)], cwd=ROOT, check=True, timeout=120)
    when_modal(read_warning)
    qtbot.waitUntil(lambda: "text" in seen, timeout=10_000)
    assert "scheme.db was replaced by another program" in seen["text"] and "reloaded" in seen["text"]
    assert Participant.select().count() == 3  # the window now works on the file that is there
    Participant.create(first_name="After", last_name="Reload")
    window.close()
    close_database()
    open_database(db_file)
    assert Participant.select().where(Participant.first_name == "After").count() == 1


def test_a_new_database_in_a_new_folder_is_locked_once_made(qtbot, tmp_path, isolated_home):
    """Found from outside: a first run into a folder that did not exist yet took no lock, so a second
    MentorDesk opened the same file without a word."""
    path = tmp_path / "new folder" / "scheme.db"
    window = startup.start_window(path, ask_first_run=False)
    qtbot.addWidget(window)
    assert window is not None and path.is_file()
    assert file_lock.read(path).is_this_process()
    second = subprocess.run(
        [sys.executable, "-c", protection_fixtures.LOCK_HOLDER, str(path), "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 3 and "open in another MentorDesk" in second.stdout
    window.close()
