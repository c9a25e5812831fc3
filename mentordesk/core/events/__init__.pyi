"""What core.events offers other areas (read by lazy_loader at run time and by mypy)."""

from .register_csv import (
    RegisterLine as RegisterLine,
    read_register as read_register,
)
from .rules import (
    EVENT_KINDS as EVENT_KINDS,
    MARK_WORDS as MARK_WORDS,
    MARKS as MARKS,
    EventFields as EventFields,
    check_event as check_event,
    mark_of as mark_of,
)
