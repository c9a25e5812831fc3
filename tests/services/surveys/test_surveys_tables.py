"""An online form's CSV/XLSX export imported with a column mapping; bad rows named, nothing imported."""

from __future__ import annotations

import csv

import pytest

from mentordesk.core.csv_files import write_xlsx
from mentordesk.services import surveys
from mentordesk.store.models import SurveyResponse
from tests.surveys_fixtures import TODAY, make_scheme

HEADER = [
    "Timestamp",
    "Email address",
    "How well are you getting on with your mentor?",
    "Do you feel your mentor listens to you?",
    "Do you want to carry on meeting your mentor?",
    "Is there anything you would like us to know?",
]


@pytest.fixture
def scheme(db):
    scheme = make_scheme()
    surveys.seed_builtins(scheme.programme.id)
    return scheme


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def test_mapping_is_guessed_from_form_headers(scheme, tmp_path):
    fit = surveys.find_template(scheme.programme.id, "fit_check_mentee")
    preview = surveys.preview(write(tmp_path / "f.csv", []), fit.id)
    assert preview.mapping == {
        "Timestamp": "answered_on",
        "Email address": "email",
        HEADER[2]: "fit",
        HEADER[3]: "listened",
        HEADER[4]: "continue",
        HEADER[5]: "comments",
    }


def test_good_file_imports_and_mapping_is_remembered(scheme, tmp_path):
    fit = surveys.find_template(scheme.programme.id, "fit_check_mentee")
    path = write(
        tmp_path / "f.csv",
        [
            ["20/11/2026 14:02:11", "mentee0@example.org", "4", "5", "Yes", "Fine"],
            ["21/11/2026 09:00:00", "MENTEE1@example.org", "2", "", "No", ""],
        ],
    )
    mapping = surveys.preview(path, fit.id).mapping
    mapping["Custom column"] = ""  # unmapped columns are left out
    result = surveys.import_table(path, fit.id, {k: v for k, v in mapping.items() if v})
    assert result.ok and result.saved == 2
    rows = {r.participant_id: r for r in surveys.list_responses(scheme.programme.id)}
    second = rows[scheme.mentees[1].id]
    assert second.answers == {"fit": 2, "continue": False}
    assert (second.answered_on.isoformat(), second.match_id, second.source) == (
        "2026-11-21",
        scheme.matches[1].id,
        "csv",
    )
    # a column no guess would map, mapped by hand once, is mapped so next time
    odd = tmp_path / "odd.csv"
    odd.write_text("Who,Q1,Q3\nmentee2@example.org,3,yes\n", encoding="utf-8")
    assert surveys.guess_mapping(fit, ("Who", "Q1", "Q3")) == {}
    hand = {"Who": "email", "Q1": "fit", "Q3": "continue"}
    assert surveys.import_table(odd, fit.id, hand, answered_on=TODAY, dry_run=True).ok
    assert surveys.guess_mapping(fit, ("Who", "Q1", "Q3")) == {}  # a dry run remembers nothing
    assert surveys.import_table(odd, fit.id, hand, answered_on=TODAY).saved == 1
    assert surveys.guess_mapping(fit, ("Who", "Q1", "Q3")) == hand


def test_bad_rows_are_named_and_nothing_is_imported(scheme, tmp_path):
    fit = surveys.find_template(scheme.programme.id, "fit_check_mentee")
    path = write(
        tmp_path / "bad.csv",
        [
            ["20/11/2026", "mentee0@example.org", "4", "", "Yes", ""],
            ["20/11/2026", "nobody@example.org", "4", "", "Yes", ""],
            ["20/11/2026", "mentee1@example.org", "6", "", "Yes", ""],
            ["20/11/2026", "mentee0@example.org", "5", "", "Yes", ""],
            ["31/02/2026", "mentee2@example.org", "5", "", "Yes", ""],
        ],
    )
    mapping = surveys.preview(path, fit.id).mapping
    result = surveys.import_table(path, fit.id, mapping)
    assert result.problems == [
        "row 3: 'nobody@example.org' is not anyone enrolled in this programme.",
        "row 6: answer date '31/02/2026' is not a date: that day does not exist in that month.",
    ]
    fixed = write(
        tmp_path / "bad2.csv",
        [
            ["20/11/2026", "mentee0@example.org", "4", "", "Yes", ""],
            ["20/11/2026", "mentee1@example.org", "6", "", "Yes", ""],
            ["20/11/2026", "mentee0@example.org", "5", "", "Yes", ""],
        ],
    )
    result = surveys.import_table(fixed, fit.id, mapping)
    assert result.problems == [
        "row 3: Question “How well are you getting on with your mentor?”: '6' is not a whole number from 1 to 5.",
        f"row 4: a second response from {scheme.mentees[0].display_name} to 'First-month fit check (mentee)' "
        "on 2026-11-20 (the first is row 2).",
    ]
    assert SurveyResponse.select().count() == 0
    # and a response already in the database
    surveys.record_response(
        fit.id,
        scheme.mentees[0].id,
        TODAY.replace(day=20),
        {"fit": 3, "continue": True},
        scheme.matches[0].id,
    )
    once = write(tmp_path / "once.csv", [["20/11/2026", "mentee0@example.org", "4", "", "Yes", ""]])
    [problem] = surveys.import_table(once, fit.id, mapping).problems
    assert problem.startswith("row 2: ") and "imported before" in problem
    assert SurveyResponse.select().count() == 1


def test_xlsx_export_with_names(scheme, tmp_path):
    fit = surveys.find_template(scheme.programme.id, "fit_check_mentee")
    path = tmp_path / "form.xlsx"
    write_xlsx(path, ["Name", "Fit", "Continue"], [[scheme.mentees[2].full_name, "5", "yes"]])
    result = surveys.import_table(
        path, fit.id, {"Name": "person", "Fit": "fit", "Continue": "continue"}, answered_on=TODAY
    )
    assert result.ok and result.saved == 1
    with pytest.raises(surveys.SurveyError, match="Map a column to the person's name or e-mail address"):
        surveys.import_table(path, fit.id, {"Fit": "fit"})
