"""The test server's own rule: skipped with the reason where PostgreSQL is missing, a failure in CI."""

from __future__ import annotations

import pytest

from tests import pg_server


def test_missing_binaries_skip_locally_with_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_PG_BIN", str(tmp_path))  # a folder without initdb
    monkeypatch.delenv("CI", raising=False)
    assert pg_server.find_bin_dir() is None
    with pytest.raises(pytest.skip.Exception, match="apt-get install postgresql"):
        pg_server.start_or_skip()


def test_missing_binaries_fail_in_ci(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_PG_BIN", str(tmp_path))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the PostgreSQL tests"):
        pg_server.start_or_skip()


def test_the_server_listens_on_loopback_and_its_own_socket_only(pg_server):
    import psycopg

    with psycopg.connect(host=str(pg_server.root), port=pg_server.port, user="postgres", dbname="postgres") as con:
        listen = con.execute("SHOW listen_addresses").fetchone()[0]
        sockets = con.execute("SHOW unix_socket_directories").fetchone()[0]
    assert (listen, sockets) == ("127.0.0.1", str(pg_server.root))
