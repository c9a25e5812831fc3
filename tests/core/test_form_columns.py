"""Guessing the columns of an online form's export: guardians, role questions, help direction."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from mentordesk.core.participants.csv_columns import GUARDIAN_FIELDS, guess_mapping

GOOGLE_FORM = [
    "Timestamp",
    "Email address",
    "First name",
    "Last name",
    "Are you applying as a mentor or a mentee?",
    "Date of birth",
    "Parent/carer name",
    "Parent/carer phone",
    "Parent/carer email",
    "What would you like help with?",
    "What can you help with?",
    "When are you free?",
]
MS_FORM = [
    "Id",
    "Start time",
    "Completion time",
    "Email",
    "Name",
    "Which role are you applying for? (mentor / mentee)",
    "Mum, dad or carer's mobile number",
    "Relationship to the young person",
    "Skills you can offer",
    "What would you like to learn?",
]


def fields(header):
    return {g.header: g.field for g in guess_mapping(header)}


def test_a_google_form_export_maps_safely():
    got = fields(GOOGLE_FORM)
    assert got["Timestamp"] == ""
    assert got["Email address"] == "email"
    assert got["Are you applying as a mentor or a mentee?"] == "role"
    assert got["Parent/carer name"] == "guardian_name"
    assert got["Parent/carer phone"] == "guardian_phone"  # never the pupil's own phone
    assert got["Parent/carer email"] == "guardian_email"
    assert got["What would you like help with?"] == "seeks"  # not "Can help with"
    assert got["What can you help with?"] == "offers"


def test_a_microsoft_forms_export_maps_safely():
    got = fields(MS_FORM)
    assert got["Id"] == got["Start time"] == got["Completion time"] == ""
    assert got["Which role are you applying for? (mentor / mentee)"] == "role"
    assert got["Mum, dad or carer's mobile number"] == "guardian_phone"
    assert got["Skills you can offer"] == "offers"
    assert got["What would you like to learn?"] == "seeks"


def test_a_second_parent_phone_stays_unmapped_rather_than_fill_the_pupils_phone():
    got = fields(["Name", "Phone", "Parent phone", "Second parent phone"])
    assert got["Phone"] == "phone"
    assert got["Parent phone"] == "guardian_phone"
    assert got["Second parent phone"] == ""


GUARDIAN_NAMES = ["Parent", "Parent/carer", "Guardian", "Carer", "Mum", "Dad", "Mother", "Father", "Parental"]
DETAILS = ["", "name", "phone", "mobile", "e-mail", "email address", "first name", "surname", "date of birth",
           "address", "contact number", "consent", "relationship", "organisation", "notes"]  # fmt: skip
OTHER_HEADERS = ["First name", "Last name", "Name", "Email", "Phone", "Date of birth", "Role", "Year group",
                 "School", "Notes", "Skills", "Interests", "Availability", "Languages", "Mobile"]  # fmt: skip


@st.composite
def guardian_header(draw) -> str:
    who = draw(st.sampled_from(GUARDIAN_NAMES))
    detail = draw(st.sampled_from(DETAILS))
    shape = draw(st.sampled_from(["{who} {detail}", "{detail} of {who}", "{who}'s {detail}", "{detail} ({who})",
                                  "{WHO} {DETAIL}", "{who} / guardian {detail}?"]))  # fmt: skip
    return shape.format(who=who, detail=detail, WHO=who.upper(), DETAIL=detail.upper()).strip()


@settings(max_examples=400, deadline=None)
@given(
    st.lists(guardian_header(), min_size=1, max_size=6),
    st.lists(st.sampled_from(OTHER_HEADERS), max_size=8, unique=True),
    st.randoms(use_true_random=False),
)
def test_a_guardian_named_column_is_never_mapped_to_the_participant(guardian, others, rng):
    header = guardian + others
    rng.shuffle(header)
    for guess in guess_mapping(header):
        if guess.header in guardian:
            assert guess.field in GUARDIAN_FIELDS or guess.field == "", (guess.header, guess.field)


def test_tick_box_availability_becomes_slots():
    from mentordesk.core.participants.profile_text import parse_slots

    assert [str(s) for s in parse_slots("Monday, Thursday")] == ["Mon 00:00-24:00", "Thu 00:00-24:00"]
    assert [str(s) for s in parse_slots("Tuesdays after school; Friday evening")] == [
        "Tue 15:00-18:00",
        "Fri 17:00-21:00",
    ]
    assert [str(s) for s in parse_slots("Wed 16:00-17:30")] == ["Wed 16:00-17:30"]


def test_tick_box_tags_split_on_commas_and_semicolons():
    from mentordesk.core.participants.profile_text import parse_tags

    assert [t.name for t in parse_tags("Football; Coding, Chess", "interest", "mentee")] == [
        "Football",
        "Coding",
        "Chess",
    ]


def test_a_day_with_an_unknown_part_says_what_to_write():
    import pytest

    from mentordesk.core.participants.profile_text import parse_slots
    from mentordesk.core.participants.validation import Invalid

    with pytest.raises(Invalid, match="part of the day"):
        parse_slots("Monday sometimes")


# -- "After-school clubs" is what a person likes doing, never their school ---------------------------

QUALIFIERS = ["After", "Before", "Out of", "Outside", "Pre", "Extra", "Non"]
JOINS = ["-", " "]
ACTIVITIES = ["clubs", "club", "activities", "activity", "sports", "care", "trips", "hours", "societies"]
PARTICIPANT_FIELDS_NOT_WANTED = {"organisation", "department", "full_name", "first_name", "last_name",
                                 "email", "phone", "role", "status"}  # fmt: skip


@st.composite
def compound_header(draw) -> str:
    qualifier = draw(st.sampled_from(QUALIFIERS))
    join = draw(st.sampled_from(JOINS))
    noun = draw(st.sampled_from(["school", "work", "company"]))
    what = draw(st.sampled_from(ACTIVITIES))
    shape = draw(st.sampled_from(["{q}{j}{n} {w}", "{Q}{j}{N} {W}", "Which {q}{j}{n} {w} do you go to?",
                                  "{q}{j}{n} {w} (tick all that apply)", "{w} {q}{j}{n}"]))  # fmt: skip
    return shape.format(
        q=qualifier.lower(), j=join, n=noun, w=what, Q=qualifier.upper(), N=noun.upper(), W=what.upper()
    )


@settings(max_examples=400, deadline=None)
@given(
    compound_header(),
    st.lists(st.sampled_from(OTHER_HEADERS), max_size=8, unique=True),
    st.randoms(use_true_random=False),
)
def test_a_compound_like_after_school_clubs_never_names_the_organisation(compound, others, rng):
    header = [compound, *others]
    rng.shuffle(header)
    got = fields(header)
    assert got[compound] in ("interests", "notes", ""), (compound, got[compound])
    assert got[compound] not in PARTICIPANT_FIELDS_NOT_WANTED
    if "School" in others:
        assert got["School"] == "organisation"  # the real school column keeps its field
    if "Interests" in others:
        assert got["Interests"] == "interests"  # and the real interests column keeps its own


def test_after_school_clubs_become_interests_and_school_stays_the_school():
    assert fields(["Name", "After-school clubs", "School"]) == {
        "Name": "full_name",
        "After-school clubs": "interests",
        "School": "organisation",
    }
    assert fields(["Name of school", "Which clubs do you run?"]) == {
        "Name of school": "organisation",
        "Which clubs do you run?": "interests",
    }
    assert fields(["Out of school hours"])["Out of school hours"] == ""
    # a file with tags of its own (our roster export) keeps the column for its custom field
    assert fields(["Name", "Tags", "After-school clubs"])["After-school clubs"] == ""


def test_a_school_year_column_is_the_year_group_not_the_school():
    """Found at review: "School year" mapped to Organisation, the longest synonym winning."""
    assert fields(["Name", "School", "School year"]) == {
        "Name": "full_name",
        "School": "organisation",
        "School year": "department",
    }
    assert fields(["Name", "Year at school"])["Year at school"] == "department"
    assert fields(["Name", "Name of school", "Class at school"])["Name of school"] == "organisation"
    assert fields(["Name", "Which school do you go to?"])["Which school do you go to?"] == "organisation"
