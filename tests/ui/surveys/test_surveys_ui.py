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


def choose(combo: QComboBox, data: str) -> None:
    """Arrow keys until the combo shows ``data``."""
    combo.setFocus()
    wanted = combo.findData(data)
    assert wanted >= 0
    key = Qt.Key.Key_Down if wanted > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(combo.count()):
        if combo.currentIndex() == wanted:
            return
        QTest.keyClick(combo, key)
    assert combo.currentIndex() == wanted


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


def test_returned_fillable_pdf_imports(page, qtbot, tmp_path):
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
    worker = page.import_files([returned])
    assert worker is not None
    qtbot.waitUntil(lambda: not worker.running and page.last_result is not None, timeout=20000)
    result = page.last_result
    assert result.ok and len(page.responses_model.rows) == count + 1
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


def test_form_export_with_the_column_dialog(page, qtbot, monkeypatch, tmp_path):
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
    worker = page.import_files([export])
    assert worker is not None
    qtbot.waitUntil(lambda: not worker.running and page.last_result is not None, timeout=20000)
    result = page.last_result
    assert seen["guessed"] == {"Email address": "email"}
    assert result.ok and result.saved == 1
    assert page.responses_model.rows[0].source == "csv"


def test_editing_a_survey_from_the_keyboard(page, monkeypatch):
    from mentordesk.ui.surveys.template_dialog import TemplateDialog

    page.tabs.setCurrentIndex(3)
    page.templates_view.setCurrentIndex(page.templates_proxy.index(0, 0))  # the mentee fit check
    seen = {}

    def fill(dialog: TemplateDialog):
        text = dialog.rows[1].text
        text.setFocus()
        text.selectAll()
        QTest.keyClicks(text, "Does your mentor listen to you?")
        QTest.keyClick(dialog.rows[3].remove, Qt.Key.Key_Space)  # remove the comments question
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
    mentor = next(  # the first in the table who answered before, whoever that is in its order
        r
        for r in page.model.rows
        if r.participant_id in answered
        and any(line.before is not None for line in surveys.person_outcomes(programme_id, r.participant_id))
    )
    page.select_ids({mentor.participant_id})
    lines = [page.detail.outcomes.itemAt(i).widget().text() for i in range(page.detail.outcomes.count())]
    assert len(lines) == 2 and all(line.endswith("→ not yet (of 5)") for line in lines)


# -- long work in the background: batches of PDFs and imports, with progress and Cancel --------------


def fill_form(form, target, values):
    writer = PdfWriter(clone_from=PdfReader(form))
    writer.update_page_form_field_values(writer.pages[0], values, auto_regenerate=False)
    with open(target, "wb") as handle:
        writer.write(handle)
    return target


def held(monkeypatch, name: str, at: int):
    """Patch ``surveys.<name>`` so its worker waits at step ``at`` until the test lets it go."""
    import threading

    from mentordesk.core.progress import Progress

    real = getattr(surveys, name)
    gate, reached = threading.Event(), threading.Event()

    def slow(*args, progress, **kwargs):
        def report(done, total, text):
            progress.report(done, total, text)
            if done == at and total:
                reached.set()
                gate.wait(10)  # hold the worker until the test has pressed Cancel

        return real(*args, progress=Progress(report, lambda: progress.cancelled), **kwargs)

    monkeypatch.setattr(surveys, name, slow)
    return gate, reached


def select_due_rows(page, count: int) -> list[surveys.DueRow]:
    """Shift+Down from the first row, as a coordinator picks several people."""
    page.tabs.setCurrentIndex(0)
    page.due_view.setFocus()
    page.due_view.setCurrentIndex(page.due_proxy.index(0, 0))
    for _ in range(count - 1):
        QTest.keyClick(page.due_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    return page.selected_due()


@pytest.mark.parametrize("fillable", [False, True])
def test_a_batch_of_surveys_is_written_in_the_background(page, qtbot, monkeypatch, tmp_path, fillable):
    from PySide6.QtWidgets import QFileDialog

    chosen = select_due_rows(page, 4)
    assert len(chosen) == 4
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "out"))
    button = page.fillable_button if fillable else page.print_button
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    worker = page.worker
    assert worker is not None and not page.import_button.isEnabled()  # one job at a time
    qtbot.waitUntil(lambda: not worker.running and len(page.written) == 4, timeout=30000)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in page.written)
    for path, due in zip(page.written, chosen, strict=True):
        reader = PdfReader(path)
        text = reader.pages[0].extract_text()
        assert due.survey in " ".join(text.split())
        fields = reader.get_fields() or {}
        if fillable:
            assert fields["md_participant"]["/V"] == str(due.participant_id)
        else:
            assert not fields
    assert page.import_button.isEnabled() and page.print_button.isEnabled()


def test_cancelling_a_batch_leaves_no_pdf_behind(page, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QPushButton

    select_due_rows(page, 3)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "out"))
    gate, reached = held(monkeypatch, "print_batch", at=1)
    worker = page.write_pdfs(fillable=True)
    assert worker is not None
    qtbot.waitUntil(reached.is_set, timeout=20000)
    assert len(list((tmp_path / "out").iterdir())) == 1  # one written when Cancel is pressed
    qtbot.waitUntil(page.progress_dialog.isVisible, timeout=5000)  # the GUI thread kept running
    cancel = page.progress_dialog.findChild(QPushButton)
    with qtbot.waitSignal(worker.signals.cancelled, timeout=20000):
        QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)
        gate.set()
    assert list((tmp_path / "out").iterdir()) == []
    assert page.written == [] and page.print_button.isEnabled()


def test_cancelling_an_import_saves_nothing(page, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QPushButton

    chosen = select_due_rows(page, 2)
    returned = []
    for n, due in enumerate(chosen):
        template = surveys.get_template(due.template_id)
        [form] = surveys.print_surveys(
            due.template_id, [(due.participant_id, due.match_id)], tmp_path / f"f{n}", fillable=True
        )
        answers = {f"q_{q.id}": "/v3" for q in template.questions if q.rating_range}
        returned.append(fill_form(form, tmp_path / f"back{n}.pdf", answers))
    before = SurveyResponse.select().count()
    gate, reached = held(monkeypatch, "import_forms", at=1)  # the second of two saved, say
    worker = page.import_files(returned)
    assert worker is not None
    qtbot.waitUntil(reached.is_set, timeout=20000)
    qtbot.waitUntil(page.progress_dialog.isVisible, timeout=5000)
    with qtbot.waitSignal(worker.signals.cancelled, timeout=20000):
        QTest.mouseClick(page.progress_dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        gate.set()
    assert SurveyResponse.select().count() == before and page.last_result is None
    # and the same files import once nobody cancels
    monkeypatch.undo()
    worker = page.import_files(returned)
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=20000)
    assert page.last_result.ok and SurveyResponse.select().count() == before + 2


def test_a_refused_import_shows_each_problem(page, qtbot, tmp_path):
    stray = tmp_path / "stray.pdf"
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    with open(stray, "wb") as handle:
        writer.write(handle)
    before = SurveyResponse.select().count()
    page.import_files([stray])
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=20000)
    assert not page.last_result.ok
    assert "stray.pdf: not a MentorDesk survey form" in page.problems_box.informativeText()
    assert SurveyResponse.select().count() == before


# -- the survey editor: a question's kind and the order of questions ----------------------------------


def open_editor(page, monkeypatch, key: str, fill) -> dict:
    from mentordesk.ui.surveys.template_dialog import TemplateDialog

    page.tabs.setCurrentIndex(3)
    row = next(i for i, t in enumerate(page.templates_model.rows) if t.key == key)
    page.templates_view.setCurrentIndex(page.templates_proxy.mapFromSource(page.templates_model.index(row, 0)))
    seen: dict = {}

    def driven_fill(dialog: TemplateDialog):
        seen["dialog"] = dialog
        for _ in range(100):  # window shortcuts (Alt+Up) need the active window, as exec() gives it
            dialog.activateWindow()
            QTest.qWait(20)
            if dialog.isActiveWindow():
                break
        assert dialog.isActiveWindow()
        fill(dialog, seen)

    monkeypatch.setattr(TemplateDialog, "exec", driven(driven_fill))
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    return seen


def test_questions_move_with_alt_arrows_and_buttons(page, monkeypatch):
    pulse = surveys.find_template(page.ctx.programme_id, "pulse")
    before_ids = [q.id for q in pulse.questions]
    answered = {r.id: r.answers for r in surveys.list_responses(page.ctx.programme_id, [pulse.id])}
    assert answered  # the demo has pulse answers: they must stay with their questions

    def fill(dialog, seen):
        last = dialog.rows[-1]
        last.text.setFocus()
        QTest.keyClick(last.text, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
        QTest.keyClick(last.text, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
        seen["focus_kept"] = dialog.focusWidget() is last.text
        seen["numbers"] = [r.number.text().replace("&", "") for r in dialog.rows]
        seen["name"] = last.text.accessibleName()
        first = dialog.rows[0]
        first.remove.setFocus()  # from any field of the row
        QTest.keyClick(first.remove, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        seen["up_disabled"] = not dialog.rows[0].up.isEnabled() and not dialog.rows[-1].down.isEnabled()
        QTest.mouseClick(dialog.rows[-1].up, Qt.MouseButton.LeftButton)  # the button moves it back down
        QTest.mouseClick(dialog.rows[-2].down, Qt.MouseButton.LeftButton)
        dialog.accept()

    seen = open_editor(page, monkeypatch, "pulse", fill)
    assert seen["focus_kept"] and seen["up_disabled"]
    n = len(before_ids)
    assert seen["numbers"] == [f"{i}." for i in range(1, n + 1)]
    assert seen["name"] == f"Question {n - 2}"
    expected = before_ids[:-1]
    expected.insert(n - 3, before_ids[-1])
    expected[0], expected[1] = expected[1], expected[0]
    changed = surveys.find_template(page.ctx.programme_id, "pulse")
    assert [q.id for q in changed.questions] == expected and changed.edition == pulse.edition + 1
    after = {r.id: r.answers for r in surveys.list_responses(page.ctx.programme_id, [pulse.id])}
    assert after == answered


def with_unanswered_question(page) -> surveys.TemplateRow:
    """The demo's mentee fit check with one more question, not answered by anyone yet."""
    fit = surveys.find_template(page.ctx.programme_id, "fit_check_mentee")
    extra = {"id": "extra", "text": "Anything else?", "kind": "short_text"}
    changed = surveys.update_template(fit.id, questions=[q.to_json() for q in fit.questions] + [extra])
    page.refresh()
    return changed


def test_an_answered_question_keeps_its_kind(page, monkeypatch):
    fit = with_unanswered_question(page)
    counts = surveys.answer_counts(fit.id)
    assert counts.get("fit")  # the demo has answers to the fit rating

    def fill(dialog, seen):
        rows = {r.question.id: r for r in dialog.rows}
        seen["locked"] = not rows["fit"].kind.isEnabled()
        seen["tip"] = rows["fit"].kind.toolTip()
        comments = rows["extra"]  # unanswered: short text -> one choice, from the keyboard
        assert comments.kind.isEnabled() and not comments.choices.isEnabled()
        choose(comments.kind, "single")
        seen["choices_on"] = comments.choices.isEnabled()
        dialog.accept()
        seen["error"] = dialog.error.text()  # no choices typed yet
        QTest.keyClicks(comments.choices, "Yes; Not yet")
        dialog.accept()

    seen = open_editor(page, monkeypatch, "fit_check_mentee", fill)
    assert seen["locked"] and f"Answered {counts['fit']} times: its kind stays" in seen["tip"]
    assert seen["choices_on"] and "a choice question needs at least two choices" in seen["error"]
    changed = surveys.find_template(page.ctx.programme_id, "fit_check_mentee")
    extra = next(q for q in changed.questions if q.id == "extra")
    assert extra.kind == "single" and extra.choices == ("Yes", "Not yet")
    assert next(q for q in changed.questions if q.id == "fit").kind == "rating5"


def test_the_editor_refuses_a_kind_change_answered_meanwhile(page, monkeypatch):
    """Answers that arrive while the editor is open: the service refuses and the dialog says why."""
    fit = with_unanswered_question(page)
    assert "extra" not in surveys.answer_counts(fit.id)

    def fill(dialog, seen):
        comments = next(r for r in dialog.rows if r.question.id == "extra")
        choose(comments.kind, "yes_no")
        due = next(d for d in surveys.due_list(page.ctx.programme_id) if d.template_id == fit.id)
        surveys.record_response(
            fit.id, due.participant_id, TODAY_FOR_DEMO(), {"fit": 3, "continue": True, "extra": "Hi"}
        )
        dialog.accept()
        seen["error"] = dialog.error.text()
        seen["open"] = dialog.isVisible()
        dialog.reject()

    seen = open_editor(page, monkeypatch, "fit_check_mentee", fill)
    assert seen["open"] and "already has 1 answer as short text, so it cannot become yes / no" in seen["error"]
    assert surveys.find_template(page.ctx.programme_id, "fit_check_mentee") == fit


def TODAY_FOR_DEMO():  # noqa: N802
    from datetime import date

    return date.today()


def test_the_editor_is_named_and_fits(qtbot, demo_db, tmp_path):
    from mentordesk.ui.surveys.template_dialog import TemplateDialog

    template = surveys.find_template(Programme.get().id, "outcome_mentee")
    dialog = TemplateDialog(template)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed(dialog) == []
    for size in ((1024, 700), (1920, 1080)):
        dialog.resize(min(size[0], 1000), min(size[1], 680))
        dialog.grab().save(str(tmp_path / f"editor-{size[0]}.png"))
