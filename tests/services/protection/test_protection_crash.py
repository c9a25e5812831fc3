"""Crash safety: SIGKILL in the middle of a bulk write and of a re-key, then reopen.

Each child process does the real work (the bulk-import write path: insert_many in
one transaction; the re-key: export, verify, swap) and reports its progress on
stdout; the test kills it with SIGKILL at a chosen moment. Afterwards the
database must pass the integrity check on open and hold either all or none of
the work, never a part of it, and never lose what was there before.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mentordesk.store import crypto
from mentordesk.store.db import WrongPassphrase, close_database, open_database
from mentordesk.store.models import Participant
from tests import ROOT
from tests.protection_fixtures import PASSPHRASE, bulk_people, snapshot

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


BULK_CHILD = textwrap.dedent(
    """
    import sys, time
    from tests.protection_fixtures import use_fast_kdf
    use_fast_kdf()  # the files were made with the tests' key rounds
    from mentordesk.store import audit
    from mentordesk.store.db import database, open_database
    from mentordesk.store.models import Participant

    path, passphrase, total = sys.argv[1], sys.argv[2] or None, int(sys.argv[3])
    open_database(path, passphrase)
    rows = [{"first_name": f"Imported{i}", "last_name": "Row", "notes": "n" * 100} for i in range(total)]
    with database.atomic():
        for number, start in enumerate(range(0, total, 500)):
            Participant.insert_many(rows[start : start + 500]).execute()
            print(f"chunk {number}", flush=True)
            time.sleep(0.02)
        audit.record("import", "participant", summary=f"{total} participants imported")
    print("committed", flush=True)
    time.sleep(30)  # wait to be killed: the commit must already be durable
    """
)

REKEY_CHILD = textwrap.dedent(
    """
    import sys, time
    from tests.protection_fixtures import use_fast_kdf
    use_fast_kdf()  # the files were made with the tests' key rounds
    from mentordesk.store import crypto

    path, old, new, hold = sys.argv[1], sys.argv[2] or None, sys.argv[3] or None, sys.argv[4]

    def progress(stage):
        print(stage, flush=True)
        if stage == hold:
            time.sleep(30)  # the test kills us here

    crypto.change_encryption(path, old, new, progress)
    print("finished", flush=True)
    """
)


def run_and_kill(tmp_path: Path, script: str, args: list[str], kill_on: str, delay: float = 0.0) -> list[str]:
    """Run ``script``; SIGKILL it ``delay`` seconds after it prints ``kill_on``. Returns the lines it printed."""
    child = tmp_path / "child.py"
    child.write_text(script)
    env = dict(os.environ, PYTHONPATH=str(ROOT), MENTORDESK_HOME=str(tmp_path / "home"))
    seen = []
    with subprocess.Popen(
        [sys.executable, str(child), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        for line in process.stdout:
            seen.append(line.strip())
            if line.strip() == kill_on:
                time.sleep(delay)
                process.send_signal(signal.SIGKILL)
                break
        process.wait(timeout=60)
        errors = process.stderr.read()
    assert kill_on in seen, f"the child never reached {kill_on!r}: {errors}"
    assert process.returncode == -signal.SIGKILL
    return seen


@pytest.mark.parametrize(
    ("passphrase", "kill_on", "all_done"),
    [("", "chunk 5", False), (PASSPHRASE, "chunk 5", False), (PASSPHRASE, "committed", True)],
    ids=["plain-mid-transaction", "encrypted-mid-transaction", "encrypted-after-commit"],
)
def test_killed_bulk_import_leaves_all_or_nothing(tmp_path, passphrase, kill_on, all_done):
    path = tmp_path / "scheme.db"
    db = open_database(path, passphrase or None)
    bulk_people(300, prefix="Existing")
    before = snapshot(db)
    close_database()

    total = 6000
    run_and_kill(tmp_path, BULK_CHILD, [str(path), passphrase, str(total)], kill_on)

    db = open_database(path, passphrase or None)  # runs integrity_check and foreign_key_check
    after = snapshot(db)
    imported = Participant.select().where(Participant.first_name.startswith("Imported")).count()
    assert imported == (total if all_done else 0)
    assert after["participant"][: len(before["participant"])] == before["participant"]
    if not all_done:
        assert after == before
    close_database()


@pytest.fixture(scope="module")
def big_encrypted(tmp_path_factory) -> tuple[Path, dict]:
    """An encrypted database large enough (about 4 MB) that exporting it takes a noticeable moment."""
    from mentordesk.services.demo import programme

    path = tmp_path_factory.mktemp("template") / "big.db"
    db = open_database(path, PASSPHRASE)
    programme.seed_demo()
    bulk_people(12_000)
    expected = snapshot(db)
    close_database()
    return path, expected


def _opens_with(path: Path, *passphrases: str | None) -> str | None:
    for candidate in passphrases:
        try:
            open_database(path, candidate, migrate=False)
        except WrongPassphrase:
            continue
        return candidate
    raise AssertionError("the database opens with neither the old nor the new passphrase")


@pytest.mark.parametrize(
    ("kill_on", "expected_key"),
    [("exporting", "old"), ("verifying", "old"), ("swapping", "old"), ("swapped", "new")],
)
def test_killed_rekey_leaves_a_whole_database_under_one_passphrase(
    tmp_path, big_encrypted, kill_on, expected_key
):
    template, expected = big_encrypted
    path = tmp_path / "big.db"
    shutil.copy(template, path)
    new = "the new passphrase"
    # "exporting" is reported once the new file is attached; 0.1 s later the export is under way.
    delay = 0.1 if kill_on == "exporting" else 0.0
    seen = run_and_kill(tmp_path, REKEY_CHILD, [str(path), PASSPHRASE, new, kill_on], kill_on, delay)
    assert seen[-1] == kill_on

    key = _opens_with(path, PASSPHRASE, new)  # open_database runs the integrity and foreign-key checks
    assert key == (PASSPHRASE if expected_key == "old" else new)
    from mentordesk.store.db import database

    assert snapshot(database.obj) == expected
    close_database()
    # What the crash left beside the file is cleaned once it has opened, and a new attempt succeeds.
    crypto.clean_leftovers(path)
    assert not crypto.partial_path(path).exists() and not crypto.previous_path(path).exists()
    crypto.change_encryption(path, key, "third passphrase")
    assert snapshot(open_database(path, "third passphrase", migrate=False)) == expected
    close_database()


def test_killed_encryption_of_a_plain_database_keeps_the_plain_one(tmp_path):
    path = tmp_path / "plain.db"
    db = open_database(path)
    bulk_people(12_000)
    expected = snapshot(db)
    close_database()
    run_and_kill(tmp_path, REKEY_CHILD, [str(path), "", PASSPHRASE, "exporting"], "exporting", 0.1)
    assert snapshot(open_database(path)) == expected
    close_database()
