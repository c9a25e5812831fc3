"""Copy every MentorDesk table from one open database to another empty one, and prove it arrived.

Used by ``move-to`` (a local file to an empty server database), ``copy-to`` (a server database to
a new local file) and the logical backup of a server without pg_dump. Rows go through the
models (so a date stays a date and a flag a flag on either backend) in batches, table by table in
dependency order; then each table's row count and a SHA-256 over its rows, in key order, are
compared on both sides. On PostgreSQL the id sequences are moved past the copied ids.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from peewee import AutoField, Database, IntegrityError, PostgresqlDatabase

from mentordesk.store.models import ALL_MODELS

log = logging.getLogger(__name__)
BATCH = 2000

Progress = Callable[[str, int, int], None]  # table, rows copied so far, rows in the table


class TransferError(Exception):
    """The copy was refused or did not verify; the message says which table and what to do."""


@dataclass(frozen=True)
class TableCheck:
    table: str
    rows: int
    sha256: str


def _canonical(value: Any) -> Any:
    """How json writes what it cannot itself (called only for those: dates, times, bytes)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return str(value)


def table_check(db: Database, model) -> TableCheck:
    """Row count and a digest of every row (through the model's types) in primary-key order."""
    sha = hashlib.sha256()
    rows = 0
    fields = model._meta.sorted_fields
    with db.bind_ctx([model], bind_refs=False, bind_backrefs=False):
        query = model.select(*fields).order_by(model._meta.primary_key).tuples()
        for row in query.iterator():
            sha.update(json.dumps(row, sort_keys=True, default=_canonical).encode())
            sha.update(b"\n")
            rows += 1
    return TableCheck(model._meta.table_name, rows, sha.hexdigest())


def checks(db: Database) -> list[TableCheck]:
    return [table_check(db, model) for model in ALL_MODELS]


def holds_data(db: Database) -> str | None:
    """The first table that holds records, or None. Settings do not count: a new database writes its
    own (the schema version, the day of its first check), and the copy replaces them."""
    have = set(db.get_tables())
    for model in ALL_MODELS:
        table = model._meta.table_name
        if table not in have or table == "setting":
            continue
        if db.execute_sql(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None:
            return table
    return None


def copy_all(source: Database, target: Database, progress: Progress | None = None) -> list[TableCheck]:
    """Copy every table from ``source`` into the empty ``target`` and verify it; returns the checks."""
    busy = holds_data(target)
    if busy is not None:
        raise TransferError(
            f"The target already holds data (table {busy}): MentorDesk copies only into an empty "
            "database, so nothing is overwritten. Choose a new, empty one."
        )
    table = ""
    try:
        with target.atomic():
            target.execute_sql("DELETE FROM setting")  # only the schema version, copied over with the rest
            for model in ALL_MODELS:
                table = model._meta.table_name
                _copy_table(source, target, model, progress)
            if isinstance(target, PostgresqlDatabase):
                reset_sequences(target)
    except IntegrityError as exc:
        log.warning("copy refused by the target in table %s: %s", table, type(exc).__name__)
        raise TransferError(
            f"Table {table}: a row refers to a record the copy does not hold, so nothing was copied. On a "
            "shared server this happens when your role cannot read every programme: ask the administrator "
            "to make the copy (as the database owner), or for access to all programmes."
        ) from exc
    return verify(source, target)


def _copy_table(source: Database, target: Database, model, progress: Progress | None) -> None:
    table = model._meta.table_name
    key = model._meta.primary_key
    fields = model._meta.sorted_fields
    with source.bind_ctx([model], bind_refs=False, bind_backrefs=False):
        total = model.select().count()
    done = 0
    last = None
    while True:
        with source.bind_ctx([model], bind_refs=False, bind_backrefs=False):
            query = model.select(*fields).order_by(key).limit(BATCH).tuples()
            if last is not None:
                query = query.where(key > last)
            batch = list(query)
        if not batch:
            break
        if isinstance(target, PostgresqlDatabase):
            _copy_in(target, table, fields, batch)
        else:
            with target.bind_ctx([model], bind_refs=False, bind_backrefs=False):
                model.insert_many(batch, fields=fields).execute()
        done += len(batch)
        last = batch[-1][fields.index(key)]
        if progress is not None:
            progress(table, done, total)
    if progress is not None and total == 0:
        progress(table, 0, 0)


def _copy_in(target: Database, table: str, fields, batch: list[tuple]) -> None:
    """PostgreSQL's COPY: several times faster than multi-row INSERTs for a whole database."""
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    converters = [f.db_value for f in fields]
    with target.cursor() as cursor, cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
        for row in batch:
            copy.write_row([convert(value) for convert, value in zip(converters, row, strict=True)])


def reset_sequences(db: Database) -> None:
    """Each table's id sequence continues after the largest copied id (PostgreSQL)."""
    for model in ALL_MODELS:
        key = model._meta.primary_key
        if not isinstance(key, AutoField):
            continue
        table, column = model._meta.table_name, key.column_name
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f'coalesce(max("{column}"), 1), max("{column}") IS NOT NULL) FROM "{table}"'
        )


def verify(source: Database, target: Database) -> list[TableCheck]:
    """Both sides' counts and digests, table by table; TransferError naming the first that differs."""
    out = []
    for model in ALL_MODELS:
        mine, theirs = table_check(source, model), table_check(target, model)
        if mine.rows != theirs.rows:
            raise TransferError(
                f"Table {mine.table}: {mine.rows:,} rows in the source but {theirs.rows:,} in the copy. "
                "The copy is incomplete: empty the target and run the command again."
            )
        if mine.sha256 != theirs.sha256:
            raise TransferError(
                f"Table {mine.table}: the copy's contents differ from the source (checksums do not match). "
                "Empty the target and run the command again; report it if it happens twice."
            )
        out.append(theirs)
    log.info("copy verified: %d tables", len(out))
    return out
