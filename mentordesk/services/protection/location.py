"""Warn when the local database file sits in a cloud-synced folder or on a network mount."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mentordesk.core import synced_folders

log = logging.getLogger(__name__)
MOUNTS = Path("/proc/mounts")


def location_warning(db_path: Path | str) -> str | None:
    """One paragraph for the user when ``db_path`` is in a synced or network folder, else None."""
    path = Path(db_path).expanduser()
    try:
        path = path.resolve()
    except OSError:
        path = path.absolute()
    mounts = None
    if sys.platform.startswith("linux"):
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            mounts = None
    found = synced_folders.risk(path, mounts)
    if found is None:
        return None
    log.info("database in a %s location", found.kind)
    return found.message(path.name)
