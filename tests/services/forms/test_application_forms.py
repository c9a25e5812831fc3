"""Application forms: printed blank and fillable, filled as a PDF reader would, imported back."""

from __future__ import annotations

import os
import stat

import pytest
from pypdf import PdfReader

from mentordesk.core.participants import FieldDraft
from mentordesk.services.forms import FormError, print_form
from mentordesk.services.participants import (
    ImportOptions,
    RosterImportError,
    define_field,
    import_roster,
    preview,
    read_answers,
)
from mentordesk.store.models import ConsentRecord, Enrolment, Guardian, Participant, Programme
from tests.forms_fixtures import PEOPLE, fill, mentee_values

pytestmark = pytest.mark.both_backends


@pytest.fixture
def form(programme, tmp_path):
    define_field(
        programme.id,
        FieldDraft("Favourite subject", "choice", ["Maths", "Χημεία", "Art"], "mentee", required=True),
    )
    define_field(programme.id, FieldDraft("Clubs", "multiple", ["Chess", "Coding", "Football"]))
    define_field(programme.id, FieldDraft("Has a laptop", "yes_no", role="mentee"))
    define_field(programme.id, FieldDraft("Car", "yes_no", role="mentor"))
    return print_form(programme.id, "mentee", tmp_path / "blank.pdf", fillable=True)


def text_of(path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_paper_form_has_the_questions_consent_and_signature(programme, tmp_path):
    define_field(
        programme.id, FieldDraft("Favourite subject", "text", role="mentee", help_text="any subject")
    )
    path = print_form(programme.id, "mentee", tmp_path / "paper.pdf")
    text = text_of(path)
    for words in (
        "First name *",
        "Favourite subject",
        "any subject",
        "Parent or carer",
        "give permission",
        "Signature of the applicant",
        "Signature of the parent or carer",
    ):
        assert words in text
    assert not PdfReader(path).get_fields()  # paper: nothing to fill in
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    mentor = text_of(print_form(programme.id, "mentor", tmp_path / "mentor.pdf"))
    assert "What can you help with?" in mentor and "Parent or carer" not in mentor
    assert "Favourite subject" not in mentor


def test_print_refuses_an_unknown_role_or_programme(programme, tmp_path):
    with pytest.raises(FormError, match="mentors or mentees"):
        print_form(programme.id, "peer", tmp_path / "x.pdf")
    with pytest.raises(FormError, match="No programme with id 999"):
        print_form(999, "mentee", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_fillable_form_carries_its_identity_and_widgets(programme, form):
    fields = PdfReader(form).get_fields()
    assert fields["md_form"]["/V"] == "mentordesk-application"
    assert fields["md_programme_id"]["/V"] == str(programme.id)
    assert fields["md_role"]["/V"] == "mentee"
    assert fields["first_name"]["/FT"] == "/Tx"
    assert fields["consent"]["/FT"] == "/Btn"
    radio = next(f for name, f in fields.items() if f.get("/_States_") and "/c2" in f["/_States_"])
    assert radio["/FT"] == "/Btn"
    assert "Car" not in form.read_bytes().decode("latin-1")  # a mentor-only field is not asked


def test_round_trip_of_six_scripts(programme, form, tmp_path):
    folder = tmp_path / "returned"
    folder.mkdir()
    for i, (first, last, email) in enumerate(PEOPLE):
        fill(
            form,
            folder / f"form{i}.pdf",
            mentee_values(
                first, last, email, custom_1="/c1", custom_2_c0="/Yes", custom_2_c2="/Yes", custom_3="/c0"
            ),
        )
    result = preview(folder, programme.id)
    assert result.rows == 6 and result.valid == 6, [str(p) for p in result.problems]
    assert "6 returned PDF forms" in result.sniffed.summary
    summary = import_roster(folder, programme.id)
    assert summary.added == 6
    for first, last, email in PEOPLE:
        person = Participant.get(Participant.email == email)
        assert (person.first_name, person.last_name) == (first, last)
        assert str(person.date_of_birth) == "2012-04-03"
        assert Enrolment.get(Enrolment.participant == person).role == "mentee"
        assert Guardian.get(Guardian.participant == person).name == f"{first} parent"
        assert ConsentRecord.get(ConsentRecord.participant == person).given
        answers = {a.field.label: a.text for a in read_answers(person.id, programme.id)}
        assert answers == {"Favourite subject": "Χημεία", "Clubs": "Chess; Football", "Has a laptop": "Yes"}


def test_a_pdf_that_is_not_our_form_is_refused(programme, form, tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    other = tmp_path / "letter.pdf"
    canvas = Canvas(str(other))
    canvas.drawString(100, 700, "Dear coordinator")
    canvas.save()
    with pytest.raises(RosterImportError, match="letter.pdf is not a MentorDesk application form"):
        import_roster(other, programme.id)
    folder = tmp_path / "mixed"
    folder.mkdir()
    other.rename(folder / "letter.pdf")
    fill(form, folder / "ok.pdf", mentee_values(*PEOPLE[0], custom_1="/c0"))
    with pytest.raises(RosterImportError) as caught:
        import_roster(folder, programme.id)
    assert any("letter.pdf is not a MentorDesk application form" in str(p) for p in caught.value.problems)
    assert Participant.select().count() == 0
    (folder / "junk.pdf").write_bytes(b"%PDF-1.4 truncated")
    with pytest.raises(RosterImportError) as caught:
        import_roster(folder / "junk.pdf", programme.id)
    assert "junk.pdf cannot be read as a PDF" in str(caught.value)


def test_required_fields_left_empty_refuse_the_import(programme, form, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    fill(form, folder / "a.pdf", mentee_values(*PEOPLE[0], custom_1="/c0"))
    fill(form, folder / "b.pdf", mentee_values(*PEOPLE[1]))  # the required custom choice left empty
    fill(form, folder / "c.pdf", mentee_values("", "", "x@example.org", custom_1="/c0"))
    with pytest.raises(RosterImportError) as caught:
        import_roster(folder, programme.id)
    messages = [str(p) for p in caught.value.problems]
    assert any("(form b.pdf)" in m and "Favourite subject: this field is required" in m for m in messages)
    assert any("(form c.pdf)" in m and "no name" in m for m in messages)
    assert Participant.select().count() == 0
    summary = import_roster(folder, programme.id, ImportOptions(skip_invalid=True))
    assert summary.added == 1 and summary.skipped_invalid == 2


def test_the_same_form_returned_twice_makes_one_person(programme, form, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    filled = fill(form, folder / "a.pdf", mentee_values(*PEOPLE[2], custom_1="/c0"))
    (folder / "a (copy).pdf").write_bytes(filled.read_bytes())
    summary = import_roster(folder, programme.id)
    assert (summary.added, summary.merged_in_file) == (1, 1)
    again = import_roster(folder / "a.pdf", programme.id)
    assert (again.added, again.updated) == (0, 1)
    assert Participant.select().count() == 1
    assert Guardian.select().count() == 1


def test_a_form_from_another_programme_is_mapped_by_question(programme, form, tmp_path):
    other = Programme.create(name="Школа 2027")
    define_field(other.id, FieldDraft("Favourite subject", "choice", ["Art", "Χημεία"], "mentee"))
    filled = fill(form, tmp_path / "a.pdf", mentee_values(*PEOPLE[3], custom_1="/c1", custom_2_c1="/Yes"))
    result = preview(filled, other.id)
    assert (
        "printed for another programme" in result.sniffed.summary
        and "Test programme" in result.sniffed.summary
    )
    import_roster(filled, other.id)
    person = Participant.get(Participant.email == PEOPLE[3][2])
    answers = {a.field.label: a.text for a in read_answers(person.id, other.id)}
    assert answers == {"Favourite subject": "Χημεία", "Clubs": "Coding"}  # "Clubs" made as a text field


def test_reading_a_folder_reports_progress_and_can_be_cancelled(programme, form, tmp_path):
    from mentordesk.core.progress import Cancelled, Progress

    folder = tmp_path / "in"
    folder.mkdir()
    for i, person in enumerate(PEOPLE[:3]):
        fill(form, folder / f"{i}.pdf", mentee_values(*person, custom_1="/c0"))
    seen: list[tuple[int, int]] = []
    preview(folder, programme.id, progress=Progress(lambda done, total, _text: seen.append((done, total))))
    assert (0, 3) in seen and (2, 3) in seen
    with pytest.raises(Cancelled):
        import_roster(folder, programme.id, progress=Progress(is_cancelled=lambda: True))
    assert Participant.select().count() == 0
