"""The Surveys page, driven with pytest-qt: the due list, typing answers with the keyboard, importing
a returned fillable PDF, the before-and-after figures and the empty state."""

from __future__ import annotations

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from mentordesk.services import surveys
from mentordesk.store.models import Programme, SurveyResponse
from mentordesk.ui.context import AppContext
from mentordesk.ui.surveys.dialogs import AnswersDialog
from mentordesk.ui.surveys.page import SurveysPage
from tests.screen_fixtures import unnamed


def driven(handler):
    def exec_(self):
        self.show()
        handler(self)
        return self.result()

    return exec_


@pytest.fixture
def page(qtbot, demo_db, tmp_path):
    ctx = AppContext(tmp_path / "test.db")
    ctx.set_programme(Programme.get().id)
    widget = SurveysPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    widget.show()
    widget.refresh()
    return widget


def choose_row(page, survey: str) -> surveys.DueRow:
    for row in range(page.due_proxy.rowCount()):
        index = page.due_proxy.index(row, 0)
        due = page.due_model.row_at(page.due_proxy.mapToSource(index).row())
        if due.survey == survey:
            page.due_view.setCurrentIndex(index)
            return due
    raise AssertionError(f"{survey} is not due for anyone")


def pick(combo: QComboBox, steps: int) -> None:
    combo.setFocus()
    for _ in range(steps):
        QTest.keyClick(combo, Qt.Key.Key_Down)


def test_due_list_and_outcomes_show_the_demo(page):
    assert page.stack.currentWidget() is page.tabs
    assert page.due_model.rows and any(r.overdue for r in page.due_model.rows)
    outcomes = {r.scale: r for r in page.outcomes_model.rows}
    assert outcomes["Confidence"].pairs == 5 and outcomes["Confidence"].mean_change is not None
    assert all(b.accessibleName() for b in (page.print_button, page.fillable_button, page.type_button))


def test_typing_answers_with_the_keyboard(page, monkeypatch, qtbot):
    due = choose_row(page, "First-month fit check (mentee)")
    before = SurveyResponse.select().count()
    seen = {}

    def fill(dialog: AnswersDialog):
        # first OK with nothing chosen: the required questions are named, the dialog stays open
        dialog.accept()
        seen["error"] = dialog.error.text()
        assert dialog.isVisible()
        pick(dialog.inputs["fit"], 2)  # "—" -> 1 -> 2
        pick(dialog.inputs["continue"], 2)  # "—" -> Yes -> No
        QTest.keyClicks(dialog.inputs["comments"], "Quiet so far")
        dialog.accept()

    monkeypatch.setattr(AnswersDialog, "exec", driven(fill))
    QTest.mouseClick(page.type_button, Qt.MouseButton.LeftButton)
    assert "How well are you getting on with your mentor?”: an answer is required." in seen["error"]
    assert SurveyResponse.select().count() == before + 1
    saved = SurveyResponse.select().order_by(SurveyResponse.id.desc()).get()
    assert (saved.participant_id, saved.match_id) == (due.participant_id, due.match_id)
    assert saved.answers == {"fit": 2, "continue": False, "comments": "Quiet so far"}
    assert not any(
        r.participant_id == due.participant_id and r.template_id == due.template_id
        for r in page.due_model.rows
    )
    problems = [a.problem for a in surveys.attention_items(page.ctx.programme_id)]
    assert sum("“Do you want to carry on meeting your mentor?” No" in p for p in problems) >= 2


def test_returned_fillable_pdf_imports(page, tmp_path):
    due = choose_row(page, "First-month fit check (mentee)")
    [form] = surveys.print_surveys(
        due.template_id, [(due.participant_id, due.match_id)], tmp_path, fillable=True
    )
    writer = PdfWriter(clone_from=PdfReader(form))
    writer.update_page_form_field_values(
        writer.pages[0], {"q_fit": "/v5", "q_continue": "/yes"}, auto_regenerate=False
    )
    returned = tmp_path / "returned.pdf"
    with open(returned, "wb") as handle:
        writer.write(handle)
    count = len(page.responses_model.rows)
    result = page.import_files([returned])
    assert result is not None and result.ok and len(page.responses_model.rows) == count + 1
    assert page.responses_model.rows[0].source == "pdf"


def test_empty_state_adds_the_built_ins(qtbot, db, tmp_path):
    programme = Programme.create(name="New scheme")
    ctx = AppContext(tmp_path / "test.db")
    ctx.set_programme(programme.id)
    page = SurveysPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.stack.currentWidget() is page.empty and not page.import_button.isEnabled()
    QTest.mouseClick(page.empty.action_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.tabs
    assert len(page.templates_model.rows) == 6


def test_answers_dialog_is_named_for_screen_readers(qtbot, demo_db):
    template = surveys.list_templates(Programme.get().id)[2]  # the pulse: every kind of question
    dialog = AnswersDialog(template, 1, "Someone", None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed(dialog) == []


def test_form_export_with_the_column_dialog(page, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QInputDialog

    from mentordesk.store.models import Participant
    from mentordesk.ui.surveys.dialogs import MappingDialog

    due = choose_row(page, "First-month fit check (mentee)")
    email = Participant.get_by_id(due.participant_id).email
    export = tmp_path / "form.csv"
    export.write_text(f"Email address,Q1,Carry on?\n{email},4,Yes\n", encoding="utf-8")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("First-month fit check (mentee)", True))
    seen = {}

    def fill(dialog: MappingDialog):
        seen["guessed"] = dialog.mapping()
        combo = dialog.combos["Q1"]
        combo.setFocus()
        while combo.currentData() != "fit":
            QTest.keyClick(combo, Qt.Key.Key_Down)
        combo = dialog.combos["Carry on?"]
        combo.setFocus()
        while combo.currentData() != "continue":
            QTest.keyClick(combo, Qt.Key.Key_Down)
        dialog.accept()

    monkeypatch.setattr(MappingDialog, "exec", driven(fill))
    result = page.import_files([export])
    assert seen["guessed"] == {"Email address": "email"}
    assert result is not None and result.ok and result.saved == 1
    assert page.responses_model.rows[0].source == "csv"


def test_editing_a_survey_from_the_keyboard(page, monkeypatch):
    from mentordesk.ui.surveys.dialogs import TemplateDialog

    page.tabs.setCurrentIndex(3)
    page.templates_view.setCurrentIndex(page.templates_proxy.index(0, 0))  # the mentee fit check
    seen = {}

    def fill(dialog: TemplateDialog):
        question, text, remove = dialog.texts[1]
        text.setFocus()
        text.selectAll()
        QTest.keyClicks(text, "Does your mentor listen to you?")
        QTest.keyClick(dialog.texts[3][2], Qt.Key.Key_Space)  # remove the comments question
        QTest.keyClicks(dialog.new_text, "What do you do together?")
        pick(dialog.new_kind, 4)  # rating 1-5 -> 1-10 -> yes/no -> one choice -> several choices
        dialog.accept()
        seen["error"] = dialog.error.text()  # a choice question needs its choices
        QTest.keyClicks(dialog.new_choices, "Homework; Sport; Talk")
        dialog.accept()

    monkeypatch.setattr(TemplateDialog, "exec", driven(fill))
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert "a choice question needs at least two choices" in seen["error"]
    fit = surveys.find_template(page.ctx.programme_id, "fit_check_mentee")
    assert fit.edition == 2
    assert [q.text for q in fit.questions] == [
        "How well are you getting on with your mentor?",
        "Does your mentor listen to you?",
        "Do you want to carry on meeting your mentor?",
        "What do you do together?",
    ]
    assert (
        fit.questions[-1].choices == ("Homework", "Sport", "Talk")
        and fit.questions[-1].id == "what_do_you_do_together"
    )
    assert page.templates_model.rows[0].edition == 2


def test_a_mentees_record_shows_before_and_after(demo_main_window):
    programme_id = Programme.get().id
    outcome = surveys.find_template(programme_id, "outcome_mentee")
    both = {r.participant_id for r in surveys.list_responses(programme_id, [outcome.id]) if r.match_id}
    page = demo_main_window.show_area("participants")
    row = next(r for r in page.model.rows if r.participant_id in both)
    page.select_ids({row.participant_id})
    lines = [page.detail.outcomes.itemAt(i).widget().text() for i in range(page.detail.outcomes.count())]
    assert len(lines) == 4 and lines[0].startswith("Confidence: ") and "→" in lines[0]
    assert page.detail.outcomes_title.isVisibleTo(page.detail)
    mentors = surveys.find_template(programme_id, "outcome_mentor")
    answered = {r.participant_id for r in surveys.list_responses(programme_id, [mentors.id])}
    mentor = next(r for r in page.model.rows if r.participant_id in answered)
    page.select_ids({mentor.participant_id})
    lines = [page.detail.outcomes.itemAt(i).widget().text() for i in range(page.detail.outcomes.count())]
    assert len(lines) == 2 and all(line.endswith("→ not yet (of 5)") for line in lines)
