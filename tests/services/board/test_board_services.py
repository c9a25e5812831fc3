"""Shadow boards: sponsors, sessions with attendance, recommendations with outcomes; refusals name the field
and leave the data as it was; a board is not paired; its figures count sessions and recommendations."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.core.board import RecommendationFact, SessionFact, board_figures
from mentordesk.services import board, pairing, programmes
from mentordesk.services.board import (
    BoardInputError,
    OutcomeInput,
    RecommendationInput,
    SessionInput,
    SponsorInput,
)
from mentordesk.store.models import (
    BoardRecommendation,
    BoardSession,
    BoardSessionAttendance,
    BoardSponsor,
    Enrolment,
    Participant,
    Programme,
)
from mentordesk.store.versions import EditSession, RecordChanged
from tests.board_fixtures import TODAY, empty_board, full_board

pytestmark = pytest.mark.both_backends


def test_a_shadow_board_keeps_its_sponsors_sessions_and_recommendations(db):
    b = full_board()
    overview = board.board_overview(b.programme.id)
    assert [m.name for m in overview.members][:1] and len(overview.members) == 6
    assert {s.name for s in overview.sponsors} == {"Dr Amara Mensah", "Jürgen Schröder"}
    assert [s.held_on for s in overview.sessions] == [date(2027, 2, 16), date(2027, 1, 19)]  # newest first
    first = overview.sessions[1]
    assert first.topics == ("Library opening hours", "School meals")
    assert (first.present, first.apologies, first.absent) == (2, 1, 1)
    assert overview.sessions[0].topics == ("Wellbeing week", "Phone policy")  # the typed bullet is dropped
    assert overview.outcome_counts() == {"awaiting": 1, "in_progress": 1, "accepted": 1, "declined": 1}
    library = next(r for r in overview.recommendations if r.title.startswith("Open the library"))
    assert (
        library.sponsor_name == "Dr Amara Mensah"
        and library.session_caption == "2027-01-19 · Budget priorities"
    )
    assert library.outcome_label == "Accepted" and library.decided_on == date(2027, 2, 1)
    zoe = next(m for m in overview.members if m.name == "Zoë Ó'Brien")
    assert (zoe.present, zoe.marked) == (2, 2)
    tanaka = next(m for m in overview.members if m.participant_id == b.members[3].id)
    assert (tanaka.present, tanaka.marked) == (1, 2)


def test_new_shadow_board_programmes_start_monthly_and_are_not_paired(db):
    row = programmes.create_programme("Board", "shadow_board")
    programme = Programme.get_by_id(row.id)
    assert (programme.meeting_frequency_days, programme.meeting_length_minutes) == (28, 90)
    assert "not paired" in pairing.matcher_refusal("shadow_board")
    assert pairing.matcher_refusal("one_to_one") == ""
    person = Participant.create(first_name="Kwame")
    Enrolment.create(participant=person, programme=programme, role="mentee", status="ready")
    with pytest.raises(pairing.PairingError, match="not paired"):
        pairing.run_matcher(programme.id)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p, m: board.add_sponsor(p, SponsorInput("  ")), "Sponsor's name is empty"),
        (lambda p, m: board.add_sponsor(p, SponsorInput("Ana", email="ana@")), "not an e-mail address"),
        (lambda p, m: board.add_session(p, SessionInput(None)), "Date is missing"),
        (lambda p, m: board.add_session(p, SessionInput(date(2027, 1, 5), title="x" * 201)), "Title is 201"),
        (
            lambda p, m: board.add_session(p, SessionInput(date(2027, 1, 5)), {m: "late"}),
            "Attendance 'late' is not one of",
        ),
        (
            lambda p, m: board.add_session(p, SessionInput(date(2027, 1, 5)), {999_999: "present"}),
            "not a member of this board",
        ),
        (
            lambda p, m: board.add_recommendation(p, RecommendationInput(date(2027, 1, 5), " ")),
            "Recommendation is empty",
        ),
        (
            lambda p, m: board.add_recommendation(
                p, RecommendationInput(date(2027, 1, 5), "Later lunch"), OutcomeInput("accepted"), today=TODAY
            ),
            "Decided on is missing",
        ),
        (
            lambda p, m: board.add_recommendation(
                p,
                RecommendationInput(date(2027, 1, 5), "Later lunch"),
                OutcomeInput("declined", date(2027, 1, 4)),
                today=TODAY,
            ),
            r"Decided on \(2027-01-04\) is before the recommendation was made",
        ),
        (
            lambda p, m: board.add_recommendation(
                p,
                RecommendationInput(date(2027, 1, 5), "Later lunch"),
                OutcomeInput("accepted", date(2027, 4, 1)),
                today=TODAY,
            ),
            "is in the future",
        ),
        (
            lambda p, m: board.add_recommendation(
                p, RecommendationInput(date(2027, 1, 5), "Later lunch"), OutcomeInput("maybe"), today=TODAY
            ),
            "Outcome 'maybe' is not one of",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(db, call, message):
    programme, members = empty_board()
    with pytest.raises(BoardInputError, match=message):
        call(programme.id, members[0].id)
    for model in (BoardSponsor, BoardSession, BoardSessionAttendance, BoardRecommendation):
        assert model.select().count() == 0


def test_board_records_belong_to_shadow_board_programmes_only(db):
    row = programmes.create_programme("Pairs", "one_to_one")
    with pytest.raises(BoardInputError, match="Pairs is a one to one programme"):
        board.add_sponsor(row.id, SponsorInput("Ana"))
    b = full_board()
    other, _ = empty_board("Second board")
    with pytest.raises(BoardInputError, match="not a session of this board"):
        board.add_recommendation(
            other.id, RecommendationInput(date(2027, 3, 1), "x", session_id=b.sessions[0])
        )
    with pytest.raises(BoardInputError, match="not a sponsor of this board"):
        board.add_recommendation(
            other.id, RecommendationInput(date(2027, 3, 1), "x", sponsor_id=b.sponsors[0])
        )


def test_a_recommendation_is_not_made_before_its_session_and_a_session_not_moved_past_one(db):
    b = full_board()
    with pytest.raises(BoardInputError, match="before the session it was made at"):
        board.add_recommendation(
            b.programme.id, RecommendationInput(date(2027, 1, 18), "Early", session_id=b.sessions[0])
        )
    with pytest.raises(BoardInputError, match="after a recommendation made at this session"):
        board.update_session(b.sessions[0], SessionInput(date(2027, 1, 25), "Budget priorities"))
    assert BoardSession.get_by_id(b.sessions[0]).held_on == date(2027, 1, 19)


def test_recording_an_outcome_and_going_back_to_awaiting(db):
    b = full_board()
    waiting = b.recommendations[3]
    board.record_outcome(
        waiting, OutcomeInput("accepted", date(2027, 3, 10), "Room 7 from April"), today=TODAY
    )
    row = BoardRecommendation.get_by_id(waiting)
    assert (row.outcome, row.decided_on, row.outcome_note) == (
        "accepted",
        date(2027, 3, 10),
        "Room 7 from April",
    )
    board.record_outcome(waiting, OutcomeInput("awaiting", date(2027, 3, 10)), today=TODAY)
    row = BoardRecommendation.get_by_id(waiting)
    assert (row.outcome, row.decided_on) == ("awaiting", None)  # awaiting carries no day


def test_attendance_is_replaced_and_deleting_keeps_what_hangs_off(db):
    b = full_board()
    board.update_session(
        b.sessions[0], SessionInput(date(2027, 1, 19), "Budget"), {b.members[5].id: "present"}
    )
    assert board.session(b.sessions[0]).attendance == {b.members[5].id: "present"}
    board.delete_session(b.sessions[0])
    assert BoardSessionAttendance.select().where(BoardSessionAttendance.session == b.sessions[0]).count() == 0
    kept = BoardRecommendation.get_by_id(b.recommendations[0])
    assert kept.session_id is None  # the recommendation stays, no longer tied to a session
    board.delete_sponsor(b.sponsors[0])
    assert BoardRecommendation.get_by_id(b.recommendations[0]).sponsor_id is None


def test_an_exited_member_leaves_the_board_and_keeps_their_past_attendance(db):
    b = full_board()
    Enrolment.update(status="exited").where(Enrolment.participant == b.members[0]).execute()
    assert b.members[0].id not in board.member_ids(b.programme.id)
    board.update_session(
        b.sessions[1], SessionInput(date(2027, 2, 16), "Wellbeing"), {b.members[1].id: "absent"}
    )
    marks = board.session(b.sessions[1]).attendance
    assert marks == {
        b.members[0].id: "present",
        b.members[1].id: "absent",
    }  # theirs kept; the others replaced
    with pytest.raises(BoardInputError, match="not a member"):
        board.add_session(b.programme.id, SessionInput(date(2027, 3, 1)), {b.members[0].id: "present"})


def test_saving_over_someone_elses_newer_save_is_refused(db):
    b = full_board()
    rec_id = b.recommendations[3]
    mine = EditSession()
    with mine.active():
        board.recommendation(rec_id)  # I open it
    board.record_outcome(rec_id, OutcomeInput("in_progress", date(2027, 3, 2)), today=TODAY)  # they save
    with pytest.raises(RecordChanged), mine.active():
        board.record_outcome(rec_id, OutcomeInput("declined", date(2027, 3, 3)), today=TODAY)
    assert BoardRecommendation.get_by_id(rec_id).outcome == "in_progress"


def test_the_report_figures_count_sessions_and_recommendations(db):
    b = full_board()
    figures = board.report_figures(b.programme.id, date(2027, 1, 1), date(2027, 2, 28), TODAY)
    assert figures["board_sessions_held"] == 2
    assert figures["board_attendance_pct"] == round(100 * 8 / 10, 1)  # 2 of 4, then 6 of 6
    assert figures["board_recommendations_made"] == 4
    assert (figures["board_recommendations_accepted"], figures["board_recommendations_declined"]) == (1, 1)
    assert figures["board_recommendations_open"] == 2  # in progress, and awaiting
    assert figures["board_acceptance_pct"] == 50.0
    january = board.report_figures(b.programme.id, date(2027, 1, 1), date(2027, 1, 31), TODAY)
    assert january["board_sessions_held"] == 1 and january["board_recommendations_made"] == 2
    assert january["board_recommendations_accepted"] == 0  # decided in February
    assert january["board_recommendations_open"] == 2  # both made in January, neither decided by its end
    pairs = programmes.create_programme("Pairs", "one_to_one")
    assert board.report_figures(pairs.id, date(2027, 1, 1), date(2027, 1, 31), TODAY) == {}


def test_figures_rules_without_a_database():
    sessions = [SessionFact(date(2027, 1, 5), 3, 1, 0), SessionFact(date(2027, 4, 5), 2, 0, 0)]
    recs = [
        RecommendationFact(date(2027, 1, 5), "accepted", date(2027, 1, 20)),
        RecommendationFact(date(2027, 1, 5), "accepted", date(2027, 4, 20)),
    ]
    # Taken on 31 January: the April session has not happened, the second recommendation is still open.
    figures = board_figures(sessions, recs, date(2027, 1, 1), date(2027, 12, 31), date(2027, 1, 31))
    assert figures["board_sessions_held"] == 1 and figures["board_attendance_pct"] == 75.0
    assert figures["board_recommendations_open"] == 1 and figures["board_acceptance_pct"] == 100.0
    empty = board_figures([], [], date(2027, 1, 1), date(2027, 1, 31), date(2027, 1, 31))
    assert empty["board_attendance_pct"] is None and empty["board_acceptance_pct"] is None


def test_a_members_data_export_holds_their_board_attendance(db, tmp_path):
    import json

    from mentordesk.services.protection import subject_access

    b = full_board()
    data = json.loads(
        subject_access.export_json(b.members[2].id, tmp_path / "me.json").read_text(encoding="utf-8")
    )
    sessions = data["board_sessions"]
    assert [(s["held_on"], s["attendance"]) for s in sessions] == [
        ("2027-01-19", "apologies"),
        ("2027-02-16", "present"),
    ]
    assert (
        sessions[0]["title"] == "Budget priorities" and sessions[0]["programme"] == "Youth shadow board 2027"
    )
    pdf = subject_access.export_pdf(b.members[2].id, tmp_path / "me.pdf")
    from tests.documents_fixtures import pdf_text

    assert "Shadow-board sessions" in pdf_text(pdf) and "Budget priorities" in pdf_text(pdf)
