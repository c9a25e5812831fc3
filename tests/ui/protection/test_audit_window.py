"""The audit log says whom each event is about and what changed, in words, and closes like any window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from mentordesk.store.models import Enrolment, Match, MatchMember, Participant, Programme
from mentordesk.ui.protection.audit_dialog import AuditLogDialog
from mentordesk.ui.protection.audit_model import CHANGES, FIELDS, RECORD, RowRole


@pytest.fixture
def dialog(qtbot, db):
    programme = Programme.create(name="Audit names")
    mentor = Participant.create(first_name="Grace", last_name="Okafor")
    mentee = Participant.create(first_name="Finn", preferred_name="Finny", last_name="Adeyemi")
    mentee.date_of_birth = None
    mentee.notes = "changed"
    mentee.save()
    enrolment = Enrolment.create(participant=mentee, programme=programme, role="mentee")
    enrolment.status = "on_hold"
    enrolment.save()
    match = Match.create(programme=programme, status="active")
    MatchMember.create(match=match, participant=mentor, role="mentor")
    MatchMember.create(match=match, participant=mentee, role="mentee")
    match.status = "paused"
    match.save()
    gone = Participant.create(first_name="Erased", last_name="Person")
    gone_id = gone.id
    gone.delete_instance()
    window = AuditLogDialog()
    qtbot.addWidget(window)
    window.show()
    window.gone_id = gone_id  # type: ignore[attr-defined]
    return window


def _rows(dialog):
    proxy = dialog.proxy
    return [
        (
            proxy.index(r, 0).data(RowRole),
            proxy.index(r, RECORD).data(),
            proxy.index(r, FIELDS).data(),
            proxy.index(r, CHANGES).data(),
        )
        for r in range(proxy.rowCount())
    ]


def test_records_are_named_by_the_people_they_are_about(dialog):
    records = {record for _, record, _, _ in _rows(dialog)}
    assert "Participant: Finny Adeyemi" in records
    assert "Enrolment: Finny Adeyemi" in records
    assert "Match: Grace Okafor & Finny Adeyemi" in records
    assert not any("#" in r for r in records if not r.startswith("Participant #"))
    # A deleted record has nobody to name: only its number stays.
    assert f"Participant #{dialog.gone_id}" in records


def test_what_changed_reads_as_words(dialog):
    rows = _rows(dialog)
    enrolment_change = next(
        c for row, _, _, c in rows if row.entity == "enrolment" and row.action == "update"
    )
    assert enrolment_change == "status: Applied → On hold"
    person_fields = next(f for row, _, f, _ in rows if row.entity == "participant" and row.action == "update")
    assert "date of birth" in person_fields and "_" not in person_fields


def test_searching_by_name_finds_their_events(dialog, qtbot):
    QTest.keyClicks(dialog.search_edit, "Finny")
    qtbot.waitUntil(lambda: 0 < dialog.proxy.rowCount() < len(dialog.model.rows), timeout=2000)
    assert all("Finny" in record for _, record, _, _ in _rows(dialog))


def test_close_button_and_escape_close_the_window(dialog, qtbot):
    close = dialog.close_buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None and close.isVisible()
    QTest.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    dialog.show()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_audit_log_fits_a_laptop_screen(qtbot, db):
    """It opened 1100 px wide whatever the screen, cutting off the 'Old → new' column at 1024x700."""
    from mentordesk.ui.protection.audit_dialog import AuditLogDialog

    dialog = AuditLogDialog()
    qtbot.addWidget(dialog)
    free = dialog.screen().availableGeometry()  # the offscreen screen: 800x800
    assert dialog.width() <= free.width() and dialog.height() <= free.height() - 40
