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
