"""Logging to a rotating file in the platform log folder.

INFO and above must never carry personal data: log ids and counts, not names.
"""

from __future__ import annotations

import logging
import logging.handlers

from mentordesk import config

LOG_FILENAME = "mentordesk.log"


def setup_logging(level: int = logging.INFO) -> logging.Handler:
    folder = config.ensure_dir(config.log_dir())
    handler = logging.handlers.RotatingFileHandler(
        folder / LOG_FILENAME, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_mentordesk", False)]:
        root.removeHandler(old)
        old.close()
    handler._mentordesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return handler
