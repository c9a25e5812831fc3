"""A wrong passphrase at the command line: MentorDesk's one clear line, without SQLCipher's own
"ERROR CORE sqlcipher_page_cipher: hmac check failed for pgno=1" lines above it.

Run as real processes, as a coordinator runs them: SQLCipher writes from C to the process's
stderr, and the database is made by the app itself (the tests' own files use fast key
derivation, which the app would not open; see tests/store/test_key_derivation.py).
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import ROOT
from tests.protection_fixtures import PASSPHRASE

MESSAGE = "The passphrase does not open this database."
NOISE = ("sqlcipher", "hmac check failed", "ERROR CORE", "error decrypting page")


def noise(text: str) -> list[str]:
    return [line for line in text.splitlines() if any(n.lower() in line.lower() for n in NOISE)]


@pytest.fixture
def app_env(tmp_path) -> dict[str, str]:
    env = dict(os.environ, MENTORDESK_HOME=str(tmp_path / "home"), HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    env.pop("MENTORDESK_PASSPHRASE", None)
    return env


@pytest.fixture
def locked(tmp_path, app_env) -> Path:
    """An encrypted database made by the app in a process of its own."""
    path = tmp_path / "scheme.db"
    code = (
        "import sys; from mentordesk.store.db import open_database, close_database; "
        "open_database(sys.argv[1], sys.argv[2]); close_database()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), PASSPHRASE],
        env=app_env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return path


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mentordesk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )


def test_a_wrong_passphrase_in_the_environment_gives_one_clear_line(locked, app_env):
    done = run_cli(dict(app_env, MENTORDESK_PASSPHRASE="not the passphrase"), "--db", str(locked), "info")
    assert done.returncode != 0
    assert MESSAGE in done.stderr
    assert noise(done.stderr) == [] and noise(done.stdout) == []
    assert done.stderr.strip().splitlines() == [
        "mentordesk: The passphrase does not open this database. Check it (capital letters count) "
        "and try again."
    ]
    right = run_cli(dict(app_env, MENTORDESK_PASSPHRASE=PASSPHRASE), "--db", str(locked), "info")
    assert right.returncode == 0, right.stderr  # the file is sound: it was only the passphrase
    assert "participant" in right.stdout and noise(right.stderr) == []


def test_a_wrong_passphrase_typed_at_the_prompt_gives_one_clear_line(locked, app_env):
    """On a terminal the CLI asks; what the terminal shows afterwards has no SQLCipher lines."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the CLI, with the pseudo-terminal as its terminal
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "mentordesk", "--db", str(locked), "check"], app_env)
    screen = b""
    typed = False
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child has gone and closed the terminal
            break
        if not chunk:
            break
        screen += chunk
        if not typed and b"Passphrase for scheme.db:" in screen:
            os.write(fd, b"not the passphrase\n")
            typed = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    text = screen.decode("utf-8", "replace")
    assert typed, text
    assert os.waitstatus_to_exitcode(status) != 0
    assert MESSAGE in text and noise(text) == [], text
