"""What core.goals offers other areas (read by lazy_loader at run time and by mypy)."""

from .basics import (
    DEFAULT_REVIEW_INTERVAL_DAYS as DEFAULT_REVIEW_INTERVAL_DAYS,
    FIELD_LABELS as FIELD_LABELS,
    OPEN_STATUSES as OPEN_STATUSES,
    GoalRuleError as GoalRuleError,
    Problem as Problem,
    raise_if_blocking as raise_if_blocking,
    show_date as show_date,
)
from .reviews import (
    REVIEW_REASON_TEXT as REVIEW_REASON_TEXT,
    ReviewDue as ReviewDue,
    ReviewReason as ReviewReason,
    check_review as check_review,
    default_review_date as default_review_date,
    next_review as next_review,
)
from .rules import (
    GoalCounts as GoalCounts,
    GoalDraft as GoalDraft,
    MilestoneDraft as MilestoneDraft,
    MilestoneState as MilestoneState,
    ReflectionDraft as ReflectionDraft,
    check_goal as check_goal,
    check_milestone as check_milestone,
    check_reflection as check_reflection,
    count_statuses as count_statuses,
    default_target_date as default_target_date,
    derive_progress as derive_progress,
    is_overdue as is_overdue,
    spread_due_dates as spread_due_dates,
    status_after_milestone_change as status_after_milestone_change,
)
from .templates import (
    check_template as check_template,
    goal_from_template as goal_from_template,
    milestones_from_lines as milestones_from_lines,
    parse_template_milestones as parse_template_milestones,
)
