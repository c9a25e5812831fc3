"""The Participants table's Name column sorts by the name it shows ("Ann Zane" among the As), in
alphabetical order whatever the case, accents or alphabet: a click on the header gives the order
the coordinator reads down the column. It used to sort by last name, which looked random."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from mentordesk.store.models import Enrolment, Participant, Programme
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.participants.roster_model import NAME, ROLE

# (first name, preferred name, last name), in the order the shown names read; by last name
# (the old order) nearly every one would move.
PEOPLE = [
    ("Ann", "", "Zane"),
    ("Robert", "Bob", "Young"),  # shown and sorted as "Bob Young", among the Bs
    ("dana", "", "Wu"),  # typed in lower case: still among the Ds
    ("Eddie", "", "Xavier"),
    ("Émile", "", "Moreau"),  # among the Es, not after Z
    ("Frank", "", "Ólafsson"),
    ("Ólafur", "", "Berg"),
    ("Zoë", "", "Abbott"),
    ("Άννα", "", "Ζαχαρίου"),
    ("Βασίλης", "", "Αλεξίου"),
    ("Ωρίων", "", "Βλάχος"),
    ("Анна", "", "Яковлева"),
    ("Ёлка", "", "Петрова"),  # Ё with Е, before Ж (by code point it would come after Я)
    ("Жанна", "", "Иванова"),
    ("Ярослав", "", "Андреев"),
]
SHOWN = [f"{preferred or first} {last}" for first, preferred, last in PEOPLE]


@pytest.fixture
def page(qtbot, db, tmp_path):
    programme = Programme.create(name="Spring cohort")
    for index, (first, preferred, last) in enumerate(reversed(PEOPLE)):
        person = Participant.create(first_name=first, preferred_name=preferred, last_name=last)
        Enrolment.create(participant=person, programme=programme, role="mentor" if index % 2 else "mentee")
    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    window.show()
    window.ctx.set_programme(programme.id)
    page = window.show_area("participants")
    window.resize(1024, 700)
    return page


def shown(page) -> list[str]:
    """The Name cells top to bottom, as the view shows them."""
    proxy = page.table.model()
    return [proxy.index(r, NAME).data() for r in range(proxy.rowCount())]


def click_header(page, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_clicking_the_name_header_sorts_by_the_name_shown_both_ways(page):
    header = page.table.horizontalHeader()
    assert shown(page) == SHOWN  # the page opens sorted by name, up
    click_header(page, ROLE)
    assert header.sortIndicatorSection() == ROLE and shown(page) != SHOWN
    click_header(page, NAME)
    assert header.sortIndicatorSection() == NAME
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder and shown(page) == SHOWN
    click_header(page, NAME)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder and shown(page) == SHOWN[::-1]
    click_header(page, NAME)
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder and shown(page) == SHOWN


def test_other_columns_break_ties_by_the_name_shown(page):
    click_header(page, ROLE)
    rows = [page.proxy.row_at(r) for r in range(page.proxy.rowCount())]
    mentees = [r.name for r in rows if r.role == "mentee"]
    mentors = [r.name for r in rows if r.role == "mentor"]
    assert [r.role for r in rows] == ["mentee"] * len(mentees) + ["mentor"] * len(mentors)
    assert mentees == [n for n in SHOWN if n in mentees] and mentors == [n for n in SHOWN if n in mentors]


def test_the_filter_box_keeps_the_order_and_the_order_survives_a_refresh(qtbot, page):
    click_header(page, NAME)  # down
    page.search.setFocus()
    QTest.keyClicks(page.search, "an")  # QTest types ASCII only
    assert shown(page) == ["Frank Ólafsson", "dana Wu", "Ann Zane"]
    QTest.keyClicks(page.search, "n")
    assert shown(page) == ["Ann Zane"]
    page.search.clear()
    assert shown(page) == SHOWN[::-1]
    page.refresh()  # new rows from the service keep the order the header shows
    assert shown(page) == SHOWN[::-1]
