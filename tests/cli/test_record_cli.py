"""``renewals``, ``close`` and ``first-meeting``, and signing an agreement per signatory, from the command line."""

from __future__ import annotations

import stat
from datetime import date, timedelta

from mentordesk.cli import is_cli_invocation, main
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import Document, Match, MatchMember, Programme, ScreeningCheck
from tests.documents_fixtures import joined_arabic, make_match, make_programme, pdf_text, person

TODAY = date.today()
NAMES = [("Zoë", "Ó'Brien"), ("Ελένη", "Παπαδοπούλου"), ("Дмитрий", "Иванов"), ("美咲", "佐藤"), ("ليلى", "حداد"),
         ("נועה", "כהן")]


def _database(path):
    open_database(path)
    programme = make_programme(name="Riverside")
    people = []
    for n, (first, last) in enumerate(NAMES):
        p = person(first, last)
        people.append(p)
        from mentordesk.store.models import Enrolment

        Enrolment.create(participant=p, programme=programme, role="mentor", status="matched")
        ScreeningCheck.create(
            participant=p,
            programme=programme,
            kind="background_check",
            outcome="passed",
            check_type="Enhanced DBS",
            completed_on=TODAY - timedelta(days=1000 + 10 * n),
            expires_on=TODAY + timedelta(days=30 - 10 * n),
        )
    mentee = person("Kit", "Lee")
    match = make_match(programme, [people[0]], [mentee], started_on=TODAY - timedelta(days=90))
    ids = (programme.id, match.id, people[0].id, mentee.id)
    close_database()
    return ids


def test_renewals_listed_and_printed(tmp_path, capsys):
    db = tmp_path / "cli.db"
    _database(db)
    assert is_cli_invocation(["--db", str(db), "renewals", "--programme", "Riverside"])
    pdf = tmp_path / "out" / "renewals.pdf"
    assert main(["--db", str(db), "renewals", "--programme", "Riverside", "--pdf", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "Zoë Ó'Brien" in out and "due in 30 days" in out and "lapsed 20 days ago" in out
    assert out.index("נועה") < out.index("Zoë")  # soonest (lapsed) first
    text = pdf_text(pdf)
    for first, last in NAMES:
        if first != "ليلى":
            assert f"{first} {last}" in text, first
    assert joined_arabic(text)  # the Arabic name is shaped, its letters joined
    assert (TODAY + timedelta(days=30)).isoformat() in text  # the dates do not wrap in their column
    assert "Screening renewals due" in text and "Enhanced" not in text
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert main(["--db", str(db), "renewals", "--programme", "Riverside", "--days", "-1"]) == 1
    assert "--days: -1 is out of range" in capsys.readouterr().err


def test_close_with_a_reason_code_and_the_closure_record(tmp_path, capsys):
    db = tmp_path / "cli.db"
    _programme, match_id, mentor_id, mentee_id = _database(db)
    base = ["--db", str(db), "close", str(match_id)]
    assert main(["--db", str(db), "close", "999", "--reason", "moved_away"]) == 1
    assert "No match with id 999" in capsys.readouterr().err
    assert main([*base, "--reason", "bored"]) == 1
    err = capsys.readouterr().err
    assert "'bored' is not in this programme's list; use one of moved_away, scheduling, lost_interest" in err
    assert main([*base, "--reason", "moved_away", "--exit", "12=yesterday"]) == 1
    assert "--exit: '12=yesterday' is not PERSON_ID=YYYY-MM-DD" in capsys.readouterr().err
    future = (TODAY + timedelta(days=3)).isoformat()
    assert main([*base, "--reason", "moved_away", "--meeting-on", future]) == 1
    assert "Closure meeting date" in capsys.readouterr().err
    open_database(db)
    assert Match.get_by_id(match_id).status == "active"  # every refusal left it as it was
    close_database()
    day = (TODAY - timedelta(days=1)).isoformat()
    args = [*base, "--reason", "moved_away", "--text", "Family moved to Leeds", "--premature", "--meeting-on", day,
            "--contact", "agreed", "--exit", f"{mentor_id}={day}", "--exit", f"{mentee_id}={day}"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert f"Match {match_id} closed" in out
    assert "was put back to Ready, to be matched again." in out  # what closing did to the mentor's status
    open_database(db)
    m = Match.get_by_id(match_id)
    assert (m.status, m.closure_code, m.closure_kind, m.contact_after) == ("closed", "moved_away", "premature", "agreed")
    assert m.closure_meeting_held and str(m.closure_meeting_on) == day
    assert {str(mm.exit_conversation_on) for mm in MatchMember.select().where(MatchMember.match == match_id)} == {day}
    close_database()


def test_first_meeting_and_signing_per_signatory(tmp_path, capsys):
    db = tmp_path / "cli.db"
    programme_id, match_id, mentor_id, mentee_id = _database(db)
    base = ["--db", str(db), "first-meeting", str(match_id)]
    assert main([*base, "--on", (TODAY + timedelta(days=1)).isoformat()]) == 1
    assert "in the future" in capsys.readouterr().err
    assert main([*base, "--on", TODAY.isoformat(), "--staff", "Alex Morgan", "--covered-agreement"]) == 0
    open_database(db)
    m = Match.get_by_id(match_id)
    assert m.first_meeting_on == TODAY and m.first_meeting_covered_agreement and m.first_meeting_staff == "Alex Morgan"
    doc = Document.create(programme=Programme.get_by_id(programme_id), match=m, kind="agreement", path="/x.pdf")
    close_database()
    sign = ["--db", str(db), "documents", "sign", str(doc.id)]
    assert main([*sign, "--as", "mentor", "--person", str(mentor_id)]) == 0
    assert "Still to sign: Kit Lee (mentee), Alex Morgan." in capsys.readouterr().out
    assert main(["--db", str(db), "documents", "list"]) == 0
    assert "to sign: Kit Lee (mentee), Alex Morgan" in capsys.readouterr().out
    assert main([*sign, "--as", "guardian", "--person", str(mentee_id)]) == 1  # an adult: no guardian signs
    assert "nobody signs this agreement as that" in capsys.readouterr().err
    assert main([*sign, "--as", "mentee", "--person", str(mentee_id)]) == 0
    assert main([*sign, "--as", "coordinator"]) == 0
    assert "is complete: signed by everyone" in capsys.readouterr().out
