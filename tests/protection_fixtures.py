"""Shared by the tests/test_protection_*.py files: encrypted databases, snapshots of every row."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

# SQLCipher derives each connection's key with 256,000 PBKDF2 rounds (about 0.1 s). These tests open
# encrypted files hundreds of times, so new files here use 2,000 rounds: same code paths, same format,
# a weaker key. The setting is process-wide; the crash tests' child processes set it too, and the
# benchmark measures the real default.
FAST_KDF_PRAGMA = "PRAGMA cipher_default_kdf_iter = 2000"


def use_fast_kdf() -> None:
    from sqlcipher3 import dbapi2

    connection = dbapi2.connect(":memory:")
    connection.execute(FAST_KDF_PRAGMA)
    connection.close()


use_fast_kdf()

PASSPHRASE = "correct horse battery"
# A name no page, index or header could contain by chance; searched for in raw file bytes.
MARKER_FIRST = "Zoëmarker"
MARKER_LAST = "Łukasiewicz-Quorntree"


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def sidecars(path: Path) -> list[Path]:
    return [
        path.with_name(path.name + s)
        for s in ("-wal", "-shm", "-journal")
        if path.with_name(path.name + s).exists()
    ]


def snapshot(db) -> dict[str, list[tuple]]:
    """Every row of every MentorDesk table, in primary-key order: two snapshots are equal only if nothing was lost."""
    from mentordesk.store.models import ALL_MODELS

    out = {}
    for model in ALL_MODELS:
        table = model._meta.table_name
        key = model._meta.primary_key.column_name
        out[table] = [
            tuple(r) for r in db.execute_sql(f'SELECT * FROM "{table}" ORDER BY "{key}"').fetchall()
        ]
    return out


def add_marker_person(**extra):
    from mentordesk.store.models import Participant

    return Participant.create(
        first_name=MARKER_FIRST, last_name=MARKER_LAST, email="marker@example.org", **extra
    )


def bulk_people(count: int, prefix: str = "Bulk") -> None:
    """The bulk write path imports use: one transaction of insert_many, one audit event."""
    from mentordesk.store import audit
    from mentordesk.store.db import database
    from mentordesk.store.models import Participant

    rows = [{"first_name": f"{prefix}{i}", "last_name": "Person", "notes": "x" * 200} for i in range(count)]
    with database.atomic():
        for start in range(0, count, 500):
            Participant.insert_many(rows[start : start + 500]).execute()
        audit.record("import", "participant", summary=f"{count} participants imported")


@pytest.fixture
def encrypted_db(tmp_path):
    """An encrypted database holding the demo programme and the marker person, bound to the models."""
    from mentordesk.services.demo import programme
    from mentordesk.store.db import close_database, open_database

    path = tmp_path / "secret.db"
    database = open_database(path, PASSPHRASE)
    programme.seed_demo()
    add_marker_person()
    yield database
    close_database()


# -- shared by tests/test_protection_gui*.py and tests/test_startup_open.py ---------------------------


def when_modal(handler, attempts: int = 200) -> None:
    """Run ``handler(dialog)`` on the next modal dialog, once it is showing."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll(left: int = attempts) -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget.isVisible():
            handler(widget)
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)


@pytest.fixture(autouse=True)
def close_db_after_each_test():
    """Autouse where a test module binds it: no database stays open into the next test."""
    from mentordesk.store.db import close_database

    yield
    close_database()


@pytest.fixture
def quiet_boxes(monkeypatch):
    """Message boxes record what they said instead of blocking."""
    from PySide6.QtWidgets import QMessageBox

    said = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(
            QMessageBox, name, lambda parent, title, text, *a, _n=name, **k: said.append((_n, text)) or 0
        )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return said


@pytest.fixture
def demo_file(tmp_path, capsys):
    """A demo database made by the command line, its output swallowed."""
    from mentordesk.cli import main

    path = tmp_path / "scheme.db"
    assert main(["--db", str(path), "demo"]) == 0
    capsys.readouterr()
    return path


LOCK_HOLDER = """
import sys, time
from mentordesk.store import file_lock
try:
    file_lock.acquire(sys.argv[1])
except file_lock.DatabaseInUse as exc:
    print("refused:", exc, flush=True)
    sys.exit(3)
print("locked", flush=True)
time.sleep(float(sys.argv[2]) if len(sys.argv) > 2 else 120)
"""


def start_lock_holder(path: Path, seconds: float = 120):
    """Another MentorDesk process holding ``path``'s lock, until ``stop_process``."""
    import subprocess
    import sys

    from tests import ROOT

    child = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path), str(seconds)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "locked"
    return child


def stop_process(child) -> None:
    child.kill()
    child.wait()
    child.stdout.close()
