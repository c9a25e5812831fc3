"""Every form dialog of the app, built on one small match, for tests that walk all their fields."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import QDialog

from tests.goals_fixtures import good_draft, make_match


def every_dialog(tmp_path: Path) -> dict[str, QDialog]:
    """One of each form dialog with date or multi-line fields, on a fresh match (needs the ``db`` fixture)."""
    from mentordesk.services import documents, goals
    from mentordesk.store.models import Meeting
    from mentordesk.ui.dialogs.programme_dialog import ProgrammeDialog
    from mentordesk.ui.documents.sign_dialog import SignDialog
    from mentordesk.ui.goals.goal_dialog import GoalDialog
    from mentordesk.ui.goals.reflection_dialog import ReflectionDialog
    from mentordesk.ui.goals.small_dialogs import MilestoneDialog, ReviewDialog
    from mentordesk.ui.meetings.contact_dialog import ContactDialog
    from mentordesk.ui.meetings.outcome_dialog import OutcomeDialog
    from mentordesk.ui.meetings.schedule_dialog import ScheduleDialog
    from mentordesk.ui.pairing.closure_dialog import ClosureDialog
    from mentordesk.ui.participants.guardians_dialog import ConsentDialog
    from mentordesk.ui.participants.person_dialog import PersonDialog
    from mentordesk.ui.participants.screening_dialog import CheckDialog
    from mentordesk.ui.settings.meetings_tab import TermBreakDialog

    pair = make_match(started_on=date(2026, 9, 1))
    programme = pair.programme.id
    goal_id = goals.create_goal(
        pair.match.id, good_draft(target_date=date(2027, 3, 1)), owner_id=pair.mentee.id
    )
    goal = next(g for g in goals.list_goals(pair.match.id) if g.id == goal_id)
    document = documents.DocumentRow(
        1,
        "agreement",
        pair.match.id,
        None,
        "Zoë and Priya",
        str(tmp_path / "a.pdf"),
        datetime.now(),
        None,
        True,
    )
    meeting = ScheduleDialog(programme, match_id=pair.match.id, start=datetime(2026, 12, 8, 16))
    repeats = meeting.recurrence_box
    repeats.repeat_combo.setCurrentIndex(1)  # every week ...
    repeats.until_radio.setChecked(True)  # ... until a date
    held = Meeting.create(match=pair.match, starts_at=datetime(2026, 11, 3, 16), duration_minutes=60)
    return {
        "programme": ProgrammeDialog(),
        "person (date of birth, away dates)": PersonDialog(programme),
        "screening check": CheckDialog(),
        "guardian consent": ConsentDialog([]),
        "goal": GoalDialog(pair.match.id, programme),
        "milestone": MilestoneDialog(goal),
        "goal review": ReviewDialog(goal, programme),
        "reflection": ReflectionDialog(pair.match.id),
        "closure": ClosureDialog(pair.match.id, "Close"),
        "meeting (with series until)": meeting,
        "check-in": ContactDialog(programme, match_id=pair.match.id),
        "term break": TermBreakDialog(),
        "meeting outcome": OutcomeDialog(held.id),
        "signed on": SignDialog(document),
    }
