"""Events, invitees and the register, on SQLite and PostgreSQL: a training session's register records
the training check that clearance counts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentordesk.core.events import EventFields
from mentordesk.services import events, participants
from mentordesk.store.models import EventInvitee, ProgrammeEvent, ScreeningCheck
from tests.events_fixtures import FUTURE, PAST, TODAY, make_scheme

pytestmark = pytest.mark.both_backends


def training(starts=PAST, hours=2.5) -> EventFields:
    return EventFields(
        "training",
        "Mentor training: safeguarding",
        starts,
        150,
        "Room 12",
        "",
        hours,
        "Safeguarding, boundaries",
    )


def test_training_register_records_and_removes_training_checks(backend, db):
    scheme = make_scheme()
    pid = scheme.programme.id
    zoe, athina, dmitri = scheme.ids(0, 1, 2)
    event_id = events.save_event(pid, training(), invitee_ids=[zoe, athina, dmitri], today=TODAY)
    result = events.record_marks(event_id, {zoe: "attended", athina: "apologies", dmitri: "absent"}, TODAY)
    assert (result.marked, result.checks) == (3, 1)
    checks = participants.list_checks(zoe, pid)
    training_rows = [c for c in checks if c.kind == "training"]
    assert len(training_rows) == 1
    check = training_rows[0]
    assert (check.outcome, check.completed_on, check.hours, check.topics) == (
        "passed",
        PAST.date(),
        2.5,
        "Safeguarding, boundaries",
    )
    assert not [c for c in participants.list_checks(athina, pid) if c.kind == "training"]
    # Clearance counts it: 2.5 hours is more than the 2 a mentor needs, so training is no longer missing.
    reasons = participants.clearance_map(pid, TODAY, [zoe])[zoe].reasons
    assert not [r for r in reasons if r.startswith("training")]
    # The event's hours change: the check follows.
    events.save_event(pid, training(hours=3.0), event_id, today=TODAY)
    assert ScreeningCheck.get_by_id(check.id).hours == 3.0
    # Un-marking removes the check; so does taking the person off the list.
    events.record_marks(event_id, {zoe: ""}, TODAY)
    assert ScreeningCheck.get_or_none(ScreeningCheck.id == check.id) is None
    events.record_marks(event_id, {zoe: "attended"}, TODAY)
    assert ScreeningCheck.select().where(ScreeningCheck.kind == "training").count() == 1
    events.set_invitees(event_id, [athina, dmitri])
    assert ScreeningCheck.select().where(ScreeningCheck.kind == "training").count() == 0
    rows = events.list_events(pid)
    assert (rows[0].invited, rows[0].attended, rows[0].apologies, rows[0].absent) == (2, 0, 1, 1)


def test_a_celebration_records_no_check_and_deleting_a_training_removes_its_checks(backend, db):
    scheme = make_scheme()
    pid = scheme.programme.id
    everyone = scheme.ids(0, 1, 3, 4)
    party = events.save_event(
        pid,
        EventFields("celebration", "End of year party", PAST, 120, "Hall"),
        invitee_ids=everyone,
        today=TODAY,
    )
    events.record_marks(party, dict.fromkeys(everyone, "attended"), TODAY)
    assert ScreeningCheck.select().where(ScreeningCheck.kind == "training").count() == 0
    course = events.save_event(pid, training(), invitee_ids=everyone, today=TODAY)
    events.record_marks(course, dict.fromkeys(everyone, "attended"), TODAY)
    assert ScreeningCheck.select().where(ScreeningCheck.kind == "training").count() == 4
    # Changing the kind away from training takes the checks back.
    events.save_event(pid, EventFields("group_session", "Circle", PAST, 60), course, today=TODAY)
    assert ScreeningCheck.select().where(ScreeningCheck.kind == "training").count() == 0
    events.save_event(pid, training(), course, today=TODAY)
    assert ScreeningCheck.select().where(ScreeningCheck.kind == "training").count() == 4
    assert events.delete_event(course) == 4
    assert ScreeningCheck.select().where(ScreeningCheck.kind == "training").count() == 0
    assert EventInvitee.select().where(EventInvitee.event == course).count() == 0


def test_bad_input_is_refused_with_a_message_and_changes_nothing(backend, db):
    scheme = make_scheme()
    pid = scheme.programme.id
    with pytest.raises(events.EventError, match="training hours"):
        events.save_event(pid, training(hours=None), today=TODAY)
    with pytest.raises(events.EventError, match="title"):
        events.save_event(pid, EventFields("celebration", "  ", PAST), today=TODAY)
    assert ProgrammeEvent.select().count() == 0
    later = events.save_event(pid, training(FUTURE), invitee_ids=scheme.ids(0), today=TODAY)
    with pytest.raises(events.EventError, match="still to come"):
        events.record_marks(later, {scheme.people[0].id: "attended"}, TODAY)
    events.record_marks(later, {scheme.people[0].id: "apologies"}, TODAY)  # apologies come in advance
    past = events.save_event(pid, training(), invitee_ids=scheme.ids(0), today=TODAY)
    events.record_marks(past, {scheme.people[0].id: "attended"}, TODAY)
    with pytest.raises(events.EventError, match="into the future"):
        events.save_event(pid, training(FUTURE + timedelta(days=1)), past, today=TODAY)
    assert ProgrammeEvent.get_by_id(past).starts_at == PAST
    other = make_scheme("Another scheme")
    with pytest.raises(events.EventError, match="not enrolled"):
        events.set_invitees(past, [other.people[0].id])
    assert [i.participant_id for i in events.invitees(past)] == scheme.ids(0)


def test_a_persons_data_export_lists_their_events_and_marks(backend, db, tmp_path):
    import json

    from mentordesk.services.protection import subject_access

    scheme = make_scheme()
    zoe = scheme.people[0].id
    event_id = events.save_event(scheme.programme.id, training(), invitee_ids=[zoe], today=TODAY)
    events.record_marks(event_id, {zoe: "attended"}, TODAY)
    data = json.loads(subject_access.export_json(zoe, tmp_path / "zoe.json").read_text(encoding="utf-8"))
    assert [(e["title"], e["mark"]) for e in data["events"]] == [("Mentor training: safeguarding", "attended")]


def test_a_register_saved_over_another_desks_marks_is_refused_whole(backend, db):
    """Two desks keep one register: marks for the same person that someone else changed meanwhile are
    refused (nothing written, not even the other marks), with each clash named; marks nobody else
    touched, and marks both gave alike, go through."""
    scheme = make_scheme()
    zoe, athina, dmitri = scheme.ids(0, 1, 2)
    event_id = events.save_event(scheme.programme.id, training(), invitee_ids=[zoe, athina, dmitri], today=TODAY)
    opened = {zoe: "", athina: "", dmitri: ""}
    events.record_marks(event_id, {zoe: "absent", athina: "attended"}, TODAY)  # the other desk, first
    with pytest.raises(events.RegisterChanged) as refused:
        events.record_marks(event_id, {zoe: "attended", athina: "attended", dmitri: "apologies"}, TODAY, opened)
    [clash] = refused.value.changes
    assert (clash.participant_id, clash.theirs, clash.mine, clash.person) == (
        zoe,
        "absent",
        "attended",
        scheme.people[0].display_name,
    )
    marks = {i.participant_id: i.mark for i in EventInvitee.select().where(EventInvitee.event == event_id)}
    assert marks == {zoe: "absent", athina: "attended", dmitri: ""}
    events.record_marks(event_id, {athina: "attended", dmitri: "apologies"}, TODAY, opened)
    marks = {i.participant_id: i.mark for i in EventInvitee.select().where(EventInvitee.event == event_id)}
    assert marks == {zoe: "absent", athina: "attended", dmitri: "apologies"}
