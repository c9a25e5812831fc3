"""What the paperwork says agrees with the match: one first-meeting date, the meetings held, the
cadence actually booked, and dates written the way the programme's country writes them."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest

from mentordesk.services import documents
from mentordesk.services.documents import context
from mentordesk.store.models import Meeting, MeetingSeries
from tests.documents_fixtures import (
    START,
    make_match,
    make_programme,
    pdf_pages,
    pdf_text,
    person,
    standard_match,
)


def test_agreement_and_welcome_letters_give_the_same_first_meeting_date(db, tmp_path):
    # The match records one date, and the first meeting was then booked four days later.
    match = standard_match(first_meeting_on=START + timedelta(days=3))
    booked = datetime.combine(START + timedelta(days=7), time(16, 0))
    Meeting.create(match=match, starts_at=booked, place="Room 12")
    agreement = pdf_text(documents.generate("agreement", match_id=match.id, out_dir=tmp_path))
    mentor = pdf_text(documents.generate("welcome_mentor", match_id=match.id, out_dir=tmp_path))
    mentee = pdf_text(documents.generate("welcome_mentee", match_id=match.id, out_dir=tmp_path))
    booked_day = context.long_date(booked.date())
    assert f"First meeting {booked_day}" in agreement
    for letter in (mentor, mentee):
        assert booked_day in letter and context.long_date(START + timedelta(days=3)) not in letter


def test_closure_letter_counts_the_meetings_held(db, tmp_path):
    match = make_match(
        make_programme(), [person("Ann", "Lee")], [person("Ravi", "Patel")], status="closed", meetings=3
    )
    for status in ("cancelled", "missed", "planned"):
        Meeting.create(match=match, starts_at=datetime(2026, 12, 1, 16), status=status)
    match.closed_on = date(2027, 1, 5)
    match.save()
    text = pdf_text(documents.generate("closure_letter", match_id=match.id, out_dir=tmp_path))
    assert "Meetings held together: 3" in text


def test_agreement_cadence_follows_the_booked_series(db, tmp_path):
    match = standard_match()  # the programme meets every two weeks
    MeetingSeries.create(match=match, rrule="FREQ=WEEKLY;BYDAY=MO", starts_at=datetime(2026, 9, 21, 16))
    text = pdf_text(documents.generate("agreement", match_id=match.id, out_dir=tmp_path))
    assert "How often every week" in text and "We will meet every week" in text
    assert "every two weeks" not in text
    letter = pdf_text(documents.generate("welcome_mentee", match_id=match.id, out_dir=tmp_path))
    assert "You will meet every week" in letter


def test_agreement_cadence_falls_back_to_the_programme(db, tmp_path):
    text = pdf_text(documents.generate("agreement", match_id=standard_match().id, out_dir=tmp_path))
    assert "How often every two weeks" in text and "We will meet every two weeks" in text


@pytest.fixture
def american_system(monkeypatch):
    """A laptop set up in US English: the system's dates are month first."""
    monkeypatch.delenv("MENTORDESK_LOCALE", raising=False)
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        monkeypatch.setenv(name, "en_US.UTF-8")
    context.document_locale.cache_clear()
    yield
    context.document_locale.cache_clear()


@pytest.mark.parametrize(
    ("timezone", "birthday"),
    [("Europe/London", "02/05/2011"), ("Europe/Berlin", "02/05/2011"), ("America/New_York", "5/2/11")],
)
def test_dates_follow_the_programme_not_the_system(db, tmp_path, american_system, timezone, birthday):
    programme = make_programme(timezone=timezone)
    match = make_match(programme, [person("Ann", "Lee")], [person("Ravi", "Patel", minor=True, guardian="G")])
    text = pdf_text(documents.generate("consent_form", match_id=match.id, out_dir=tmp_path))
    assert re.search(rf"Date of birth {re.escape(birthday)}\b", text), text[:600]


def test_guardian_consent_form_for_an_adult_is_refused_unless_asked(db, tmp_path):
    programme = make_programme()
    adult = person("Priya", "Patel")  # born 1985
    match = make_match(programme, [person("Ann", "Lee")], [adult])
    with pytest.raises(documents.AdultConsent, match="Priya Patel is 18 or over"):
        documents.generate("consent_form", match_id=match.id, out_dir=tmp_path)
    with pytest.raises(documents.AdultConsent):
        documents.generate(
            "consent_form", participant_id=adult.id, programme_id=programme.id, out_dir=tmp_path
        )
    assert not list(tmp_path.glob("*.pdf"))  # nothing half-made
    path = documents.generate("consent_form", match_id=match.id, out_dir=tmp_path, adults_ok=True)
    assert "Priya Patel" in pdf_text(path)


def test_consent_forms_for_a_match_go_to_its_young_people_only(db, tmp_path):
    programme = make_programme(kind="group")
    young = person("Ravi", "Patel", minor=True, guardian="Grace Patel")
    match = make_match(programme, [person("Ann", "Lee")], [young, person("Priya", "Shah")])
    text = pdf_text(documents.generate("consent_form", match_id=match.id, out_dir=tmp_path))
    assert "Ravi" in text and "Grace Patel" in text and "Priya" not in text


def test_a_typical_agreement_fits_on_two_pages_with_its_signatures(db, tmp_path):
    pages = pdf_pages(documents.generate("agreement", match_id=standard_match().id, out_dir=tmp_path))
    assert len(pages) == 2  # it was three, the last a lone signature block
    assert "By signing, we agree" in pages[1] and "Support" in pages[1].split("By signing")[0]


def test_consent_boxes_and_signatures_share_a_page(db, tmp_path):
    pages = pdf_pages(documents.generate("consent_form", match_id=standard_match().id, out_dir=tmp_path))
    signing = next(page for page in pages if "By signing, I confirm" in page)
    for box in ("I give permission", "kept confidential", "Optional: I am happy for photos"):
        assert box in signing, box


def test_type_sizes_stay_as_they_were():
    """Fitting on two pages came from spacing: the body type is still 10.5 pt, headings 12.5 pt."""
    from mentordesk.services.documents.styles import styles

    st = styles()
    assert (st.body.fontSize, st.h2.fontSize, st.cell.fontSize, st.title.fontSize) == (10.5, 12.5, 9.5, 19)


def test_closure_letter_preview_without_matches_counts_sample_meetings(db, tmp_path):
    programme = make_programme("Empty programme")
    body = documents.default_template("closure_letter")
    text = pdf_text(documents.preview("closure_letter", programme.id, body, None, tmp_path / "p.pdf"))
    assert "Meetings held together: 3" in text  # the sample match printed 0


def test_the_agreement_says_where_and_when_the_booked_meetings_are(db, tmp_path):
    """Found from outside: the agreement gave the programme's usual place ("School library or Room 12,
    during the Tuesday and Thursday clubs") although the match's first meeting was booked on a Friday
    in Room 4. A match's booked meetings say where it meets; the programme's places are the fallback."""
    match = standard_match()
    friday = START + timedelta(days=(4 - START.weekday()) % 7 + 7)
    first = datetime.combine(friday, time(15, 30))
    for week in range(3):
        Meeting.create(match=match, starts_at=first + timedelta(weeks=week), place="Room 4")
    text = pdf_text(documents.generate("agreement", match_id=match.id, out_dir=tmp_path))
    assert "Where Room 4" in text
    assert f"First meeting {context.long_date(friday)}, {context.clock(first)}, Room 4" in text
    programme_places = match.programme.meeting_places
    assert programme_places and programme_places not in text
    # Meetings in different places: the programme's places again, and the first meeting its own.
    Meeting.create(match=match, starts_at=first + timedelta(weeks=3), place="Sports hall")
    text = pdf_text(documents.generate("agreement", match_id=match.id, out_dir=tmp_path))
    assert f"Where {programme_places}" in " ".join(text.split())


@pytest.mark.both_backends
def test_a_match_is_named_mentor_first_whatever_order_its_members_were_saved_in(db, tmp_path):
    """Found from outside: matches published by the matcher (mentee saved first) were named
    mentee-first in the Documents list and in file names, older ones mentor-first: hard to find."""
    from mentordesk.store.models import Match, MatchMember

    programme = make_programme()
    mentor, mentee = person("Zoë", "O'Brien"), person("Grace", "Khan")
    match = Match.create(programme=programme, status="active", started_on=START)
    MatchMember.create(match=match, participant=mentee, role="mentee")  # as publishing saves them
    MatchMember.create(match=match, participant=mentor, role="mentor")
    made = documents.generate("agreement", match_id=match.id, out_dir=tmp_path)
    assert "Zoë O'Brien & Grace Khan" in made.name
    (row,) = documents.list_matches(programme.id)
    assert row.names == "Zoë O'Brien & Grace Khan"
