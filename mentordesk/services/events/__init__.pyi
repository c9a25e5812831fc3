"""What services.events offers other areas (read by lazy_loader at run time and by mypy)."""

from .calendar import (
    export_events_ics as export_events_ics,
)
from .records import (
    Candidate as Candidate,
    EventError as EventError,
    EventRow as EventRow,
    InviteeRow as InviteeRow,
    candidates as candidates,
    delete_event as delete_event,
    find_event as find_event,
    get_event as get_event,
    invitees as invitees,
    list_events as list_events,
    save_event as save_event,
    set_invitees as set_invitees,
)
from .register import (
    MarkChange as MarkChange,
    RegisterChanged as RegisterChanged,
    RegisterResult as RegisterResult,
    import_register as import_register,
    record_marks as record_marks,
)
from .sign_in import (
    write_sign_in_sheet as write_sign_in_sheet,
)
