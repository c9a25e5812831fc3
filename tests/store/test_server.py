"""A PostgreSQL server as the database: its URL, its schema and migrations, and each way connecting fails."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.store import migrations, schema_v1
from mentordesk.store.db import DatabaseError, DatabaseTooNew, close_database, open_database
from mentordesk.store.models import ALL_MODELS, Enrolment, Participant
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
    ],
)
def test_bad_urls_are_refused_with_the_fix(url, message):
    with pytest.raises(ServerError, match=message):
        parse_url(url)
    with pytest.raises(DatabaseError, match=message):
        open_database(url)


def pg_schema_of(url: str) -> dict:
    """Columns (name, type, null), indexes and foreign keys of every table of a server database."""
    db = open_database(url, migrate=False)
    try:
        shape = {}
        for table in db.get_tables():
            shape[table] = {
                "columns": sorted((c.name, c.data_type, c.null, c.primary_key) for c in db.get_columns(table)),
                "indexes": sorted((i.name, tuple(i.columns), i.unique) for i in db.get_indexes(table)),
                "fks": sorted((f.column, f.dest_table, f.dest_column) for f in db.get_foreign_keys(table)),
            }
        return shape
    finally:
        close_database()


def build_v1(url: str) -> None:
    db = open_database(url, migrate=False)
    with db.bind_ctx(schema_v1.V1_MODELS):
        db.create_tables(schema_v1.V1_MODELS)
        programme = schema_v1.Programme.create(name="Old programme", created_at=date(2025, 9, 1))
        person = schema_v1.Participant.create(
            first_name="Zoë", created_at=date(2025, 9, 1), updated_at=date(2025, 9, 1)
        )
        schema_v1.Enrolment.create(
            participant=person, programme=programme, role="mentee", enrolled_on=date(2025, 9, 2)
        )
    close_database()


@pytest.fixture
def empty_database(pg_server):
    name = pg_server.new_database(with_schema=False)
    yield pg_server.url(name)
    close_database()
    pg_server.drop_database(name)


@pytest.fixture
def another_empty_database(pg_server):
    name = pg_server.new_database(with_schema=False)
    yield pg_server.url(name)
    close_database()
    pg_server.drop_database(name)


def test_an_empty_server_database_gets_every_table_and_the_latest_version(empty_database):
    db = open_database(empty_database)
    assert set(db.get_tables()) == {m._meta.table_name for m in ALL_MODELS}
    assert migrations.read_version(db) == migrations.LATEST_VERSION
    assert migrations.is_current(db)


def test_migrated_server_database_equals_a_fresh_one_and_keeps_rows(empty_database, another_empty_database):
    build_v1(empty_database)
    open_database(empty_database)
    assert Participant.get().first_name == "Zoë"
    assert Enrolment.get().status == "applied"
    assert Participant.get().preferred_name == ""  # a column migration 2 added, with its default
    close_database()
    open_database(another_empty_database)
    close_database()
    assert pg_schema_of(empty_database) == pg_schema_of(another_empty_database)


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
