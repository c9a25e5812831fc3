"""Every SQLCipher connection MentorDesk makes, with the key tried while SQLCipher's own log is quiet.

SQLCipher writes its own lines to stderr when a key does not fit ("ERROR CORE
sqlcipher_page_cipher: hmac check failed for pgno=1", then two more) before the
"file is not a database" error MentorDesk turns into its own message. A wrong
passphrase is an expected mistake, not a fault: a coordinator at a terminal would
see alarming noise above "The passphrase does not open this database". So the
key is set and proven by a first read with SQLCipher's log level at NONE
(``PRAGMA cipher_log_level``, SQLCipher 4.5+), and the level is put back after,
so a page that fails later (damage, tampering) is still logged as before. Every
failure still raises, and the callers still say what happened.

The log level is process-wide in SQLCipher, so the quiet spells of several
threads are counted, and the level comes back when the last one ends.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_lock = threading.Lock()
_quiet_spells = 0
_level_before: str | None = None


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@contextmanager
def quiet_log(conn: Any) -> Iterator[None]:
    """SQLCipher's own log off (process-wide) while the block runs on ``conn``, an sqlcipher3 connection."""
    global _quiet_spells, _level_before
    with _lock:
        if _quiet_spells == 0:
            row = conn.execute("PRAGMA cipher_log_level").fetchone()  # nothing on a SQLCipher before 4.5
            _level_before = str(row[0]) if row else None
            if _level_before is not None:
                conn.execute("PRAGMA cipher_log_level = NONE").fetchall()
        _quiet_spells += 1
    try:
        yield
    finally:
        with _lock:
            _quiet_spells -= 1
            if _quiet_spells == 0 and _level_before is not None and _level_before.isalpha():
                conn.execute(f"PRAGMA cipher_log_level = {_level_before}").fetchall()


def connect(target: str, passphrase: str | None, **params: Any) -> Any:
    """An sqlcipher3 connection to ``target`` (a path, or a URI with ``uri=True``), unlocked and proven.

    The key (none for a plain file read or written through SQLCipher) is tried by reading the
    schema, with SQLCipher's log quiet; a wrong one raises sqlcipher3's DatabaseError ("file
    is not a database") and leaves no connection open.
    """
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(target, isolation_level=None, **params)
    try:
        with quiet_log(conn):
            if passphrase:
                conn.execute("PRAGMA key = " + sql_literal(passphrase))
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn
