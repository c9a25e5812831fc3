"""The log file: opened on the first record, rotated when it grows, no personal data at INFO."""

from __future__ import annotations

import logging

import pytest

from mentordesk import logging_setup


@pytest.fixture
def handler():
    made = logging_setup.setup_logging()
    yield made
    logging.getLogger().removeHandler(made)
    made.close()


def test_the_file_opens_on_the_first_record(handler, isolated_home):
    log_file = isolated_home / "logs" / logging_setup.LOG_FILENAME
    assert not log_file.exists()  # start-up writes nothing, so it opens nothing
    logging.getLogger("mentordesk.test").info("database opened (%s)", "demo.db")
    handler.flush()
    assert "INFO mentordesk.test: database opened (demo.db)" in log_file.read_text(encoding="utf-8")


def test_the_file_rotates_and_keeps_five_old_ones(handler, isolated_home, monkeypatch):
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 2_000)
    log = logging.getLogger("mentordesk.test")
    for n in range(400):
        log.warning("record %04d %s", n, "x" * 40)
    handler.flush()
    folder = isolated_home / "logs"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["mentordesk.log", *[f"mentordesk.log.{i}" for i in range(1, 6)]]
    assert "record 0399" in (folder / "mentordesk.log").read_text(encoding="utf-8")


WORKFLOW = r"""
import sys
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QApplication

from mentordesk.cli import main as cli
from mentordesk import logging_setup

work = Path(sys.argv[1])
db = work / "scheme.db"
assert cli(["--db", str(db), "demo"]) == 0
roster = work / "roster.csv"
roster.write_text(
    "First name,Last name,E-mail,Phone,Role,Organisation\n"
    "Philippa,Thistlewood,philippa.t@example.org,07700 911 201,mentee,Riverside Academy\n"
    "Barnaby,Quartermaine,barnaby.q@example.org,07700 911 202,mentor,Harbour Engineering\n"
    "Bad,Row,not-an-email,,mentee,\n",
    encoding="utf-8",
)
cli(["--db", str(db), "import", "participants", str(roster), "--programme", "1"])  # refused: a bad row
assert cli(["--db", str(db), "import", "participants", str(roster), "--programme", "1", "--skip-invalid"]) == 0
assert cli(["--db", str(db), "-v", "match", "--programme", "1", "--publish"]) == 0
assert cli(["--db", str(db), "-v", "documents", "agreements", "--all", "--out", str(work / "docs")]) == 0
assert cli(["--db", str(db), "-v", "meetings", "overdue"]) in (0, 1)

# The GUI's start-up wiring: the scrubbing log file, Qt's messages, the crash reporter.
app = QApplication([])
logging_setup.setup_logging()
logging_setup.install_qt_handler()
from mentordesk.services import meetings, protection
from mentordesk.store.db import open_database
from mentordesk.store.models import Match, MatchMember, Participant
from mentordesk.ui.crash import CrashReporter

open_database(db)
logging_setup.scrub_values_from(lambda: protection.personal_values())
match = Match.select().where(Match.status == "active").first()
start = datetime.now().replace(microsecond=0) + timedelta(days=2)
meetings.schedule_meeting(match.id, start, start + timedelta(hours=1))
mentee = Participant.get(Participant.first_name == "Philippa")
pdf = work / "docs" / f"{mentee.first_name} {mentee.last_name}-agreement.pdf"
qWarning(f'QPdfWriter: cannot open "{pdf}" for writing')  # as Qt reports a file it cannot write
qWarning(f"QFileSystemWatcher: failed to add paths: {pdf}")
reporter = CrashReporter()
reporter.install()
for error in (
    KeyError(f"{mentee.first_name} {mentee.last_name}"),
    ValueError(f"could not save {pdf} for {mentee.email}, {mentee.phone}"),
    RuntimeError(f"Barnaby Quartermaine <barnaby.q@example.org> rejected ({mentee.last_name})"),
):
    try:
        raise error
    except Exception:
        reporter.handle(*sys.exc_info())
member = MatchMember.select().where(MatchMember.role == "mentee").first()
protection.erase(member.participant_id)
protection.erase(mentee.id)
import logging
logging.getLogger("mentordesk.test").warning("could not write %s", pdf)
logging.getLogger("mentordesk.test").info("done with %s", Participant.get_by_id(1).first_name)
print("workflow finished")
"""


def test_a_realistic_workflow_logs_no_personal_data(tmp_path):
    """Import, match, agreements, meetings, erase, Qt warnings and forced crashes in a real process:
    neither the log file nor stdout/stderr holds any test person's name, e-mail or phone."""
    import os
    import subprocess
    import sys

    from mentordesk.store.db import close_database, open_database
    from mentordesk.store.models import Guardian, Participant
    from tests import ROOT

    home = tmp_path / "home"
    env = {**os.environ, "MENTORDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_LOGGING_RULES", None)
    done = subprocess.run(
        [sys.executable, "-c", WORKFLOW, str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "workflow finished" in done.stdout, done.stderr[-3000:]
    logs = "".join(p.read_text(encoding="utf-8") for p in (home / "logs").glob("mentordesk.log*"))
    assert "unhandled exception" in logs and "KeyError" in logs and "mentordesk.qt" in logs
    assert "<e-mail>" in logs and "<path>.pdf" in logs
    # Everyone the database held before erasing: the demo and the imported people and guardians.
    open_database(tmp_path / "scheme.db")
    people = [(p.first_name, p.last_name, p.email, p.phone) for p in Participant.select()]
    guardians = [g.name for g in Guardian.select()]
    close_database()
    personal = {"Philippa", "Thistlewood", "philippa.t@example.org", "07700 911 201", "Quartermaine"}
    personal |= {"barnaby.q@example.org", "07700 911 202"}
    for first, last, email, phone in people:
        if not first.startswith("Erased person"):
            personal |= {f"{first} {last}", email, phone, last if len(last) > 3 else ""}
    personal |= set(guardians)
    personal.discard("")
    output = {"log file": logs, "stderr": done.stderr, "stdout (minus the demo summary)": ""}
    for where, text in output.items():
        for value in personal:
            assert value not in text, f"{value!r} appears in the {where}"


def test_scrub_takes_out_values_but_keeps_the_report_useful():
    from mentordesk import logging_setup

    logging_setup.scrub_values_from(lambda: ["Siobhán", "Ó'Brien", "Smith-Jones", "Parent"])
    try:
        text = logging_setup.scrub(
            "cannot open /home/u/Documents/Siobhán Ó'Brien-agreement.pdf for ann@example.org "
            "(07700 900123); Smith-Jones's letter, key 'Zoë', batch of 3"
        )
    finally:
        logging_setup.scrub_values_from(None)
    assert text == (
        "cannot open <path>.pdf for <e-mail> (<number>); <name>-<name>'s letter, key '…', batch of 3"
    )
    trace = logging_setup.scrub_traceback(
        'Traceback (most recent call last):\n  File "/home/u/src/mentordesk/x.py", line 3, in f\n'
        "    raise KeyError(\"x\")\nKeyError: 'Zoë'\n"
    )
    assert '  File ".../x.py", line 3, in f\n    raise KeyError("x")\nKeyError: \'…\'' in trace
