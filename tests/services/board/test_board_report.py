"""The programme report of a shadow board counts its sessions and recommendations (PDF and CSV), and leaves
out what a board does not do (matches, retention, waiting for a match); the dashboard shows nobody waiting."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from pypdf import PdfReader

from mentordesk.core.board import BOARD_FIGURES
from mentordesk.core.reports import FIGURE_KEYS, Period
from mentordesk.services import dashboard, reports
from tests.board_fixtures import TODAY, full_board

pytestmark = pytest.mark.both_backends

PERIOD = Period(date(2027, 1, 1), date(2027, 2, 28))


def test_the_report_pdf_has_a_board_section_and_no_matches(db, tmp_path):
    b = full_board()
    report = reports.programme_report(b.programme.id, PERIOD, today=TODAY)
    assert report.board["board_sessions_held"] == 2 and report.kind == "shadow_board"
    target = reports.write_report_pdf(report, tmp_path / "report.pdf")
    text = " ".join("\n".join(page.extract_text() for page in PdfReader(target).pages).split())
    assert "Shadow board" in text
    assert "The board met 2 time(s) in the period, with 80 % attendance." in text
    assert "It made 4 recommendation(s); 1 were accepted and 1 declined in the period, and 2 await" in text
    assert "Recommendations accepted, of those decided (%) 50" in text
    assert "Mentees waiting" not in text and "Retention" not in text and "Matches" not in text
    assert "Dr Amara" not in text and "Zoë" not in text  # counts only


def test_the_csv_adds_the_board_figures_after_the_usual_ones(db, tmp_path):
    b = full_board()
    report = reports.programme_report(b.programme.id, PERIOD, today=TODAY)
    target = reports.write_report_csv(report, tmp_path / "report.csv")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    keys = [r[0] for r in rows]
    assert keys[: len(FIGURE_KEYS)] == list(FIGURE_KEYS) and keys[-len(BOARD_FIGURES) :] == list(
        BOARD_FIGURES
    )
    values = {r[0]: r[1] for r in rows}
    assert values["board_recommendations_made"] == "4" and values["board_attendance_pct"] == "80"


def test_nobody_on_a_board_waits_for_a_match(db):
    b = full_board()
    overview = dashboard.overview(b.programme.id, TODAY)
    assert overview.mentees == 6 and overview.waiting == 0 and not overview.matcher_runs
