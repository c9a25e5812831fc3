"""A throwaway PostgreSQL cluster for the test session: started once, a fresh database per test.

The cluster lives in a temporary folder, listens on a Unix socket there and on a private
loopback port (never any other address), and runs with fsync off: it holds only test data
and is deleted when the session ends. initdb refuses to run as root (CI runs as root), so
as root the server runs as the ``postgres`` system user.

A template database carries the current schema; each test's database is a copy of it
(``CREATE DATABASE ... TEMPLATE``), a few tens of milliseconds instead of creating every table.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "postgres"
PASSWORD_USER = "coordinator"  # a role that must give a password, for the authentication tests
PASSWORD = "correct horse battery staple"
TEMPLATE = "mentordesk_template"


def find_bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: $MENTORDESK_PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, or PATH."""
    env = os.environ.get("MENTORDESK_PG_BIN")
    if env:
        return Path(env) if (Path(env) / "initdb").exists() else None
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name)
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="mentordesk-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_root = os.geteuid() == 0
        self._names = itertools.count(1)
        self._admin = None

    # -- running the server's own programs, as the postgres user when we are root --
    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if self._as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed: {result.stderr.strip() or result.stdout.strip()}")

    def start(self) -> None:
        if self._as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                f"unix_socket_directories = '{self.root}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 50\nshared_buffers = 32MB\n"
            )
        # The password role must authenticate on both paths; everyone else is trusted locally.
        (self.data / "pg_hba.conf").write_text(
            f"local all {PASSWORD_USER} scram-sha-256\n"
            f"host all {PASSWORD_USER} 127.0.0.1/32 scram-sha-256\n"
            "local all all trust\n"
            "host all all 127.0.0.1/32 trust\n"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "start")
        self.admin(
            f"CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD '{PASSWORD}'",
            f"CREATE DATABASE {TEMPLATE}",
        )
        self._template_schema()

    def stop(self) -> None:
        if not self.root.exists():
            return  # stopped already
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        try:
            if (self.data / "postmaster.pid").exists():  # it started (a failed start leaves none)
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    # -- databases --
    def url(self, dbname: str, user: str = SUPERUSER) -> str:
        """The Unix-socket form of a MentorDesk database URL."""
        return f"postgresql://{user}@{quote(str(self.root), safe='')}:{self.port}/{dbname}"

    def tcp_url(self, dbname: str, user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, *statements: str) -> None:
        import psycopg

        if self._admin is None:
            self._admin = psycopg.connect(
                host=str(self.root), port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
            )
        for statement in statements:
            self._admin.execute(statement)

    def sql(self, dbname: str, *statements: str) -> None:
        """Run statements as the superuser in one database (a short-lived connection)."""
        import psycopg

        with psycopg.connect(
            host=str(self.root), port=self.port, user=SUPERUSER, dbname=dbname, autocommit=True
        ) as con:
            for statement in statements:
                con.execute(statement)

    def _template_schema(self) -> None:
        from mentordesk.store.db import close_database, open_database

        open_database(self.url(TEMPLATE))
        close_database()
        self.admin(f"ALTER DATABASE {TEMPLATE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false")

    def new_database(self, with_schema: bool = True) -> str:
        """A fresh database: a copy of the schema template, or empty (``template0``)."""
        name = f"test_{next(self._names)}"
        template = TEMPLATE if with_schema else "template0"
        self.admin(f"CREATE DATABASE {name} TEMPLATE {template}")  # WAL_LOG: faster than FILE_COPY here
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def start_or_skip():
    """The started server; a skip (or, in CI, a failure) when PostgreSQL is not installed."""
    import pytest

    bin_dir = find_bin_dir()
    if bin_dir is None:
        reason = (
            "PostgreSQL server binaries not found (Debian: apt-get install postgresql, "
            "or set MENTORDESK_PG_BIN to the folder holding initdb)"
        )
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}", pytrace=False)
        pytest.skip(reason)
    server = PgServer(bin_dir)
    try:
        server.start()
    except Exception:
        server.stop()
        raise
    return server
