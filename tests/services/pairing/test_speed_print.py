"""Name badges and table cards: every script printed, names shrunk (never clipped) to fit."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings as hsettings, strategies as st
from pypdf import PdfReader

from mentordesk.services import pairing
from mentordesk.services.documents import text_width
from mentordesk.services.pairing import PairingError
from mentordesk.services.pairing.speed_print import BADGE_W, MM, NAME_SIZE, fitted_lines
from tests.documents_fixtures import joined_arabic, pdf_text
from tests.pairing_fixtures import make_programme, mentee, mentor

LONG = "Maria Magdalena Konstantinopoulou-Wolfeschlegelsteinhausenbergerdorff"


def event_with_every_script():
    programme = make_programme("Speed night", kind="speed")
    for name in ["Zoë", "Ελένη", "Анастасия", "ليلى", "שרה", LONG]:
        mentee(programme, name)
    for name in ["Łukasz", "Дмитрий", "美咲"]:
        mentor(programme, name)
    event_id = pairing.create_event(
        programme.id, date(2026, 3, 12), rounds=3, round_minutes=8, starts_at="18:30", title="Spring night"
    )
    pairing.invite_waiting(event_id)
    return programme, event_id


def test_badges_name_everyone_with_role_and_table(db, tmp_path):
    programme, event_id = event_with_every_script()
    path = tmp_path / "badges.pdf"
    assert pairing.badges_pdf(event_id, path, programme.name) == 9
    text = pdf_text(path)
    for name in ["Zoë Mentee", "Ελένη Mentee", "Анастасия Mentee", "שרה", "Łukasz Mentor", "Дмитрий Mentor"]:
        assert name in text
    assert joined_arabic(text)
    assert "Mentor · Table 1" in text and "Spring night · 2026-03-12" in text
    assert len(PdfReader(path).pages) == 1
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_table_cards_list_each_round_with_its_time(db, tmp_path):
    programme, event_id = event_with_every_script()
    path = tmp_path / "cards.pdf"
    assert pairing.table_cards_pdf(event_id, path) == 3
    text = pdf_text(path)
    assert "Table 1" in text and "Table 3" in text
    assert "Round 1 18:30" in text and "Round 3 18:46" in text
    night = pairing.night(event_id)
    assert all(
        m.mentee.replace(" ", "") in text.replace(" ", "") or m.mentee.startswith("ليلى")
        for m in night.meetings
    )
    assert len(PdfReader(path).pages) == 2


def test_nothing_to_print_before_anyone_is_invited(db, tmp_path):
    programme = make_programme("Speed", kind="speed")
    event_id = pairing.create_event(programme.id, date(2026, 3, 12))
    with pytest.raises(PairingError, match="invite"):
        pairing.badges_pdf(event_id, tmp_path / "b.pdf")
    assert not (tmp_path / "b.pdf").exists()


@hsettings(max_examples=40, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzΩЖ漢ש ", min_size=1, max_size=120).filter(str.strip))
def test_a_name_always_fits_its_badge(name):
    width = BADGE_W - 8 * MM
    lines, size = fitted_lines(name.strip(), width)
    assert "".join(lines).replace(" ", "") == name.replace(" ", "")  # nothing dropped
    assert all(text_width(line, size, True) <= width + 0.01 for line in lines)
    assert size <= NAME_SIZE and len(lines) <= 2


def test_a_long_name_breaks_onto_two_lines_before_getting_tiny():
    lines, size = fitted_lines(LONG + " Mentee", BADGE_W - 8 * MM)
    assert len(lines) == 2 and size >= 7  # one line would be under 5 pt
