"""What services.meetings offers other areas (read by lazy_loader at run time and by mypy)."""

from .cadence import (
    OverdueItem as OverdueItem,
    attention_items as attention_items,
    overdue_items as overdue_items,
    rules_for as rules_for,
    save_rules as save_rules,
)
from .calendar_export import (
    NAME_CHOICES as NAME_CHOICES,
    ExportError as ExportError,
    calendar_identity_recorded as calendar_identity_recorded,
    calendar_names as calendar_names,
    event_title as event_title,
    export_ics as export_ics,
    set_calendar_names as set_calendar_names,
)
from .constraints import (
    TermBreak as TermBreak,
    away_spans as away_spans,
    check as check,
    save_term_breaks as save_term_breaks,
    set_timezone as set_timezone,
    term_breaks as term_breaks,
)
from .contact_log import (
    ContactInput as ContactInput,
    ContactRow as ContactRow,
    contact as contact,
    delete_contact as delete_contact,
    list_contacts as list_contacts,
    log_contact as log_contact,
    set_follow_up_done as set_follow_up_done,
    update_contact as update_contact,
)
from .outcomes import (
    CANCELLED_BY as CANCELLED_BY,
    record_outcome as record_outcome,
)
from .queries import (
    MeetingRow as MeetingRow,
    MemberAttendance as MemberAttendance,
    activities as activities,
    attendance_summary as attendance_summary,
    calendar_rows as calendar_rows,
    first_unrecorded as first_unrecorded,
    match_choices as match_choices,
    match_people as match_people,
    meeting_detail as meeting_detail,
    people_in_matches as people_in_matches,
    series_meetings as series_meetings,
)
from .schedule import (
    Details as Details,
    delete_meeting as delete_meeting,
    move_meeting as move_meeting,
    plan as plan,
    schedule_meeting as schedule_meeting,
    schedule_series as schedule_series,
    stop_series as stop_series,
    update_meeting as update_meeting,
    update_series as update_series,
)
from .winding_down import (
    FutureMeetings as FutureMeetings,
    WindDown as WindDown,
    after_day as after_day,
    planned_meetings as planned_meetings,
    wind_down as wind_down,
)
