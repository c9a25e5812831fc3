"""Logging to a rotating file in the platform log folder.

INFO and above must never carry personal data: log ids and counts, not names.

The rotating file handler is made on the first record: logging.handlers (with socket,
pickle and queue behind it) costs start-up more than the few records written before
the window has painted are worth, and there are none.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mentordesk import config

LOG_FILENAME = "mentordesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5


class RotatingFileOnFirstRecord(logging.Handler):
    """A RotatingFileHandler that is opened when the first record arrives."""

    def __init__(self, path: Path, level: int = logging.NOTSET) -> None:
        super().__init__(level)
        self.path = path
        self.target: logging.Handler | None = None

    def _file(self) -> logging.Handler:
        if self.target is None:
            import logging.handlers

            config.ensure_dir(self.path.parent)
            self.target = logging.handlers.RotatingFileHandler(
                self.path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
            self.target.setFormatter(self.formatter)
        return self.target

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._file().emit(record)
        except Exception:  # a log folder that cannot be written must never stop the app
            self.handleError(record)

    def flush(self) -> None:
        if self.target is not None:
            self.target.flush()

    def close(self) -> None:
        if self.target is not None:
            self.target.close()
        super().close()


def setup_logging(level: int = logging.INFO) -> logging.Handler:
    handler = RotatingFileOnFirstRecord(config.log_dir() / LOG_FILENAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_mentordesk", False)]:
        root.removeHandler(old)
        old.close()
    handler._mentordesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return handler
