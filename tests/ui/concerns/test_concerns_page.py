"""The Concerns page driven by keys and clicks: locked until the lead confirms, raising a concern (refused
with the field named), an action, closing, the printed summary, the idle lock, and the person's export."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from mentordesk.services import concerns, protection
from mentordesk.store.models import AuditEvent, Concern, ConcernAction, Match, Participant, Programme
from tests.concerns_fixtures import REGISTER_PASSPHRASE
from tests.discard_fixtures import discard_button
from tests.protection_fixtures import when_modal


def views() -> int:
    return (
        AuditEvent.select()
        .where((AuditEvent.action == "view") & AuditEvent.entity.startswith("concern"))
        .count()
    )


@pytest.fixture
def page(demo_main_window):
    demo = Programme.get(Programme.name.startswith("Riverside"))
    demo_main_window.reload_programmes(select_id=demo.id)
    page = demo_main_window.show_area("concerns")
    return page


def back_to_window(qtbot, page) -> None:
    """Offscreen Qt leaves a closed dialog the active window; a window manager would activate ours again."""
    page.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())


def unlock_by_keys(qtbot, page, *, setting_up: bool = True, by_shortcut: bool = False) -> None:
    def fill(dialog) -> None:
        QTest.keyClicks(dialog.passphrase_edit, REGISTER_PASSPHRASE)
        if setting_up:
            QTest.keyClicks(dialog.repeat_edit, REGISTER_PASSPHRASE)
        QTest.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)

    back_to_window(qtbot, page)
    when_modal(fill)
    if by_shortcut:
        QTest.keyClick(page, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    else:
        QTest.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: concerns.is_unlocked())
    back_to_window(qtbot, page)
    # The page's own shortcuts work where the focus is in the page: a click in the register puts it there.
    QTest.mouseClick(
        page.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.table.visualRect(page.proxy.index(0, 0)).center(),
    )
    qtbot.waitUntil(
        lambda: page.isAncestorOf(page.window().focusWidget()) if page.window().focusWidget() else False
    )


def test_the_register_shows_nothing_until_unlocked_and_forgets_it_on_lock(qtbot, page):
    assert page.stack.currentWidget() is page.locked_state
    assert page.model.rowCount() == 0 and views() == 0
    assert "1 open concern(s)" in page.locked_state.text_label.text()  # a number, no names
    assert not page.raise_button.isEnabled()
    unlock_by_keys(qtbot, page, by_shortcut=True)
    assert page.model.rowCount() == 2 and views() == 1
    assert {page.model.index(r, 3).data() for r in range(2)} == {
        row.subject_names for row in concerns.list_concerns(page.ctx.programme_id)
    }
    QTest.keyClick(
        page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not concerns.is_unlocked()
    assert page.stack.currentWidget() is page.locked_state and page.model.rowCount() == 0

    # Next time the passphrase is asked again, and a wrong one is refused (and audited).
    def wrong(dialog) -> None:
        QTest.keyClicks(dialog.passphrase_edit, "not the passphrase")
        QTest.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
        assert "not the passphrase" in dialog.error_label.text()
        dialog.reject()

    when_modal(wrong)
    QTest.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    assert not concerns.is_unlocked() and page.model.rowCount() == 0
    assert AuditEvent.select().where(AuditEvent.action == "unlock_refused").count() == 1


def test_the_idle_lock_clears_the_register(qtbot, page, demo_main_window):
    unlock_by_keys(qtbot, page)
    assert page.model.rowCount() == 2
    protection.set_lock_passphrase("idle passphrase")
    lock = demo_main_window.protection.idle_lock
    assert lock.lock(idle=True)
    assert page.model.rowCount() == 0 and page.stack.currentWidget() is page.locked_state
    QTest.keyClicks(lock.dialog.passphrase_edit, "idle passphrase")
    QTest.mouseClick(lock.dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not lock.locked)
    assert not concerns.is_unlocked()  # the lead confirms again after the idle lock
    page.refresh()
    assert page.stack.currentWidget() is page.locked_state


def test_raising_a_concern_by_keyboard_names_the_missing_field(qtbot, page):
    unlock_by_keys(qtbot, page)
    seen: dict[str, str] = {}

    def fill(dialog) -> None:
        QTest.keyClicks(dialog.raised_by_edit, "Mr Lambros (PE teacher)")
        QTest.keyClick(dialog.mentee_combo, Qt.Key.Key_Down)  # the first mentee
        QTest.keyClicks(dialog.description_edit, "He said he is scared to go home.")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["first"] = dialog.error_label.text()
        QTest.keyClick(dialog.category_combo, Qt.Key.Key_Down)  # Disclosure
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    before = Concern.select().count()
    when_modal(fill)
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen["first"].startswith("Category: choose")
    assert Concern.select().count() == before + 1
    new = Concern.select().order_by(Concern.id.desc()).get()
    assert (new.category, new.about, new.raised_by) == ("disclosure", "mentee", "Mr Lambros (PE teacher)")
    assert page.model.rowCount() == 3


def test_an_action_and_closing_from_the_concern_dialog(qtbot, page):
    unlock_by_keys(qtbot, page)
    open_row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 6).data() == "Open")
    page.table.selectRow(open_row)
    concern_id = page.selected_id()
    match_id = Concern.get_by_id(concern_id).match_id
    seen: dict[str, str] = {}

    def suspend(action_dialog) -> None:
        QTest.mouseClick(action_dialog.keep_radio, Qt.MouseButton.LeftButton)
        QTest.keyClicks(action_dialog.reason_edit, "Meetings in school only while this is looked into")
        QTest.mouseClick(action_dialog.save_button, Qt.MouseButton.LeftButton)

    def work(dialog) -> None:
        dialog.tabs.setCurrentIndex(2)
        when_modal(suspend)
        button = next(
            b for b in dialog.findChildren(type(dialog.close_button)) if "Suspend &match" in b.text()
        )
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        seen["actions"] = dialog.actions_list.item(dialog.actions_list.count() - 1).text()
        dialog.tabs.setCurrentIndex(4)
        QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        seen["no outcome"] = dialog.error_label.text()
        QTest.keyClicks(
            dialog.outcome_edit, "Early help in place; mentoring resumed with the family's agreement."
        )
        QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        seen["status"] = dialog.status_label.text()
        dialog.reject()

    when_modal(work)
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert "Match suspended" in seen["actions"] and "meetings held" in seen["actions"]
    assert seen["no outcome"].startswith("Outcome: write what came of the concern")
    assert seen["status"].startswith("Closed on")
    assert Match.get_by_id(match_id).status == "paused"
    assert ConcernAction.select().where(ConcernAction.kind == "suspend_match").count() == 1
    assert Concern.get_by_id(concern_id).closed_on is not None
    assert all(page.proxy.index(r, 6).data() != "Open" for r in range(page.proxy.rowCount()))


def test_print_concern_summary_writes_a_private_pdf(qtbot, page, tmp_path, monkeypatch):
    unlock_by_keys(qtbot, page)
    target = tmp_path / "summary"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    before = views()
    QTest.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    written = Path(str(target) + ".pdf")
    assert written.is_file() and stat.S_IMODE(written.stat().st_mode) == 0o600
    assert written.read_bytes().startswith(b"%PDF")
    assert views() == before + 1


def test_a_persons_export_asks_about_concerns_and_gives_the_legal_reason(qtbot, page, tmp_path, monkeypatch):
    from mentordesk.ui.protection.people_dialogs import ExportChoiceDialog, export_person

    mentee = Participant.get_by_id(Concern.get(Concern.closed_on.is_null()).mentee_id)
    dialog = ExportChoiceDialog(page)
    qtbot.addWidget(dialog)
    assert not dialog.concerns_check.isChecked()
    assert any("Schedule 3" in label.text() for label in dialog.findChildren(QLabel))
    # Ticking it while the register is locked asks for the lead's confirmation; refusing leaves it unticked.
    dialog.show()
    asked = []
    when_modal(lambda unlock: (asked.append(unlock.windowTitle()), unlock.reject()))
    QTest.mouseClick(dialog.concerns_check, Qt.MouseButton.LeftButton)
    assert asked == ["Register passphrase"] and not dialog.concerns_check.isChecked()
    dialog.close()
    unlock_by_keys(qtbot, page)

    def choose(choice) -> None:
        QTest.mouseClick(choice.concerns_check, Qt.MouseButton.LeftButton)
        QTest.keyClick(choice, Qt.Key.Key_Return)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    when_modal(choose)
    json_path, _pdf = export_person(page, mentee.id)
    assert "safeguarding_concerns" in json_path.read_text(encoding="utf-8")


def test_the_concern_dialogs_fit_name_their_controls_and_tab_in_reading_order(qtbot, page):
    from mentordesk.ui import screenshots
    from mentordesk.ui.concerns.action_dialog import ActionDialog
    from mentordesk.ui.concerns.concern_dialog import ConcernDialog
    from mentordesk.ui.concerns.unlock_dialog import RegisterUnlockDialog
    from tests.screen_fixtures import backwards_steps, clipped, unnamed

    setup = RegisterUnlockDialog(page)
    qtbot.addWidget(setup)
    setup.show()
    screenshots._settle()
    problems = [f"unlock: {p}" for check in (clipped, unnamed, backwards_steps) for p in check(setup)]
    setup.close()
    concerns.set_up(REGISTER_PASSPHRASE, REGISTER_PASSPHRASE)
    concern_id = Concern.get(Concern.closed_on.is_null()).id
    dialog = ConcernDialog(page.ctx.programme_id, concern_id, page)
    qtbot.addWidget(dialog)
    dialog.show()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        screenshots._settle()
        for check in (clipped, unnamed, backwards_steps):
            problems += [f"concern › {dialog.tabs.tabText(index)}: {p}" for p in check(dialog)]
    for kind in ("suspend_match", "suspend_mentor", "guardian_informed", "guardian_not_informed"):
        action = ActionDialog(kind, concern_id, dialog.draft(), dialog.subjects, dialog.match_list, dialog)
        qtbot.addWidget(action)
        action.show()
        screenshots._settle()
        for check in (clipped, unnamed, backwards_steps):
            problems += [f"{kind}: {p}" for p in check(action)]
    assert not problems, "\n".join(problems)


def test_the_keeping_rule_and_the_concerns_past_it(qtbot, page, monkeypatch):
    from datetime import date

    from PySide6.QtWidgets import QMessageBox

    unlock_by_keys(qtbot, page)
    closed = Concern.get(Concern.closed_on.is_null(False))
    Concern.update(keep_until=date(2020, 1, 1)).where(Concern.id == closed.id).execute()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    seen: dict[str, str] = {}

    def work(dialog) -> None:
        seen["past"] = dialog.past_label.text()
        QTest.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        seen["after"] = dialog.past_label.text()
        dialog.years_spin.selectAll()
        QTest.keyClicks(dialog.years_spin, "10")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(work)
    QTest.mouseClick(page.keeping_button, Qt.MouseButton.LeftButton)
    assert seen["past"].startswith("1 closed concern(s) are past")
    assert seen["after"] == "No concern is past its keeping date."
    assert Concern.get_or_none(Concern.id == closed.id) is None
    assert concerns.get_rule().years_after_closure == 10
    assert "kept 10 years after closing" in page.retention_label.text()


def test_the_underlined_letter_of_unlock_works_as_well_as_ctrl_u(qtbot, page):
    """The locked register's button reads "Unlock…" with the U underlined, but Alt+U did nothing: its
    Ctrl+U had replaced the mnemonic. Both keys open the unlock dialog now."""
    asked: list[str] = []
    for count, modifier in enumerate((Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier), 1):
        back_to_window(qtbot, page)
        when_modal(lambda unlock: (asked.append(unlock.windowTitle()), unlock.reject()))
        QTest.keyClick(page.window(), Qt.Key.Key_U, modifier)
        qtbot.waitUntil(lambda n=count: len(asked) == n, timeout=3000)
        assert not concerns.is_unlocked()


def test_escape_asks_before_throwing_away_a_typed_concern(qtbot, page):
    """Escape in the Raise concern dialog closed it at once and a disclosure typed in the reporter's
    own words was gone, without a question. Now it asks, with Keep editing the default; an untouched
    dialog still closes at once."""
    unlock_by_keys(qtbot, page)
    seen: dict[str, object] = {}

    def type_then_escape(dialog) -> None:
        QTest.keyClicks(dialog.raised_by_edit, "Ms Okafor (form tutor)")
        QTest.keyClicks(dialog.description_edit, "She said she felt unsafe walking home.")
        QTest.keyClick(dialog.description_edit, Qt.Key.Key_Escape)
        seen["open after Escape"] = dialog.isVisible()
        box = dialog.discard_box
        seen["asked"] = box.text() if box is not None else ""
        QTest.keyClick(box, Qt.Key.Key_Escape)  # = Keep editing
        seen["kept"] = dialog.isVisible() and dialog.description_edit.toPlainText()
        dialog.close()  # the window's close button asks too
        discard = discard_button(dialog)
        QTest.mouseClick(discard, Qt.MouseButton.LeftButton)

    before = Concern.select().count()
    when_modal(type_then_escape)
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen["open after Escape"] is True
    assert seen["asked"] == "Discard this concern?"
    assert seen["kept"] == "She said she felt unsafe walking home."
    assert Concern.select().count() == before

    back_to_window(qtbot, page)
    closed: list[bool] = []
    when_modal(lambda dialog: (QTest.keyClick(dialog.raised_by_edit, Qt.Key.Key_Escape), closed.append(True)))
    QTest.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # nothing typed: no question
    assert closed == [True]


def test_the_register_writes_dates_as_the_forms_do_and_names_its_columns(qtbot, page):
    """The register read "Raised on 2026-12-03" and "Closed 2026-10-27" next to forms written
    dd/mm/yyyy, and its "Referred on" column held an agency (LADO), not a day."""
    from PySide6.QtCore import QLocale, QPoint

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    unlock_by_keys(qtbot, page)
    page.refresh()
    header = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(page.proxy.columnCount())]
    assert header[5] == "Referred to"
    closed = Concern.select().where(Concern.closed_on.is_null(False)).get()
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data() == f"#{closed.id}")
    assert page.proxy.index(row, 1).data() == closed.raised_on.strftime("%d/%m/%Y")
    assert page.proxy.index(row, 6).data() == f"Closed {closed.closed_on.strftime('%d/%m/%Y')}"
    bar = page.table.horizontalHeader()
    QTest.mouseClick(bar.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(bar.sectionViewportPosition(1) + 5, 5))
    raised = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    by_day = [f"#{c.id}" for c in Concern.select().order_by(Concern.raised_on, Concern.id)]
    assert raised in (by_day, by_day[::-1])  # sorted by the day, not by the text dd/mm/yyyy
    QLocale.setDefault(previous)


def test_escape_asks_before_throwing_away_a_typed_action(qtbot, page):
    """Escape in a concern's action (suspend, guardian informed) threw away the reason typed, unasked."""
    from mentordesk.store.models import ConcernAction
    from mentordesk.ui.concerns.action_dialog import ActionDialog
    from mentordesk.ui.concerns.concern_dialog import ConcernDialog

    concerns.set_up(REGISTER_PASSPHRASE, REGISTER_PASSPHRASE)
    concern_id = Concern.get(Concern.closed_on.is_null()).id
    owner = ConcernDialog(page.ctx.programme_id, concern_id, page)
    qtbot.addWidget(owner)
    before = ConcernAction.select().count()
    action = ActionDialog("guardian_not_informed", concern_id, owner.draft(), owner.subjects, owner.match_list, owner)
    qtbot.addWidget(action)
    action.show()
    QTest.keyClicks(action.reason_edit, "Informing them could put her at risk")
    QTest.keyClick(action.reason_edit, Qt.Key.Key_Escape)
    assert action.isVisible() and action.discard_box.text() == "Discard this action?"
    QTest.keyClick(action.discard_box, Qt.Key.Key_Escape)  # = Keep editing
    assert action.isVisible() and "at risk" in action.reason_edit.toPlainText()
    QTest.keyClick(action.reason_edit, Qt.Key.Key_Escape)
    discard = discard_button(action)
    QTest.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert not action.isVisible() and ConcernAction.select().count() == before
