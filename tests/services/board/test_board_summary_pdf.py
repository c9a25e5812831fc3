"""The board's summary PDF: members, sponsors, sessions and recommendations with outcomes, in every
script, private, and drawn (pdftoppm) for looking at."""

from __future__ import annotations

import shutil
import stat
import subprocess
import unicodedata

import pytest

from mentordesk.services import board
from mentordesk.services.board import SponsorInput
from mentordesk.services.documents import fonts
from tests.board_fixtures import TODAY, empty_board, full_board
from tests.documents_fixtures import fonts_in, images_in, joined_arabic, pdf_text, shared_fonts


@pytest.fixture
def written(db, tmp_path):
    b = full_board()
    board.add_sponsor(b.programme.id, SponsorInput("Chen Wei <b>not bold</b>", "Governor"))
    return board.write_board_summary(b.programme.id, tmp_path / "out" / "board.pdf", today=TODAY)


def test_the_summary_lists_members_sponsors_sessions_and_outcomes(written):
    text = pdf_text(written)
    for words in (
        "Shadow board: Youth shadow board 2027",
        "6 member(s), 3 sponsor(s), 2 session(s), 4 recommendation(s): 1 accepted, 1 declined, 1 in progress, "
        "1 awaiting a decision.",
        "Zoë Ó'Brien",
        "Ελένη Παπαδοπούλου",
        "Алексей Соколов",
        "Dr Amara Mensah",
        "Chief operating officer",
        "Chen Wei <b>not bold</b>",
        "Budget priorities",
        "Library opening hours",
        "Phone policy",
        "Open the library until 18:00",
        "Accepted, 2027-02-01",
        "Declined, 2027-02-20",
        "Contract runs to 2028",
        "In progress, 2027-03-01",
        "Awaiting a decision",
        "2 of 2",
    ):
        assert words in " ".join(text.split()), words
    assert "נועה כהן" in text  # right-to-left, read back in reading order
    assert joined_arabic(text) and "فاطمة الزهراء" in unicodedata.normalize("NFKC", text)
    if fonts.fallback_font() is not None:
        assert "美咲 田中" in text
    assert images_in(written) == 0 and fonts_in(written) <= shared_fonts()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700


def test_an_empty_board_says_so(db, tmp_path):
    programme, _ = empty_board()
    text = pdf_text(board.write_board_summary(programme.id, tmp_path / "empty.pdf", today=TODAY))
    assert "No sponsor recorded." in text and "No session recorded yet." in text
    assert "No recommendation made yet." in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_summary_draws(written, tmp_path):
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(written), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(p.stat().st_size > 5000 for p in pages)
