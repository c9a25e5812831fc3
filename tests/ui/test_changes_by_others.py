"""What another coordinator saves on the shared server appears in the open window without a restart."""

from __future__ import annotations

import time

import psycopg
import pytest

from mentordesk.store.models import Enrolment, Participant, Programme
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow


@pytest.fixture
def server_window(qtbot, pg_server, pg_database, tmp_path):
    from mentordesk.store.db import close_database, open_database

    open_database(pg_server.url(pg_database))
    programme = Programme.create(name="Year 9")
    person = Participant.create(first_name="Ana", last_name="Lima")
    Enrolment.create(participant=person, programme=programme, role="mentee")
    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    window.show()
    page = window.show_area("participants")
    yield window, page, programme
    window.close()
    close_database()


def names(page) -> set[str]:
    return {row.name for row in page.model.rows}


def test_a_participant_added_on_another_desk_appears_within_2_seconds(qtbot, pg_server, pg_database, server_window):
    window, page, programme = server_window
    assert names(page) == {"Ana Lima"}
    assert window.change_watch.active
    qtbot.waitUntil(lambda: window.change_watch._listener.listening.is_set(), timeout=5000)
    with psycopg.connect(host=str(pg_server.root), port=pg_server.port, user="postgres", dbname=pg_database,
                         autocommit=True) as other:
        other.execute(
            "WITH p AS (INSERT INTO participant (first_name, last_name, preferred_name, pronouns, email, phone, "
            "age_band, organisation, department, accessibility_needs, emergency_contact, notes, anonymised, "
            "created_at, updated_at) VALUES ('Mei', 'Chen', '', '', '', '', '', '', '', '', '', '', false, now(), "
            "now()) RETURNING id) "
            "INSERT INTO enrolment (participant_id, programme_id, role, status, capacity, referral_source, "
            "preferences, enrolled_on, exit_reason) SELECT id, %s, 'mentor', 'applied', 1, '', '', "
            "current_date, '' FROM p",
            (programme.id,),
        )
        saved = time.monotonic()
    qtbot.waitUntil(lambda: names(page) == {"Ana Lima", "Mei Chen"}, timeout=2500)
    assert time.monotonic() - saved < 2.5
    assert "changes saved by others" in window.statusBar().currentMessage()


def test_a_change_to_another_programme_leaves_the_page_alone(qtbot, pg_server, pg_database, server_window):
    window, page, programme = server_window
    qtbot.waitUntil(lambda: window.change_watch._listener.listening.is_set(), timeout=5000)
    before = page.refreshes
    window._changed_elsewhere({f"match:{programme.id + 1000}"})
    assert page.refreshes == before
    window._changed_elsewhere({f"match:{programme.id}"})
    assert page.refreshes == before + 1


def test_running_the_matcher_while_sam_runs_it_says_who_and_since_when(qtbot, pg_server, pg_database, server_window):
    from mentordesk.store.job_locks import _application_name, job_key

    window, _, programme = server_window
    page = window.show_area("pairing")
    with psycopg.connect(host=str(pg_server.root), port=pg_server.port, user="postgres", dbname=pg_database,
                         autocommit=True) as sam:
        sam.execute("SELECT pg_try_advisory_lock(%s, %s)", (job_key("matcher"), programme.id))
        sam.execute("SELECT set_config('application_name', %s, false)",
                    (_application_name("matcher", programme.id, "Sam Whitaker"),))
        page.run_action.trigger()
        qtbot.waitUntil(lambda: page.task is None, timeout=10_000)
        text = page.message.text()
        assert text.startswith("Sam Whitaker (database user postgres) is running the matcher for Year 9 since ")
        assert page.run_action.isEnabled()


def test_on_a_local_file_the_watcher_can_poll_for_another_process(qtbot, db, db_url):
    import sqlite3

    from mentordesk.ui.widgets.change_watch import ChangeWatcher

    watcher = ChangeWatcher(poll_local_ms=50)
    watcher.start()
    try:
        with qtbot.waitSignal(watcher.changed, timeout=2000) as caught:
            other = sqlite3.connect(db_url)
            other.execute("INSERT INTO tag (name, kind) VALUES ('chess', 'interest')")
            other.commit()
            other.close()
        assert caught.args == [{"*"}]
    finally:
        watcher.stop()
