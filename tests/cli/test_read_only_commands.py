"""Issue 13.12: read-only commands, run as real processes, leave the database file byte-identical."""

from __future__ import annotations

import pytest

from tests import fault_trials
from tests.roster_fixtures import roster_file


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """A demo database just made by ``demo``: no daily backup has been taken of it yet."""
    folder = tmp_path_factory.mktemp("readonly")
    home, db = folder / "home", folder / "scheme.db"
    assert fault_trials.run_cli(home, db, "demo").returncode == 0
    return home, db


@pytest.mark.parametrize("command", list(fault_trials.READ_ONLY_COMMANDS))
def test_read_only_commands_leave_the_file_byte_identical(demo_file, tmp_path, command):
    home, db = demo_file
    passed, why = fault_trials.read_only_trial(home, db, command, tmp_path)
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
