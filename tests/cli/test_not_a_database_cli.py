"""The real command on a file that is not a MentorDesk database: it says what the file looks like, asks
no passphrase, exits 1 and leaves the file as it was (bytes, mode, no -wal/-shm/-journal/.lock beside it).

Commands that only read do not start a database in an empty file or a missing path either.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests import fault_trials
from tests.roster_fixtures import GOOD_ROWS, roster_file
from tests.store.test_not_a_database import foreign_sqlite, pdf_file, random_odd_length, text_file, zip_file

KINDS = {
    "text": (text_file, "notadb.txt is not a MentorDesk database: it looks like a text file."),
    "pdf": (pdf_file, "letter.db is not a MentorDesk database: it looks like a PDF document."),
    "zip": (zip_file, "export.db is not a MentorDesk database: it looks like a zip file"),
    "random": (random_odd_length, "random.db is not a MentorDesk database: it looks like a file of 12,295 bytes"),
    "another program's SQLite": (foreign_sqlite, "invoices.db is an SQLite database, but not a MentorDesk one."),
}
# Commands that read, write, check or back up: every one refuses before it touches the file.
COMMANDS = {
    "info": ["info"],
    "check": ["check"],
    "backup": ["backup"],
    "demo": ["demo"],
    "export participants": ["export", "participants", "OUT/p.csv", "--programme", "Any"],
}


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode)) for p in sorted(folder.iterdir())}


def run(tmp_path: Path, db: Path, args: list[str]):
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    return fault_trials.run_cli(tmp_path / "home", db, *[a.replace("OUT", str(out)) for a in args])


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_file_that_is_not_a_database_is_named_and_left_alone(tmp_path, kind, command):
    make, said = KINDS[kind]
    folder = tmp_path / "files"
    folder.mkdir()
    path = make(folder)
    path.chmod(0o644)
    before = state(folder)
    done = run(tmp_path, path, COMMANDS[command])
    assert done.returncode == 1, done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"mentordesk: {said}")
    assert "Choose the .db file MentorDesk made" in done.stderr
    assert "passphrase" not in done.stderr and "encrypted" not in done.stderr
    assert state(folder) == before  # same bytes, still 0644, nothing created beside it
    assert not list((tmp_path / "out").iterdir())


def read_only_commands(out: Path) -> dict[str, list[str]]:
    commands = {name: make(out, "Any") for name, make in fault_trials.READ_ONLY_COMMANDS.items()}
    commands["check"] = ["check"]
    return commands


def test_commands_that_only_read_do_not_start_a_database_in_an_empty_file(tmp_path):
    folder, out = tmp_path / "files", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    roster_file(out, [GOOD_ROWS[0]], name="in.csv")
    path = folder / "empty.db"
    path.touch()
    path.chmod(0o644)
    before = state(folder)
    for name, args in read_only_commands(out).items():
        done = fault_trials.run_cli(tmp_path / "home", path, *args)
        assert done.returncode == 1, f"{name}: {done.stdout} {done.stderr}"
        assert done.stdout == "", name
        assert done.stderr.startswith(
            "mentordesk: empty.db is empty: it is not a MentorDesk database (yet), and was left as it was."
        ), f"{name}: {done.stderr}"
        assert state(folder) == before, f"{name} changed the empty file or wrote beside it"
        assert [p.name for p in out.iterdir()] == ["in.csv"], name


def test_commands_that_only_read_create_nothing_at_a_missing_path(tmp_path):
    folder, out = tmp_path / "files", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    roster_file(out, [GOOD_ROWS[0]], name="in.csv")
    for name, args in read_only_commands(out).items():
        for path in (folder / "missing.db", folder / "new folder" / "missing.db"):
            done = fault_trials.run_cli(tmp_path / "home", path, *args)
            assert done.returncode == 1, f"{name}: {done.stdout} {done.stderr}"
            assert done.stdout == "", name
            assert done.stderr.startswith(f"mentordesk: No database at {path}"), f"{name}: {done.stderr}"
            assert not list(folder.iterdir()), f"{name} created {list(folder.iterdir())}"
            assert [p.name for p in out.iterdir()] == ["in.csv"], name


def test_restoring_from_a_file_that_is_not_a_backup_says_what_it_is_and_changes_nothing(tmp_path):
    home, db = tmp_path / "home", tmp_path / "scheme.db"
    assert fault_trials.run_cli(home, db, "demo").returncode == 0
    folder = tmp_path / "files"
    folder.mkdir()
    sources = {text_file(folder): "a text file", random_odd_length(folder): "a file of 12,295 bytes"}
    before, files = fault_trials.file_state(db), state(folder)
    for source, looks in sources.items():
        done = fault_trials.run_cli(home, db, "restore", str(source), "--yes")
        assert done.returncode == 1, done.stdout
        assert done.stderr.startswith(
            f"mentordesk: {source.name} is not a MentorDesk database or backup: it looks like {looks}"
        ), done.stderr
        assert "passphrase" not in done.stderr and "Choose another file." in done.stderr
    assert fault_trials.file_state(db) == before and state(folder) == files
