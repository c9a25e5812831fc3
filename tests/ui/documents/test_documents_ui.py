"""The Documents area: printing for a match, the list of printed documents, signing, templates, batch."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mentordesk.core.progress import Progress
from mentordesk.core.vocab import DocumentKind as K
from mentordesk.services import documents
from mentordesk.store.models import Document, DocumentTemplate, Match
from mentordesk.ui.context import AppContext
from mentordesk.ui.documents import printing
from mentordesk.ui.documents.models import DocumentsModel, MatchesModel, RowRole, SortRole
from mentordesk.ui.documents.page import DocumentsPage
from mentordesk.ui.documents.printing import open_file as real_open_file
from tests.documents_fixtures import make_match, make_programme, person, standard_match


@pytest.fixture
def opened(monkeypatch):
    """Files the page asked the system viewer to open (nothing is really opened)."""
    calls: list[str] = []
    monkeypatch.setattr(printing, "open_file", lambda path: calls.append(str(path)) or True)
    return calls


@pytest.fixture
def warnings(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    return shown


@pytest.fixture
def page(qtbot, db, tmp_path, opened):
    match = standard_match()
    documents.set_output_dir(tmp_path / "printed")
    ctx = AppContext(tmp_path / "test.db")
    ctx.programme_id = match.programme_id
    widget = DocumentsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.refresh()
    widget.match = match
    return widget


def test_without_a_programme_the_page_says_what_to_do(qtbot, db, tmp_path):
    widget = DocumentsPage(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(widget)
    widget.refresh()
    assert widget.stack.currentWidget() is widget.no_programme
    assert not widget.batch_button.isEnabled()


def test_agreement_button_prints_records_lists_and_opens(page, opened):
    assert page.table_stack.currentWidget() is page.empty  # nothing printed yet
    assert page.panel.current_match_id() == page.match.id
    statuses = []
    page.ctx.statusMessage.connect(lambda text, ms: statuses.append(text))
    page.panel.buttons[K.AGREEMENT].click()
    assert page.table_stack.currentWidget() is page.table
    assert page.proxy.rowCount() == 1
    row = page.proxy.index(0, 0).data(RowRole)
    assert row.kind == "agreement" and row.exists and row.about == "Zoë Ó'Brien & Łukasz Kowalski"
    assert opened == [row.path]
    assert statuses and statuses[-1].startswith("Saved Riverside Futures 2026-27 - Mentoring agreement")
    assert page.selected_rows() == [row]  # the new document is selected
    assert "agreement: 4 still to sign" in page.panel.model.state(page.panel.current_row())


def test_letters_for_one_chosen_person(page):
    mentee_id = page.panel.current_row().member_ids[1]
    page.panel.recipient.setCurrentIndex(page.panel.recipient.findData(mentee_id))
    page.panel.open_after.setChecked(False)
    page.panel.buttons[K.CERTIFICATE].click()
    doc = Document.get(Document.kind == "certificate")
    assert doc.participant_id == mentee_id and "Łukasz Kowalski" in Path(doc.path).name


def test_closure_letter_only_for_closed_matches(page):
    assert not page.panel.buttons[K.CLOSURE_LETTER].isEnabled()
    assert page.panel.buttons[K.MEETING_LOG].isEnabled()
    Match.update(status="closed", closed_on=date(2027, 6, 1)).where(Match.id == page.match.id).execute()
    page.refresh()
    assert page.panel.buttons[K.CLOSURE_LETTER].isEnabled()


def test_names_that_cannot_be_printed_are_warned_about_first(page, monkeypatch):
    from mentordesk.services.documents import fonts

    monkeypatch.setattr(fonts, "fallback_font", lambda: None)  # a computer without any CJK font
    other = make_match(page.match.programme, [person("美咲", "佐藤")], [person("Sam", "Carter")])
    page.refresh()
    assert page.panel.select_match(other.id)
    assert page.panel.warning.isVisible() and "美咲 佐藤" in page.panel.warning.text()
    asked = []
    monkeypatch.setattr(page, "confirm_unprintable", lambda problems: asked.append(problems) or False)
    page.panel.buttons[K.AGREEMENT].click()
    assert asked and asked[0][0].text == "美咲 佐藤"
    assert Document.select().count() == 0  # the user chose not to print boxes
    monkeypatch.setattr(page, "confirm_unprintable", lambda problems: True)
    page.panel.buttons[K.AGREEMENT].click()
    assert Document.select().count() == 1


def test_generation_errors_are_shown_not_raised(page, warnings):
    DocumentTemplate.create(programme=page.match.programme_id, kind="agreement", body="Hi {mentee.nickname}")
    assert page.generate("agreement", page.match.id) is None
    assert warnings and "mentee.nickname" in warnings[0]


def test_mark_signed_updates_document_and_match(page, warnings):
    page.panel.buttons[K.AGREEMENT].click()
    row = page.selected_rows()[0]
    assert page.sign_button.isEnabled()
    assert not page.mark_signed(row.id, date.today() + timedelta(days=3))
    assert "future" in warnings[0]
    assert page.mark_signed(row.id, date(2026, 9, 21))
    assert Match.get_by_id(page.match.id).agreement_signed_on == date(2026, 9, 21)
    signed_column = page.proxy.index(0, DocumentsModel.SIGNED)
    assert signed_column.data() != "not yet" and signed_column.data(SortRole) == "2026-09-21"
    assert "agreement signed" in page.panel.model.state(page.panel.current_row())


def test_sign_dialog_offers_today_at_most(qtbot, page):
    from mentordesk.ui.documents.sign_dialog import SignDialog

    page.panel.buttons[K.AGREEMENT].click()
    dialog = SignDialog(page.selected_rows()[0], page)
    qtbot.addWidget(dialog)
    assert dialog.signed_on() == date.today()
    assert dialog.date_edit.maximumDate().toPython() == date.today()


def test_open_print_and_missing_files(page, opened, warnings, monkeypatch):
    page.panel.open_after.setChecked(False)
    page.panel.buttons[K.AGREEMENT].click()
    row = page.selected_rows()[0]
    page.open_selected()
    assert opened == [row.path]
    jobs = []
    monkeypatch.setattr(printing, "choose_printer", lambda parent: printing.PrintJob("Office", 2))
    monkeypatch.setattr(printing, "submit", lambda path, job: jobs.append((path, job)) or "Sent to Office.")
    page.print_selected()
    assert jobs == [(Path(row.path), printing.PrintJob("Office", 2))]

    def refuse(path, job):
        raise printing.PrintError("The printer refused the job (out of paper).")

    monkeypatch.setattr(printing, "submit", refuse)
    page.print_selected()
    assert "out of paper" in warnings[-1]
    Path(row.path).unlink()
    page.refresh()
    assert page.proxy.index(0, DocumentsModel.FILE).data() == "missing"
    page.table.selectRow(0)
    assert not page.open_button.isEnabled()
    page.open_selected()
    assert "moved or deleted" in warnings[-1]


def test_remove_records_and_optionally_files(page):
    page.panel.open_after.setChecked(False)
    page.panel.buttons[K.AGREEMENT].click()
    page.panel.buttons[K.MEETING_LOG].click()
    rows = documents.list_documents(page.match.programme_id)
    page.remove([rows[0].id], delete_files=True)
    assert not Path(rows[0].path).exists() and Path(rows[1].path).exists()
    assert page.proxy.rowCount() == 1


def test_search_and_only_the_selected_match(page):
    other = make_match(page.match.programme, [person("Björn", "Larsen")], [person("Ewa", "Nowak")])
    page.panel.open_after.setChecked(False)
    page.refresh()
    page.panel.select_match(page.match.id)
    page.panel.buttons[K.AGREEMENT].click()
    page.panel.select_match(other.id)
    page.panel.buttons[K.AGREEMENT].click()
    assert page.proxy.rowCount() == 2
    page.only_selected.setChecked(True)
    assert page.proxy.rowCount() == 1 and page.proxy.index(0, 1).data() == "Björn Larsen & Ewa Nowak"
    page.only_selected.setChecked(False)
    page.search.setText("łukasz")
    assert page.proxy.rowCount() == 1


def test_models_without_a_view(db):
    match = standard_match()
    path = documents.generate("agreement", match_id=match.id)
    model = DocumentsModel()
    model.set_rows(documents.list_documents(match.programme_id))
    assert model.rowCount() == 1 and model.columnCount() == 5
    assert model.index(0, DocumentsModel.KIND).data() == "Mentoring agreement"
    assert model.index(0, DocumentsModel.FILE).data() == path.name
    # An agreement names who is still to sign it: each member, the minor's guardian, the coordinator.
    assert model.index(0, DocumentsModel.SIGNED).data() == (
        "to sign: Zoë Ó'Brien (mentor), Łukasz Kowalski (mentee), Łukasz Kowalski's guardian, Alex Morgan"
    )
    assert model.index(0, DocumentsModel.GENERATED).data(SortRole).startswith(str(date.today().year))
    matches = MatchesModel()
    matches.set_rows(documents.list_matches(match.programme_id))
    text = matches.index(0, 0).data()
    assert text == "Zoë Ó'Brien & Łukasz Kowalski\nActive · agreement: 4 still to sign"
    assert "Still to sign: Zoë Ó'Brien (mentor)" in matches.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_template_editor_checks_as_you_type_and_saves(qtbot, page, monkeypatch):
    page.tabs.setCurrentWidget(page.templates)
    tab = page.templates
    assert tab.kind == "agreement" and tab.text() == documents.default_template("agreement")
    assert not tab.save_button.isEnabled()  # nothing changed yet
    tab.editor.setPlainText("# Agreement\nDear {mentee.nmae}, [[goals]]")
    tab.run_check()
    messages = [tab.problem_list.item(i).text() for i in range(tab.problem_list.count())]
    assert any("{mentee.nmae}" in m and "Did you mean mentee.name?" in m for m in messages)
    assert any("stand alone" in m for m in messages) is False  # [[goals]] mid-line is plain text
    assert not tab.save_button.isEnabled() and tab.problem_list.isVisible()
    assert tab.highlighter.problems == {1: [(5, 13)]}  # line 2, the unknown placeholder underlined
    assert not tab.save()
    tab.editor.setPlainText("# Agreement\nDear {mentee.name},\n")
    cursor = tab.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    tab.editor.setTextCursor(cursor)
    goals = next(
        tab.inserts.item(i)
        for i in range(tab.inserts.count())
        if tab.inserts.item(i).data(Qt.ItemDataRole.UserRole) == "[[goals]]"
    )
    tab._insert_item(goals)
    tab.run_check()
    assert tab.text().endswith("[[goals]]\n") and tab.problems == []
    assert tab.save_button.isEnabled()
    assert tab.save()
    assert documents.template_text(page.match.programme_id, "agreement") == tab.text()
    assert "Edited for this programme" in tab.customised.text()
    tab.reset()
    assert tab.text() == documents.default_template("agreement")


def test_switching_kind_with_unsaved_changes_asks_first(page, monkeypatch):
    page.tabs.setCurrentWidget(page.templates)
    tab = page.templates
    tab.editor.appendPlainText("One more line")
    monkeypatch.setattr(tab, "confirm_discard", lambda: False)
    tab.kinds.setCurrentRow(1)
    assert tab.kind == "agreement" and tab.text().endswith("One more line")
    monkeypatch.setattr(tab, "confirm_discard", lambda: True)
    tab.kinds.setCurrentRow(1)
    assert tab.kind == "consent_form" and tab.text() == documents.default_template("consent_form")
    placeholders = {tab.inserts.item(i).text() for i in range(tab.inserts.count())}
    assert "{participant.name}" in placeholders and "{match.start}" not in placeholders


def test_preview_lays_out_unsaved_text_without_recording(page, opened):
    page.tabs.setCurrentWidget(page.templates)
    tab = page.templates
    tab.editor.setPlainText("# Preview of {mentee.name}\n[[signatures]]")
    tab.run_check()
    tab.preview()
    assert opened and Path(opened[-1]).is_file() and tab.last_preview == Path(opened[-1])
    assert Document.select().count() == 0


def test_batch_dialog_prints_in_the_background(qtbot, page):
    from mentordesk.ui.documents.batch_dialog import BatchDialog

    make_match(page.match.programme, [person("Björn", "Larsen")], [person("Ewa", "Nowak", minor=True)])
    dialog = BatchDialog(page.ctx, page)
    qtbot.addWidget(dialog)
    assert "(2)" in dialog.only_new.text() and dialog.start_button.isEnabled()
    dialog.combined.setChecked(True)
    with qtbot.waitSignal(dialog.batchFinished, timeout=30000) as blocker:
        dialog.start()
        assert not dialog.start_button.isEnabled() and dialog.cancel_button.isEnabled()
    result = blocker.args[0]
    assert result.done == 2 and len(result.paths) == 1 and not result.cancelled
    assert dialog.progress.value() == dialog.progress.maximum() == 2
    assert "2 of 2 agreements written" in dialog.status.text()
    assert Document.select().where(Document.kind == "agreement").count() == 2
    assert not dialog.cancel_button.isEnabled()


def test_batch_cancel_keeps_the_gui_responsive(qtbot, page, monkeypatch):
    from mentordesk.ui.documents.batch_dialog import BatchDialog

    for n in range(3):
        make_match(page.match.programme, [person(f"Mentor{n}", "Okafor")], [person(f"Mentee{n}", "Mensah")])
    real = documents.generate_agreements
    gate = threading.Event()

    def held(ids, progress, **kwargs):
        def report(done, total, text):
            progress.report(done, total, text)
            if done == 1:
                gate.wait(10)  # hold the worker until the test has pressed Cancel

        return real(ids, progress=Progress(report, lambda: progress.cancelled), **kwargs)

    monkeypatch.setattr(documents, "generate_agreements", held)
    dialog = BatchDialog(page.ctx, page)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.progress.value() == 1, timeout=20000)  # the event loop kept running
    assert dialog.progress.maximum() == 4
    with qtbot.waitSignal(dialog.batchFinished, timeout=20000) as blocker:
        dialog.cancel_button.click()
        gate.set()
    result = blocker.args[0]
    assert result.cancelled and result.done == 1
    assert dialog.status.text().startswith("Cancelled: 1 of 4")
    assert Document.select().count() == 1
    assert dialog.start_button.isEnabled()


def test_worker_reports_failures(qtbot):
    from mentordesk.ui.workers import Worker

    def broken(progress):
        raise documents.DocumentError("Cannot write to /nowhere: choose another folder.")

    worker = Worker(broken)
    with qtbot.waitSignal(worker.signals.failed, timeout=10000) as blocker:
        worker.start()
    assert "choose another folder" in str(blocker.args[0])


def test_submit_uses_lp_or_copies_to_a_file(tmp_path, monkeypatch):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    message = printing.submit(pdf, printing.PrintJob("", 1, str(tmp_path / "copy")))
    assert (tmp_path / "copy.pdf").read_bytes() == b"%PDF-1.4 test" and "copy.pdf" in message
    commands = []

    class Done:
        returncode, stdout, stderr = 0, "request id is Office-7", ""

    monkeypatch.setattr(printing.sys, "platform", "linux")
    monkeypatch.setattr(printing.shutil, "which", lambda name: "/usr/bin/lp")
    monkeypatch.setattr(printing.subprocess, "run", lambda cmd, **kw: commands.append(cmd) or Done())
    assert printing.submit(pdf, printing.PrintJob("Office", 2)) == "Sent to Office."
    assert commands == [["/usr/bin/lp", "-n", "2", "-d", "Office", str(pdf)]]
    monkeypatch.setattr(printing.shutil, "which", lambda name: None)
    with pytest.raises(printing.PrintError, match="print from your viewer"):
        printing.submit(pdf, printing.PrintJob("Office"))


def test_page_in_the_main_window_with_the_demo(qtbot, demo_db, tmp_path, opened):
    from mentordesk.ui.main_window import MainWindow

    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    window.show()
    page = window.show_area("documents")
    assert isinstance(page, DocumentsPage)
    assert page.panel.model.rowCount() == 7  # the demo's six matches and a closed one
    page.panel.buttons[K.AGREEMENT].click()
    assert page.proxy.rowCount() == 1 and opened


def test_print_dialog_choice_becomes_a_job(qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(printing.QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert printing.choose_printer(parent) is None  # cancelled: nothing printed

    def accept(self):
        self.printer().setCopyCount(3)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(printing.QPrintDialog, "exec", accept)
    job = printing.choose_printer(parent)
    assert job is not None and job.copies == 3


def test_highlighter_counts_utf16_like_qt():
    from mentordesk.ui.documents.highlighter import utf16_length

    assert utf16_length("Zoë") == 3 and utf16_length("😀{x}") == 5


def test_preview_without_matches_uses_sample_people(db, tmp_path):
    programme = make_programme("Empty programme")
    path = documents.preview(
        "welcome_mentee", programme.id, documents.default_template("welcome_mentee"), None, tmp_path / "p.pdf"
    )
    from tests.documents_fixtures import pdf_text

    text = pdf_text(path)
    assert "Dear Łukasz," in text and "Zoë Ó'Brien" in text and "{" not in text
    assert Document.select().count() == 0


def test_switching_programme_selects_a_match_of_the_new_one(page):
    other_programme = make_programme("Staff mentoring 2027")
    other = make_match(other_programme, [person("Grace", "Adeyemi")], [person("Rory", "Costa")])
    page.ctx.programme_id = other_programme.id
    page.refresh()
    assert page.panel.current_match_id() == other.id
    assert page.panel.buttons[K.AGREEMENT].isEnabled()


def _answer_next_box(qtbot, button_text: str, seen: list[str]) -> None:
    """Click ``button_text`` on the next modal message box, as the user would."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def test_consent_form_for_an_adult_asks_first(qtbot, page):
    mentor_id = page.panel.current_row().member_ids[0]  # Zoë, an adult
    page.panel.recipient.setCurrentIndex(page.panel.recipient.findData(mentor_id))
    seen: list[str] = []
    _answer_next_box(qtbot, "Cancel", seen)
    page.panel.buttons[K.CONSENT_FORM].click()
    assert seen and "Zoë Ó'Brien: 18 or over" in seen[0]
    assert Document.select().count() == 0
    _answer_next_box(qtbot, "Print anyway", seen)
    page.panel.buttons[K.CONSENT_FORM].click()
    assert Document.get(Document.kind == "consent_form").participant_id == mentor_id


def test_open_after_printing_without_a_pdf_viewer_shows_the_folder(qtbot, page, monkeypatch, tmp_path):
    monkeypatch.setattr(printing, "open_file", real_open_file)  # the page fixture fakes it
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no xdg-open, no viewer: a bare system
    folders: list[str] = []
    monkeypatch.setattr(printing, "open_folder", lambda path: folders.append(str(path)) or True)
    assert page.panel.open_after.isChecked()
    qtbot.keyClick(page.panel.buttons[K.AGREEMENT], Qt.Key.Key_Space)
    path = Document.get(Document.kind == "agreement").path
    assert folders == [path]
    box = page.findChild(QMessageBox, "noViewerBox")
    assert box is not None and box.isVisible()
    assert "No program to open PDF files" in box.text() and Path(path).name in box.informativeText()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.findChild(QMessageBox, "noViewerBox") is None)
