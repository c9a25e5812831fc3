"""Fault trials shared by the tests and ``bench/reliability.py``: flipped bytes, killed backups and restores.

Each trial does the real thing (the app's own open path, a real process killed with
SIGKILL) and returns an outcome; the tests run a few dozen cases, the benchmark
hundreds, and ``docs/reliability.md`` reports how many passed.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests import ROOT

# -- flipped bytes ----------------------------------------------------------------------------------

IDENTICAL = "opened, identical data"
DAMAGED = "reported as damaged"
CHANGED = "opened, reported as changed since last close"
CRASH = "crash"
SILENT = "opened with different data, unreported"
BAD_BACKUP = "automatic backup of a bad file"
GOOD_OUTCOMES = (IDENTICAL, DAMAGED, CHANGED)


def make_demo_file(path: Path, passphrase: str | None = None) -> dict:
    """A demo database closed cleanly by the app (so its checksum is recorded); returns its rows."""
    from mentordesk.services.demo import programme
    from mentordesk.store.db import close_database, open_database
    from tests.protection_fixtures import snapshot

    db = open_database(path, passphrase)
    programme.seed_demo()
    rows = snapshot(db)
    close_database()
    return rows


def flip_offsets(size: int, count: int, seed: int = 13) -> list[int]:
    """``count`` offsets spread over the file: the header, every part of the first pages, then at random."""
    rng = random.Random(seed)
    fixed = [0, 5, 16, 18, 20, 24, 28, 40, 44, 56, 60, 96, 100, 1024, 2048, 4095, 4096, 4100]
    rest = sorted(rng.sample(range(size), max(0, min(size, count) - len(fixed))))
    return sorted(set(fixed[:count] + rest))[:count]


def flip_trial(
    pristine: Path, expected: dict, offset: int, workdir: Path, passphrase: str | None = None
) -> str:
    """Flip one byte of a copy of ``pristine`` (with its checksum record) and open it as the app does."""
    from mentordesk import config
    from mentordesk.services.protection import backups
    from mentordesk.store import checksum
    from mentordesk.store.db import DatabaseDamaged, DatabaseError, close_database, open_database
    from tests.protection_fixtures import snapshot

    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / pristine.name
    shutil.copyfile(pristine, path)
    shutil.copyfile(checksum.record_path(pristine), checksum.record_path(path))
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    folder = config.backup_dir()
    before = set(folder.iterdir()) if folder.is_dir() else set()
    try:
        try:
            db = open_database(path, passphrase)
        except DatabaseDamaged:
            outcome = DAMAGED
        except DatabaseError:  # e.g. a header that no longer says "SQLite": refused, not opened
            outcome = DAMAGED
        else:
            backups.auto_backup_if_due(path)  # what the CLI and the window do next
            if getattr(db, "changed_outside", False):
                snapshot(db)  # every row readable: the full check read them all
                outcome = CHANGED
            else:
                outcome = IDENTICAL if snapshot(db) == expected else SILENT
    except Exception:  # noqa: BLE001 - the point is that nothing escapes
        import traceback

        traceback.print_exc()
        outcome = CRASH
    finally:
        close_database()
    after = set(folder.iterdir()) if folder.is_dir() else set()
    if after != before and outcome != IDENTICAL:
        outcome = BAD_BACKUP
    for made in after - before:
        made.unlink()
    for leftover in workdir.iterdir():
        leftover.unlink()
    return outcome


# -- killed backups and restores ---------------------------------------------------------------------

KILL_CHILD = textwrap.dedent(
    """
    import sys, threading, time, os, signal
    from pathlib import Path
    from mentordesk.services.protection import backups
    from mentordesk.store.db import open_database

    path, what, source, delay = Path(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
    open_database(path)
    print("open", flush=True)
    threading.Timer(delay, lambda: os.kill(os.getpid(), signal.SIGKILL)).start()
    while True:
        if what == "backup":
            backups.backup_now(path)
        else:
            backups.restore(path, Path(source))
    """
)


def kill_trial(pristine: Path, older: Path, what: str, delay: float, workdir: Path) -> tuple[bool, str]:
    """Back up (or restore ``older``) over and over in a real process killed with SIGKILL after ``delay`` s.

    Afterwards the database must open, pass its checks and hold exactly the rows of the pristine
    file or (restore) of ``older``; every backup listed must open and pass too, and the next start
    must leave no temporary copy behind. Returns (passed, why).
    """
    from mentordesk import config
    from mentordesk.services.protection import backups
    from mentordesk.store import crypto
    from mentordesk.store.backup import describe_file, partial_files
    from mentordesk.store.db import close_database, open_database
    from tests.protection_fixtures import snapshot

    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "scheme.db"
    shutil.copyfile(pristine, path)
    home = workdir / "home"
    env = dict(os.environ, PYTHONPATH=str(ROOT), MENTORDESK_HOME=str(home))
    child = workdir / "child.py"
    child.write_text(KILL_CHILD)
    process = subprocess.run(
        [sys.executable, str(child), str(path), what, str(older), str(delay)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    if process.returncode != -signal.SIGKILL:
        return False, f"the child ended with {process.returncode}: {process.stderr[-400:]}"
    previous = os.environ.get("MENTORDESK_HOME")
    os.environ["MENTORDESK_HOME"] = str(home)
    try:
        try:
            db = open_database(path)
        except Exception as exc:  # noqa: BLE001
            return False, f"the database does not open: {exc}"
        rows = snapshot(db)
        crypto.clean_leftovers(path)  # what the next start does
        entries = backups.list_entries(path)
        close_database()
        expected = [snapshot_of(pristine)] + ([snapshot_of(older)] if what == "restore" else [])
        if not any(_same_rows(rows, e) for e in expected):
            return False, "the database holds neither the old nor the new rows"
        for entry in entries:
            if not describe_file(entry.path).ok:
                return False, f"a listed backup is damaged: {entry.path.name}"
        left = partial_files(path)
        if left:
            return False, f"temporary copies left: {[p.name for p in left]}"
        if (
            any(p.name.endswith(".partial") for p in config.backup_dir().glob("*"))
            if config.backup_dir().is_dir()
            else False
        ):
            return False, "a .partial file is left in the backup folder"
        return True, f"{len(entries)} backups"
    finally:
        if previous is None:
            os.environ.pop("MENTORDESK_HOME", None)
        else:
            os.environ["MENTORDESK_HOME"] = previous
        time.sleep(0)


_SNAPSHOTS: dict[Path, dict] = {}


def snapshot_of(path: Path) -> dict:
    """The rows of a database file, read without opening it as "the" database (cached per file)."""
    if path not in _SNAPSHOTS:
        from mentordesk.store.backup import open_readonly
        from mentordesk.store.models import ALL_MODELS

        conn = open_readonly(path)
        try:
            out = {}
            for model in ALL_MODELS:
                table = model._meta.table_name
                key = model._meta.primary_key.column_name
                out[table] = [tuple(r) for r in conn.execute(f'SELECT * FROM "{table}" ORDER BY "{key}"')]
        finally:
            conn.close()
        _SNAPSHOTS[path] = out
    return _SNAPSHOTS[path]


def _same_rows(rows: dict, expected: dict) -> bool:
    """Equal but for the audit trail and settings (a restore records itself; opens keep bookkeeping)."""
    ignore = {"audit_event", "setting"}
    return {k: v for k, v in rows.items() if k not in ignore} == {
        k: v for k, v in expected.items() if k not in ignore
    }


# -- read-only commands ------------------------------------------------------------------------------


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def file_state(db: Path) -> tuple:
    """The file's bytes and its -wal's (an empty -wal holds nothing: the same as none)."""
    wal = db.with_name(db.name + "-wal")
    return _digest(db), _digest(wal) if wal.exists() and wal.stat().st_size else None


def run_cli(home: Path, db: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, MENTORDESK_HOME=str(home), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env.pop("MENTORDESK_PASSPHRASE", None)
    return subprocess.run(
        [sys.executable, "-m", "mentordesk", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )


def first_programme(home: Path, db: Path) -> str:
    import sqlite3

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT name FROM programme ORDER BY id LIMIT 1").fetchone()[0]
    finally:
        con.close()


READ_ONLY_COMMANDS = {
    "info": lambda out, p: ["info"],
    "export participants": lambda out, p: ["export", "participants", str(out / "p.csv"), "--programme", p],
    "export matches": lambda out, p: ["export", "matches", str(out / "m.csv"), "--programme", p],
    "export meetings": lambda out, p: ["export", "meetings", str(out / "mt.csv"), "--programme", p],
    "match --dry-run": lambda out, p: ["match", "--programme", p, "--dry-run"],
    "import --dry-run": lambda out, p: [
        "import",
        "participants",
        str(out / "in.csv"),
        "--programme",
        p,
        "--dry-run",
    ],
    "goals due": lambda out, p: ["goals", "due", "--programme", p],
    "goals export": lambda out, p: ["goals", "export", str(out / "g.csv"), "--programme", p],
    "meetings list": lambda out, p: ["meetings", "list"],
    "export meetings --ics": lambda out, p: [
        "export",
        "meetings",
        "--ics",
        str(out / "c.ics"),
        "--programme",
        p,
    ],
    "meetings overdue": lambda out, p: ["meetings", "overdue"],
    "report": lambda out, p: [
        "report",
        "--programme",
        p,
        "--csv",
        str(out / "r.csv"),
        "--pdf",
        str(out / "r.pdf"),
    ],
    "documents list": lambda out, p: ["documents", "list"],
    "surveys due": lambda out, p: ["surveys", "due", "--programme", p],
    "events list": lambda out, p: ["events", "list", "--programme", p],
    "events ics": lambda out, p: ["events", "ics", "--out", str(out / "e.ics"), "--programme", p],
    "surveys export": lambda out, p: ["surveys", "export", str(out / "s.csv"), "--programme", p],
    "surveys print": lambda out, p: [
        "surveys",
        "print",
        "--survey",
        "pulse",
        "--out",
        str(out / "forms"),
        "--everyone",
        "--programme",
        p,
    ],
}


def make_read_only_pristine(folder: Path) -> Path:
    """A demo database as a coordinator's would be on a new day: no backup or full check yet today.

    Its calendar identity is already recorded (the first .ics export of a database records it).
    """
    import sqlite3

    from mentordesk.store import checksum

    folder.mkdir(parents=True, exist_ok=True)
    home, db = folder / "home", folder / "pristine.db"
    assert run_cli(home, db, "demo").returncode == 0
    run_cli(
        home,
        db,
        "export",
        "meetings",
        "--ics",
        str(folder / "warm-up.ics"),
        "--programme",
        first_programme(home, db),
    )
    con = sqlite3.connect(db)
    con.execute("DELETE FROM setting WHERE key IN ('backups.last_auto', 'integrity.last_full_check')")
    con.commit()
    con.close()
    checksum.record(db)  # as MentorDesk itself closed it
    return db


def read_only_trial(pristine: Path, command: str, workdir: Path) -> tuple[bool, str]:
    """Run one read-only command as a real process on a copy of ``pristine`` in a fresh home: the file
    (and its -wal) must stay byte-identical and no backup may be taken."""
    from mentordesk.store import checksum
    from tests.roster_fixtures import GOOD_ROWS, roster_file

    workdir.mkdir(parents=True, exist_ok=True)
    home, db = workdir / "home", workdir / "scheme.db"
    shutil.copyfile(pristine, db)
    shutil.copyfile(checksum.record_path(pristine), checksum.record_path(db))
    roster_file(workdir, [GOOD_ROWS[0]], name="in.csv")
    args = READ_ONLY_COMMANDS[command](workdir, first_programme(home, db))
    before = file_state(db)
    done = run_cli(home, db, *args)
    if done.returncode not in (0, 1) or "Traceback" in done.stderr:  # 1: a dry run that finds problems
        return False, f"{command} failed: {done.stderr[-300:]}"
    if file_state(db) != before:
        return False, f"{command} changed the database file"
    if list((home / "data" / "backups").glob("*")):
        return False, f"{command} took a backup"
    return True, ""
