"""``move-to`` and ``copy-to`` between a local file and the test suite's real PostgreSQL server, with the demo."""

from __future__ import annotations

import pytest

from mentordesk.cli import main
from mentordesk.store import db as store_db, transfer
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import Participant


@pytest.fixture
def empty_server(pg_server):
    name = pg_server.new_database(with_schema=False)
    yield pg_server.url(name)
    close_database()
    pg_server.drop_database(name)


def _counts(target, passphrase=None) -> dict[str, int]:
    """Rows per table (settings left out: opening a file records the day of its check)."""
    db = open_database(target, passphrase)
    try:
        return {c.table: c.rows for c in transfer.checks(db) if c.table != "setting"}
    finally:
        close_database()


def test_move_to_copies_the_demo_to_an_empty_server_and_refuses_a_second_time(tmp_path, empty_server, capsys):
    local = tmp_path / "school.db"
    assert main(["--db", str(local), "demo"]) == 0
    before = local.read_bytes()
    capsys.readouterr()
    assert main(["--db", str(local), "move-to", empty_server]) == 0
    out, err = capsys.readouterr()
    from mentordesk.store.models import ALL_MODELS

    assert f"Verified: {len(ALL_MODELS)} tables" in out and "row counts and checksums match" in out
    assert "participant" in err and "rows" in err  # progress, table by table, on stderr
    assert local.read_bytes() == before  # the local file is not changed
    counts = _counts(empty_server)
    assert counts == _counts(local) and counts["participant"] > 10
    open_database(empty_server)  # the id sequences continue after the copied ids
    assert Participant.create(first_name="New").id > max(p.id for p in Participant.select(Participant.id)[:-1])
    close_database()
    capsys.readouterr()
    assert main(["--db", str(local), "move-to", empty_server]) == 1
    err = capsys.readouterr().err
    assert "already holds data" in err and "nothing there is overwritten" in err


def test_copy_to_makes_an_encrypted_local_copy_and_refuses_an_existing_file(
    pg_server, pg_database, tmp_path, capsys, monkeypatch
):
    url = pg_server.url(pg_database)
    assert main(["--db", url, "demo"]) == 0
    copy = tmp_path / "copy.db"
    monkeypatch.setenv("MENTORDESK_PASSPHRASE", "long enough passphrase")
    capsys.readouterr()
    assert main(["--db", url, "copy-to", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "Verified" in out and "is encrypted" in out
    assert store_db.is_encrypted_file(copy) and copy.stat().st_mode & 0o077 == 0
    assert _counts(copy, "long enough passphrase") == _counts(url)
    monkeypatch.setenv("MENTORDESK_PASSPHRASE", "long enough passphrase")
    assert main(["--db", url, "copy-to", str(copy)]) == 1
    assert "already exists: copy-to writes a new file only" in capsys.readouterr().err


def test_a_copy_that_differs_is_named_by_table(tmp_path):
    source_path, target_path = tmp_path / "a.db", tmp_path / "b.db"
    target = open_database(target_path)
    source = open_database(source_path)
    from mentordesk.services import demo

    demo.seed_demo()
    transfer.copy_all(source, target)
    assert transfer.verify(source, target)
    target.execute_sql("DELETE FROM reflection_goal")
    with pytest.raises(transfer.TransferError, match="Table reflection_goal: .* rows in the source but"):
        transfer.verify(source, target)
    target.execute_sql("UPDATE participant SET first_name = 'Changed' WHERE id = 3")
    with pytest.raises(transfer.TransferError, match="Table participant: the copy's contents differ"):
        transfer.verify(source, target)
    with pytest.raises(transfer.TransferError, match="already holds data"):
        transfer.copy_all(source, target)
    target.close()
    close_database()


def test_info_warns_about_a_database_in_a_synced_folder(tmp_path, capsys):
    synced = tmp_path / "Dropbox" / "mentoring.db"
    assert main(["--db", str(synced), "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(synced), "info"]) == 0
    out = capsys.readouterr().out
    assert "Warning: mentoring.db is in a folder synced by Dropbox" in out and "shared server" in out
    local = tmp_path / "local" / "mentoring.db"
    assert main(["--db", str(local), "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(local), "info"]) == 0
    assert "Warning" not in capsys.readouterr().out


def test_a_copy_that_breaks_a_reference_is_refused_whole_with_the_table_named(tmp_path):
    """What a coordinator who cannot read every programme meets: a row pointing at one it cannot see."""
    from mentordesk.store.models import Enrolment, Programme

    target = open_database(tmp_path / "copy.db")
    source = open_database(tmp_path / "source.db")
    person = Participant.create(first_name="Ada")
    Enrolment.create(participant=person, programme=Programme.create(name="North"), role="mentee")
    source.execute_sql("PRAGMA foreign_keys = OFF")
    source.execute_sql("DELETE FROM programme")  # as row-level security would hide it
    with pytest.raises(transfer.TransferError, match="Table enrolment: a row refers to a record"):
        transfer.copy_all(source, target)
    assert target.execute_sql("SELECT count(*) FROM participant").fetchone() == (0,)  # nothing half-copied
    target.close()
    close_database()
