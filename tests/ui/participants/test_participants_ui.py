"""The Participants page: table, filter as you type, detail pane, dialogs, bulk actions, delete, settings tab."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from mentordesk.core.participants.profile_text import TagSpec
from mentordesk.services.participants.listing import roster
from mentordesk.store.models import Enrolment, MatchMember, Participant, ParticipantTag, Programme
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.participants import actions
from mentordesk.ui.participants.roster_model import CLEARANCE, NAME, ROLE, ROW_ROLE, RosterFilter, RosterModel


@pytest.fixture
def window(demo_main_window):
    return demo_main_window  # the shared fixture (tests/conftest.py)


@pytest.fixture
def page(window):
    return window.show_area("participants")


def visible_names(page) -> list[str]:
    return [page.proxy.row_at(r).name for r in range(page.proxy.rowCount())]


def select(page, *names: str) -> None:
    ids = {r.participant_id for r in page.model.rows if r.name in names}
    assert len(ids) == len(names)
    page.select_ids(ids)


def only_a_reference_short(page):
    """A mentor whose one gap is a second reference (whichever comes first in the table's order)."""
    return next(
        r
        for r in page.model.rows
        if r.role == "mentor" and "1 of 2 references" in r.clearance and ";" not in r.clearance
    )


def when_modal(qtbot, action) -> None:
    """Run ``action(dialog)`` on the next modal dialog, once it is open."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        action(dialog)

    QTimer.singleShot(0, run)


# -- the model, without a view -------------------------------------------------------------------


def test_model_and_filter_without_a_view(qapp, demo_db):
    rows = roster(Programme.get().id)
    model = RosterModel()
    model.set_rows(rows)
    proxy = RosterFilter()
    proxy.setSourceModel(model)
    assert model.rowCount() == proxy.rowCount() == 40
    first = model.index(0, NAME)
    assert model.data(first) == rows[0].name and model.data(first, ROW_ROLE) is rows[0]
    not_cleared = next(i for i, r in enumerate(rows) if not r.cleared)
    tooltip = model.data(model.index(not_cleared, CLEARANCE), Qt.ItemDataRole.ToolTipRole)
    assert rows[not_cleared].clearance in tooltip
    proxy.set_text("riverside")  # organisation
    assert proxy.rowCount() == sum(1 for r in rows if r.organisation == "Riverside Academy")
    proxy.set_text("OFFERS chess")  # two words, both must match (tags)
    assert proxy.rowCount() and all(
        "chess" in proxy.row_at(i).tags and "(offers)" in proxy.row_at(i).tags
        for i in range(proxy.rowCount())
    )
    proxy.set_text("ZOE")  # accent-insensitive: Zoë
    assert [proxy.row_at(i).first_name for i in range(proxy.rowCount())] == ["Zoë"]
    proxy.set_text("")
    proxy.set_role("mentor")
    assert proxy.rowCount() == 14
    proxy.set_status("ready")
    assert all(proxy.row_at(i).status == "ready" for i in range(proxy.rowCount()))
    proxy.set_role("")
    proxy.set_status("")
    proxy.set_attention_only(True)
    assert 0 < proxy.rowCount() < 40 and all(proxy.row_at(i).attention for i in range(proxy.rowCount()))


def test_sorting_keeps_the_selection_on_the_same_person(page):
    select(page, "Zoë Ó'Brien")
    page.table.sortByColumn(ROLE, Qt.SortOrder.DescendingOrder)
    assert page.proxy.row_at(0).role == "peer" or page.proxy.row_at(0).role == "mentor"
    assert [r.name for r in page.selected_rows()] == ["Zoë Ó'Brien"]
    page.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    assert visible_names(page)[0] == "Amara Yılmaz"  # by the name as shown, first name first


# -- the page -----------------------------------------------------------------------------------


def test_page_lists_the_programme_with_screening_at_a_glance(page):
    assert page.stack.currentIndex() == 2
    assert page.model.rowCount() == 40
    assert "40 people: 14 mentors" in page.subtitle.text() and "need attention" in page.subtitle.text()
    assert page.count_label.text() == "40 people"


def test_attention_count_and_clearance_column_agree(qtbot, window):
    """Nobody shows "not cleared" (red) while the page and the dashboard say nobody needs attention:
    a mentor in screening without an interview counts; someone who only applied reads "Screening
    not started" (grey), counted apart; "Needs attention" shows exactly the people counted."""
    from mentordesk.services import dashboard, participants as participants_service
    from mentordesk.services.participants import EnrolmentDetails, PersonDetails, Profile

    programme = Programme.create(name="New scheme")
    window.reload_programmes(select_id=programme.id)
    for first, status in (("Ivo", "screening"), ("Uma", "applied"), ("Ray", "applied")):
        participants_service.save_profile(
            None, programme.id, Profile(PersonDetails(first, "Mentor"), EnrolmentDetails("mentor", status))
        )
    page = window.show_area("participants")
    page.refresh()
    rows = {page.model.rows[r].first_name: r for r in range(page.model.rowCount())}
    text = {name: page.model.index(r, CLEARANCE).data() for name, r in rows.items()}
    assert text["Uma"] == text["Ray"] == "Screening not started"
    assert text["Ivo"].startswith("screening: no interview recorded")
    assert "1 need attention · 2 not screened yet" in page.subtitle.text()
    page.attention_filter.setFocus()
    QTest.keyClick(page.attention_filter, Qt.Key.Key_Space)
    assert page.attention_filter.isChecked() and visible_names(page) == ["Ivo Mentor"]
    people = [a for a in dashboard.overview(programme.id).attention if a.area == "participants"]
    assert [a.subject for a in people] == ["Ivo Mentor"]


def test_typing_plain_letters_finds_names_with_letters_unicode_does_not_decompose(qtbot, window):
    """Found from outside: "lukasz" did not find Łukasz (Ł, Ø, ß... have no accent to strip)."""
    from mentordesk.services import participants as participants_service
    from mentordesk.services.participants import EnrolmentDetails, PersonDetails, Profile

    programme_id = window.ctx.programme_id
    for first, last in (("Łukasz", "Søndergård"), ("Grete", "Straße"), ("Zoë", "Đorđević")):
        participants_service.save_profile(
            None, programme_id, Profile(PersonDetails(first, last), EnrolmentDetails("mentee", "applied"))
        )
    page = window.show_area("participants")
    page.refresh()
    for typed, found in (
        ("lukasz sonder", "Łukasz Søndergård"),
        ("strasse", "Grete Straße"),
        ("zoe dordevic", "Zoë Đorđević"),
        ("Søndergård", "Łukasz Søndergård"),  # the name as written finds it too
    ):
        page.search.clear()
        qtbot.keyClicks(page.search, typed)
        assert visible_names(page) == [found], typed


def test_filter_as_you_type(page, qtbot):
    qtbot.keyClicks(page.search, "smit")
    assert visible_names(page) == ["Seán Smith-Jones"]
    assert page.count_label.text() == "Showing 1 of 40"
    page.search.clear()
    qtbot.keyClicks(page.search, "example.org")  # e-mail
    assert len(visible_names(page)) == 40
    page.search.clear()
    qtbot.keyClicks(page.search, "nobody-has-this")
    assert page.table_stack.currentWidget() is page.no_matches
    page.search.clear()
    page.role_filter.setCurrentIndex(page.role_filter.findData("mentor"))
    page.status_filter.setCurrentIndex(page.status_filter.findData("ready"))
    assert visible_names(page) and all(
        page.proxy.row_at(i).role == "mentor" and page.proxy.row_at(i).status == "ready"
        for i in range(page.proxy.rowCount())
    )
    page.role_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(0)
    page.attention_filter.setChecked(True)
    problems = " ".join(" ".join(page.proxy.row_at(i).attention) for i in range(page.proxy.rowCount()))
    assert "expires in" in problems and "no guardian consent" in problems and "training not done" in problems


def test_ctrl_f_focuses_the_search(page, qtbot):
    page.table.setFocus()
    page.find_action.trigger()
    assert page.search.hasFocus()


def test_selection_opens_the_detail_pane(page):
    select(page, "Siobhán Mensah")  # the mentor whose DBS expires soon
    assert page.side.currentWidget() is page.detail
    assert page.detail.title.text() == "Siobhán Mensah"
    assert "expires in" in page.detail.clearance.text()
    steps = [page.detail.checklist.itemAt(i).widget().text() for i in range(page.detail.checklist.count())]
    assert any("References (2 needed)" in s for s in steps) and any("Background check" in s for s in steps)
    history = [page.detail.history.itemAt(i).widget().text() for i in range(page.detail.history.count())]
    # The demo records each enrolment's moves through the pipeline: the latest first.
    assert history and "Screening → Ready" in history[0] and "Applied" in history[-1]
    select(page, "Finn Adeyemi", "Nadia Bakr")
    assert page.side.currentWidget() is page.no_selection and "2 people selected" in page.no_selection.text()


def test_empty_states(qtbot, db, tmp_path):
    win = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(win)
    win.show()
    page = win.show_area("participants")
    assert page.stack.currentWidget() is page.no_programme
    Programme.create(name="Empty")
    win.reload_programmes()
    page.refresh()
    assert page.stack.currentWidget() is page.empty
    assert page.empty.action_button.text() == "Import a CSV roster…"


# -- add and edit -------------------------------------------------------------------------------


def test_add_participant_through_the_dialog_with_an_invalid_email_first(page, qtbot):
    seen = {}

    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.first_name, "Ada")
        qtbot.keyClicks(dialog.last_name, "Lovelace")
        qtbot.keyClicks(dialog.email, "ada@")
        seen["save enabled with a bad e-mail"] = dialog.ok_button.isEnabled()
        seen["message"] = dialog.error_label.text()
        seen["marked"] = dialog.email.property("invalid")
        qtbot.keyClicks(dialog.email, "example.org")
        dialog.date_of_birth.setText("10/12/1985")
        seen["age"] = dialog.age_hint.text()
        dialog.role.setCurrentIndex(dialog.role.findData("mentor"))
        dialog.capacity.setValue(2)
        dialog.tags.kind.setCurrentIndex(dialog.tags.kind.findData("skill"))
        dialog.tags.name.setText("mathematics")
        dialog.tags.direction.setCurrentIndex(dialog.tags.direction.findData("offers"))
        dialog.tags.add_current()
        dialog.slots.add_current()  # the default Monday 16:00-17:30
        seen["save enabled"] = dialog.ok_button.isEnabled()
        dialog.ok_button.click()

    when_modal(qtbot, fill)
    page.add_participant()
    assert seen["save enabled with a bad e-mail"] is False
    assert "'ada@' is not an e-mail address" in seen["message"] and seen["marked"] is True
    assert "age" in seen["age"] and seen["save enabled"] is True
    ada = Participant.get(Participant.email == "ada@example.org")
    assert (ada.last_name, ada.date_of_birth) == ("Lovelace", date(1985, 12, 10))
    enrolment = Enrolment.get(Enrolment.participant == ada)
    assert (enrolment.role, enrolment.capacity, enrolment.status) == ("mentor", 2, "applied")
    assert [(t.tag.name, t.direction) for t in ada.tag_links] == [("mathematics", "offers")]
    assert [r.name for r in page.selected_rows()] == ["Ada Lovelace"]  # the new person is selected


def test_dialog_flags_each_bad_field_as_you_type(qtbot, demo_db):
    from mentordesk.ui.participants.person_dialog import PersonDialog

    dialog = PersonDialog(Programme.get().id)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled() and "first name is required" in dialog.error_label.text()
    qtbot.keyClicks(dialog.first_name, "Bo")
    qtbot.keyClicks(dialog.phone, "12ab")
    assert "not a phone number" in dialog.error_label.text()
    dialog.phone.clear()
    dialog.date_of_birth.setText("31/02/2010")
    assert "February 2010 has 28 days" in dialog.error_label.text()
    dialog.date_of_birth.setText((date.today() + timedelta(days=3)).isoformat())
    assert "in the future" in dialog.error_label.text()
    dialog.date_of_birth.setText("2012-05-01")
    assert "a minor" in dialog.age_hint.text()
    dialog.slots.add(__import__("mentordesk.core.participants", fromlist=["Slot"]).Slot(0, 960, 1050))
    dialog.slots.add(__import__("mentordesk.core.participants", fromlist=["Slot"]).Slot(0, 1000, 1100))
    assert "overlaps" in dialog.error_label.text() and not dialog.ok_button.isEnabled()


def test_edit_keeps_and_changes_fields(page, qtbot):
    select(page, "Zoë Ó'Brien")

    def change(dialog) -> None:
        assert dialog.first_name.text() == "Zoë" and dialog.tags.list.count() > 0
        dialog.organisation.setText("New Employer Ltd")
        dialog.ok_button.click()

    when_modal(qtbot, change)
    page.edit_selected()
    zoe = Participant.get(Participant.first_name == "Zoë")
    assert zoe.organisation == "New Employer Ltd"
    assert ParticipantTag.select().where(ParticipantTag.participant == zoe).count() > 0  # tags kept


# -- bulk actions -------------------------------------------------------------------------------


def test_bulk_status_change_reports_who_could_not_move(page, monkeypatch):
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    # Finn is a minor in screening without consent; Tomás is in screening and cleared.
    select(page, "Finn Adeyemi", "Tomás García")
    page.change_status("ready")
    statuses = {r.name: r.status for r in page.model.rows}
    assert statuses["Tomás García"] == "ready" and statuses["Finn Adeyemi"] == "screening"
    assert "1 moved to ready; 1 could not be" in messages[0] and "Finn Adeyemi: Not cleared" in messages[0]


def test_bulk_exit_asks_for_a_reason(page, monkeypatch):
    monkeypatch.setattr(actions, "ask_exit_reason", lambda page, count: "Left the school")
    select(page, "Nadia Bakr")
    page.change_status("exited")
    enrolment = Enrolment.get(Enrolment.participant == page.selected_rows()[0].participant_id)
    assert (enrolment.status, enrolment.exit_reason) == ("exited", "Left the school")


def test_bulk_add_tag(page, monkeypatch):
    monkeypatch.setattr(actions, "ask_tag", lambda page, count: TagSpec("interest", "Robotics club", "both"))
    select(page, "Finn Adeyemi", "Nadia Bakr", "Zoë Ó'Brien")
    page.add_tag()
    tagged = {r.name for r in page.model.rows if "Robotics club" in r.tags}
    assert tagged == {"Finn Adeyemi", "Nadia Bakr", "Zoë Ó'Brien"}


def test_export_selection(page, tmp_path, monkeypatch):
    target = tmp_path / "chosen"
    monkeypatch.setattr(page, "save_dialog", lambda title, name: target)
    select(page, "Finn Adeyemi", "Nadia Bakr")
    page.export_selection_button.click()
    written = target.with_name("chosen.csv")
    rows = list(csv.DictReader(written.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["Last name"] for r in rows] == ["Adeyemi", "Bakr"]


# -- delete -------------------------------------------------------------------------------------


def test_delete_names_the_person_and_is_refused_for_a_match_member(page, monkeypatch):
    asked, warned = [], []

    def question(parent, title, text, buttons=None, default=None):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    member = MatchMember.select().first().participant
    select(page, member.display_name)
    page.delete_selected()
    assert member.display_name in asked[0] and "cannot be undone" in asked[0]
    assert "is a member of match" in warned[0]
    assert Participant.get_or_none(Participant.id == member.id) is not None
    select(page, "Finn Adeyemi")
    page.delete_selected()
    assert "Finn Adeyemi" in asked[1]
    assert "Finn Adeyemi" not in {r.name for r in page.model.rows}


def test_delete_key_works_in_the_table_but_not_in_the_search_box(page, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel
    )
    qtbot.keyClicks(page.search, "Finn")
    page.search.setCursorPosition(0)
    qtbot.keyClick(page.search, Qt.Key.Key_Delete)
    assert page.search.text() == "inn" and asked == []
    page.search.clear()
    select(page, "Finn Adeyemi")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert asked and "Finn Adeyemi" in asked[0]


def test_delete_can_be_cancelled(page, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    select(page, "Finn Adeyemi")
    page.delete_selected()
    assert "Finn Adeyemi" in {r.name for r in page.model.rows}


# -- screening and guardians --------------------------------------------------------------------


def test_screening_dialog_adds_a_check_and_clearance_follows(qtbot, page, monkeypatch):
    from mentordesk.ui.participants.screening_dialog import CheckDialog, ScreeningDialog

    row = only_a_reference_short(page)
    dialog = ScreeningDialog(row.participant_id, Programme.get().id, row.name)
    qtbot.addWidget(dialog)
    assert "Not cleared: 1 of 2 references" in dialog.clearance_label.text()

    def fill(check: CheckDialog) -> bool:
        assert check.kind.currentData() == "reference"
        assert not check.validator.validate()  # a referee needs a name
        check.outcome.setCurrentIndex(check.outcome.findData("passed"))
        check.completed_on.setText(date.today().isoformat())
        check.person_name.setText("Dr Ref Two")
        check.relationship.setText("Former employer")
        return check.validator.validate()

    monkeypatch.setattr(ScreeningDialog, "_run", lambda self, check: fill(check))
    dialog.add_check("reference")
    assert dialog.changed and dialog.clearance_label.text().startswith("✔ Cleared")


def test_screening_notes_show_in_the_checklist(qtbot, page, monkeypatch):
    """A note typed on a check appears under its step in the detail pane and in the screening
    dialog's checklist (it used to be kept but never shown)."""
    from mentordesk.ui.participants.screening_dialog import CheckDialog, ScreeningDialog

    row = next(r for r in page.model.rows if r.role == "mentor" and "1 of 2 references" in r.clearance)
    dialog = ScreeningDialog(row.participant_id, Programme.get().id, row.name)
    qtbot.addWidget(dialog)

    def fill(check: CheckDialog) -> bool:
        check.show()
        check.outcome.setCurrentIndex(check.outcome.findData("pending"))
        QTest.keyClicks(check.person_name, "Dr Ref Two")
        QTest.keyClicks(check.notes, "Asked on 3 March; chase after half term")
        ok = check.validator.validate()
        check.close()
        return ok

    monkeypatch.setattr(ScreeningDialog, "_run", lambda self, check: fill(check))
    dialog.add_check("reference")
    tree = dialog.checklist
    steps = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    references = next(item for step, item in steps.items() if step.startswith("References"))
    assert references.text(3) == "Asked on 3 March; chase after half term"
    assert "chase after half term" not in steps["Interview"].text(3)
    page.refresh()
    select(page, row.name)
    lines = [page.detail.checklist.itemAt(i).widget().text() for i in range(page.detail.checklist.count())]
    step = next(line for line in lines if "References" in line)
    assert "Asked on 3 March; chase after half term" in step
    assert not any("chase after half term" in line for line in lines if line is not step)


def test_check_dialog_hides_fields_that_do_not_apply(qtbot):
    from mentordesk.ui.participants.screening_dialog import CheckDialog

    dialog = CheckDialog(kind="training")
    qtbot.addWidget(dialog)
    assert dialog.form.isRowVisible(dialog.hours) and not dialog.form.isRowVisible(dialog.check_type)
    dialog.kind.setCurrentIndex(dialog.kind.findData("background_check"))
    assert dialog.form.isRowVisible(dialog.check_type) and not dialog.form.isRowVisible(dialog.hours)


def test_guardian_and_consent_make_a_minor_ready(qtbot, page, monkeypatch):
    from mentordesk.ui.participants.guardians_dialog import ConsentDialog, GuardianDialog, GuardiansDialog

    row = next(r for r in page.model.rows if r.name == "Finn Adeyemi")
    dialog = GuardiansDialog(row.participant_id, row.name)
    qtbot.addWidget(dialog)

    def fill_consent(self) -> int:
        self.kind.setCurrentIndex(self.kind.findData("parental_permission"))
        return QDialog.DialogCode.Accepted if self.validator.validate() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(ConsentDialog, "exec", fill_consent)
    dialog.add_consent()
    assert any(
        "Parental permission: given" in dialog.consent_list.item(i).text()
        for i in range(dialog.consent_list.count())
    )

    guardian = GuardianDialog()
    qtbot.addWidget(guardian)
    guardian.name.setText("Pat")
    assert "Give a phone number or an e-mail" in guardian.error_label.text()
    guardian.phone.setText("07700 900321")
    assert guardian.validator.validate()
    page.refresh()
    select(page, "Finn Adeyemi")
    page.change_status("ready")
    assert next(r for r in page.model.rows if r.name == "Finn Adeyemi").status == "ready"


# -- settings -----------------------------------------------------------------------------------


def test_screening_rules_tab_changes_clearance(window):
    from mentordesk.services.participants.clearance import rules_for

    settings_page = window.show_area("settings")
    index = next(i for i in range(settings_page.tabs.count()) if settings_page.tabs.tabText(i) == "Screening")
    tab = settings_page.tabs.widget(index)
    assert tab.references.value() == 2 and tab.warning.text() == ""
    tab.references.setValue(1)
    assert "fewer than two references" in tab.warning.text()
    tab.save()
    assert rules_for(Programme.get().id).references == 1
    page = window.show_area("participants")
    assert next(r for r in page.model.rows if r.name == "Priya D'Souza").cleared  # had one reference


def test_export_menu_offers_an_excel_workbook(page, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    target = tmp_path / "roster"
    asked = []
    monkeypatch.setattr(page, "save_dialog", lambda title, name: asked.append(name) or target)
    action = next(a for a in page.export_menu.actions() if a.text() == "Participants roster as Excel workbook…")
    action.trigger()
    assert asked == ["participants.xlsx"]
    sheet = load_workbook(target.with_name("roster.xlsx")).active
    assert sheet["A1"].value == "First name" and sheet.max_row > 1


def type_unicode(widget, text: str) -> None:
    """Key presses carrying any character (QTest.keyClicks only knows ASCII), as an input method sends them."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def test_dialog_refuses_invisible_names_and_over_long_fields_and_strips_overrides(qtbot, demo_db):
    from PySide6.QtCore import Qt

    from mentordesk.ui.participants.person_dialog import PersonDialog

    dialog = PersonDialog(Programme.get().id)
    qtbot.addWidget(dialog)
    type_unicode(dialog.first_name, "\u200b\u200d")
    assert dialog.first_name.text() == "\u200b\u200d"
    assert "first name is made only of invisible characters" in dialog.error_label.text().lower()
    assert not dialog.ok_button.isEnabled() and dialog.first_name.property("invalid") is True
    dialog.first_name.clear()
    qtbot.keyClicks(dialog.first_name, "Ann")
    type_unicode(dialog.first_name, "\u202e")
    qtbot.keyClicks(dialog.organisation, "O" * 201)
    assert "Organisation is 201 characters long; the limit is 200: shorten it." in dialog.error_label.text()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.organisation, Qt.Key.Key_Backspace)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert Participant.get_by_id(dialog.saved_id).first_name == "Ann"


def test_with_no_programme_add_participant_offers_to_create_it_first(qtbot, db, tmp_path):
    win = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(win)
    win.show()
    page = win.show_area("participants")
    seen = {}

    def add_person(dialog) -> None:
        seen["person dialog for"] = dialog.programme_id
        qtbot.keyClicks(dialog.first_name, "Ada")
        dialog.first_name.setFocus()
        QTest.keyClick(dialog.first_name, Qt.Key.Key_Return)

    def create_programme(dialog) -> None:
        when_modal(qtbot, add_person)
        qtbot.keyClicks(dialog.name_edit, "Year 10 mentoring")
        dialog.end_edit.setFocus()
        QTest.keyClick(dialog.end_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.end_edit, "2027-07-31")
        QTest.keyClick(dialog.end_edit, Qt.Key.Key_Return)

    def offer(box) -> None:
        seen["offer"] = box.text()
        when_modal(qtbot, create_programme)
        QTest.keyClick(box, Qt.Key.Key_Return)  # the default button: Create programme…

    when_modal(qtbot, offer)
    page.add_action.trigger()
    assert "Create the programme first?" in seen["offer"]
    programme = Programme.get(Programme.name == "Year 10 mentoring")
    assert programme.ends_on == date(2027, 7, 31)
    assert seen["person dialog for"] == programme.id and win.programme_combo.currentData() == programme.id
    assert (
        Enrolment.get(Enrolment.participant == Participant.get(first_name="Ada")).programme_id == programme.id
    )


def test_with_no_programme_import_csv_can_be_cancelled_and_changes_nothing(qtbot, db, tmp_path):
    win = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(win)
    win.show()
    page = win.show_area("participants")
    seen = []
    when_modal(qtbot, lambda box: (seen.append(box.windowTitle()), QTest.keyClick(box, Qt.Key.Key_Escape)))
    page.import_action.trigger()
    assert seen == ["No programme yet"] and Programme.select().count() == 0


def test_status_menu_offers_only_the_allowed_moves_and_says_why_not(qtbot, page):
    select(page, "Finn Adeyemi")  # a minor in screening, no guardian consent yet
    menu = page.status_menu
    menu.popup(page.status_button.mapToGlobal(page.status_button.rect().bottomLeft()))
    qtbot.waitUntil(menu.isVisible)
    moves = {a.data(): a for a in menu.actions()}
    assert moves["applied"].isEnabled() and moves["on_hold"].isEnabled() and moves["exited"].isEnabled()
    assert not moves["ready"].isEnabled() and moves["ready"].toolTip().startswith("Not cleared yet")
    assert not moves["matched"].isEnabled()
    assert "from screening the next steps are" in moves["matched"].toolTip()
    assert moves["screening"].toolTip() == "Already screening." and not moves["screening"].isEnabled()
    QTest.keyClick(menu, Qt.Key.Key_Escape)


def test_when_screening_completes_the_dialog_offers_ready_in_one_click(qtbot, page, monkeypatch):
    from mentordesk.ui.participants.screening_dialog import CheckDialog, ScreeningDialog

    row = only_a_reference_short(page)
    Enrolment.update(status="screening").where(Enrolment.id == row.enrolment_id).execute()
    dialog = ScreeningDialog(row.participant_id, Programme.get().id, row.name)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ready_offer.isVisible()  # not cleared yet

    def fill(check: CheckDialog) -> bool:
        check.outcome.setCurrentIndex(check.outcome.findData("passed"))
        qtbot.keyClicks(check.completed_on, date.today().isoformat())
        qtbot.keyClicks(check.person_name, "Dr Ref Two")
        qtbot.keyClicks(check.relationship, "Former employer")
        return check.validator.validate()

    monkeypatch.setattr(ScreeningDialog, "_run", lambda self, check: fill(check))
    dialog.add_check("reference")
    assert dialog.ready_offer.isVisible() and "Screening is complete" in dialog.ready_text.text()
    QTest.mouseClick(dialog.ready_button, Qt.MouseButton.LeftButton)
    assert Enrolment.get(Enrolment.participant == row.participant_id).status == "ready"
    assert not dialog.ready_offer.isVisible() and dialog.changed


def test_enrol_the_selection_in_another_programme_by_keyboard(window, page, qtbot):
    from mentordesk.ui.participants.enrol_dialog import EnrolDialog

    next_year = Programme.create(name="Mentoring next year")
    select(page, "Finn Adeyemi", "Nadia Bakr")
    seen = []

    def fill(dialog) -> None:
        assert isinstance(dialog, EnrolDialog)
        seen.append(dialog.programme.currentText())
        dialog.role.setFocus()
        QTest.keyClick(dialog.role, Qt.Key.Key_Down)  # "Keep each person's role" -> Mentor
        QTest.keyClick(dialog.carry, Qt.Key.Key_Space)  # no checks carried
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    when_modal(qtbot, fill)
    QTest.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    assert seen == ["Mentoring next year"]
    enrolled = Enrolment.select().where(Enrolment.programme == next_year)
    assert sorted(e.participant.display_name for e in enrolled) == ["Finn Adeyemi", "Nadia Bakr"]
    assert {e.role for e in enrolled} == {"mentor"} and {e.status for e in enrolled} == {"applied"}
    assert window.statusBar().currentMessage() == "Mentoring next year: 2 enrolled."


def test_an_adult_mentor_shows_no_stray_none_recorded_line(page, qtbot):
    """A new coordinator's mentor showed "None recorded." on its own under the screening checklist:
    the hint belongs to the Guardians and consent section, which a mentor without guardians does not
    show, so it read as if the screening had nothing recorded."""
    from mentordesk.services import participants

    mentor = next(
        r
        for r in page.model.rows
        if r.role == "mentor"
        and not r.minor
        and r.name.isascii()
        and not participants.list_guardians(r.participant_id)
        and not participants.list_consents(r.participant_id)
    )
    page.search.setFocus()
    QTest.keyClicks(page.search, mentor.name)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    table = page.table
    first_row = table.visualRect(table.model().index(0, 0)).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first_row)
    qtbot.waitUntil(lambda: page.detail.title.text() == mentor.name)
    family = page.detail.family
    shown = [family.itemAt(i).widget() for i in range(family.count())]
    assert not page.detail.family_title.isVisibleTo(page.detail)
    assert [w.text() for w in shown if w.isVisibleTo(page.detail)] == []


def test_export_to_a_missing_folder_says_what_to_do(page, tmp_path, monkeypatch, qtbot):
    """Exporting the roster into a folder that is not there said only "Could not write …: No such file
    or directory", leaving the coordinator to guess the fix; it now says to choose another folder."""
    target = tmp_path / "not-there" / "roster.csv"
    monkeypatch.setattr(page, "save_dialog", lambda title, name: target)
    seen: dict[str, str] = {}

    def read_and_close(dialog) -> None:
        seen["text"] = dialog.text()
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(qtbot, read_and_close)
    next(a for a in page.export_menu.actions() if a.text() == "Participants roster as CSV…").trigger()
    assert seen["text"] == f"Could not write {target}: No such file or directory. Choose another folder."
    assert not target.parent.exists()


def test_mentee_count_agrees_with_the_dashboard_after_a_closure_without_rematch(window):
    """Closing a match without a rematch marks the mentee Exited: the dashboard's Mentees card counts
    people who have not left, and so does the page's header, which counts the one who left apart."""
    import re
    from datetime import date

    from mentordesk.services import dashboard, pairing

    page = window.show_area("participants")
    programme_id = window.ctx.programme_id
    live = next(m for m in pairing.published_matches(programme_id) if m.status == "active" and m.mentor_ids)
    pairing.close_match(live.id, pairing.Closure(date.today(), "premature", "Moved away", "coordinator"))
    page.refresh()
    text = page.subtitle.text()
    people, mentors, mentees = map(int, re.match(r"(\d+) people: (\d+) mentors, (\d+) mentees", text).groups())
    left = int(re.search(r", (\d+) left the programme", text).group(1))
    overview = dashboard.overview(programme_id)
    assert mentees == overview.mentees and mentors == overview.mentors
    assert people == mentors + mentees + left == page.model.rowCount()
    assert left == sum(1 for r in page.model.rows if r.status == "exited") >= 1


def test_a_just_applied_mentee_reads_screening_not_started_like_a_mentor(qtbot, window):
    """The coordinator's case: a 15-year-old mentee added with a guardian and their consent is cleared (a
    mentee needs nothing more), but, like an applied mentor, reads "Screening not started" (table, detail
    pane, screening window) until the status moves on; the window's Ready offer says why no step is left."""
    from datetime import timedelta

    from mentordesk.services import participants as participants_service
    from mentordesk.services.participants import (
        ConsentInput,
        EnrolmentDetails,
        GuardianInput,
        PersonDetails,
        Profile,
    )
    from mentordesk.ui.participants.screening_dialog import ScreeningDialog

    programme = Programme.create(name="Year 10 scheme")
    window.reload_programmes(select_id=programme.id)
    today = date.today()
    born = date(today.year - 15, today.month, 1) - timedelta(days=1)
    participants_service.add_person_with_guardian(
        programme.id,
        Profile(PersonDetails("Dmitri", "Volkov", date_of_birth=born), EnrolmentDetails("mentee", "applied")),
        GuardianInput("Olga Volkova", phone="07700 900321"),
        ConsentInput("parental_permission", True, today),
    )
    participants_service.save_profile(
        None, programme.id, Profile(PersonDetails("Anaïs", "Haddad"), EnrolmentDetails("mentor", "applied"))
    )
    page = window.show_area("participants")
    page.refresh()
    rows = {page.model.rows[r].first_name: r for r in range(page.model.rowCount())}
    assert page.model.rows[rows["Dmitri"]].cleared  # the rule: guardian + consent is all a mentee needs
    cells = {name: page.model.index(r, CLEARANCE) for name, r in rows.items()}
    assert cells["Dmitri"].data() == cells["Anaïs"].data() == "Screening not started"
    tip = cells["Dmitri"].data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Screening not started: nothing the programme requires is missing")
    assert cells["Anaïs"].data(Qt.ItemDataRole.ToolTipRole).startswith(
        "Screening not started: still needed: no interview recorded"
    )
    assert "2 not screened yet" in page.subtitle.text()
    dmitri = page.model.rows[rows["Dmitri"]]
    page.select_ids({dmitri.participant_id})
    detail = page.detail.clearance.text()
    assert detail.startswith("◷ Screening not started — nothing the programme requires is missing")
    assert "Cleared" not in detail
    dialog = ScreeningDialog(dmitri.participant_id, programme.id, dmitri.name)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.clearance_label.text().startswith("◷ Screening not started — nothing")
    assert dialog.ready_offer.isVisible() and "has only applied" in dialog.ready_text.text()
    assert "Screening is complete" not in dialog.ready_text.text()
    QTest.mouseClick(dialog.ready_button, Qt.MouseButton.LeftButton)
    assert Enrolment.get(Enrolment.participant == dmitri.participant_id).status == "ready"
    assert dialog.clearance_label.text().startswith("✔ Cleared")  # now moved on: the clearance shows
