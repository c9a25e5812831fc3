"""The complete match record: the first meeting, coded closures with the closure meeting, the contact
plan and each exit conversation, the programme's reason list, closures by reason, and a mentor's
lapsed check flagged on every live match."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentordesk.services import pairing
from mentordesk.services.pairing import lifecycle, publishing
from mentordesk.store.models import Match, MatchMember, ScreeningCheck
from tests.pairing_fixtures import TODAY, two_by_two

pytestmark = pytest.mark.both_backends  # the tests that use `db` run on SQLite and PostgreSQL

STARTED = TODAY - timedelta(days=40)


def _live(db):
    programme, a, b, x, y = two_by_two(db)
    publishing.publish(programme.id, STARTED)
    match_id = MatchMember.get(MatchMember.participant == a).match_id
    return programme, match_id, a, x


def _snapshot(match_id: int) -> tuple:
    m = Match.get_by_id(match_id)
    exits = tuple(mm.exit_conversation_on for mm in MatchMember.select().where(MatchMember.match == match_id))
    return (m.status, m.closure_code, m.closure_reason, m.closure_meeting_on, m.contact_after, m.first_meeting_on,
            m.first_meeting_staff, m.first_meeting_covered_agreement, exits)


def test_first_meeting_is_recorded_and_impossible_dates_refused(db):
    _programme, match_id, _a, _x = _live(db)
    before = _snapshot(match_id)
    with pytest.raises(pairing.PairingError, match="First meeting date: .* in the future"):
        pairing.record_first_meeting(match_id, TODAY + timedelta(days=1), "Alex Morgan", True)
    with pytest.raises(pairing.PairingError, match="before the match started"):
        pairing.record_first_meeting(match_id, STARTED - timedelta(days=1), "Alex Morgan", True)
    with pytest.raises(pairing.PairingError, match="Present from the programme"):
        pairing.record_first_meeting(match_id, STARTED, "x" * 400, True)
    assert _snapshot(match_id) == before
    pairing.record_first_meeting(match_id, STARTED + timedelta(days=2), "  Alex   Morgan, Sam Lee ", True)
    record = pairing.match_record(match_id)
    assert record.first_meeting_on == STARTED + timedelta(days=2)
    assert record.first_meeting_staff == "Alex Morgan, Sam Lee" and record.first_meeting_covered_agreement
    pairing.record_first_meeting(match_id, STARTED + timedelta(days=3), "Alex Morgan", False)
    assert not pairing.match_record(match_id).first_meeting_covered_agreement


def test_a_draft_has_no_first_meeting(db):
    programme, a, b, x, y = two_by_two(db)
    draft = Match.get(Match.status == "draft")
    with pytest.raises(pairing.PairingError, match="Publish the match first"):
        pairing.record_first_meeting(draft.id, TODAY, "Alex", True)


def test_closure_keeps_code_meeting_contact_plan_and_each_exit_conversation(db):
    programme, match_id, a, x = _live(db)
    before = _snapshot(match_id)
    base = dict(closed_on=TODAY, kind="premature", reason="", initiated_by="mentee")
    refused = [
        (dict(code="bored"), "'bored' is not in this programme's list; use one of moved_away, scheduling"),
        (dict(code="other"), "write why the match is ending"),
        (dict(code="moved_away", contact_after="pen pals"), "Contact after closure: choose one of none"),
        (dict(code="moved_away", meeting_held=False, meeting_on=TODAY), "not held"),
        (dict(code="moved_away", meeting_on=TODAY + timedelta(days=2)), "Closure meeting date: .* future"),
        (dict(code="moved_away", exit_conversations=((a.id, TODAY + timedelta(days=1)),)), "mentee: .* future"),
        (dict(code="moved_away", guardian_exit_on=STARTED - timedelta(days=3)), "before the match started"),
        (dict(code="moved_away", exit_conversations=((999999, TODAY),)), "not a member"),
    ]
    for extra, message in refused:
        with pytest.raises(pairing.PairingError, match=message):
            lifecycle.close_match(match_id, lifecycle.Closure(**base, **extra))
        assert _snapshot(match_id) == before  # refused closures write nothing
    closure = lifecycle.Closure(
        **{**base, "reason": "Her family moved to Leeds"},
        code="moved_away",
        meeting_held=True,
        meeting_on=TODAY - timedelta(days=1),
        contact_after="programme",
        exit_conversations=((a.id, TODAY - timedelta(days=1)), (x.id, TODAY - timedelta(days=2))),
        guardian_exit_on=TODAY,
    )
    lifecycle.close_match(match_id, closure)
    record = pairing.match_record(match_id)
    assert (record.closure_code, record.closure_label) == ("moved_away", "Moved away")
    assert record.closure_reason == "Her family moved to Leeds"
    assert record.closure_meeting_held is True and record.closure_meeting_on == TODAY - timedelta(days=1)
    assert record.contact_after == "programme" and record.contact_after_label == "Only through the programme"
    assert record.guardian_exit_on == TODAY
    exits = {m.participant_id: m.exit_conversation_on for m in record.members}
    assert exits == {a.id: TODAY - timedelta(days=1), x.id: TODAY - timedelta(days=2)}
    assert [c.count for c in pairing.closure_counts(programme.id) if c.code == "moved_away"] == [1]
    rows = pairing.published_matches(programme.id)
    assert next(r for r in rows if r.id == match_id).closure_code == "moved_away"
    # The mentee's subject-access export carries their part of the record.
    from mentordesk.services import protection

    (entry,) = [m for m in protection.collect(a.id)["matches"] if m["id"] == match_id]
    assert entry["closure_code"] == "moved_away" and entry["contact_after"] == "programme"
    assert entry["exit_conversation_on"] == (TODAY - timedelta(days=1)).isoformat()
    assert entry["guardian_exit_on"] == TODAY.isoformat()
    (mentor_entry,) = [m for m in protection.collect(x.id)["matches"] if m["id"] == match_id]
    assert "guardian_exit_on" not in mentor_entry


def test_a_closure_without_a_code_is_read_from_its_words(db):
    programme, match_id, _a, _x = _live(db)
    lifecycle.close_match(match_id, lifecycle.Closure(TODAY, "planned", "End of the school year", "coordinator"))
    assert Match.get_by_id(match_id).closure_code == "programme_ended"
    counts = {c.code: c.count for c in pairing.closure_counts(programme.id)}
    assert counts["programme_ended"] == 1 and sum(counts.values()) == 1
    assert sum(c.count for c in pairing.closure_counts(programme.id, since=TODAY + timedelta(days=1))) == 0


def test_the_programme_edits_its_reason_list(db):
    programme, match_id, _a, _x = _live(db)
    reasons = pairing.save_closure_reasons(programme.id, ["Moved away", "Family illness", "other", " "])
    assert [(r.code, r.label) for r in reasons] == [
        ("moved_away", "Moved away"),
        ("family_illness", "Family illness"),
        ("other", "Other"),
    ]
    with pytest.raises(pairing.PairingError, match="twice"):
        pairing.save_closure_reasons(programme.id, ["Illness", "illness"])
    with pytest.raises(pairing.PairingError, match="at least one"):
        pairing.save_closure_reasons(programme.id, ["Other"])
    assert len(pairing.closure_reasons(programme.id)) == 3  # refused lists saved nothing
    with pytest.raises(pairing.PairingError, match="use one of moved_away, family_illness, other"):
        lifecycle.close_match(match_id, lifecycle.Closure(TODAY, "premature", "", "mentor", code="scheduling"))
    lifecycle.close_match(match_id, lifecycle.Closure(TODAY, "premature", "", "mentor", code="family_illness"))
    counts = [(c.code, c.count) for c in pairing.closure_counts(programme.id)]
    assert counts == [("moved_away", 0), ("family_illness", 1), ("other", 0)]


def test_a_mentor_whose_check_lapses_is_flagged_on_every_live_match(db):
    programme, match_id, _a, x = _live(db)
    rows = pairing.published_matches(programme.id)
    assert all(r.lapsed == "" for r in rows)
    ScreeningCheck.update(expires_on=TODAY - timedelta(days=3)).where(
        (ScreeningCheck.participant == x) & (ScreeningCheck.kind == "background_check")
    ).execute()
    rows = {r.id: r for r in pairing.published_matches(programme.id)}
    expected = f"Xia Mentor's Background check lapsed on {(TODAY - timedelta(days=3)).isoformat()}"
    assert rows[match_id].lapsed == expected
    assert all(r.lapsed == "" for i, r in rows.items() if i != match_id)  # Yan's check is fine
    lifecycle.close_match(match_id, lifecycle.Closure(TODAY, "premature", "", "coordinator", code="safeguarding"))
    assert next(r for r in pairing.published_matches(programme.id) if r.id == match_id).lapsed == ""
