"""Issue 13.12: read-only commands, run as real processes, leave the database file byte-identical."""

from __future__ import annotations

import pytest

from tests import fault_trials
from tests.roster_fixtures import roster_file


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """A demo database on a new day: neither its daily backup nor its full check is done yet."""
    return fault_trials.make_read_only_pristine(tmp_path_factory.mktemp("readonly"))


@pytest.mark.parametrize("command", list(fault_trials.READ_ONLY_COMMANDS))
def test_read_only_commands_leave_the_file_byte_identical(pristine, tmp_path, command):
    passed, why = fault_trials.read_only_trial(pristine, command, tmp_path)
    assert passed, why


def test_a_writing_command_still_takes_the_daily_backup(tmp_path):
    home, db = tmp_path / "home", tmp_path / "scheme.db"
    assert fault_trials.run_cli(home, db, "demo").returncode == 0
    assert not list((home / "data" / "backups").glob("*auto*"))
    programme = fault_trials.first_programme(home, db)
    done = fault_trials.run_cli(
        home, db, "import", "participants", str(roster_file(tmp_path)), "--programme", programme
    )
    assert done.returncode == 0, done.stderr
    assert len(list((home / "data" / "backups").glob("*-auto.db"))) == 1
    assert len(list((home / "data" / "backups").glob("*-before-import.db"))) == 1
