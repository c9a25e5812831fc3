"""Paper sheets reached from the Meetings and Goals pages land in the Documents list."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from mentordesk.store.models import Document, Match
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_db, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "mentordesk.ui.documents.printing.open_file", lambda path: opened.append(path) or True
    )
    win = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(win)
    win.show()
    win.opened = opened
    return win


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_meeting_log_sheet_from_the_meetings_page(window):
    match = Match.select().where(Match.status == "active").first()
    page = window.show_area("meetings")
    path = page.print_log_sheet(match.id)
    assert path is not None and path.exists()
    assert window.opened == [path]
    record = Document.get(Document.path == str(path))
    assert (record.kind, record.match_id) == ("meeting_log", match.id)
    assert "{" not in text_of(path)


def test_goal_and_reflection_sheets_from_the_goals_page(window):
    page = window.show_area("goals")
    match_id = page.current_match_id()
    assert match_id
    worksheet = page.print_worksheet()
    reflections = page.print_reflection_sheet()
    kinds = {d.kind for d in Document.select().where(Document.match == match_id)}
    assert {"goal_worksheet", "reflection_sheet"} <= kinds
    goal_titles = [g.title for g in Match.get_by_id(match_id).goals]
    assert goal_titles and goal_titles[0][:20] in text_of(worksheet).replace("\n", " ")
    assert reflections.exists()


def test_sheet_without_a_match_says_what_to_do(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    page = window.show_area("meetings")
    page.match_filter.setCurrentIndex(0)  # "All matches"
    assert page.print_log_sheet() is None
    assert said == ["Choose a match first."]
    assert Document.select().count() == 0
