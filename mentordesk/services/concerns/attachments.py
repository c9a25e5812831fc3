"""Files kept with a concern (a scanned note, a photo of one): stored in the database itself.

An encrypted database encrypts them with everything else; nothing is written beside the file. Opening
one writes a private copy (0600) where the user chooses, and is audited like any other view.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from mentordesk.core.concerns import ConcernRefused, attachment_problem
from mentordesk.core.private_files import replace_privately
from mentordesk.services.concerns.access import require_unlocked
from mentordesk.services.concerns.register import concern_or_refuse
from mentordesk.store import audit
from mentordesk.store.db import database
from mentordesk.store.models import ConcernAttachment


def add_attachment(concern_id: int, source: Path | str) -> int:
    """Keep a copy of ``source`` with the concern; refused (nothing stored) when too big or unreadable."""
    require_unlocked()
    concern_or_refuse(concern_id)
    source = Path(source)
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ConcernRefused(
            {"attachment": f"Attachment: {source.name} cannot be read ({exc.strerror})."}
        ) from exc
    problem = attachment_problem(source.name, size)
    if problem:
        raise ConcernRefused({"attachment": problem})
    try:
        content = source.read_bytes()
    except OSError as exc:
        raise ConcernRefused(
            {"attachment": f"Attachment: {source.name} cannot be read ({exc.strerror})."}
        ) from exc
    problem = attachment_problem(source.name, len(content))  # it may have changed since stat
    if problem:
        raise ConcernRefused({"attachment": problem})
    mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    row = ConcernAttachment.create(
        concern=concern_id, filename=source.name, mime=mime, size=len(content), content=content
    )
    return row.id


def _attachment(attachment_id: int) -> ConcernAttachment:
    row = ConcernAttachment.get_or_none(ConcernAttachment.id == attachment_id)
    if row is None:
        raise ConcernRefused(
            {"attachment": f"Attachment #{attachment_id} no longer exists: refresh the concern."}
        )
    return row


def export_attachment(attachment_id: int, target: Path | str) -> Path:
    """Write the attachment to ``target`` (0600, whole or not at all) and audit the view."""
    require_unlocked()
    row = _attachment(attachment_id)
    target = Path(target)
    # Recorded in the same transaction as the copy is written: no copy leaves unrecorded.
    with database.atomic():
        audit.record(
            "view",
            "concern_attachment",
            attachment_id,
            summary=f"attachment of concern {row.concern_id} opened",
        )
        with replace_privately(target) as temp:
            temp.write_bytes(bytes(row.content))
    return target


def remove_attachment(attachment_id: int) -> None:
    require_unlocked()
    _attachment(attachment_id).delete_instance()
