"""A network mentee's agreement lists every mentor with their focus areas (names in every script), read
back from the PDF with pypdf; on both backends, since the network is loaded by one query across links."""

from __future__ import annotations

import pytest

from mentordesk.services import documents
from mentordesk.store.models import MatchMember
from tests.documents_fixtures import make_match, make_programme, pdf_text, person

pytestmark = pytest.mark.both_backends


def _link(programme, mentor, mentee, areas, status="active"):
    match = make_match(programme, [mentor], [mentee], status=status)
    MatchMember.update(focus_areas=areas).where(
        (MatchMember.match == match) & (MatchMember.participant == mentor)
    ).execute()
    return match


def test_the_agreement_lists_every_mentor_with_their_focus_areas(db, tmp_path):
    programme = make_programme("Sixth-form network", kind="network")
    mentee = person("Łukasz", "Kowalski", minor=True, guardian="Ελένη Παπαδοπούλου")
    careers = _link(
        programme, person("美咲", "佐藤", organisation="Harbour Engineering"), mentee, ["Careers"]
    )
    _link(programme, person("Сергей", "Иванов"), mentee, ["Study skills", "Wellbeing"])
    _link(programme, person("نور", "حداد"), mentee, ["Confidence"])
    _link(programme, person("Closed", "Link"), mentee, ["Music"], status="closed")  # not in the network
    path = documents.generate("agreement", match_id=careers.id, out_dir=tmp_path)
    text = pdf_text(path)
    assert "Focus: Careers · Harbour Engineering" in text  # the parties table: this mentor's areas
    assert "Łukasz Kowalski has 3 mentors in this programme" in text
    assert "Careers (this agreement)" in text
    assert "Сергей Иванов Study skills, Wellbeing" in text
    assert "Confidence" in text
    assert "Music" not in text and "Closed Link" not in text


def test_a_one_to_one_agreement_has_no_network_section(db, tmp_path):
    programme = make_programme()
    match = make_match(programme, [person("Zoë", "Ó'Brien")], [person("Ana", "Silva", minor=True)])
    text = pdf_text(documents.generate("agreement", match_id=match.id, out_dir=tmp_path))
    assert "mentors in this programme" not in text and "Focus:" not in text


def test_the_documents_list_names_each_mentors_focus_areas(db):
    programme = make_programme("Sixth-form network", kind="network")
    mentee = person("Łukasz", "Kowalski", minor=True)
    _link(programme, person("Сергей", "Иванов"), mentee, ["Study skills", "Wellbeing"])
    [row] = documents.list_matches(programme.id)
    assert row.mentors == "Сергей Иванов (Study skills, Wellbeing)"
