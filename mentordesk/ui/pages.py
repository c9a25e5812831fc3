"""The areas of the main window, in sidebar order. Each page module is imported on first use."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    module: str  # imported lazily: start-up pays only for the dashboard
    class_name: str
    shortcut: str


AREAS = [
    Area("dashboard", "Dashboard", "mentordesk.ui.dashboard.page", "DashboardPage", "Ctrl+1"),
    Area("participants", "Participants", "mentordesk.ui.participants.page", "ParticipantsPage", "Ctrl+2"),
    Area("pairing", "Pairing", "mentordesk.ui.pairing.page", "PairingPage", "Ctrl+3"),
    Area("meetings", "Meetings", "mentordesk.ui.meetings.page", "MeetingsPage", "Ctrl+4"),
    Area("goals", "Goals", "mentordesk.ui.goals.page", "GoalsPage", "Ctrl+5"),
    Area("documents", "Documents", "mentordesk.ui.documents.page", "DocumentsPage", "Ctrl+6"),
    Area("settings", "Settings", "mentordesk.ui.settings.page", "SettingsPage", "Ctrl+,"),
]
