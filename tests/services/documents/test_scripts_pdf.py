"""Every script in every text path: CJK runs keep their Latin neighbours, Arabic and Hebrew are shaped
and ordered, user values are escaped, and all PDFs share one set of registered fonts."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings as hsettings

from mentordesk.core.documents import TEMPLATE_KINDS
from mentordesk.services import documents
from mentordesk.services.documents import fonts
from mentordesk.store import settings
from mentordesk.store.models import Guardian, Participant
from tests.documents_fixtures import (
    HOSTILE,
    fonts_in,
    images_in,
    joined_arabic,
    make_match,
    make_programme,
    pdf_pages,
    pdf_text,
    person,
    shared_fonts,
)

needs_cjk = pytest.mark.skipif(
    fonts.fallback_font() is None, reason="no CJK TrueType font (fonts-droid-fallback) on this machine"
)


# -- CJK: a font per run, in paragraphs, tables, headers and footers --------------------------------------
@needs_cjk
def test_cjk_names_keep_latin_greek_and_cyrillic_in_footer_and_letterhead(db, tmp_path):
    settings.put("organisation_name", "Σχολείο Ωμέγα · Школа · 東京学園")
    programme = make_programme("Riverside 佐藤 Futures")
    match = make_match(
        programme, [person("Zoë", "Ó'Brien")], [person("美咲", "佐藤", minor=True, guardian="Ана")]
    )
    path = documents.generate("agreement", match_id=match.id, out_dir=tmp_path)
    first = pdf_pages(path)[0]
    # The letterhead: the organisation (Greek, Cyrillic and CJK) and the programme under it.
    assert "Σχολείο Ωμέγα · Школа · 東京学園" in first
    assert "Riverside 佐藤 Futures" in first
    # The footer: "Mentoring agreement · Zoë Ó'Brien & 美咲 佐藤" (it printed as "美咲 佐藤" alone).
    assert "Mentoring agreement · Zoë Ó'Brien & 美咲 佐藤" in first
    assert fonts_in(path) == shared_fonts()  # DejaVu for the Latin, the CJK face for the rest


@needs_cjk
def test_certificate_frame_keeps_latin_next_to_cjk(db, tmp_path):
    settings.put("organisation_name", "Zoë's Academy 東京")
    match = make_match(make_programme(), [person("Ravi", "Patel")], [person("美咲", "佐藤")])
    path = documents.generate("certificate", match_id=match.id, out_dir=tmp_path)
    assert "Zoë's Academy 東京" in pdf_text(path)


# -- Arabic and Hebrew: joined letters, right-to-left order -------------------------------------------
def test_arabic_and_hebrew_names_print_joined_and_in_reading_order(db, tmp_path):
    programme = make_programme()
    mentor = person("ليلى", "حداد")
    mentee = person("שרה", "כהן", minor=True, guardian="Rachel Cohen")
    match = make_match(programme, [mentor], [mentee], ["Read «كتاب» together"])
    path = documents.generate("agreement", match_id=match.id, out_dir=tmp_path)
    text = pdf_text(path)
    # pypdf reads right-to-left runs back into reading order: reversed letters would read backwards.
    assert "שרה כהן" in text
    assert joined_arabic(text), "Arabic letters printed unjoined (isolated forms)"
    assert "ليلى حداد" in unicodedata.normalize("NFKC", text)
    assert "Mentoring agreement" in text and "Rachel Cohen" in text  # the Latin around them is intact
    assert documents.unrenderable_names(match_ids=[match.id]) == []


def test_right_to_left_names_in_footers_are_shaped_and_ordered(db, tmp_path):
    match = make_match(make_programme(), [person("Ann", "Lee")], [person("ليلى", "حداد")])
    path = documents.generate("welcome_mentee", match_id=match.id, out_dir=tmp_path)
    footer = pdf_pages(path)[0].split("Page 1 of 1")[-1].strip()  # the footer is drawn last
    assert joined_arabic(footer), footer
    assert footer.startswith("Welcome letter (mentee) · "), footer
    # pypdf reads a right-to-left run back in reading order: one drawn reversed would read backwards.
    assert footer.endswith("ليلى حداد") or unicodedata.normalize("NFKC", footer).endswith("ليلى حداد")


# -- the subject-access export uses the same fonts and the same escape ---------------------------------
def test_subject_access_pdf_escapes_markup_and_shapes_names(db, tmp_path):
    from mentordesk.services.protection import subject_access

    picture = tmp_path / "secret.png"
    from PIL import Image

    Image.new("RGB", (40, 40), "red").save(picture)
    hostile = f'Ann<img src="{picture}" width="40" height="40"/>'
    someone = Participant.create(first_name=hostile, last_name="حداد", email="ann@example.org")
    Guardian.create(participant=someone, name="Mum <mum@example.org>", relationship="Mother & carer")
    path = subject_access.export_pdf(someone.id, tmp_path / "export.pdf")
    text = pdf_text(path)
    assert images_in(path) == 0, "a name embedded a local file"
    assert "Mum <mum@example.org>" in text
    assert "Mother & carer" in text
    assert hostile.replace(" ", "") in text.replace(" ", "")
    assert joined_arabic(text)
    assert fonts_in(path) <= shared_fonts()


# -- hostile values in every document kind -------------------------------------------------------------
@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_hostile_names_print_as_written_in_every_document_kind(db, tmp_path, kind):
    programme = make_programme()
    mentor = person("Mentor", "Smith")
    mentee = person("Mentee", "Jones", minor=True, guardian="Guardian Jones")
    match = make_match(programme, [mentor], [mentee], ["A goal"], status="closed")

    @hsettings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(name=HOSTILE)
    def check(name: str) -> None:
        Participant.update(last_name=name).where(Participant.id == mentee.id).execute()
        Guardian.update(name=f"G {name}").where(Guardian.participant == mentee.id).execute()
        path = documents.generate(kind, match_id=match.id, out_dir=tmp_path)
        text = " ".join(pdf_text(path).split()).replace(" ", "")
        assert images_in(path) == 0
        if kind not in ("meeting_log", "goal_worksheet", "reflection_sheet"):  # these name nobody
            expected = f"Mentee{name}".replace(" ", "").replace("\x07", "")  # a bell prints as nothing
            assert expected in text, (name, text[:300])

    check()


@hsettings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=HOSTILE)
def test_hostile_values_in_the_subject_access_export_print_as_written(db, tmp_path, name):
    from mentordesk.services.protection import subject_access

    someone = Participant.create(first_name=name, last_name="Lee", notes=f"Says {name}")
    Guardian.create(participant=someone, name=f"G {name}", relationship=name)
    path = subject_access.export_pdf(someone.id, tmp_path / f"{someone.id}.pdf")
    text = pdf_text(path).replace(" ", "")
    assert images_in(path) == 0
    assert f"G{name}".replace(" ", "").replace("\x07", "") in text
