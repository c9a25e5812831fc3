"""The speed timetable prints through the documents area's fonts: every script, escaped, shaped."""

from __future__ import annotations

from mentordesk.services.pairing.speed import SpeedTimetable, export_pdf
from tests.documents_fixtures import fonts_in, joined_arabic, pdf_text, shared_fonts


def test_speed_timetable_uses_the_shared_fonts_and_shapes_arabic(tmp_path):
    table = SpeedTimetable(
        "Speed night <b>",
        1,
        [(1, "ليلى حداد"), (2, "Zoë 佐藤")],
        [{1: (5, "שרה כהן", 1.0), 2: (6, "Ann", 1.0)}],
    )
    path = export_pdf(table, tmp_path / "timetable.pdf")
    text = pdf_text(path)
    assert "Speed night <b>" in text and "שרה כהן" in text and joined_arabic(text)
    used = fonts_in(path)
    assert used <= shared_fonts(), used  # no "MDSans"/"MDCJK" registered on its own from system folders
    if shared_fonts() - {"DejaVuSans", "DejaVuSans-Bold", "Helvetica"}:  # a CJK font is installed
        assert "Zoë 佐藤" in text
