"""Small matches for the goals tests: a mentor and one or more mentees (or peers); and the Goals
page, its match and dialog driving for the GUI tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate

from mentordesk.core.goals.rules import GoalDraft
from mentordesk.store.models import Match, MatchMember, Participant, Programme
from mentordesk.ui.context import AppContext
from mentordesk.ui.goals.page import GoalsPage

TODAY = date(2026, 11, 26)


@dataclass
class Pair:
    programme: Programme
    match: Match
    mentor: Participant
    mentees: list[Participant]

    @property
    def mentee(self) -> Participant:
        return self.mentees[0]


def make_match(
    name: str = "Year 10",
    kind: str = "one_to_one",
    status: str = "active",
    mentees: int = 1,
    started_on: date = TODAY - timedelta(days=60),
) -> Pair:
    programme = Programme.get_or_none(Programme.name == name) or Programme.create(name=name, kind=kind)
    match = Match.create(programme=programme, status=status, started_on=started_on)
    if kind == "peer":
        mentor = Participant.create(first_name="Peer", last_name="One")
        MatchMember.create(match=match, participant=mentor, role="peer")
    else:
        mentor = Participant.create(first_name="Zoë", last_name="Ó'Brien")
        MatchMember.create(match=match, participant=mentor, role="mentor")
    people = []
    for i in range(mentees):
        person = Participant.create(first_name=["Priya", "Łukasz", "Mei"][i % 3], last_name=f"Test{i}")
        MatchMember.create(match=match, participant=person, role="peer" if kind == "peer" else "mentee")
        people.append(person)
    return Pair(programme, match, mentor, people)


def good_draft(**overrides) -> GoalDraft:
    values = dict(
        title="Speak up in class",
        specific="Ask one question in every history lesson",
        measurable="Teacher notes a question each week",
        target_date=TODAY + timedelta(days=90),
        review_on=TODAY + timedelta(days=45),
    )
    values.update(overrides)
    return GoalDraft(**values)


# -- shared by tests/test_goals_ui*.py ----------------------------------------------------------------


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def driven(handler):
    """A stand-in for QDialog.exec: let ``handler`` fill the dialog and press OK.

    Patched in with ``monkeypatch.setattr(SomeDialog, "exec", driven(fill))``, so a failing
    assertion can never leave a test waiting on an open dialog.
    """

    def exec_(self):
        handler(self)
        return self.result()

    return exec_


@pytest.fixture
def page(qtbot, demo_db, tmp_path):
    """The Goals page, shown, on the demo programme."""
    ctx = AppContext(tmp_path / "test.db")
    ctx.set_programme(Programme.get().id)
    widget = GoalsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.refresh()
    return widget


@pytest.fixture
def pair(qtbot, db):
    """One active mentor-mentee match from make_match()."""
    return make_match()
