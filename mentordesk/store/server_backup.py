"""Backups of a shared server database: pg_dump when it is installed, else a logical export.

pg_dump's custom format (``.dump``, restored with ``pg_restore``) is what the server's own
administrators expect. Without pg_dump (or when it refuses, e.g. older than the server) every
table is copied, as ``copy-to`` does and verified the same way, into a MentorDesk file
(``.mentordesk.db``) that opens in MentorDesk and moves back with ``move-to``. Either file is
created 0600 in a 0700 folder; the caller is told which kind it got.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from peewee import Database

log = logging.getLogger(__name__)

PG_DUMP = "pg_dump"
LOGICAL = "logical export"


@dataclass(frozen=True)
class ServerBackup:
    path: Path
    method: str  # PG_DUMP or LOGICAL
    note: str = ""  # why pg_dump was not used, when it was not

    @property
    def description(self) -> str:
        if self.method == PG_DUMP:
            return f"pg_dump custom format ({self.path.name}); restore it with pg_restore (docs/shared-server.md)"
        why = f" ({self.note})" if self.note else ""
        return (
            f"logical export{why}: a MentorDesk file ({self.path.name}) with every table, checked row by row; "
            "open it in MentorDesk, or put it back on an empty server with move-to"
        )


def find_pg_dump() -> str | None:
    return shutil.which("pg_dump")


def _private_new_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def backup(db: Database, folder: Path, password: str | None = None, *, use_pg_dump: bool = True) -> ServerBackup:
    """Back up the open server database ``db`` into ``folder``."""
    address = db.server_address  # type: ignore[attr-defined]
    if password is None:  # the open connection's own (from the keyring or the dialog)
        password = db.connect_params.get("password")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    note = ""
    program = find_pg_dump() if use_pg_dump else None
    if use_pg_dump and program is None:
        note = "pg_dump is not installed"
    if program is not None:
        target = folder / f"{address.dbname}-{stamp}.dump"
        _private_new_file(target)
        env = dict(os.environ, PGSSLMODE=address.sslmode, PGCONNECT_TIMEOUT="10", PGAPPNAME="MentorDesk backup")
        if password:
            env["PGPASSWORD"] = password
        if "sslrootcert" in address.options:
            env["PGSSLROOTCERT"] = address.options["sslrootcert"]
        command = [program, "--format=custom", "--no-password", f"--file={target}",
                   f"--host={address.host}", f"--port={address.port}", f"--username={address.user}",
                   address.dbname]
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=3600)
        if result.returncode == 0:
            log.info("server backed up with pg_dump")
            return ServerBackup(target, PG_DUMP)
        target.unlink(missing_ok=True)
        first = (result.stderr.strip().splitlines() or ["no message"])[-1]
        note = f"pg_dump failed: {first.removeprefix('pg_dump: ').removeprefix('error: ')}"
        log.warning("pg_dump failed; writing a logical export instead")
    return ServerBackup(logical_export(db, folder / f"{address.dbname}-{stamp}.mentordesk.db"), LOGICAL, note)


def logical_export(db: Database, target: Path) -> Path:
    """Every table of ``db`` into a new MentorDesk file at ``target`` (0600), verified."""
    from mentordesk.store import migrations, transfer
    from mentordesk.store.db import make_database

    _private_new_file(target)
    copy = make_database(target)
    try:
        migrations.create_schema(copy)
        transfer.copy_all(db, copy)
        copy.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        copy.close()
        target.unlink(missing_ok=True)
        raise
    copy.close()
    for leftover in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        leftover.unlink(missing_ok=True)
    return target
