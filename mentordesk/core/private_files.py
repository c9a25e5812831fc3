"""One way every export reaches the disk: privately (0600) and whole (temp file, then rename).

Exports hold personal data about minors, so they are never readable by other local
users: the temp file is created 0600 by ``tempfile.mkstemp`` (never wider than the
database, which is 0600 too) and keeps that mode when it is renamed over the target;
the user's umask can only narrow it. A failed or cancelled write removes the temp
file and leaves any earlier file at the target untouched. CSV, JSON, .ics and PDF
writers (and any new one, such as .xlsx) go through ``replace_privately``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

PREFIX = ".mentordesk-"


@contextlib.contextmanager
def replace_privately(target: Path | str) -> Iterator[Path]:
    """Yield a temp path beside ``target`` (0600) to write; on success it is synced and renamed over it."""
    target = Path(target)
    handle, name = tempfile.mkstemp(prefix=PREFIX, suffix=".partial", dir=target.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        with temp.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
