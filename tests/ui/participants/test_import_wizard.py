"""The import wizard, end to end: file, format, mapping, preview of every problem, import and summary."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard

from mentordesk.store.models import Participant, Programme
from mentordesk.ui.participants.import_wizard import ImportWizard
from tests.roster_fixtures import counts, dump, write, xlsx_bytes

ROSTER = (
    "Prénom;Nom;Courriel;Date de naissance;Rôle;Compétences;Parent;Téléphone parent;Consent\n"
    "Zoé;Martin;zoe@example.fr;25/12/1985;mentor;coding (offers);;;\n"
    "Léa;Bernard;lea@;03/04/2011;mentee;maths;Anne Bernard;07700 900123;yes\n"
    "Hugo;Petit;hugo@example.fr;31/02/2010;mentee;;;;\n"
    "Noé;Durand;noe@example.fr;14/07/2010;mentee;chess;Paul Durand;07700 900124;oui\n"
)


@pytest.fixture
def wizard(qtbot, programme):
    wizard = ImportWizard(programme.id)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def next_button(wizard):
    return wizard.button(QWizard.WizardButton.NextButton)


def test_import_wizard_end_to_end(wizard, qtbot, tmp_path):
    path = write(tmp_path / "roster.csv", ROSTER, encoding="cp1252", newline="\r\n")
    assert not next_button(wizard).isEnabled()  # no file yet
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    # Format: detected, shown, overridable.
    assert (
        "Windows-1252" in wizard.format_page.detected.text()
        and "semicolon" in wizard.format_page.detected.text()
    )
    assert wizard.format_page.grid.model().rowCount() == 4
    wizard.next()
    # Mapping: guessed from the French headers.
    fields = [c.currentData() for c in wizard.mapping_page.combos]
    assert fields == [
        "first_name",
        "last_name",
        "email",
        "date_of_birth",
        "role",
        "skills",
        "guardian_name",
        "guardian_phone",
        "consent",
    ]
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.result is not None, timeout=10000)
    assert "4 rows: 2 can be imported, 2 have errors" in preview.summary.text()
    assert "25/12/1985 can only be read that way" in preview.date_note.text()
    problems = [(p.row, p.column) for p in preview.result.problems]
    assert (3, "Courriel") in problems and (4, "Date de naissance") in problems
    assert not next_button(wizard).isEnabled()  # errors: the user must choose to skip them
    preview.errors_only.setChecked(True)
    assert preview.table.model().rowCount() == 2
    preview.skip_bad.setChecked(True)
    assert next_button(wizard).isEnabled() and next_button(wizard).text() == "&Import"
    wizard.next()
    result = wizard.result_page
    qtbot.waitUntil(lambda: result.done or result.error.isVisible(), timeout=10000)
    assert result.done, result.error.text()
    assert "2 added, 0 updated, 2 skipped." in result.summary.text()
    assert "Rows skipped because of their errors: 3, 4." in result.details.text()
    assert "backup" in result.details.text()
    assert {p.email for p in Participant.select()} == {"zoe@example.fr", "noe@example.fr"}
    assert wizard.summary is not None and wizard.summary.added == 2
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_mapping_can_be_changed_and_is_remembered(wizard, qtbot, tmp_path):
    path = write(tmp_path / "odd.csv", "Given,Family,Kind,Contact\nAnn,Lee,mentor,ann@example.org\n")
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    wizard.next()
    mapping = wizard.mapping_page
    assert not next_button(wizard).isEnabled() and "No column holds the name" in mapping.problems.text()
    for combo, field in zip(mapping.combos, ["first_name", "last_name", "role", "email"], strict=True):
        combo.setCurrentIndex(combo.findData(field))
    assert next_button(wizard).isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.result is not None, timeout=10000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.result_page.done, timeout=10000)
    again = ImportWizard(Programme.get().id)
    qtbot.addWidget(again)
    again.show()
    again.file_page.path_edit.setText(str(path))
    again.next()
    again.next()
    assert [c.currentData() for c in again.mapping_page.combos] == [
        "first_name",
        "last_name",
        "role",
        "email",
    ]


def test_file_that_is_not_csv_is_stopped_on_the_first_page(wizard, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(xlsx_bytes())
    before, before_counts = dump(), counts()
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "The workbook could not be read" in wizard.file_page.error.text()
    assert dump() == before and counts() == before_counts


def test_header_only_file_cannot_be_imported(wizard, qtbot, tmp_path):
    path = write(tmp_path / "empty.csv", "First name,Last name,Role\n")
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.result is not None, timeout=10000)
    assert "no rows of people" in wizard.preview_page.error.text()
    assert not next_button(wizard).isEnabled()


def test_participants_page_opens_the_wizard_and_refreshes(qtbot, programme, tmp_path, monkeypatch):
    from mentordesk.ui.context import AppContext
    from mentordesk.ui.participants.page import ParticipantsPage

    ctx = AppContext(tmp_path / "test.db")
    ctx.programme_id = programme.id
    page = ParticipantsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.stack.currentWidget() is page.empty
    path = write(tmp_path / "r.csv", "Name,Role\nAnn Lee,mentor\nBo Chen,mentee\n")

    def run_wizard(self) -> int:
        self.show()
        self.file_page.path_edit.setText(str(path))
        self.next()
        self.next()
        self.next()
        qtbot.waitUntil(lambda: self.preview_page.result is not None, timeout=10000)
        self.next()
        qtbot.waitUntil(lambda: self.result_page.done, timeout=10000)
        return QWizard.DialogCode.Accepted

    monkeypatch.setattr(ImportWizard, "exec", run_wizard)
    page.import_action.trigger()
    assert page.stack.currentIndex() == 2 and page.model.rowCount() == 2


def test_cancelling_the_import_rolls_back_and_says_so(wizard, qtbot, tmp_path, monkeypatch):
    from mentordesk.services import participants

    path = write(tmp_path / "r.csv", "Name,Role\nAnn Lee,mentor\n")
    started = []

    def slow_import(*args, progress, **kwargs):
        started.append(True)
        while True:  # stands in for a long file: runs until the user cancels
            progress.check()
            QThread.msleep(5)

    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.result is not None, timeout=10000)
    monkeypatch.setattr(participants, "import_roster", slow_import)  # where the wizard looks it up
    before, before_counts = dump(), counts()
    wizard.next()
    qtbot.waitUntil(lambda: bool(started), timeout=10000)
    wizard.result_page.progress.cancel_button.click()
    qtbot.waitUntil(lambda: wizard.result_page.error.isVisible(), timeout=10000)
    assert "cancelled: nothing was changed" in wizard.result_page.error.text()
    assert wizard.result_page.title() == "Nothing was imported"
    assert dump() == before and counts() == before_counts


def test_preview_lists_each_change_and_conflicts_must_be_settled(wizard, qtbot, tmp_path, programme):
    from datetime import date

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from mentordesk.core.participants import Severity
    from mentordesk.store.models import Enrolment

    known = Participant.create(
        first_name="Łukasz", last_name="Wójcik", email="lw@example.org", phone="07700 900111",
        date_of_birth=date(1990, 12, 25),
    )
    Enrolment.create(participant=known, programme=programme, role="mentor")
    path = write(
        tmp_path / "roster.csv",
        "First name,Last name,E-mail,Phone,Date of birth,Role\n"
        "Lukasz,Wójcik,lw@example.org,07700 900222,25/12/1990,mentor\n"
        "Lukasz,Wójcik,someone.else@example.org,,25/12/1990,mentor\n",
        encoding="cp1252",
    )
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    wizard.next()
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.result is not None, timeout=10000)
    changes = [p.message for p in preview.result.problems if p.severity is Severity.CHANGE]
    assert changes == [
        "First name: keeps 'Łukasz' (the file has 'Lukasz', accents lost)",
        "Phone: '07700 900111' -> '07700 900222'",
    ]
    assert "merging would change: 1 (each change is listed)" in preview.summary.text()
    assert preview.conflict_box.isVisible() and preview.replace_lossy.isVisible()
    assert not next_button(wizard).isEnabled()  # the conflict is settled by the coordinator
    preview.conflict_new.setFocus()
    QTest.keyClick(preview.conflict_new, Qt.Key.Key_Space)  # keyboard reachable
    assert preview.conflict_new.isChecked()
    assert next_button(wizard).isEnabled()
    wizard.next()
    result = wizard.result_page
    qtbot.waitUntil(lambda: result.done or result.error.isVisible(), timeout=10000)
    assert result.done, result.error.text()
    assert "1 added, 1 updated" in result.summary.text()
    assert "Fields changed in people already here: 1; kept as they were: 1." in result.details.text()
    kept = Participant.get_by_id(known.id)
    assert (kept.first_name, kept.email, kept.phone) == ("Łukasz", "lw@example.org", "07700 900222")
    assert Participant.select().where(Participant.email == "someone.else@example.org").count() == 1


def test_a_workbook_with_two_sheets_offers_the_sheet_by_keyboard(wizard, qtbot, tmp_path):
    from openpyxl import Workbook
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Read me", "first"])
    form = book.create_sheet("Form1")
    form.append(["First name", "Last name", "Are you applying as a mentor or a mentee?", "Email"])
    form.append(["Ana", "Silva", "Mentor", "ana@example.org"])
    path = tmp_path / "applications.xlsx"
    book.save(path)
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    page = wizard.format_page
    assert wizard.currentPage() is page
    assert page.sheet.isVisibleTo(page) and not page.encoding.isVisibleTo(page)
    assert "sheet 'Notes'" in page.detected.text()
    page.sheet.setFocus()
    QTest.keyClick(page.sheet, Qt.Key.Key_Down)
    assert wizard.sheet == "Form1" and "sheet 'Form1'" in page.detected.text()
    wizard.next()
    assert [c.currentData() for c in wizard.mapping_page.combos] == ["first_name", "last_name", "role", "email"]


def test_a_typed_path_with_no_file_says_so(wizard, tmp_path):
    """Typing the path of a file that is not there (a typo, or the file still in Downloads) left Next
    greyed out and said nothing: the coordinator could not tell why the wizard would not go on."""
    page = wizard.file_page
    missing = tmp_path / "roster-2026.csv"
    page.path_edit.setFocus()
    QTest.keyClicks(page.path_edit, str(missing))
    QTest.keyClick(page.path_edit, Qt.Key.Key_Return)
    assert not next_button(wizard).isEnabled()
    assert page.error.isVisibleTo(wizard)
    assert page.error.text() == (
        f"There is no file or folder at {missing}: check the name, or choose the file with Browse…"
    )
    missing.write_text("first_name,last_name\nAda,Lovelace\n", encoding="utf-8")
    QTest.keyClick(page.path_edit, Qt.Key.Key_Backspace)
    QTest.keyClick(page.path_edit, Qt.Key.Key_V)  # the name corrected: the message goes
    assert not page.error.isVisibleTo(wizard) and next_button(wizard).isEnabled()


def test_check_step_lists_every_row_and_errors_only_filters(wizard, qtbot, tmp_path):
    """The coordinator's file (no Role column, role picked on the mapping page): the check table shows the
    row that will be imported as well as the bad one; "Show errors only" then hides the good one."""
    path = write(
        tmp_path / "import2.csv",
        "First name,E-mail,Date of birth\n"
        "Ruth,ruth.m@example.org,03/04/1985\n"
        "Oskar,oskar.l@example.org,1985-13-01\n",
    )
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    wizard.next()
    mapping = wizard.mapping_page
    mapping.default_role.setFocus()
    mentor = mapping.default_role.findData("mentor")
    while mapping.default_role.currentIndex() != mentor:  # by keyboard, as the coordinator picks it
        QTest.keyClick(mapping.default_role, Qt.Key.Key_Down)
    assert next_button(wizard).isEnabled()
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.result is not None, timeout=10000)
    assert "2 rows: 1 can be imported, 1 has errors." in preview.summary.text()
    table = preview.table.model()

    def lines():
        return [(table.index(r, 0).data(), table.index(r, 2).data()) for r in range(table.rowCount())]

    assert not preview.errors_only.isChecked()
    shown = lines()
    assert (2, "Ready to import: Ruth (mentor)") in shown  # the good row, before pressing Import
    assert any(row == 3 and "Ready" not in text for row, text in shown)  # Oskar's bad date
    assert [row for row, _ in shown] == sorted(row for row, _ in shown)  # in the file's order
    preview.errors_only.setFocus()
    QTest.keyClick(preview.errors_only, Qt.Key.Key_Space)
    assert preview.errors_only.isChecked()
    assert [row for row, _ in lines()] == [3]  # only the bad row now
    QTest.keyClick(preview.errors_only, Qt.Key.Key_Space)
    assert lines() == shown


@pytest.mark.parametrize(
    ("rows", "valid", "invalid", "expected"),
    [
        (1, 1, 0, "1 row: 1 can be imported, 0 have errors."),
        (2, 1, 1, "2 rows: 1 can be imported, 1 has errors."),
        (3, 1, 2, "3 rows: 1 can be imported, 2 have errors."),
    ],
)
def test_row_counts_read_as_english(rows, valid, invalid, expected):
    from mentordesk.ui.participants.import_wizard import rows_text

    assert rows_text(rows, valid, invalid) == expected
