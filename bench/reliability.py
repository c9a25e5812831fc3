"""Try the faults of issue 13 many times and print a table; ``--write`` records it in docs/reliability.md.

Each fault is the real thing: a byte of a demo database flipped and the file opened
the way the app and the CLI open it; a real process backing up or restoring, killed
with SIGKILL after a random delay; refused imports; read-only commands run as real
processes. The trials themselves live in ``tests/fault_trials.py``, shared with the
tests (which run a few cases of each).

    python bench/reliability.py              # the full run (a few minutes)
    python bench/reliability.py --quick      # a handful of cases of each
    python bench/reliability.py --write      # also rewrite docs/reliability.md
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the checkout importable
    sys.path.insert(0, str(ROOT))

RELIABILITY_DOC = ROOT / "docs" / "reliability.md"


@dataclass
class Result:
    fault: str
    passing: str  # what counts as passed
    tried: int = 0
    passed: int = 0
    notes: Counter = field(default_factory=Counter)

    def add(self, ok: bool, note: str = "") -> None:
        self.tried += 1
        self.passed += ok
        if note:
            self.notes[note] += 1


def _home(work: Path, name: str) -> Path:
    home = work / name
    os.environ["MENTORDESK_HOME"] = str(home)
    return home


def flips(work: Path, count: int, encrypted: bool) -> Result:
    from tests import fault_trials
    from tests.protection_fixtures import PASSPHRASE

    kind = "encrypted" if encrypted else "plain"
    result = Result(
        f"one byte flipped in {'an' if encrypted else 'a'} {kind} demo database, then opened as the app opens it",
        "opens with identical rows, or is reported (damaged, or changed since MentorDesk closed it); "
        "never a traceback, never an automatic backup of the changed file",
    )
    _home(work, f"flip-{kind}")
    pristine = work / f"pristine-{kind}" / "demo.db"
    pristine.parent.mkdir(parents=True)
    passphrase = PASSPHRASE if encrypted else None
    rows = fault_trials.make_demo_file(pristine, passphrase)
    for offset in fault_trials.flip_offsets(pristine.stat().st_size, count):
        outcome = fault_trials.flip_trial(pristine, rows, offset, work / f"flip-{kind}-run", passphrase)
        result.add(outcome in fault_trials.GOOD_OUTCOMES, outcome)
    return result


def kills(work: Path, count: int, what: str) -> Result:
    from mentordesk.store.db import close_database, open_database
    from tests import fault_trials
    from tests.protection_fixtures import add_marker_person

    verb = "backing up" if what == "backup" else "restoring an older backup"
    result = Result(
        f"SIGKILL while {verb}, over and over (random moment)",
        "the database opens, passes its checks and holds the old or the new rows; every listed backup "
        "passes its checks; no temporary copy is left after the next start",
    )
    _home(work, f"kill-{what}")
    pristine = work / f"kill-{what}" / "demo.db"
    pristine.parent.mkdir(parents=True, exist_ok=True)
    fault_trials.make_demo_file(pristine)
    older = pristine.with_name("older.db")
    shutil.copyfile(pristine, older)
    open_database(older)
    add_marker_person()
    close_database()
    rng = random.Random(13)
    for n in range(count):
        delay = rng.uniform(0.05, 1.5)
        ok, why = fault_trials.kill_trial(pristine, older, what, delay, work / f"kill-{what}-{n}")
        result.add(ok, "" if ok else why)
        shutil.rmtree(work / f"kill-{what}-{n}", ignore_errors=True)
    return result


def refused_imports(work: Path, count: int) -> Result:
    from mentordesk import config
    from mentordesk.services import participants, protection
    from mentordesk.store.db import close_database
    from mentordesk.store.models import Programme
    from tests import fault_trials
    from tests.roster_fixtures import GOOD_ROWS, roster_file

    result = Result(
        "refused CSV imports (bad rows, wrong columns, binary data, empty files)",
        "no backup is taken and none is removed",
    )
    _home(work, "imports")
    path = work / "imports" / "demo.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    fault_trials.make_demo_file(path)
    from mentordesk.store.db import open_database

    open_database(path)
    protection.backup_now(path)
    programme_id = Programme.select().first().id
    files = [
        (
            "bad row",
            lambda p: roster_file(p, [GOOD_ROWS[0], "Bo,Chen,bo@,,31/02/2001,teacher,,,,"], name="a.csv"),
        ),
        ("no name column", lambda p: _write(p / "b.csv", b"colour,size\nred,3\n")),
        ("binary", lambda p: _write(p / "c.csv", bytes(range(256)) * 20)),
        ("empty", lambda p: _write(p / "d.csv", b"")),
    ]
    for n in range(count):
        label, make = files[n % len(files)]
        folder = work / "imports" / f"try-{n}"
        folder.mkdir()
        before = sorted(p.name for p in config.backup_dir().iterdir())
        try:
            participants.import_roster(make(folder), programme_id)
            ok = False
        except participants.RosterImportError:
            ok = sorted(p.name for p in config.backup_dir().iterdir()) == before
        result.add(ok, "" if ok else label)
    close_database()
    return result


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def read_only(work: Path, rounds: int) -> Result:
    from tests import fault_trials

    result = Result(
        "read-only commands run as real processes (" + ", ".join(fault_trials.READ_ONLY_COMMANDS) + ")",
        "the database file and its -wal are byte-identical afterwards; no backup is taken",
    )
    pristine = fault_trials.make_read_only_pristine(work / "pristine")
    for n in range(rounds):
        for command in fault_trials.READ_ONLY_COMMANDS:
            ok, why = fault_trials.read_only_trial(
                pristine, command, work / f"ro-{n}-{command.replace(' ', '_')}"
            )
            result.add(ok, why)
    return result


def generations(work: Path, days: int) -> Result:
    """A year and a half of daily use, with ten refused imports on some days: the generations hold."""
    from mentordesk import config
    from mentordesk.store import backup as store_backup

    result = Result(
        f"{days} days of daily backups with manual copies (simulated clock)",
        "every copy of the last 7 days, the newest of 5 weeks and 12 months, and every manual copy kept",
    )
    _home(work, "generations")
    db_path = work / "generations" / "scheme.db"
    folder = config.ensure_dir(config.backup_dir())
    start = datetime(2025, 1, 1, 9, 0)
    manual = []
    for day in range(days):
        now = start + timedelta(days=day)
        (folder / store_backup.backup_name(db_path, "auto", now)).write_bytes(b"x")
        if day % 45 == 0:
            copy = folder / store_backup.backup_name(db_path, "manual", now + timedelta(hours=1))
            copy.write_bytes(b"x")
            manual.append(copy)
        store_backup.prune(db_path, now=now + timedelta(hours=2))
        kept = {
            store_backup.backup_time(p)
            for p in store_backup.list_backups(db_path)
            if not store_backup.kept_until_deleted(p)  # the manual copies are checked apart
        }
        week = [now - timedelta(days=d) for d in range(min(day + 1, 7))]
        ok = all(t in kept for t in week) and all(p.exists() for p in manual)
        weeks = {tuple(t.isocalendar())[:2] for t in kept}
        ok = ok and (day < 35 or len(weeks) >= store_backup.KEEP_WEEKS)
        months = {(t.year, t.month) for t in kept}
        ok = ok and len(months) == min(
            12, len({(t.year, t.month) for t in (start + timedelta(d) for d in range(day + 1))})
        )
        result.add(ok, "" if ok else f"day {day}")
    return result


def render(results: list[Result], quick: bool) -> str:
    lines = [
        "# Reliability",
        "",
        "Written by `python bench/reliability.py --write`; do not edit by hand. Each row is one fault of",
        "issue 13, tried as it happens (real files, real processes killed with SIGKILL); the trials are",
        "in `tests/fault_trials.py`, shared with the tests, which run a few cases of each.",
        "",
        f"Run on {datetime.now():%Y-%m-%d %H:%M}{' (quick)' if quick else ''}.",
        "",
        "| fault | cases tried | passed | passing means | outcomes |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    for r in results:
        outcomes = "; ".join(f"{what}: {n}" for what, n in r.notes.most_common(4)) or "-"
        lines.append(f"| {r.fault} | {r.tried} | {r.passed} | {r.passing} | {outcomes} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a handful of cases of each fault")
    parser.add_argument("--write", action="store_true", help="rewrite docs/reliability.md")
    parser.add_argument("--out", type=Path, help="write the table to this file instead")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tests.protection_fixtures  # noqa: F401 - the tests' fast key rounds for the encrypted trials

    sizes = (
        {"flips": 12, "kills": 2, "imports": 4, "rounds": 1, "days": 60}
        if args.quick
        else {"flips": 300, "kills": 40, "imports": 40, "rounds": 2, "days": 550}
    )
    previous = os.environ.get("MENTORDESK_HOME")
    steps: list[Callable[[Path], Result]] = [
        lambda w: flips(w, sizes["flips"], encrypted=False),
        lambda w: flips(w, sizes["flips"] // 3, encrypted=True),
        lambda w: kills(w, sizes["kills"], "backup"),
        lambda w: kills(w, sizes["kills"], "restore"),
        lambda w: refused_imports(w, sizes["imports"]),
        lambda w: read_only(w, sizes["rounds"]),
        lambda w: generations(w, sizes["days"]),
    ]
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="mentordesk-reliability-") as temp:
            for n, step in enumerate(steps):
                work = Path(temp) / f"step-{n}"
                work.mkdir()
                result = step(work)
                print(f"{result.passed}/{result.tried}  {result.fault}", flush=True)
                results.append(result)
    finally:
        if previous is None:
            os.environ.pop("MENTORDESK_HOME", None)
        else:
            os.environ["MENTORDESK_HOME"] = previous
    table = render(results, args.quick)
    print(table)
    target = args.out or (RELIABILITY_DOC if args.write else None)
    if target is not None:
        target.write_text(table, encoding="utf-8")
    return 0 if all(r.passed == r.tried for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
