"""Several people on one server: NOTIFY reaches the others, job locks say who, a dropped save applies nothing."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from mentordesk.services import concurrency
from mentordesk.services.pairing import PairingError, publish
from mentordesk.store.base import database
from mentordesk.store.changes import EVERYTHING, ChangeListener, parse_payload
from mentordesk.store.job_locks import JobBusy, job_holder, job_lock
from mentordesk.store.models import Match, Participant, Programme


def other_connection(
    pg_server, dbname: str, user: str = "postgres", app: str = "other desk"
) -> psycopg.Connection:
    """A second person's connection: plain psycopg, as another MentorDesk on another desk would have."""
    return psycopg.connect(
        host=str(pg_server.root),
        port=pg_server.port,
        user=user,
        dbname=dbname,
        autocommit=True,
        application_name=app,
    )


@pytest.fixture
def server_db(pg_server, pg_database):
    from mentordesk.store.db import close_database, open_database

    db = open_database(pg_server.url(pg_database))
    yield db
    close_database()


def collecting_listener(db):
    seen: list[tuple[float, set[str]]] = []
    arrived = threading.Event()

    def on_changes(batch: set[str]) -> None:
        seen.append((time.monotonic(), batch))
        arrived.set()

    listener = ChangeListener.for_database(db, on_changes, wait=0.2)
    return listener, seen, arrived


def test_a_write_on_one_connection_reaches_the_others_listener_within_2_seconds(
    pg_server, pg_database, server_db
):
    programme = Programme.create(name="Year 9")
    listener, seen, arrived = collecting_listener(server_db)
    listener.start()
    try:
        assert listener.listening.wait(5)
        with other_connection(pg_server, pg_database) as other:
            written = time.monotonic()
            # Plain SQL, as another tool would write it (an update: the schema's columns keep growing).
            other.execute(
                "UPDATE programme SET description = 'Changed elsewhere' WHERE id = %s", (programme.id,)
            )
        assert arrived.wait(2.0), "no notification within 2 s"
        at, batch = seen[0]
        assert at - written < 2.0
        assert any(item.startswith("programme:") for item in batch), batch
        assert parse_payload(f"match:{programme.id}") == ("match", programme.id)
        # Our own writes are ours to refresh: the listener skips the main connection's notifications.
        seen.clear()
        arrived.clear()
        Participant.create(first_name="Own write")
        assert not arrived.wait(1.0)
    finally:
        listener.stop()


def test_a_rolled_back_transaction_notifies_nobody(pg_server, pg_database, server_db):
    listener, seen, arrived = collecting_listener(server_db)
    listener.start()
    try:
        assert listener.listening.wait(5)
        with other_connection(pg_server, pg_database) as other, other.transaction(force_rollback=True):
            other.execute(
                "INSERT INTO programme (name, kind, description, meeting_frequency_days, "
                "meeting_length_minutes, meeting_places, coordinator_name, timezone, settings, "
                "archived, created_at) VALUES ('Ghost', 'one_to_one', '', 14, 60, '', '', "
                "'Europe/London', '{}', false, now())"
            )
        assert not arrived.wait(1.0)
    finally:
        listener.stop()


def test_the_listener_reconnects_after_its_connection_is_cut_and_says_reload_everything(
    pg_server, pg_database, server_db
):
    listener, seen, arrived = collecting_listener(server_db)
    listener.start()
    try:
        assert listener.listening.wait(5)
        pg_server.sql(
            pg_database,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'MentorDesk (change listener)'",
        )
        assert arrived.wait(5), "no reconnect"
        assert seen[0][1] == {EVERYTHING} and listener.reconnects == 1
        arrived.clear()
        seen.clear()
        with other_connection(pg_server, pg_database) as other:
            other.execute("UPDATE setting SET value = value WHERE key = 'schema.version'")
        assert arrived.wait(2.0) and "setting:" in seen[0][1]
    finally:
        listener.stop()


def test_a_second_person_is_told_who_runs_the_matcher_and_since_when(pg_server, pg_database, server_db):
    programme = Programme.create(name="Year 9")
    with other_connection(pg_server, pg_database, app="MentorDesk") as sam:
        # Sam's MentorDesk, on another desk, takes the lock the way job_locks does.
        from mentordesk.store.job_locks import _application_name, job_key

        sam.execute("SELECT pg_try_advisory_lock(%s, %s)", (job_key("matcher"), programme.id))
        sam.execute(
            "SELECT set_config('application_name', %s, false)",
            (_application_name("matcher", programme.id, "Sam Whitaker"),),
        )
        with pytest.raises(JobBusy) as caught, job_lock("matcher", programme.id, "Me"):
            pass
        holder = caught.value.holder
        assert holder is not None and (holder.name, holder.db_user) == ("Sam Whitaker", "postgres")
        with pytest.raises(PairingError) as refused:
            concurrency_run(programme.id)
        text = str(refused.value)
        assert text.startswith(
            "Sam Whitaker (database user postgres) is running the matcher for Year 9 since "
        )
        assert f"{holder.since:%H:%M}" in text
        # Another programme, or another job, is not held up.
        other_programme = Programme.create(name="Year 10")
        with job_lock("matcher", other_programme.id, "Me"):
            pass
        sam.execute("SELECT pg_advisory_unlock(%s, %s)", (job_key("matcher"), programme.id))
    assert job_holder("matcher", programme.id) is None
    with job_lock("matcher", programme.id, "Me"):  # free again
        assert job_holder("matcher", programme.id).name == "Me"
    assert database.execute_sql("SELECT current_setting('application_name')").fetchone()[0] == "MentorDesk"


def concurrency_run(programme_id: int):
    from mentordesk.services.pairing import run_matcher

    return run_matcher(programme_id, dry_run=True)


def test_a_holder_whose_connection_dies_frees_the_lock(pg_server, pg_database, server_db):
    programme = Programme.create(name="Year 9")
    Match.create(programme=programme)
    sam = other_connection(pg_server, pg_database, app="MentorDesk")
    from mentordesk.store.job_locks import job_key

    sam.execute("SELECT pg_try_advisory_lock(%s, %s)", (job_key("publish"), programme.id))
    with pytest.raises(PairingError, match="publishing matches for Year 9"):
        publish(programme.id)
    pg_server.sql(pg_database, f"SELECT pg_terminate_backend({sam.info.backend_pid})")  # Sam's laptop drops
    with pytest.raises(psycopg.OperationalError):
        sam.execute("SELECT 1")
    sam.close()
    with job_lock("publish", programme.id, "Me"):  # the server freed Sam's lock with the connection
        assert job_holder("publish", programme.id).name == "Me"


def server_pid() -> int:
    return database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]


def test_on_a_local_file_the_lock_is_held_in_this_process(db, programme):
    busy = r"in this window, is running the matcher for Test programme"
    with concurrency.exclusive("matcher", programme.id):
        with (
            pytest.raises(concurrency.JobRunning, match=busy),
            concurrency.exclusive("matcher", programme.id),
        ):
            pass
        assert "running the matcher" in concurrency.running("matcher", programme.id)
    assert concurrency.running("matcher", programme.id) is None


def test_a_connection_dropped_mid_save_loses_nothing_committed_and_applies_nothing_half(
    pg_server, pg_database, server_db
):
    kept = Participant.create(first_name="Committed before")
    pid = server_pid()
    with pytest.raises(Exception) as dropped, database.atomic():  # noqa: B017 - the driver's, wrapped by peewee
        Participant.create(first_name="Half one")
        person = Participant.get_by_id(kept.id)
        person.notes = "changed in the dropped transaction"
        person.save()
        pg_server.sql(pg_database, f"SELECT pg_terminate_backend({pid})")  # the network drops here
        Participant.create(first_name="Half two")
    database.close()
    database.connect()  # the application reconnects (peewee opens a new connection on next use)
    names = sorted(p.first_name for p in Participant.select())
    assert names == ["Committed before"]
    stored = Participant.get_by_id(kept.id)
    assert (stored.notes, stored.version) == ("", 1)
    from mentordesk.store import faults

    told = faults.explain(dropped.value)
    assert told is not None and told.startswith("The connection to the database server was lost")


def test_on_a_local_file_data_version_tells_a_commit_by_another_connection(db, db_url):
    import sqlite3

    from mentordesk.store.changes import DataVersionPoll

    poll = DataVersionPoll(db)
    assert not poll.changed()
    Participant.create(first_name="Own")  # this connection's own commits do not count
    assert not poll.changed()
    other = sqlite3.connect(db_url)
    other.execute("UPDATE participant SET notes = 'elsewhere'")
    other.commit()
    other.close()
    assert poll.changed() and not poll.changed()


def test_a_match_another_desk_saves_mid_run_is_not_taken_for_the_runs_own(
    pg_server, pg_database, server_db, monkeypatch
):
    """The matcher's drafts once found their ids as "every match above the largest before": a match
    another coordinator committed meanwhile (in another programme) was taken for one of the run's."""
    from mentordesk.services import demo
    from mentordesk.services.pairing import drafts as pairing_drafts, review, run
    from mentordesk.store.models import MatchMember

    demo.seed_demo()
    programme = Programme.select().order_by(Programme.id).first()
    other = Programme.create(name="Another desk's programme")
    real_insert = pairing_drafts.insert_rows
    theirs: list[int] = []

    def insert_while_another_desk_commits(model, rows, stored=()):
        if model is Match and not theirs:
            with other_connection(pg_server, pg_database) as conn:
                theirs.append(
                    conn.execute(
                        "INSERT INTO match (programme_id, status, score_breakdown, rationale, pinned, accepted,"
                        " first_meeting_staff, first_meeting_covered_agreement, closure_code, closure_reason,"
                        " contact_after, closure_initiated_by, exit_notes_mentor, exit_notes_mentee,"
                        " exit_notes_guardian, rematch_eligible, created_at, version)"
                        " VALUES (%s, 'draft', '[]', 'by hand', false, false, '', false, '', '', '', '', '', '',"
                        " '', true, now(), 1) RETURNING id",
                        (other.id,),
                    ).fetchone()[0]
                )
        return real_insert(model, rows, stored)

    monkeypatch.setattr(pairing_drafts, "insert_rows", insert_while_another_desk_commits)
    result = run.run_matcher(programme.id)
    assert theirs and result.saved == len(result.pairs) > 0
    assert not MatchMember.select().where(MatchMember.match == theirs[0]).exists()  # theirs is untouched
    assert Match.get_by_id(theirs[0]).programme_id == other.id
    assert len(review.list_drafts(programme.id)) == len(result.pairs)
