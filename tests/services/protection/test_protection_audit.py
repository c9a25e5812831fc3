"""The audit browser: the service's SQL filters, the table model and proxy without a view, and the window."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from mentordesk.services.protection import audit as audit_log
from mentordesk.store import audit
from mentordesk.store.models import AuditEvent, Enrolment, Participant, Programme
from mentordesk.ui.protection.audit_model import (
    ACTION,
    RECORD,
    WHEN,
    AuditFilterProxy,
    AuditTableModel,
    RowRole,
)


@pytest.fixture
def history(db):
    """A small trail: people created and edited, an enrolment moving through statuses, a deletion."""
    programme = Programme.create(name="Audit programme")
    person = Participant.create(first_name="Ada", last_name="Secretname", email="ada@example.org")
    person.notes = "private note"
    person.save()
    enrolment = Enrolment.create(participant=person, programme=programme, role="mentee")
    for status in ("screening", "ready", "matched"):
        enrolment.status = status
        enrolment.save()
    other = Participant.create(first_name="Bo", last_name="Gone")
    other.delete_instance()
    # An old event, to filter by date.
    AuditEvent.update(at=datetime(2020, 1, 15, 12)).where(
        AuditEvent.id == AuditEvent.select().first().id
    ).execute()
    return programme, person, enrolment


def test_events_never_hold_personal_values(history):
    _, person, enrolment = history
    rows = audit_log.load().rows
    text = " ".join(f"{r.changes_text} {r.summary} {' '.join(r.fields)}" for r in rows)
    assert "Secretname" not in text and "private note" not in text and "ada@example.org" not in text
    assert any("notes" in r.fields for r in rows)  # the field name is kept
    assert [h[2] for h in audit.history("enrolment", enrolment.id)] == [
        "applied",
        "screening",
        "ready",
        "matched",
    ]


def test_service_filters_in_sql(history):
    everything = audit_log.load()
    assert not everything.truncated
    assert {r.entity for r in audit_log.load(entity="enrolment").rows} == {"enrolment"}
    assert {r.action for r in audit_log.load(action="delete").rows} == {"delete"}
    assert all(r.at.date() >= date(2021, 1, 1) for r in audit_log.load(since=date(2021, 1, 1)).rows)
    assert [r.at.date() for r in audit_log.load(until=date(2020, 1, 15)).rows] == [date(2020, 1, 15)]
    limited = audit_log.load(limit=3)
    assert len(limited.rows) == 3 and limited.truncated
    assert limited.rows[0].at >= limited.rows[-1].at  # newest first
    assert "enrolment" in audit_log.entities() and "delete" in audit_log.actions()


def test_model_and_proxy_without_a_view(history):
    _, person, enrolment = history
    model = AuditTableModel()
    model.set_rows(audit_log.load().rows)
    proxy = AuditFilterProxy()
    proxy.setSourceModel(model)
    total = model.rowCount()
    assert proxy.rowCount() == total > 5

    proxy.set_filters(entity="enrolment")
    shown = [proxy.index(r, 0).data(RowRole) for r in range(proxy.rowCount())]
    assert shown and {r.entity for r in shown} == {"enrolment"}

    proxy.set_filters(entity="", text="ready → matched")
    assert proxy.rowCount() == 1
    assert proxy.index(0, RECORD).data() == "Enrolment: Ada Secretname"  # the person, not a number

    proxy.set_filters(text=f"#{person.id}")
    assert {proxy.index(r, 0).data(RowRole).entity_id for r in range(proxy.rowCount())} == {person.id}

    proxy.set_filters(text="", action="delete")
    assert proxy.rowCount() == 1 and proxy.index(0, ACTION).data() == "Deleted"

    proxy.set_filters(action="", since=date(2019, 12, 1), until=date(2020, 2, 1))
    assert proxy.rowCount() == 1
    proxy.set_filters(since=None, until=None)
    assert proxy.rowCount() == total

    proxy.sort(WHEN, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data(RowRole).at.year == 2020


def test_audit_window_filters_and_shows_an_empty_state(qtbot, history):
    from mentordesk.ui.protection.audit_dialog import AuditLogDialog

    dialog = AuditLogDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    total = dialog.proxy.rowCount()
    assert dialog.stack.currentWidget() is dialog.table
    dialog.entity_combo.setCurrentIndex(dialog.entity_combo.findData("enrolment"))
    assert 0 < dialog.proxy.rowCount() < total
    qtbot.keyClicks(dialog.search_edit, "no such thing anywhere")
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.empty, timeout=2000)
    assert "No event matches" in dialog.empty.title_label.text()
    dialog.search_edit.clear()
    dialog.entity_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.proxy.rowCount() == total, timeout=2000)
    dialog.since_check.setChecked(True)
    dialog.since_edit.setDate(date.today() - timedelta(days=1))
    assert dialog.proxy.rowCount() == total - 1  # the 2020 event drops out
    assert f"{total - 1} of {total} events" in dialog.count_label.text()
