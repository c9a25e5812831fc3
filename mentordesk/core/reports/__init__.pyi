"""What core.reports offers other areas (read by lazy_loader at run time and by mypy)."""

from .figures import (
    FIGURE_KEYS as FIGURE_KEYS,
    FIGURES as FIGURES,
    HEALTH as HEALTH,
    PIPELINE_STAGES as PIPELINE_STAGES,
    FigureInfo as FigureInfo,
    Report as Report,
    compute as compute,
    months_of as months_of,
)
from .narrative import (
    activity_sentence as activity_sentence,
    cadence_phrase as cadence_phrase,
    change_phrase as change_phrase,
    events_sentence as events_sentence,
    goals_sentence as goals_sentence,
    health_sentence as health_sentence,
    matches_sentence as matches_sentence,
    pipeline_sentence as pipeline_sentence,
    retention_sentence as retention_sentence,
)
from .periods import (
    MAX_TERMS as MAX_TERMS,
    MONTHS as MONTHS,
    UK_TERMS as UK_TERMS,
    PeriodRefused as PeriodRefused,
    Terms as Terms,
    make_period as make_period,
    make_terms as make_terms,
    parse_terms as parse_terms,
    school_year as school_year,
    this_term as this_term,
)
from .rows import (
    CheckinRow as CheckinRow,
    ClearanceRow as ClearanceRow,
    EnrolmentRow as EnrolmentRow,
    EventRow as EventRow,
    GoalRow as GoalRow,
    MatchRow as MatchRow,
    MeetingRow as MeetingRow,
    Period as Period,
    ReportRows as ReportRows,
    StatusChange as StatusChange,
    TrainingRow as TrainingRow,
)
