"""Re-import merges: every change shown (old -> new), lossy copies never replace, name+DOB conflicts settled."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.core.participants import Severity, lossy_copy
from mentordesk.services.participants.csv_import import (
    ImportOptions,
    RosterImportError,
    import_roster,
    preview,
)
from mentordesk.store.models import Enrolment, Participant
from tests.roster_fixtures import HEADER, counts, dump, roster_file, write


@pytest.fixture
def lukasz(programme):
    person = Participant.create(
        first_name="Łukasz",
        last_name="Wójcik",
        email="lukasz@example.org",
        phone="07700 900112",
        date_of_birth=date(1990, 12, 25),
        organisation="McAllister & Sons",
    )
    Enrolment.create(participant=person, programme=programme, role="mentor")
    return person


def cp1252_roster(tmp_path):
    """The roster as a Windows-1252 export writes it: Ł has no code there and becomes L; ó survives."""
    text = (
        "First name,Last name,E-mail,Phone,Date of birth,Role,Organisation\r\n"
        "Lukasz,Wójcik,lukasz@example.org,07700 900999,25/12/1990,mentor,MCALLISTER & SONS\r\n"
    )
    return write(tmp_path / "cp1252.csv", text, encoding="cp1252")


def test_lossy_copies_are_recognised():
    assert lossy_copy("Łukasz", "Lukasz") == "accents lost"
    assert lossy_copy("Zoë", "Zoe") == "accents lost"
    assert lossy_copy("McAllister", "MCALLISTER") == "capitals lost"
    assert lossy_copy("Zoë", "ZOE") == "accents and capitals lost"
    assert lossy_copy("Łukasz", "?ukasz") == "letters replaced by '?'"
    assert lossy_copy("Lukasz", "Łukasz") == ""  # the better spelling may replace the plain one
    assert lossy_copy("Anna", "Hanna") == ""


def test_preview_shows_each_change_and_keeps_lossy_copies(lukasz, tmp_path):
    path = cp1252_roster(tmp_path)
    result = preview(path, lukasz_programme(lukasz))
    changes = {p.column: p.message for p in result.problems if p.severity is Severity.CHANGE}
    assert changes == {
        "First name": "First name: keeps 'Łukasz' (the file has 'Lukasz', accents lost)",
        "Phone": "Phone: '07700 900112' -> '07700 900999'",
        "Organisation": "Organisation: keeps 'McAllister & Sons' (the file has 'MCALLISTER & SONS', capitals lost)",
    }
    assert (result.people_changed, result.kept_lossy) == (1, 2)


def lukasz_programme(person) -> int:
    return Enrolment.get(Enrolment.participant == person).programme_id


def test_merge_keeps_the_accented_name_unless_asked(lukasz, tmp_path):
    path = cp1252_roster(tmp_path)
    summary = import_roster(path, lukasz_programme(lukasz), backup=False)
    person = Participant.get_by_id(lukasz.id)
    assert (person.first_name, person.phone, person.organisation) == (
        "Łukasz",
        "07700 900999",
        "McAllister & Sons",
    )
    assert summary.updated == 1 and len(summary.changes) == 3
    import_roster(path, lukasz_programme(lukasz), ImportOptions(replace_lossy=True), backup=False)
    assert Participant.get_by_id(lukasz.id).first_name == "Lukasz"


def test_same_name_and_birth_date_with_another_email_is_a_conflict_not_a_merge(lukasz, tmp_path):
    programme_id = lukasz_programme(lukasz)
    path = roster_file(
        tmp_path,
        ["Łukasz,Wójcik,l.wojcik@another.example,07700 900555,25/12/1990,mentor,,,,"],
    )
    result = preview(path, programme_id)
    assert result.conflicts == 1
    assert not [p for p in result.problems if p.severity is Severity.CHANGE]  # no merge is proposed
    before, before_counts = dump(), counts()
    with pytest.raises(RosterImportError, match="share.*a name and date of birth") as info:
        import_roster(path, programme_id, backup=False)
    assert [p.row for p in info.value.problems] == [2]
    assert (dump(), counts()) == (before, before_counts)  # nothing written, the e-mail never replaced
    summary = import_roster(path, programme_id, ImportOptions(on_conflict="new"), backup=False)
    assert summary.added == 1
    assert Participant.get_by_id(lukasz.id).email == "lukasz@example.org"
    emails = {p.email for p in Participant.select().where(Participant.first_name == "Łukasz")}
    assert emails == {"lukasz@example.org", "l.wojcik@another.example"}


def test_two_rows_sharing_name_and_birth_date_in_one_file_are_settled_too(programme, tmp_path):
    path = roster_file(
        tmp_path,
        [
            "Sam,Patel,sam.a@example.org,,01/02/2010,mentee,,,,",
            "Sam,Patel,sam.b@example.org,,01/02/2010,mentee,,,,",
        ],
    )
    assert preview(path, programme.id).conflicts == 1
    with pytest.raises(RosterImportError):
        import_roster(path, programme.id, backup=False)
    assert import_roster(path, programme.id, ImportOptions(on_conflict="skip"), backup=False).added == 1
    assert Participant.select().count() == 1


def test_import_reports_blank_rows_formula_names_and_what_matched_becomes(programme, tmp_path):
    path = write(
        tmp_path / "odd.csv",
        HEADER + ",Status\n"
        "Ann,Lee,ann@example.org,,,mentor,,,,,matched\n"
        "\n"
        '"=HYPERLINK(""http://x"")",Lee,eve@example.org,,,mentee,,,,,\n',
    )
    result = preview(path, programme.id)
    messages = {(p.row, p.message) for p in result.problems}
    assert (
        3,
        "the row is blank: it was left out (delete it, or fill it in if someone is missing)",
    ) in messages
    assert any(row == 4 and "looks like a spreadsheet formula" in m for row, m in messages)
    matched = next(m for row, m in messages if row == 2 and "Pairing" in m)
    assert "imported as 'screening'" in matched and "'ready'" not in matched
    assert (result.rows, result.blank_rows, result.valid) == (2, 1, 2)


def test_iso_dates_do_not_claim_the_order_was_unsettled(programme, tmp_path):
    path = write(
        tmp_path / "iso.csv", "Name,Role,DOB\nAnn Lee,mentor,1980-03-04\nBo Chen,mentee,2011-11-12\n"
    )
    note = preview(path, programme.id).date_note
    assert "no date in the file settles the order" not in note
    assert "year first" in note


def test_a_row_repeated_in_the_file_is_not_compared_with_someone_else(programme, tmp_path):
    """Row numbers and participant ids are different things: row 4 repeats row 2, not participant #2."""
    for first, email in (("Ann", "ann@example.org"), ("Bo", "bo@example.org")):
        Enrolment.create(
            participant=Participant.create(first_name=first, last_name="Lee", email=email),
            programme=programme,
            role="mentee",
        )
    path = roster_file(
        tmp_path,
        [
            "Cy,Day,cy@example.org,,,mentee,,,,",
            "Bo,Lee,bo@example.org,07700 900123,,mentee,,,,",
            "Cy,Day,cy@example.org,,,mentee,,,,",
        ],
    )
    assert Participant.get(Participant.first_name == "Bo").id == 2
    changes = [
        (p.row, p.message) for p in preview(path, programme.id).problems if p.severity is Severity.CHANGE
    ]
    assert changes == [(3, "Phone: '' -> '07700 900123'")]
