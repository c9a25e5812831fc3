"""The command line: demo, info, errors and the GUI/CLI dispatch."""

from __future__ import annotations

import subprocess
import sys

from mentordesk.cli import is_cli_invocation, main


def test_demo_then_info(tmp_path, capsys):
    path = tmp_path / "demo.db"
    assert main(["--db", str(path), "demo"]) == 0
    out = capsys.readouterr().out
    assert "40 participants" in out
    assert main(["--db", str(path), "info"]) == 0
    out = capsys.readouterr().out
    from mentordesk.store.migrations import LATEST_VERSION

    assert f"Schema version: {LATEST_VERSION}" in out
    assert any(line.split() == ["participant", "40"] for line in out.splitlines())


def test_demo_refuses_to_mix_into_existing_data(tmp_path, capsys):
    path = tmp_path / "demo.db"
    main(["--db", str(path), "demo"])
    capsys.readouterr()
    assert main(["--db", str(path), "demo"]) == 1
    assert "--force" in capsys.readouterr().err


def test_info_on_a_missing_file_says_how_to_create_one(tmp_path, capsys):
    path = tmp_path / "nope.db"
    assert main(["--db", str(path), "info"]) == 1
    err = capsys.readouterr().err
    assert "No database at" in err and "demo" in err
    assert not path.exists()


def test_dispatch_between_gui_and_cli():
    assert is_cli_invocation(["--db", "x.db", "info"])
    assert is_cli_invocation(["info"])
    assert not is_cli_invocation([])
    assert not is_cli_invocation(["--db", "x.db"])
    assert not is_cli_invocation(["--demo"])


def test_the_command_list_is_the_parser_and_a_gui_start_builds_neither():
    import argparse

    from mentordesk.cli import COMMANDS, build_parser

    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(COMMANDS) == set(sub.choices)  # listed explicitly, and never stale
    # Telling a GUI start from a command imports no command module.
    child = (
        "import sys; from mentordesk.cli import is_cli_invocation; is_cli_invocation(['--demo']); "
        "print([m for m in sys.modules if m.startswith('mentordesk.cli.commands')])"
    )
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_gui_without_display_explains_itself(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "MENTORDESK_HOME": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "mentordesk", "--db", str(tmp_path / "x.db")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr and "QT_QPA_PLATFORM=offscreen" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1



def test_enrol_people_of_one_programme_in_another(tmp_path, capsys):
    from mentordesk.services import programmes
    from mentordesk.store.db import close_database, open_database
    from mentordesk.store.models import Enrolment

    path = tmp_path / "demo.db"
    assert main(["--db", str(path), "demo"]) == 0
    open_database(path)
    first = programmes.list_programmes()[0].name
    programmes.create_programme("Next year")
    close_database()
    capsys.readouterr()
    assert main(["--db", str(path), "enrol", "--from", first, "--to", "Nowhere"]) == 1
    assert "Nowhere" in capsys.readouterr().err
    assert main(["--db", str(path), "enrol", "--from", first, "--to", "Next year", "--status", "ready",
                 "--dry-run"]) == 0  # fmt: skip
    assert "Would enrol" in capsys.readouterr().out
    assert main(["--db", str(path), "enrol", "--from", first, "--to", "Next year", "--status", "ready"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Next year: ") and " enrolled" in out
    open_database(path)
    try:
        count = sum(1 for e in Enrolment.select() if e.programme.name == "Next year")
    finally:
        close_database()
    assert count == int(out.split(": ")[1].split()[0]) > 0
