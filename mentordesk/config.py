"""Where MentorDesk keeps its files.

Nothing here touches the disk at import time; the folders are created by the
functions that need them, so tests can point everything at a temporary path
with the ``MENTORDESK_HOME`` environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

from mentordesk import APP_NAME

DB_FILENAME = "mentordesk.db"


def _dirs() -> PlatformDirs:
    return PlatformDirs(APP_NAME, appauthor=False)


def _home_override() -> Path | None:
    home = os.environ.get("MENTORDESK_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    home = _home_override()
    return home / "data" if home else Path(_dirs().user_data_dir)


def log_dir() -> Path:
    home = _home_override()
    return home / "logs" if home else Path(_dirs().user_log_dir)


def config_dir() -> Path:
    home = _home_override()
    return home / "config" if home else Path(_dirs().user_config_dir)


def backup_dir() -> Path:
    return data_dir() / "backups"


def documents_dir() -> Path:
    """Default folder for generated paperwork (the user can pick another)."""
    return data_dir() / "documents"


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def resources_dir() -> Path:
    """The ``resources/`` folder: next to the package in a checkout, inside the bundle when frozen."""
    bundled = Path(__file__).resolve().parent / "resources"
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parent.parent / "resources"


PRIVATE_DIR = 0o700  # the folders hold personal data about minors: other local users must not read them
PRIVATE_FILE = 0o600


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (and each missing parent) 0700; a MentorDesk folder found wider is narrowed."""
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        folder.chmod(PRIVATE_DIR)  # mkdir's mode is filtered by the umask
    for folder in (path, *path.parents):
        if not _is_ours(folder):
            break
        if folder.stat().st_mode & 0o077:
            folder.chmod(PRIVATE_DIR)
    return path


def _is_ours(path: Path) -> bool:
    """MentorDesk's own folders (data, backups, documents): never a folder the user chose elsewhere."""
    try:
        resolved = path.resolve()
        data = data_dir().resolve()
    except OSError:
        return False
    return resolved == data or data in resolved.parents
