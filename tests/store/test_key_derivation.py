"""A database the app creates uses SQLCipher's own key derivation (256,000 PBKDF2 rounds).

The tests make their encrypted files with 2,000 rounds to stay fast (tests/protection_fixtures.py);
that setting is process-wide, so the app is run here as a real process of its own, as a user runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests import ROOT
from tests.protection_fixtures import PASSPHRASE

SQLCIPHER_DEFAULT_KDF_ITER = 256_000


def _opens_with(path, rounds: int) -> bool:
    from sqlcipher3 import dbapi2

    con = dbapi2.connect(str(path))
    try:
        con.execute("PRAGMA key = '" + PASSPHRASE.replace("'", "''") + "'")
        con.execute(f"PRAGMA kdf_iter = {rounds}")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except dbapi2.DatabaseError:
        return False
    finally:
        con.close()


@pytest.mark.parametrize("how", ["cli demo", "open_database"])
def test_a_database_created_by_the_app_uses_the_real_key_derivation(tmp_path, how):
    path = tmp_path / "secret.db"
    env = dict(os.environ, MENTORDESK_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    if how == "cli demo":
        command = [sys.executable, "-m", "mentordesk", "--db", str(path), "demo"]
        env["MENTORDESK_PASSPHRASE"] = PASSPHRASE
    else:
        code = (
            "import sys; from mentordesk.store.db import open_database, close_database; "
            "open_database(sys.argv[1], sys.argv[2]); close_database()"
        )
        command = [sys.executable, "-c", code, str(path), PASSPHRASE]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert _opens_with(path, SQLCIPHER_DEFAULT_KDF_ITER)
    assert not _opens_with(path, 2000)  # the tests' fast rounds would not open it: the default was used


def test_the_app_never_lowers_the_key_derivation():
    offenders = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "mentordesk").rglob("*.py")
        if "kdf_iter" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
