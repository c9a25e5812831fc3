"""Changes by others, as they happen: PostgreSQL's NOTIFY on every write, a listener on its own connection.

Each table (but the audit trail) has a trigger that sends ``NOTIFY mentordesk_changes,
'<table>:<programme id>'`` (the programme part empty when the table has no programme column).
A notification is sent when the transaction commits and never for one that rolls back, so a
listener learns only of what is really there. Many changes in one transaction arrive once
per table and programme (the server folds duplicates).

``ChangeListener`` runs a thread with its own connection that LISTENs, waits for notifications a
fraction of a second at a time (so it can be stopped), and hands each batch to a callback; when
the connection drops it connects again, with a growing pause, and reports a batch with the
payload ``"*"`` (anything may have changed meanwhile).

On SQLite, two processes share one file: ``data_version`` (PRAGMA) changes whenever another
connection commits, and ``DataVersionPoll`` compares it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from peewee import Database

from mentordesk.store.models import ALL_MODELS, AuditEvent

log = logging.getLogger(__name__)

CHANNEL = "mentordesk_changes"
EVERYTHING = "*"  # the payload reported after a reconnect: reload all
_SKIPPED = {AuditEvent}

_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION mentordesk_notify_programme() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ':' || COALESCE(OLD.programme_id::text, ''));
    ELSE
        PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ':' || COALESCE(NEW.programme_id::text, ''));
    END IF;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION mentordesk_notify_table() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ':');
    RETURN NULL;
END $$;
"""


def install_triggers(db: Database) -> None:
    """Create (or re-create) the NOTIFY trigger of every table: PostgreSQL only, idempotent."""
    db.execute_sql(_FUNCTIONS)
    for model in ALL_MODELS:
        if model in _SKIPPED:
            continue
        table = model._meta.table_name
        if "programme" in model._meta.fields:
            level, function = "ROW", "mentordesk_notify_programme"
        else:
            level, function = "STATEMENT", "mentordesk_notify_table"
        db.execute_sql(f'DROP TRIGGER IF EXISTS mentordesk_notify ON "{table}"')
        db.execute_sql(
            f'CREATE TRIGGER mentordesk_notify AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            f"FOR EACH {level} EXECUTE FUNCTION {function}()"
        )


def parse_payload(payload: str) -> tuple[str, int | None]:
    """``'match:3'`` -> ("match", 3); ``'participant:'`` -> ("participant", None)."""
    table, _, programme = payload.partition(":")
    return table, int(programme) if programme.isdigit() else None


class ChangeListener:
    """LISTEN on a connection of its own; ``on_changes(payloads)`` runs on the listener's thread."""

    def __init__(
        self,
        connect: Callable[[], Any],
        on_changes: Callable[[set[str]], None],
        *,
        ignore_pid: int | None = None,
        wait: float = 0.5,
    ) -> None:
        self._connect = connect
        self._on_changes = on_changes
        self.ignore_pid = ignore_pid  # our own main connection: its writes are refreshed already
        self._wait = wait
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.listening = threading.Event()  # set while a LISTEN is in place
        self.reconnects = 0

    @classmethod
    def for_database(cls, db: Any, on_changes: Callable[[set[str]], None], **kwargs: Any) -> ChangeListener:
        """A listener on the same server, database and user as the open peewee database ``db``."""
        import psycopg

        params = dict(db.connect_params)
        params["application_name"] = "MentorDesk (change listener)"
        name = db.database

        def connect() -> Any:
            return psycopg.connect(dbname=name, autocommit=True, **params)

        if "ignore_pid" not in kwargs:
            try:
                kwargs["ignore_pid"] = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
            except Exception:  # not worth failing over: our own writes then refresh once more
                kwargs["ignore_pid"] = None
        return cls(connect, on_changes, **kwargs)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="mentordesk-changes", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        pause = 0.5
        first = True
        while not self._stop.is_set():
            try:
                conn = self._connect()
            except Exception as exc:
                log.info("change listener cannot connect (%s); retrying", type(exc).__name__)
                self._stop.wait(pause)
                pause = min(pause * 2, 10.0)
                continue
            try:
                conn.execute(f"LISTEN {CHANNEL}")
                self.listening.set()
                if not first:
                    self.reconnects += 1
                    self._deliver({EVERYTHING})
                first = False
                pause = 0.5
                self._listen(conn)
            except Exception as exc:
                log.info("change listener lost its connection (%s); reconnecting", type(exc).__name__)
            finally:
                self.listening.clear()
                with contextlib.suppress(Exception):
                    conn.close()
            self._stop.wait(pause)

    def _listen(self, conn: Any) -> None:
        while not self._stop.is_set():
            batch: set[str] = set()
            for note in conn.notifies(timeout=self._wait):
                if note.pid != self.ignore_pid:
                    batch.add(note.payload)
            if batch:
                self._deliver(batch)

    def _deliver(self, batch: set[str]) -> None:
        try:
            self._on_changes(batch)
        except Exception:  # the receiver is gone (its window closed): nobody left to tell
            log.info("change listener stopped: its receiver failed", exc_info=True)
            self._stop.set()


class DataVersionPoll:
    """SQLite: has another connection committed since the last look? (``PRAGMA data_version``)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._last = self._read()

    def _read(self) -> int:
        return int(self._db.execute_sql("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        now = self._read()
        changed, self._last = now != self._last, now
        return changed
