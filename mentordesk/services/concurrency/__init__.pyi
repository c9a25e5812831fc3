"""What services.concurrency offers other areas (read by lazy_loader at run time and by mypy)."""

from .edits import (
    EditSession as EditSession,
    FieldChange as FieldChange,
    RecordChanged as RecordChanged,
    show_value as show_value,
)
from .jobs import (
    JobRunning as JobRunning,
    exclusive as exclusive,
    one_per_programme as one_per_programme,
    running as running,
)
from .watch import (
    EVERYTHING as EVERYTHING,
    change_listener as change_listener,
    data_version_poll as data_version_poll,
    is_shared_server as is_shared_server,
)
