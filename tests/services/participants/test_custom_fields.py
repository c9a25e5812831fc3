"""Custom fields: definitions per programme and role, answers checked by kind, all-or-nothing saves."""

from __future__ import annotations

import pytest

from mentordesk.core.participants import FieldDraft
from mentordesk.services.participants import (
    CustomFieldError,
    define_field,
    delete_field,
    list_fields,
    read_answers,
    save_answers,
    update_field,
)
from mentordesk.store.models import CustomValue, Enrolment, Participant

pytestmark = pytest.mark.both_backends


def person(programme, role="mentee", name="Zoë") -> int:
    p = Participant.create(first_name=name, last_name="Ó'Brien")
    Enrolment.create(participant=p, programme=programme, role=role)
    return p.id


def fields(programme) -> dict[str, int]:
    return {
        "subject": define_field(programme.id, FieldDraft("Favourite subject", "text", required=True)),
        "club": define_field(programme.id, FieldDraft("Club", "choice", ["Chess", "Coding", "Football"])),
        "days": define_field(programme.id, FieldDraft("Days", "multiple", ["Mon", "Tue", "Wed"], "mentee")),
        "car": define_field(programme.id, FieldDraft("Has a car", "yes_no", role="mentor")),
        "since": define_field(programme.id, FieldDraft("At school since", "date")),
    }


def test_fields_per_role_in_order(programme):
    ids = fields(programme)
    assert [f.label for f in list_fields(programme.id)] == [
        "Favourite subject",
        "Club",
        "Days",
        "Has a car",
        "At school since",
    ]
    assert "Has a car" not in [f.label for f in list_fields(programme.id, "mentee")]
    assert "Days" not in [f.label for f in list_fields(programme.id, "mentor")]
    update_field(ids["club"], FieldDraft("After-school club", "choice", ["Chess", "Coding"]))
    assert list_fields(programme.id)[1].label == "After-school club"


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (FieldDraft("  "), "needs a label"),
        (FieldDraft("Club", "choice", ["Only one"]), "Club: a choice field needs at least two choices"),
        (FieldDraft("Club", "colour"), "Club: the kind is one of"),
        (FieldDraft("Favourite subject"), "already has a field with that label"),
    ],
)
def test_bad_definitions_are_refused_with_the_field_named(programme, draft, message):
    define_field(programme.id, FieldDraft("Favourite subject"))
    with pytest.raises(CustomFieldError, match=message):
        define_field(programme.id, draft)
    assert len(list_fields(programme.id)) == 1


def test_answers_are_saved_read_and_shown(programme):
    ids = fields(programme)
    pid = person(programme)
    save_answers(
        pid,
        programme.id,
        {
            "Favourite subject": "Μαθηματικά",
            ids["club"]: "coding",
            "Days": "Tue, Mon",
            "At school since": "03/09/2021",
        },
    )
    shown = {a.field.label: a.text for a in read_answers(pid, programme.id)}
    assert shown == {
        "Favourite subject": "Μαθηματικά",
        "Club": "Coding",
        "Days": "Mon; Tue",
        "At school since": "2021-09-03",
    }


def test_one_bad_answer_saves_none_and_names_each_field(programme):
    fields(programme)
    pid = person(programme)
    save_answers(pid, programme.id, {"Favourite subject": "Art"})
    with pytest.raises(CustomFieldError) as caught:
        save_answers(
            pid, programme.id, {"Favourite subject": "", "Club": "Rugby", "At school since": "31/31/2020"}
        )
    problems = caught.value.problems
    assert any(p.startswith("Favourite subject: this field is required") for p in problems)
    assert any(p.startswith("Club: 'Rugby' is not one of the choices") for p in problems)
    assert any(p.startswith("At school since:") for p in problems)
    assert {a.field.label: a.text for a in read_answers(pid, programme.id)}["Favourite subject"] == "Art"


def test_yes_no_for_mentors_and_deleting_a_field_takes_its_answers(programme):
    ids = fields(programme)
    pid = person(programme, "mentor", "Алексей")
    save_answers(pid, programme.id, {"Favourite subject": "Physics", "Has a car": "ja"})
    assert {a.field.label: a.text for a in read_answers(pid, programme.id)}["Has a car"] == "Yes"
    with pytest.raises(CustomFieldError, match="Has a car: 'maybe' is not yes or no"):
        save_answers(pid, programme.id, {"Favourite subject": "Physics", "Has a car": "maybe"})
    assert delete_field(ids["car"]) == 1
    assert CustomValue.select().count() == 1


def test_export_has_a_column_per_field_and_imports_back(programme, tmp_path):
    from mentordesk.services.participants import (
        ImportOptions,
        export_participants,
        import_roster,
        read_answers,
    )
    from mentordesk.store.models import Programme

    ids = fields(programme)
    pid = person(programme)
    save_answers(pid, programme.id, {"Favourite subject": "日本語", "Club": "Chess", "Days": "Mon; Wed"})
    path = tmp_path / "roster.csv"
    export_participants(path, programme.id)
    header = path.read_text("utf-8-sig").splitlines()[0].split(",")
    assert header[-5:] == ["Favourite subject", "Club", "Days", "Has a car", "At school since"]
    other = Programme.create(name="Другая программа")
    define_field(other.id, FieldDraft("Days", "multiple", ["Mon", "Tue", "Wed"]))
    import_roster(
        path,
        other.id,
        ImportOptions(
            mapping={
                "First name": "first_name",
                "Last name": "last_name",
                "Role": "role",
                "Favourite subject": "custom:Favourite subject",
                "Days": "custom:Days",
            }
        ),
    )
    new = Participant.select().order_by(Participant.id.desc()).first()
    shown = {a.field.label: a.text for a in read_answers(new.id, other.id)}
    assert shown == {"Days": "Mon; Wed", "Favourite subject": "日本語"}  # a new text field was made for it
    assert ids  # the first programme's fields are untouched


def test_a_bad_custom_cell_refuses_the_import_and_makes_no_field(programme, tmp_path):
    from mentordesk.services.participants import ImportOptions, RosterImportError, import_roster

    define_field(programme.id, FieldDraft("Club", "choice", ["Chess", "Coding"]))
    path = tmp_path / "in.csv"
    path.write_text("Name,Role,Club,Shoe size\nAna Silva,mentee,Rugby,38\n", "utf-8")
    mapping = {"Name": "full_name", "Role": "role", "Club": "custom:Club", "Shoe size": "custom:Shoe size"}
    with pytest.raises(RosterImportError) as caught:
        import_roster(path, programme.id, ImportOptions(mapping=mapping))
    assert any("Club: 'Rugby' is not one of the choices" in p.message for p in caught.value.problems)
    assert [f.label for f in list_fields(programme.id)] == ["Club"]
    assert Participant.select().count() == 0


def test_a_label_in_another_script_twice_is_refused_not_a_crash(programme):
    define_field(programme.id, FieldDraft("Любимый предмет"))
    with pytest.raises(CustomFieldError, match="already has a field with that label"):
        define_field(programme.id, FieldDraft("ЛЮБИМЫЙ ПРЕДМЕТ"))
    with pytest.raises(CustomFieldError, match="already has a field with that label"):
        define_field(programme.id, FieldDraft("Любимый предмет"))
    assert len(list_fields(programme.id)) == 1
