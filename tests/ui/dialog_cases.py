"""The main dialogs, opened on the demo programme, for the screen checks in test_every_screen.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from mentordesk.store.models import Match, MatchMember, Participant, Programme


def _ids() -> tuple[int, int, int, str]:
    programme = Programme.get(Programme.kind == "one_to_one")
    match = Match.select().where((Match.programme == programme) & (Match.status == "active")).first()
    mentee = (
        Participant.select()
        .join(MatchMember)
        .where((MatchMember.match == match) & (MatchMember.role == "mentee"))
        .get()
    )
    return programme.id, match.id, mentee.id, mentee.display_name


def main_dialogs(tmp_path: Path) -> dict[str, QDialog]:
    """A fresh instance of each dialog a coordinator uses every week, keyed by a short name."""
    from mentordesk.services import documents
    from mentordesk.store.models import Document
    from mentordesk.ui.dialogs.conflict_dialog import ConflictDialog
    from mentordesk.ui.dialogs.first_run import FirstRunDialog
    from mentordesk.ui.dialogs.programme_dialog import ProgrammeDialog
    from mentordesk.ui.dialogs.shortcuts_dialog import ShortcutsDialog
    from mentordesk.ui.documents.signatures_dialog import SignaturesDialog
    from mentordesk.ui.goals.goal_dialog import GoalDialog
    from mentordesk.ui.goals.reflection_dialog import ReflectionDialog
    from mentordesk.ui.meetings.contact_dialog import ContactDialog
    from mentordesk.ui.meetings.schedule_dialog import ScheduleDialog
    from mentordesk.ui.pairing.closure_dialog import ClosureDialog
    from mentordesk.ui.pairing.first_meeting_dialog import FirstMeetingDialog
    from mentordesk.ui.participants.person_dialog import PersonDialog
    from mentordesk.ui.participants.screening_dialog import ScreeningDialog
    from mentordesk.ui.protection.audit_dialog import AuditLogDialog
    from mentordesk.ui.reports.report_dialog import ReportDialog
    from mentordesk.ui.settings.checks_tab import AddCheckTypeDialog

    programme_id, match_id, mentee_id, name = _ids()
    from mentordesk.ui.context import AppContext

    ctx = AppContext(tmp_path / "test.db")
    ctx.set_programme(programme_id)
    agreement = Document.create(programme=programme_id, match=match_id, kind="agreement", path=str(tmp_path / "a.pdf"))
    (agreement_row,) = [r for r in documents.list_documents(programme_id, match_id) if r.id == agreement.id]
    return {
        "programme": ProgrammeDialog(),
        "person (new)": PersonDialog(programme_id),
        "person (edit)": PersonDialog(programme_id, mentee_id),
        "screening": ScreeningDialog(mentee_id, programme_id, name),
        "schedule meeting": ScheduleDialog(programme_id, match_id=match_id),
        "check-in": ContactDialog(programme_id, match_id=match_id),
        "goal": GoalDialog(match_id, programme_id),
        "reflection": ReflectionDialog(match_id),
        "close match": ClosureDialog(match_id, name),
        "first meeting": FirstMeetingDialog(match_id, name),
        "signatures": SignaturesDialog(agreement_row),
        "add check type": AddCheckTypeDialog(programme_id),
        "audit log": AuditLogDialog(),
        "keyboard shortcuts": ShortcutsDialog([]),
        "first run": FirstRunDialog(tmp_path / "new.db"),
        "record changed": ConflictDialog(sample_conflict(mentee_id)),
        "programme report": ReportDialog(ctx),
    }


def sample_conflict(participant_id: int):
    """What a second coordinator sees when saving a person someone else saved meanwhile."""
    from mentordesk.store.versions import FieldChange, RecordChanged

    changes = [
        FieldChange("preferred_name", "Σοφία", "Sofia", "", True),
        FieldChange("email", "sofia.p@school.example", "", "", True),
        FieldChange("phone", "", "0700 900 123", "", True),
        FieldChange(
            "notes",
            "Moved to set 2 after half term; prefers meetings in the library. 李老师 agrees.",
            "Prefers mornings — ask about the Арабский club (نادي اللغة العربية) and שלום group",
            "Keen on science",
            True,
        ),
    ]
    theirs = {c.name: c.theirs for c in changes} | {"version": 4}
    return RecordChanged("participant", participant_id, changes, 4, 3, theirs)
