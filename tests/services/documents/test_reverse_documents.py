"""A reverse-mentoring programme's agreement and welcome letters use the reverse wording (read back with pypdf)."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.services import documents
from tests.documents_fixtures import make_match, make_programme, pdf_text, person

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 27)


@pytest.fixture
def reverse_match(db):
    programme = make_programme("Reverse mentoring 2026", kind="reverse", description="Graduates mentor directors.")
    junior = person("Aiyana", "Ngata", organisation="Harbour Engineering", department="Graduate scheme")
    senior = person("Светлана", "Иванова", organisation="Harbour Engineering", department="Board")
    return make_match(programme, [junior], [senior], ["Run a team channel on the new platform"])


def test_the_reverse_agreement_says_who_shares_expertise_with_whom(reverse_match, tmp_path):
    text = pdf_text(documents.generate("agreement", match_id=reverse_match.id, out_dir=tmp_path, today=TODAY))
    assert "Reverse mentoring agreement" in text
    assert "Aiyana Ngata, the reverse mentor, shares their expertise" in text
    assert "with Светлана Иванова, a more senior colleague" in text
    assert "Seniority stays outside the room" in text and "Run a team channel on the new platform" in text
    assert "safeguarding lead" not in text and "parent or guardian" not in text.lower()
    assert "{" not in text and "[[" not in text


def test_the_welcome_letters_are_worded_for_each_side(reverse_match, tmp_path):
    mentor_letter = pdf_text(documents.generate("welcome_mentor", match_id=reverse_match.id, out_dir=tmp_path))
    assert "Dear Aiyana," in mentor_letter and "volunteering as a reverse mentor" in mentor_letter
    assert "a senior colleague who wants to learn from your expertise" in mentor_letter
    assert "Светлана Иванова" in mentor_letter
    mentee_letter = pdf_text(documents.generate("welcome_mentee", match_id=reverse_match.id, out_dir=tmp_path))
    assert "Dear Светлана," in mentee_letter and "your reverse mentor is Aiyana Ngata" in mentee_letter
    assert "Your mentor is a volunteer who has been trained" not in mentee_letter  # the young person's wording
    assert "parent or carer" not in mentee_letter


def test_other_programmes_keep_the_usual_wording_and_an_edited_copy_wins(reverse_match, tmp_path):
    ordinary = make_programme("Ordinary 2026")
    match = make_match(ordinary, [person("Mateo", "García")], [person("Priya", "Patel")])
    text = pdf_text(documents.generate("agreement", match_id=match.id, out_dir=tmp_path))
    assert "Mentoring agreement" in text and "reverse mentor" not in text
    assert documents.template_text(reverse_match.programme_id, "agreement") == documents.default_template(
        "agreement", "reverse"
    )
    body = "# Our own agreement\n\nFor {programme.name}.\n\n[[signatures]]\n"
    documents.save_template(reverse_match.programme_id, "agreement", body)
    text = pdf_text(documents.generate("agreement", match_id=reverse_match.id, out_dir=tmp_path))
    assert "Our own agreement" in text and "Reverse mentoring agreement" not in text
    documents.reset_template(reverse_match.programme_id, "agreement")
    assert "Reverse mentoring agreement" in documents.template_text(reverse_match.programme_id, "agreement")
