"""Two people edit the same record: the second save shows theirs against mine and never overwrites silently."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from mentordesk.services.goals import changes
from mentordesk.store.base import database
from mentordesk.store.models import Enrolment, Goal, Meeting, Participant, Programme
from mentordesk.ui.dialogs.conflict_dialog import ConflictDialog
from tests.goals_fixtures import good_draft, make_match

pytestmark = pytest.mark.both_backends


def elsewhere(work) -> None:
    """Someone else's save: on another thread, so on another database connection."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:
            failure.append(exc)
        finally:
            database.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if failure:
        raise failure[0]


def answer_conflicts(monkeypatch, qtbot, *handlers):
    """Each time the conflict dialog opens, show it and let the next handler click in it."""
    seen: list[ConflictDialog] = []
    queue = list(handlers)

    def exec_(self: ConflictDialog) -> int:
        qtbot.addWidget(self)
        self.show()
        seen.append(self)
        queue.pop(0)(self, qtbot)
        return self.result()

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return seen


def rows(dialog: ConflictDialog) -> dict[str, tuple[str, str, str]]:
    """{field: (their text, my text, the side chosen)} as the dialog shows it."""
    out = {}
    for name, buttons in dialog.buttons_of.items():
        chosen = "theirs" if buttons["theirs"].isChecked() else "mine"
        out[name] = (buttons["theirs"].text(), buttons["mine"].text(), chosen)
    return out


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def person(db):
    programme = Programme.create(name="Year 9")
    person = Participant.create(first_name="Ana", last_name="Lima", notes="Keen on science")
    Enrolment.create(participant=person, programme=programme, role="mentee")
    return person


def test_two_people_edit_one_participant_and_the_merge_keeps_both_changes(qtbot, monkeypatch, person):
    from mentordesk.ui.participants.person_dialog import PersonDialog

    dialog = PersonDialog(Programme.get().id, person.id)
    qtbot.addWidget(dialog)
    dialog.show()

    def their_save() -> None:
        other = Participant.get_by_id(person.id)
        other.email = "ana.lima@school.example"
        other.notes = "Moved to set 2"
        other.save()

    elsewhere(their_save)
    qtbot.keyClicks(dialog.phone, "0700 900 123")
    dialog.notes.clear()
    qtbot.keyClicks(dialog.notes, "Prefers mornings")

    def merge(conflict: ConflictDialog, qtbot) -> None:
        assert rows(conflict) == {
            "email": ("ana.lima@school.example", "—", "theirs"),  # only they changed it
            "phone": ("—", "0700 900 123", "mine"),  # only I did
            "notes": ("Moved to set 2", "Prefers mornings", "mine"),  # both did: mine until I pick
        }
        assert conflict.buttons_of["notes"]["theirs"].accessibleName() == "Notes: theirs, Moved to set 2"
        click(qtbot, conflict.buttons_of["notes"]["theirs"])
        click(qtbot, conflict.save_merged)

    seen = answer_conflicts(monkeypatch, qtbot, merge)
    click(qtbot, dialog.ok_button)
    assert len(seen) == 1 and dialog.result() == dialog.DialogCode.Accepted
    stored = Participant.get_by_id(person.id)
    assert (stored.email, stored.phone, stored.notes, stored.version) == (
        "ana.lima@school.example", "0700 900 123", "Moved to set 2", 3
    )


def test_back_to_editing_saves_nothing_and_keep_mine_then_overwrites_knowingly(qtbot, monkeypatch, person):
    from mentordesk.ui.participants.person_dialog import PersonDialog

    dialog = PersonDialog(Programme.get().id, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    elsewhere(lambda: Participant.update(last_name="Lima-Costa").where(Participant.id == person.id).execute())
    dialog.last_name.clear()
    qtbot.keyClicks(dialog.last_name, "Lyma")
    seen = answer_conflicts(
        monkeypatch,
        qtbot,
        lambda conflict, qtbot: click(qtbot, conflict.back),
        lambda conflict, qtbot: click(qtbot, conflict.keep_mine),
    )
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert Participant.get_by_id(person.id).last_name == "Lima-Costa"  # theirs, untouched
    click(qtbot, dialog.ok_button)
    assert len(seen) == 2 and rows(seen[1])["last_name"][:2] == ("Lima-Costa", "Lyma")
    assert Participant.get_by_id(person.id).last_name == "Lyma"


def test_a_goal_edited_twice_keep_theirs_takes_their_values(qtbot, monkeypatch, db):
    from mentordesk.ui.goals.goal_dialog import GoalDialog

    pair = make_match()
    goal_id = changes.create_goal(pair.match.id, good_draft(), owner_id=pair.mentee.id)
    dialog = GoalDialog(pair.match.id, pair.programme.id, changes.get_goal(goal_id))
    qtbot.addWidget(dialog)
    dialog.show()
    elsewhere(lambda: Goal.update(title="Speak up in every lesson").where(Goal.id == goal_id).execute())
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "Ask one question a day")

    def keep_theirs(conflict: ConflictDialog, qtbot) -> None:
        assert rows(conflict)["title"] == ("Speak up in every lesson", "Ask one question a day", "mine")
        click(qtbot, conflict.keep_theirs)

    answer_conflicts(monkeypatch, qtbot, keep_theirs)
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    assert Goal.get_by_id(goal_id).title == "Speak up in every lesson"


def test_a_meeting_outcome_over_a_moved_meeting_shows_the_move(qtbot, monkeypatch, db):
    from mentordesk.ui.meetings.outcome_dialog import OutcomeDialog

    pair = make_match()
    start = datetime.combine(date.today() - timedelta(days=1), datetime.min.time()).replace(hour=15)
    meeting = Meeting.create(match=pair.match, starts_at=start, place="Library")
    dialog = OutcomeDialog(meeting.id)
    qtbot.addWidget(dialog)
    dialog.show()

    def their_save() -> None:
        other = Meeting.get_by_id(meeting.id)
        other.place = "Room 12"  # a field the outcome does not touch: kept without asking
        other.notes = "Bring the reading list"  # one it writes: asked
        other.save()

    elsewhere(their_save)

    def merge(conflict: ConflictDialog, qtbot) -> None:
        shown = rows(conflict)
        assert "place" not in shown
        assert shown["notes"] == ("Bring the reading list", "—", "theirs")
        assert shown["status"] == ("Planned", "Held", "mine")
        click(qtbot, conflict.save_merged)

    seen = answer_conflicts(monkeypatch, qtbot, merge)
    click(qtbot, dialog.save_button)
    assert len(seen) == 1
    stored = Meeting.get_by_id(meeting.id)
    assert (stored.place, stored.status, stored.notes) == ("Room 12", "held", "Bring the reading list")


def test_a_change_to_fields_the_save_keeps_goes_through_without_asking(qtbot, monkeypatch, db):
    from mentordesk.ui.meetings.outcome_dialog import OutcomeDialog

    pair = make_match()
    start = datetime.combine(date.today() - timedelta(days=1), datetime.min.time()).replace(hour=15)
    meeting = Meeting.create(match=pair.match, starts_at=start, place="Library")
    dialog = OutcomeDialog(meeting.id)
    qtbot.addWidget(dialog)
    dialog.show()
    elsewhere(lambda: Meeting.update(place="Room 12").where(Meeting.id == meeting.id).execute())
    seen = answer_conflicts(monkeypatch, qtbot)
    click(qtbot, dialog.save_button)
    assert seen == [] and dialog.result() == dialog.DialogCode.Accepted
    stored = Meeting.get_by_id(meeting.id)
    assert (stored.place, stored.status) == ("Room 12", "held")


def test_a_record_deleted_meanwhile_is_said_and_nothing_is_saved(qtbot, monkeypatch, person):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from mentordesk.ui.dialogs.conflict_dialog import EditGuard

    editor = QWidget()
    qtbot.addWidget(editor)
    guard = EditGuard(editor)
    guard.watch("participant", person.id)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)

    def save() -> int:  # the service read the person, then someone deleted them before it saved
        mine = Participant.get_by_id(person.id)
        elsewhere(lambda: Participant.delete().where(Participant.id == person.id).execute())
        mine.phone = "0700 900 123"
        mine.save()
        return mine.id

    assert guard.save(save) is None and guard.withdrawn
    assert told and "deleted by someone else" in told[0]
    assert not Participant.select().exists()


def test_a_check_in_edited_twice_shows_both_summaries(qtbot, monkeypatch, db):
    from mentordesk.store.models import ContactLog
    from mentordesk.ui.meetings.contact_dialog import ContactDialog

    pair = make_match()
    log = ContactLog.create(
        programme=pair.programme, match=pair.match, contacted_at=datetime.now() - timedelta(days=1),
        summary="Phoned the mentor", actions="Send the agenda",
    )
    dialog = ContactDialog(pair.programme.id, contact_id=log.id)
    qtbot.addWidget(dialog)
    dialog.show()
    elsewhere(lambda: ContactLog.update(summary="Phoned the mentor; all well").where(ContactLog.id == log.id).execute())
    dialog.actions_edit.clear()
    qtbot.keyClicks(dialog.actions_edit, "Agenda sent")

    def merge(conflict: ConflictDialog, qtbot) -> None:
        shown = rows(conflict)
        assert shown["summary"] == ("Phoned the mentor; all well", "Phoned the mentor", "theirs")
        assert shown["actions"] == ("Send the agenda", "Agenda sent", "mine")
        click(qtbot, conflict.save_merged)

    seen = answer_conflicts(monkeypatch, qtbot, merge)
    click(qtbot, dialog.save_button)
    assert len(seen) == 1
    stored = ContactLog.get_by_id(log.id)
    assert (stored.summary, stored.actions) == ("Phoned the mentor; all well", "Agenda sent")
