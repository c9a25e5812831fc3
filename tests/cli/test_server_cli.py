"""``mentordesk --db postgresql://...``: real subprocesses against the test suite's own server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentordesk.store.migrations import LATEST_VERSION
from tests.pg_server import PASSWORD, PASSWORD_USER

ROOT = Path(__file__).resolve().parents[2]


def mentordesk(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MENTORDESK_DB_PASSWORD")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "mentordesk", *args],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env=environment,
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_demo_then_info_on_a_server_database(pg_server, pg_database):
    url = pg_server.url(pg_database)
    demo = mentordesk("--db", url, "demo")
    assert demo.returncode == 0, demo.stderr
    assert f"Demo programme written to {pg_database} on a local socket" in demo.stdout
    info = mentordesk("--db", url, "info")
    assert info.returncode == 0, info.stderr
    assert f"Schema version: {LATEST_VERSION}" in info.stdout
    counts = dict(line.split() for line in info.stdout.splitlines() if line.startswith("  "))
    assert int(counts["participant"].replace(",", "")) > 10 and int(counts["match"]) > 0
    again = mentordesk("--db", url, "demo")
    assert "already holds data" in one_line_error(again)


@pytest.mark.parametrize("command", [["backups"], ["check"], ["restore", "x.db", "--yes"]])
def test_file_only_commands_refuse_a_server_in_one_line(pg_server, pg_database, command):
    line = one_line_error(mentordesk("--db", pg_server.url(pg_database), *command))
    assert f"'{command[0]}' works on a local database file only. A shared server is backed up" in line
    assert "pg_restore" in line


def test_encryption_is_refused_for_a_server(pg_server, pg_database):
    line = one_line_error(mentordesk("--db", pg_server.url(pg_database), "info", MENTORDESK_PASSPHRASE="x" * 12))
    assert "MENTORDESK_PASSPHRASE encrypts a local file" in line


def test_the_password_comes_from_the_environment_and_a_wrong_one_says_so(pg_server, pg_database):
    pg_server.sql(
        pg_database,
        f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {PASSWORD_USER}",
        f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {PASSWORD_USER}",
    )
    url = pg_server.tcp_url(pg_database, PASSWORD_USER)
    good = mentordesk("--db", url, "info", MENTORDESK_DB_PASSWORD=PASSWORD)
    assert good.returncode == 0, good.stderr
    assert f"Database: {pg_database} on 127.0.0.1" in good.stdout
    wrong = mentordesk("--db", url, "info", MENTORDESK_DB_PASSWORD="not it")
    line = one_line_error(wrong)
    assert "refused the password" in line and "not it" not in line
    missing = one_line_error(mentordesk("--db", url, "info"))
    assert "asks a password" in missing and "MENTORDESK_DB_PASSWORD" in missing


def test_the_password_comes_from_the_keyring(pg_server, pg_database, memory_keyring):
    from mentordesk.cli.common import server_password
    from mentordesk.services import protection
    from mentordesk.store.server import parse_url

    url = pg_server.tcp_url(pg_database, PASSWORD_USER)
    protection.store_server_password(parse_url(url).account, PASSWORD)
    assert server_password(url) == PASSWORD
    assert memory_keyring.store == {("MentorDesk server", f"{PASSWORD_USER}@127.0.0.1:{pg_server.port}/{pg_database}"): PASSWORD}


def test_unreachable_server_and_bad_url_are_one_line():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert "Cannot reach the PostgreSQL server" in one_line_error(
        mentordesk("--db", f"postgresql://ana@127.0.0.1:{port}/m", "info")
    )
    assert "Leave the password out of the URL" in one_line_error(
        mentordesk("--db", "postgresql://ana:secret@db.example/m", "info")
    )


def test_match_while_someone_else_runs_it_names_them_in_one_line(pg_server, pg_database):
    import psycopg

    from mentordesk.store.job_locks import _application_name, job_key

    url = pg_server.url(pg_database)
    assert mentordesk("--db", url, "demo").returncode == 0
    with psycopg.connect(host=str(pg_server.root), port=pg_server.port, user="postgres", dbname=pg_database,
                         autocommit=True) as sam:
        programme_id, name = sam.execute("SELECT id, name FROM programme ORDER BY id LIMIT 1").fetchone()
        sam.execute("SELECT pg_try_advisory_lock(%s, %s)", (job_key("matcher"), programme_id))
        sam.execute("SELECT set_config('application_name', %s, false)",
                    (_application_name("matcher", programme_id, "Sam Whitaker"),))
        result = mentordesk("--db", url, "match", "--programme", name, "--dry-run")
    line = one_line_error(result)
    assert f"Sam Whitaker (database user postgres) is running the matcher for {name} since " in line
