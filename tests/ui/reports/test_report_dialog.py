"""File › Programme report…: the period chosen with keys, the files written by the worker."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mentordesk.services import documents
from tests.services.reports.report_fixtures import build_programme


@pytest.fixture
def dialog(qtbot, db, tmp_path):
    from mentordesk.ui.context import AppContext
    from mentordesk.ui.reports.report_dialog import ReportDialog

    built = build_programme("Report school")
    documents.set_output_dir(tmp_path / "out")
    ctx = AppContext(tmp_path / "test.db")
    ctx.set_programme(built["programme"].id)
    found = ReportDialog(ctx, today=date(2026, 12, 1))
    qtbot.addWidget(found)
    found.show()
    return found


def type_into(qtbot, edit, text: str) -> None:
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(edit, text)


def press(button) -> None:
    """Space on the focused button, as a keyboard user chooses it."""
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)


def test_this_term_is_the_default(dialog):
    assert dialog.this_term.isChecked()
    assert not dialog.start_edit.isEnabled()
    assert dialog.start_edit.day() == date(2026, 9, 1)
    assert dialog.end_edit.day() == date(2026, 12, 1)  # the term so far


def test_custom_dates_write_pdf_and_csv(qtbot, dialog, tmp_path):
    press(dialog.custom)
    assert dialog.custom.isChecked() and dialog.start_edit.isEnabled()
    type_into(qtbot, dialog.start_edit, "2026-09-01")
    type_into(qtbot, dialog.end_edit, "2026-10-31")
    press(dialog.csv_box)
    assert dialog.csv_box.isChecked()
    with qtbot.waitSignal(dialog.reportWritten, timeout=20000) as done:
        QTest.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    written = done.args[0]
    names = sorted(p.name for p in written.files)
    assert names == [
        "Programme report - Report school - 2026-09-01 to 2026-10-31.csv",
        "Programme report - Report school - 2026-09-01 to 2026-10-31.pdf",
    ]
    pdf = next(p for p in written.files if p.suffix == ".pdf")
    assert "7 meetings held" in " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    table = next(p for p in written.files if p.suffix == ".csv")
    with table.open(encoding="utf-8-sig", newline="") as handle:
        assert {r["figure"]: r["value"] for r in csv.DictReader(handle)}["matches_started"] == "2"
    assert "Written in" in dialog.status.text()
    assert dialog.isVisible()  # stays open to say where the files went


def test_an_end_before_the_start_is_named_and_nothing_runs(qtbot, dialog):
    press(dialog.custom)
    type_into(qtbot, dialog.start_edit, "2026-10-01")
    type_into(qtbot, dialog.end_edit, "2026-09-01")
    QTest.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert "is before the start date" in dialog.error.text()
    assert dialog.worker is None


def test_no_file_chosen_disables_write(qtbot, dialog):
    press(dialog.pdf_box)
    assert not dialog.pdf_box.isChecked()
    assert not dialog.write_button.isEnabled()
    assert not dialog.appendix_box.isEnabled()


def test_file_menu_opens_it(qtbot, demo_main_window):
    demo_main_window.report_action.trigger()
    assert demo_main_window.report_dialog.isVisible()
    demo_main_window.report_dialog.reject()
