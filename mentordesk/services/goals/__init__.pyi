"""What services.goals offers other areas (read by lazy_loader at run time and by mypy)."""

from .changes import (
    REVIEW_INTERVAL_KEY as REVIEW_INTERVAL_KEY,
    REVIEW_REASON_TEXT as REVIEW_REASON_TEXT,
    GoalDraft as GoalDraft,
    GoalRuleError as GoalRuleError,
    MilestoneDraft as MilestoneDraft,
    Problem as Problem,
    attention_items as attention_items,
    blank_draft as blank_draft,
    check_goal as check_goal,
    check_review as check_review,
    create_goal as create_goal,
    default_owner as default_owner,
    delete_goal as delete_goal,
    goals_due_for_review as goals_due_for_review,
    list_goals as list_goals,
    mark_reviewed as mark_reviewed,
    milestone_lines as milestone_lines,
    overview as overview,
    owner_choices as owner_choices,
    owner_roles as owner_roles,
    review_interval_days as review_interval_days,
    review_needs_next as review_needs_next,
    set_status as set_status,
    spread_due_dates as spread_due_dates,
    suggested_review_date as suggested_review_date,
    summary as summary,
    update_goal as update_goal,
)
from .export import (
    export_goals as export_goals,
    export_reflections as export_reflections,
)
from .milestones import (
    add_milestone as add_milestone,
    check_milestone as check_milestone,
    delete_milestone as delete_milestone,
    move_milestone as move_milestone,
    set_milestone_done as set_milestone_done,
    update_milestone as update_milestone,
)
from .reflections import (
    ReflectionDraft as ReflectionDraft,
    ReflectionRow as ReflectionRow,
    author_choices as author_choices,
    check_draft as check_draft,
    create_reflection as create_reflection,
    delete_reflection as delete_reflection,
    list_reflections as list_reflections,
    match_started_on as match_started_on,
    meeting_choices as meeting_choices,
    update_reflection as update_reflection,
)
from .rows import (
    GoalError as GoalError,
    GoalRow as GoalRow,
    MatchRow as MatchRow,
    MilestoneRow as MilestoneRow,
    get_goal as get_goal,
)
from .templates import (
    TemplateRow as TemplateRow,
    create_template as create_template,
    delete_template as delete_template,
    draft_from_template as draft_from_template,
    list_templates as list_templates,
    update_template as update_template,
)
