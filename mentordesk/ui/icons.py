"""Icons from the Material Design font bundled with qtawesome (no network, no hand-drawn pixmaps)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

NAMES = {
    "dashboard": "mdi6.view-dashboard-outline",
    "participants": "mdi6.account-group-outline",
    "pairing": "mdi6.account-switch-outline",
    "meetings": "mdi6.calendar-month-outline",
    "goals": "mdi6.flag-checkered",
    "documents": "mdi6.file-document-multiple-outline",
    "settings": "mdi6.cog-outline",
    "add": "mdi6.plus",
    "edit": "mdi6.pencil-outline",
    "delete": "mdi6.trash-can-outline",
    "import": "mdi6.file-import-outline",
    "export": "mdi6.file-export-outline",
    "search": "mdi6.magnify",
    "warning": "mdi6.alert-outline",
    "error": "mdi6.alert-circle-outline",
    "ok": "mdi6.check-circle-outline",
    "info": "mdi6.information-outline",
    "calendar": "mdi6.calendar",
    "print": "mdi6.printer-outline",
    "pdf": "mdi6.file-pdf-box",
    "backup": "mdi6.backup-restore",
    "lock": "mdi6.lock-outline",
    "shield": "mdi6.shield-check-outline",
    "match": "mdi6.link-variant",
    "pin": "mdi6.pin-outline",
    "run": "mdi6.play-outline",
    "refresh": "mdi6.refresh",
    "programme": "mdi6.school-outline",
    "copy": "mdi6.content-copy",
    "history": "mdi6.history",
    "person": "mdi6.account-outline",
    "close": "mdi6.close",
    "open": "mdi6.folder-open-outline",
    "save": "mdi6.content-save-outline",
}


@cache
def _cached(name: str, colour: str) -> QIcon:
    import qtawesome

    return qtawesome.icon(NAMES.get(name, name), color=colour)


def icon(name: str, colour: str | None = None) -> QIcon:
    """An icon by our name (see NAMES) or by a raw qtawesome name; tinted to suit the palette."""
    from mentordesk.ui import theme

    if colour is None:
        colour = "#C9CDD3" if theme.is_dark() else "#4A5360"
    return _cached(name, colour)
