"""A PostgreSQL server as the database: its URL, its schema and migrations, and each way connecting fails."""

from __future__ import annotations

import pytest

from mentordesk.store import migrations
from mentordesk.store.db import DatabaseError, DatabaseTooNew, close_database, open_database
from mentordesk.store.models import Participant
from mentordesk.store.server import ServerError, parse_url
from tests.pg_server import PASSWORD, PASSWORD_USER


@pytest.mark.parametrize(
    ("url", "host", "port", "sslmode"),
    [
        ("postgresql://ana@db.trust.example/mentoring", "db.trust.example", 5432, "require"),
        ("postgresql://ana@10.0.0.5:6543/mentoring?sslmode=verify-full", "10.0.0.5", 6543, "verify-full"),
        ("postgresql://ana@localhost/mentoring", "localhost", 5432, "prefer"),
        ("postgres://ana@127.0.0.1:5433/mentoring", "127.0.0.1", 5433, "prefer"),
        ("postgresql://ana@%2Frun%2Fpostgresql/mentoring", "/run/postgresql", 5432, "prefer"),
        ("postgresql://ana@/mentoring?host=/run/postgresql&port=5434", "/run/postgresql", 5434, "prefer"),
    ],
)
def test_url_forms_and_tls_required_off_this_computer(url, host, port, sslmode):
    address = parse_url(url)
    assert (address.user, address.host, address.port, address.dbname) == ("ana", host, port, "mentoring")
    assert address.sslmode == sslmode
    assert "password" not in address.connect_params(None)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://ana:secret@db.example/m", "Leave the password out of the URL"),
        ("postgresql://ana@db.example/m?sslmode=disable", "TLS is required"),
        ("postgresql://ana@db.example/m?sslmode=prefer", "TLS is required"),
        ("postgresql://db.example/m", "needs a user, a host and a database"),
        ("postgresql://ana@db.example/", "needs a user, a host and a database"),
        ("postgresql://ana@db.example:port/m", "port in the URL is not a number"),
        ("postgresql://ana@db.example/m?password=x", "Unknown option"),
        ("postgresql://ana@db.example/m?connect_timeout=soon", "connect_timeout in the URL must be a number"),
    ],
)
def test_bad_urls_are_refused_with_the_fix(url, message):
    with pytest.raises(ServerError, match=message):
        parse_url(url)
    with pytest.raises(DatabaseError, match=message):
        open_database(url)


@pytest.fixture
def empty_database(pg_server):
    name = pg_server.new_database(with_schema=False)
    yield pg_server.url(name)
    close_database()
    pg_server.drop_database(name)


def test_an_empty_server_database_is_created_and_needs_no_migration(empty_database):
    db = open_database(empty_database)
    assert migrations.is_current(db)


def test_a_server_database_from_a_newer_mentordesk_is_refused(pg_server, pg_database):
    url = pg_server.url(pg_database)
    open_database(url)
    close_database()
    pg_server.sql(pg_database, "UPDATE setting SET value = '99' WHERE key = 'schema.version'")
    with pytest.raises(DatabaseTooNew, match="newer MentorDesk"):
        open_database(url)


def test_a_foreign_server_database_is_refused(pg_server, empty_database):
    pg_server.sql(empty_database.rsplit("/", 1)[1], "CREATE TABLE invoices (id integer)")
    with pytest.raises(DatabaseError, match="server database is a database, but not a MentorDesk one"):
        open_database(empty_database)


def test_a_role_without_grants_is_told_to_ask_the_administrator(pg_server, pg_database):
    with pytest.raises(DatabaseError, match=f"The user {PASSWORD_USER} may not use database {pg_database}"):
        open_database(pg_server.tcp_url(pg_database, PASSWORD_USER), PASSWORD)


def test_the_password_opens_a_role_that_needs_one(pg_server, pg_database):
    pg_server.sql(
        pg_database,
        f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {PASSWORD_USER}",
        f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {PASSWORD_USER}",
    )
    db = open_database(pg_server.tcp_url(pg_database, PASSWORD_USER), PASSWORD)
    assert db.execute_sql("SELECT current_user").fetchone()[0] == PASSWORD_USER
    assert Participant.create(first_name="Ana").id


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("wrong", f"The server refused the password for {PASSWORD_USER}: set MENTORDESK_DB_PASSWORD"),
        (None, f"The server asks a password for {PASSWORD_USER}: set MENTORDESK_DB_PASSWORD"),
    ],
)
def test_a_wrong_or_missing_password_says_where_to_put_the_right_one(pg_server, pg_database, password, message):
    with pytest.raises(DatabaseError, match=message) as caught:
        open_database(pg_server.url(pg_database, PASSWORD_USER), password)
    assert "\n" not in str(caught.value) and PASSWORD not in str(caught.value)


def test_an_unreachable_server_names_host_and_port():
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DatabaseError, match=rf"Cannot reach the PostgreSQL server \(database m on 127.0.0.1:{port}\)"):
        open_database(f"postgresql://ana@127.0.0.1:{port}/m")


def test_a_server_without_tls_is_refused_when_tls_is_required(pg_server, pg_database):
    with pytest.raises(DatabaseError, match="does not offer TLS.*turn on ssl"):
        open_database(pg_server.tcp_url(pg_database) + "?sslmode=require")


def test_a_missing_database_or_user_is_named(pg_server):
    with pytest.raises(DatabaseError, match="There is no database nowhere on the server"):
        open_database(pg_server.url("nowhere"))
    with pytest.raises(DatabaseError, match="The server has no user nobody"):
        open_database(pg_server.url("postgres", "nobody"))


def test_ids_handed_out_up_front_never_meet_another_writers_row(pg_server, pg_database):
    """The roster import numbers new people before writing them: from the sequence, not MAX(id) + 1."""
    from mentordesk.store.bulk import IdSource, insert_rows
    from mentordesk.store.models import Participant

    open_database(pg_server.url(pg_database))
    reserved = IdSource(Participant)
    mine = [reserved.take() for _ in range(3)]
    theirs = Participant.create(first_name="Another coordinator's new person").id  # meanwhile
    insert_rows(Participant, [{"id": pid, "first_name": f"Imported {n}"} for n, pid in enumerate(mine)])
    assert theirs not in mine and Participant.select().count() == 4


def test_migration_6_runs_on_a_server_database(pg_server, pg_database):
    """A version-4 server database gains the match record's columns and table; old reasons get codes."""
    from mentordesk.store.models import Match, Programme

    url = pg_server.url(pg_database)
    open_database(url)
    programme = Programme.create(name="P")
    moved = Match.create(programme=programme, status="closed", closure_reason="Family moved away")
    close_database()
    pg_server.sql(
        pg_database,
        'ALTER TABLE "match" DROP COLUMN closure_code, DROP COLUMN contact_after, DROP COLUMN guardian_exit_on',
        'ALTER TABLE "match_member" DROP COLUMN exit_conversation_on',
        'ALTER TABLE "enrolment" DROP COLUMN drives',
        'DROP TABLE "signature"',
        "UPDATE setting SET value = '4' WHERE key = 'schema.version'",
    )
    db = open_database(url)
    assert migrations.is_current(db) and migrations.read_version(db) == migrations.LATEST_VERSION
    assert Match.get_by_id(moved.id).closure_code == "moved_away"
    assert "signature" in db.get_tables()
