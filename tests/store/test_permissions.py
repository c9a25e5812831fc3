"""Issue 13.9: the data folder is 0700; the database, backups and every export 0600, whatever the umask."""

from __future__ import annotations

import ast
import os
import stat
from pathlib import Path

import pytest

from mentordesk import config
from mentordesk.services import documents, goals, participants, protection
from mentordesk.services.meetings import export_ics
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import Match, Participant, Programme
from tests import ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    previous = os.umask(0o022)  # the usual desktop umask: what made files 0644 before
    yield
    os.umask(previous)


def test_data_folder_database_and_backups_are_private(open_umask):
    path = config.default_db_path()
    open_database(path)
    copy = protection.backup_now(path)
    close_database()
    assert mode(config.data_dir()) == 0o700
    assert mode(config.backup_dir()) == 0o700
    assert mode(path) == 0o600
    assert mode(copy) == 0o600


def test_a_database_found_readable_by_others_is_narrowed(tmp_path, open_umask):
    path = tmp_path / "old.db"
    open_database(path)
    close_database()
    path.chmod(0o644)
    config.data_dir().mkdir(parents=True, exist_ok=True)
    config.data_dir().chmod(0o755)
    open_database(path)
    close_database()
    assert mode(path) == 0o600
    config.ensure_dir(config.backup_dir())
    assert mode(config.data_dir()) == 0o700


def test_every_export_is_0600_even_over_a_wider_file(demo_db, tmp_path, open_umask):
    programme = Programme.select().first()
    out = tmp_path / "exports"
    out.mkdir()
    person = Participant.select().first()
    match = Match.select().first()
    writers = {
        "participants.csv": lambda p: participants.export_participants(p, programme.id),
        "matches.csv": lambda p: participants.export_matches(p, programme.id),
        "goals.csv": lambda p: goals.export_goals(programme.id, p),
        "meetings.ics": lambda p: export_ics(p, programme_id=programme.id),
        "person.json": lambda p: protection.export_json(person.id, p),
        "person.pdf": lambda p: protection.export_pdf(person.id, p),
    }
    for name, write in writers.items():
        target = out / name
        target.write_bytes(b"an older export")
        target.chmod(0o644)
        write(target)
        assert mode(target) == 0o600, name
        assert target.read_bytes() != b"an older export", name
    agreement = documents.generate("agreement", match_id=match.id, out_dir=out)
    assert mode(agreement) == 0o600
    assert not [p for p in out.iterdir() if p.name.startswith(".mentordesk-")]  # no temp file left


WRITES = (
    "write_text",
    "write_bytes",
    "mkstemp",
    "NamedTemporaryFile",
    "SimpleDocTemplate",
    "BaseDocTemplate",
)
# Files that write what is not an export: the helper itself, the database copies (0600 by their own
# means), the crash-proof settings of the checksum, screenshots of the GUI, logs.
ALLOWED = {
    "mentordesk/core/private_files.py",
    "mentordesk/store/checksum.py",
    "mentordesk/ui/screenshots.py",
    "mentordesk/logging_setup.py",
}


def test_writers_go_through_the_one_private_helper():
    """CSV, JSON, .ics, PDF (and any .xlsx to come): no module writes an export file by itself."""
    offenders = []
    for path in sorted((ROOT / "mentordesk").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in ALLOWED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        uses_helper = "replace_privately" in path.read_text(encoding="utf-8")
        for node in ast.walk(tree):
            name = ""
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name == "open":  # open(path, "w...") or path.open("w...")
                    modes = [a.value for a in node.args[:2] if isinstance(a, ast.Constant)]
                    name = "open" if any("w" in str(m) or "a" in str(m) for m in modes) else ""
            if (name in WRITES or name == "open") and not uses_helper:
                offenders.append(f"{rel}:{node.lineno} {name}")
    assert not offenders, offenders
