"""Custom-field answers fill {mentee.custom.<name>} in document templates; an unknown one is empty."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from mentordesk.core.documents import TemplateError, check, render
from mentordesk.core.participants import FieldDraft
from mentordesk.services import documents
from mentordesk.services.participants import define_field, save_answers
from mentordesk.store.models import Match, MatchMember

pytestmark = pytest.mark.both_backends


def test_custom_placeholders_are_known_to_the_template_checker():
    assert check("{mentee.custom.favourite_subject} {participant.custom.x1}") == []
    with pytest.raises(TemplateError, match="Unknown placeholder"):
        render("{mentee.custom.Favourite Subject}", {})


def test_an_answer_fills_the_agreement(demo_db, tmp_path):
    match = Match.select().where(Match.status == "active").first()
    mentee = MatchMember.get((MatchMember.match == match) & (MatchMember.role == "mentee")).participant_id
    define_field(match.programme_id, FieldDraft("Favourite lesson", "choice", ["Χημεία", "Art"], "mentee"))
    save_answers(mentee, match.programme_id, {"Favourite lesson": "χημεία"}, partial=True)
    body = "# Agreement\nLikes {mentee.custom.favourite_lesson}; [{mentor.custom.favourite_lesson}]"
    path = documents.preview("agreement", match.programme_id, body, match.id, tmp_path / "a.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Likes Χημεία" in text
    assert "[]" in text  # the mentor was not asked: empty, not an error


def test_a_label_in_any_script_makes_a_placeholder():
    from mentordesk.core.participants import FieldSpec

    spec = FieldSpec(1, "Любимый предмет?")
    assert spec.placeholder == "custom.любимый_предмет"
    assert check("{mentee." + spec.placeholder + "}") == []
    assert check("{mentee.custom.Любимый_предмет}") != []  # names are in lower case
