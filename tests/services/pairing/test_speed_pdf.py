"""The speed timetable prints through the documents area's fonts: every script, escaped, shaped."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings as hsettings

from mentordesk.services.pairing.speed import SpeedTimetable, export_timetable_pdf
from tests.documents_fixtures import HOSTILE, fonts_in, images_in, joined_arabic, pdf_text, shared_fonts


def test_speed_timetable_uses_the_shared_fonts_and_shapes_arabic(tmp_path):
    table = SpeedTimetable(
        "Speed night <b>",
        1,
        [(1, "ليلى حداد"), (2, "Zoë 佐藤")],
        [{1: (5, "שרה כהן", 1.0), 2: (6, "Ann", 1.0)}],
    )
    path = export_timetable_pdf(table, tmp_path / "timetable.pdf")
    text = pdf_text(path)
    assert "Speed night <b>" in text and "שרה כהן" in text and joined_arabic(text)
    used = fonts_in(path)
    assert used <= shared_fonts(), used  # no "MDSans"/"MDCJK" registered on its own from system folders
    if shared_fonts() - {"DejaVuSans", "DejaVuSans-Bold", "Helvetica"}:  # a CJK font is installed
        assert "Zoë 佐藤" in text


@hsettings(max_examples=15, deadline=None)
@given(name=HOSTILE)
def test_hostile_names_in_the_speed_timetable_print_as_written(name):
    import tempfile

    table = SpeedTimetable(f"Night {name}", 1, [(1, f"M {name}")], [{1: (2, f"E {name}", 1.0)}])
    with tempfile.TemporaryDirectory() as folder:
        path = export_timetable_pdf(table, Path(folder) / "t.pdf")
        text = pdf_text(path).replace(" ", "")
        assert images_in(path) == 0
    for expected in (f"M {name}", f"E {name}"):
        assert expected.replace(" ", "").replace("\x07", "") in text
