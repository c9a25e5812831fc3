"""Printed and fillable survey PDFs, and returned forms read back with pypdf."""

from __future__ import annotations

import shutil
import stat

import pytest
from pypdf import PdfReader, PdfWriter

from mentordesk.services import surveys
from mentordesk.store.models import SurveyResponse
from tests.surveys_fixtures import TODAY, make_scheme


@pytest.fixture
def scheme(db):
    scheme = make_scheme()
    surveys.seed_builtins(scheme.programme.id)
    return scheme


def fill(source, target, values):
    """What a person's PDF reader does: set the fields' values and save a copy."""
    writer = PdfWriter(clone_from=PdfReader(source))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    with open(target, "wb") as out:
        writer.write(out)
    return target


def make_forms(scheme, key, tmp_path, people=None):
    template = surveys.find_template(scheme.programme.id, key)
    people = people or [(m.id, scheme.matches[i].id) for i, m in enumerate(scheme.mentees)]
    return template, surveys.print_surveys(template.id, people, tmp_path / "out", fillable=True, due_on=TODAY)


def test_fillable_round_trip(scheme, tmp_path):
    template, files = make_forms(scheme, "pulse", tmp_path)
    assert len(files) == 3 and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o700
    fields = PdfReader(files[0]).get_fields()
    assert set(surveys.IDENTITY_FIELDS) <= set(fields)
    assert fields["q_overall"]["/_States_"] == [f"/v{v}" for v in range(1, 11)]
    returned = tmp_path / "returned"
    returned.mkdir()
    fill(
        files[0],
        returned / "a.pdf",
        {
            "q_overall": "/v8",
            "q_useful": "/v2",
            "q_topics__0": "/Yes",
            "q_topics__3": "/Yes",
            "q_continue": "/no",
            "q_comments": "Mehr Zeit bitte — 多谢",
        },
    )
    fill(files[1], returned / "b.pdf", {"q_overall": "/v10", "q_continue": "/yes"})
    dry = surveys.import_forms(returned, scheme.programme.id, answered_on=TODAY, dry_run=True)
    assert dry.ok and dry.saved == 2 and SurveyResponse.select().count() == 0
    result = surveys.import_forms(returned, scheme.programme.id, answered_on=TODAY)
    assert result.ok and result.saved == 2
    rows = {r.participant_id: r for r in surveys.list_responses(scheme.programme.id)}
    a = rows[scheme.mentees[0].id]
    assert a.answers == {
        "overall": 8,
        "useful": 2,
        "topics": ["Schoolwork", "Friendships"],
        "continue": False,
        "comments": "Mehr Zeit bitte — 多谢",
    }
    assert (a.match_id, a.source, a.answered_on, a.template_id) == (
        scheme.matches[0].id,
        "pdf",
        TODAY,
        template.id,
    )
    assert rows[scheme.mentees[1].id].answers == {"overall": 10, "continue": True}
    # the same files again: refused as already imported, nothing doubled
    again = surveys.import_forms(returned, scheme.programme.id, answered_on=TODAY)
    assert not again.ok and "a.pdf: " in again.problems[0] and "imported before" in again.problems[0]
    assert SurveyResponse.select().count() == 2


def test_refused_forms_name_file_and_field_and_import_nothing(scheme, tmp_path):
    _template, files = make_forms(scheme, "fit_check_mentee", tmp_path)
    other = make_scheme("Other school", pairs=1)
    surveys.seed_builtins(other.programme.id)
    _t, [foreign] = make_forms(other, "fit_check_mentee", tmp_path / "other")
    folder = tmp_path / "returned"
    folder.mkdir()
    fill(files[0], folder / "1 good.pdf", {"q_fit": "/v4", "q_continue": "/yes"})
    fill(files[1], folder / "2 odd value.pdf", {"q_fit": "/v9", "q_continue": "/yes"})
    fill(foreign, folder / "3 other programme.pdf", {"q_fit": "/v4", "q_continue": "/yes"})
    (folder / "4 not a pdf.pdf").write_bytes(b"hello")
    shutil.copy(tmp_path / "out" / files[2].name, folder / "5 blank.pdf")
    result = surveys.import_forms(folder, scheme.programme.id, answered_on=TODAY)
    assert not result.ok and SurveyResponse.select().count() == 0
    problems = "\n".join(result.problems)
    assert (
        "2 odd value.pdf: field q_fit (“How well are you getting on with your mentor?”): the value 'v9'"
        in problems
    )
    assert "3 other programme.pdf: field md_programme says this form belongs to another programme" in problems
    assert "4 not a pdf.pdf: cannot be read as a PDF" in problems
    assert len(result.problems) == 3
    # the blank one passes reading but its required answers are missing
    fill(files[0], folder / "1 good.pdf", {"q_fit": "/v4", "q_continue": "/yes"})
    for name in ("2 odd value.pdf", "3 other programme.pdf", "4 not a pdf.pdf"):
        (folder / name).unlink()
    result = surveys.import_forms(folder, scheme.programme.id, answered_on=TODAY)
    assert result.problems == [
        "5 blank.pdf: Question “How well are you getting on with your mentor?”: an answer is required.",
        "5 blank.pdf: Question “Do you want to carry on meeting your mentor?”: an answer is required.",
    ]
    assert SurveyResponse.select().count() == 0


def test_form_made_for_someone_else_is_refused(scheme, tmp_path):
    _t, files = make_forms(scheme, "fit_check_mentee", tmp_path)
    person = scheme.mentees[0]
    person.first_name = "Renamed"
    person.save()
    filled = fill(files[0], tmp_path / "x.pdf", {"q_fit": "/v4", "q_continue": "/yes"})
    result = surveys.import_forms(filled, scheme.programme.id, answered_on=TODAY)
    assert result.problems == [
        "x.pdf: field md_participant/md_check does not fit anyone in this programme: the form was made for "
        "someone else or in another database (or the person's name changed since)."
    ]


def test_printed_survey_shows_every_script(scheme, tmp_path):
    people = [(p.id, None) for p in scheme.mentors + scheme.mentees]
    template = surveys.find_template(scheme.programme.id, "outcome_mentee")
    files = surveys.print_surveys(template.id, people, tmp_path, fillable=False)
    assert len(files) == 6
    for path, person in zip(files, scheme.mentors + scheme.mentees, strict=True):
        reader = PdfReader(path)
        assert not reader.get_fields()
        text = "".join(page.extract_text() for page in reader.pages)
        assert "I often miss lessons or arrive late." in text and "Strongly agree" in text
        if person.first_name.isascii() or person.first_name[0] in "ΖМ":
            assert person.first_name in text


def cancel_at(step: int, text: str = ""):
    """A Progress whose user presses Cancel once work reports ``step`` (and ``text``, when given)."""
    from mentordesk.core.progress import Progress

    pressed = []

    def report(done, total, what):
        if done == step and text in what:
            pressed.append(True)

    return Progress(report, lambda: bool(pressed))


def test_a_cancelled_batch_removes_what_it_wrote(scheme, tmp_path):
    from mentordesk.core.progress import Cancelled

    fit = surveys.find_template(scheme.programme.id, "fit_check_mentee")
    pulse = surveys.find_template(scheme.programme.id, "pulse")
    items = [
        surveys.PrintItem(fit.id, m.id, scheme.matches[i].id, TODAY) for i, m in enumerate(scheme.mentees)
    ]
    items.append(surveys.PrintItem(pulse.id, scheme.mentors[0].id, scheme.matches[0].id))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "kept.txt").write_text("not ours")
    with pytest.raises(Cancelled):
        surveys.print_batch(items, tmp_path / "out", fillable=False, progress=cancel_at(2))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["kept.txt"]
    files = surveys.print_batch(items, tmp_path / "out", fillable=False)
    assert len(files) == 4 and len({f.name for f in files}) == 4
    assert "Termly pulse" in PdfReader(files[3]).pages[0].extract_text()


@pytest.mark.both_backends
def test_an_import_cancelled_while_saving_rolls_back(db, backend, tmp_path):
    from mentordesk.core.progress import Cancelled

    scheme = make_scheme()
    surveys.seed_builtins(scheme.programme.id)
    _template, files = make_forms(scheme, "fit_check_mentee", tmp_path)
    returned = tmp_path / "returned"
    returned.mkdir()
    for n, form in enumerate(files):
        fill(form, returned / f"{n}.pdf", {"q_fit": "/v4", "q_continue": "/yes"})
    with pytest.raises(Cancelled):  # two of three rows written when Cancel comes: both rolled back
        surveys.import_forms(
            returned, scheme.programme.id, answered_on=TODAY, progress=cancel_at(2, "Saving")
        )
    assert SurveyResponse.select().count() == 0
    assert surveys.import_forms(returned, scheme.programme.id, answered_on=TODAY).saved == 3
