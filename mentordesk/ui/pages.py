"""The areas of the main window, in sidebar order. Each page is imported on first use.

The loaders import their page plainly inside a function, so start-up pays only for the page it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mentordesk.ui.page import Page


def _dashboard() -> type[Page]:
    from mentordesk.ui.dashboard.page import DashboardPage

    return DashboardPage


def _participants() -> type[Page]:
    from mentordesk.ui.participants.page import ParticipantsPage

    return ParticipantsPage


def _pairing() -> type[Page]:
    from mentordesk.ui.pairing.page import PairingPage

    return PairingPage


def _meetings() -> type[Page]:
    from mentordesk.ui.meetings.page import MeetingsPage

    return MeetingsPage


def _goals() -> type[Page]:
    from mentordesk.ui.goals.page import GoalsPage

    return GoalsPage


def _documents() -> type[Page]:
    from mentordesk.ui.documents.page import DocumentsPage

    return DocumentsPage


def _concerns() -> type[Page]:
    from mentordesk.ui.concerns.page import ConcernsPage

    return ConcernsPage


def _surveys() -> type[Page]:
    from mentordesk.ui.surveys.page import SurveysPage

    return SurveysPage


def _events() -> type[Page]:
    from mentordesk.ui.events.page import EventsPage

    return EventsPage


def _settings() -> type[Page]:
    from mentordesk.ui.settings.page import SettingsPage

    return SettingsPage


class Area(NamedTuple):  # not a dataclass: the dataclasses module is not otherwise needed before the first paint
    key: str
    title: str
    page_class: Callable[[], type[Page]]  # imports the page on first use
    shortcut: str


AREAS = [
    Area("dashboard", "Dashboard", _dashboard, "Ctrl+1"),
    Area("participants", "Participants", _participants, "Ctrl+2"),
    Area("pairing", "Pairing", _pairing, "Ctrl+3"),
    Area("meetings", "Meetings", _meetings, "Ctrl+4"),
    Area("goals", "Goals", _goals, "Ctrl+5"),
    Area("documents", "Documents", _documents, "Ctrl+6"),
    Area("surveys", "Surveys", _surveys, "Ctrl+7"),
    Area("concerns", "Concerns", _concerns, "Ctrl+8"),
    Area("events", "Events", _events, "Ctrl+9"),
    Area("settings", "Settings", _settings, "Ctrl+,"),
]
