"""Paper sheets printed from other areas (meeting log, goal worksheet, reflection sheet).

The Meetings and Goals pages call ``print_sheet``: it generates the PDF, records it in the
Documents list, opens it in the system viewer and says where it went.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from mentordesk.core.vocab import DocumentKind
from mentordesk.ui.context import AppContext

SHEETS = {
    DocumentKind.MEETING_LOG: "Meeting log sheet",
    DocumentKind.GOAL_WORKSHEET: "Goal worksheet",
    DocumentKind.REFLECTION_SHEET: "Reflection sheet",
}


def print_sheet(ctx: AppContext, parent: QWidget, kind: DocumentKind, match_id: int) -> Path | None:
    from mentordesk.services import documents
    from mentordesk.ui.documents.printing import open_file

    title = SHEETS[kind]
    if not match_id:
        QMessageBox.information(parent, title, parent.tr("Choose a match first."))
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        path = documents.generate(kind, match_id=match_id)
    except documents.DocumentError as exc:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, title, str(exc))
        return None
    QGuiApplication.restoreOverrideCursor()
    ctx.notify("documents")
    ctx.show_status(parent.tr("{title} saved to {path}").format(title=title, path=path), 8000)
    open_file(path)
    return path
