"""What core.meetings offers other areas (read by lazy_loader at run time and by mypy)."""

from .cadence import (
    LIMITS as LIMITS,
    CadenceRules as CadenceRules,
    MatchActivity as MatchActivity,
    OverdueKind as OverdueKind,
    check_rules as check_rules,
    overdue as overdue,
)
from .conflicts import (
    Booking as Booking,
    Conflict as Conflict,
    PersonCalendar as PersonCalendar,
    WeeklyWindow as WeeklyWindow,
    conflicts_at as conflicts_at,
    suggest_slots as suggest_slots,
)
from .ics_lines import (
    escape_text as escape_text,
    fold as fold,
    stamp as stamp,
    utc_stamp as utc_stamp,
)
from .recurrence import (
    MAX_OCCURRENCES as MAX_OCCURRENCES,
    DateSpan as DateSpan,
    Recurrence as Recurrence,
    Repeat as Repeat,
    SeriesPlan as SeriesPlan,
    Skipped as Skipped,
    expand as expand,
    format_rule as format_rule,
    nth_weekday_of as nth_weekday_of,
    parse_rule as parse_rule,
    plan_series as plan_series,
    recurrence_of as recurrence_of,
    to_aware as to_aware,
    truncate_rule as truncate_rule,
)
from .time_zones import (
    yearly_rules as yearly_rules,
)
from .validation import (
    MeetingInputError as MeetingInputError,
    Problem as Problem,
    check_local_times as check_local_times,
    check_recurrence as check_recurrence,
    check_times as check_times,
)
