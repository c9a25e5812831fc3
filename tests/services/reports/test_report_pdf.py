"""The report PDF: its text (read back with pypdf and pdftotext) holds the figures and the sentences."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from mentordesk.core.reports import Period
from mentordesk.services import reports
from tests.services.reports.report_fixtures import PERIOD, TODAY, D, build_programme


@pytest.fixture
def built(db):
    return build_programme("École Ωμέγα 学校")


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_pdf_holds_the_figures_and_sentences(built, tmp_path):
    report = reports.programme_report(built["programme"].id, PERIOD, today=TODAY)
    target = reports.write_report_pdf(report, tmp_path / "report.pdf")
    assert target.stat().st_mode & 0o777 == 0o600
    text = " ".join(text_of(target).split())
    assert "Programme report: École Ωμέγα" in text
    assert "1 September 2026 – 31 October 2026" in text
    assert "Compared with the period before it: 2 July 2026 – 31 August 2026" in text
    assert "7 meetings held, 7.5 hours of mentoring. 1 of 2 matches (50 %) met at least fortnightly." in text
    assert "Of 2 active matches, 1 is on track, 1 drifting and 0 overdue for a meeting." in text
    assert "Mentoring hours 7.5 0 +7.5" in text
    assert "Reason 1: moved away (1)" in text
    assert "Counts only: this report names nobody." in text
    # Counts only: no name, no initials.
    for name in ("Zoë", "Łukasz", "Ελένη", "Z.Ó."):
        assert name not in text


def test_appendix_prints_initials(built, tmp_path):
    report = reports.programme_report(built["programme"].id, PERIOD, today=TODAY, appendix=True)
    target = reports.write_report_pdf(report, tmp_path / "report.pdf")
    text = text_of(target)
    assert "Appendix: matches of the period, by initials" in text
    assert "Z.Ó. & Ł.K." in text
    assert "Zoë" not in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdftotext_reads_the_figures(built, tmp_path):
    report = reports.programme_report(built["programme"].id, PERIOD, today=TODAY)
    target = reports.write_report_pdf(report, tmp_path / "report.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert (
        "Meetings held per month" in text and "Match health" in text and "Pipeline: people by status" in text
    )
    assert "2 matches started and 1 closed (1 early)" in text


def test_an_empty_period_says_so(built, tmp_path):
    report = reports.programme_report(
        built["programme"].id, Period(D(2020, 1, 1), D(2020, 1, 31)), today=TODAY
    )
    target = reports.write_report_pdf(report, tmp_path / "empty.pdf")
    assert "Nothing was recorded for this programme in this period" in " ".join(text_of(target).split())


@pytest.mark.both_backends
def test_pdf_holds_the_before_and_after_measures(db, backend, tmp_path):
    """Issue 18: the report CSV's outcome_*.<scale> figures, worked out by hand, printed as a table."""
    from datetime import timedelta

    from mentordesk.services import surveys
    from tests.surveys_fixtures import STARTED, TODAY as ANSWERED, make_scheme

    scheme = make_scheme("Ωμέγα 学校 مدرسة")
    surveys.seed_builtins(scheme.programme.id)
    outcome = surveys.find_template(scheme.programme.id, "outcome_mentee")
    ids = [q.id for q in outcome.questions]
    low = dict.fromkeys(ids, 2) | {"conf_doubt": 4, "belong_left_out": 4, "school_skip": 4}
    high = dict.fromkeys(ids, 4) | {"conf_doubt": 2, "belong_left_out": 2, "school_skip": 2}
    a, b = scheme.mentees[0], scheme.mentees[1]
    surveys.record_response(outcome.id, a.id, STARTED - timedelta(days=5), low)
    surveys.record_response(outcome.id, a.id, ANSWERED, high)  # +2 on every scale
    surveys.record_response(outcome.id, b.id, STARTED, high)
    surveys.record_response(outcome.id, b.id, ANSWERED, {"conf_try": 3, "conf_problems": 3})  # -1
    report = reports.programme_report(scheme.programme.id, PERIOD, today=TODAY)
    target = reports.write_report_pdf(report, tmp_path / "report.pdf")
    text = " ".join(text_of(target).split())
    assert "Before and after" in text
    assert "Up to 2 people answered both the before and the after survey; the mean score went up on" in text
    # Confidence: +2 and -1 -> pairs 2, mean +0.5, 1 of 2 improved; hope: only a answered both.
    assert "Confidence 2 +0.5 50 %" in text
    assert "Hope for the future 1 +2 100 %" in text
    assert "Confidence mentoring 0 — —" in text
    for name in ("Zoë", "Ζωή", "佐藤"):
        assert name not in text


def test_a_report_without_outcome_surveys_has_no_such_section(built, tmp_path):
    report = reports.programme_report(built["programme"].id, PERIOD, today=TODAY)
    assert report.outcomes == {}
    assert "Before and after" not in text_of(reports.write_report_pdf(report, tmp_path / "r.pdf"))
