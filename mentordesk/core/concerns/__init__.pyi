"""What core.concerns offers other areas (read by lazy_loader at run time and by mypy)."""

from .rules import (
    ABOUT_LABELS as ABOUT_LABELS,
    ACTION_LABELS as ACTION_LABELS,
    AGENCY_LABELS as AGENCY_LABELS,
    CATEGORY_LABELS as CATEGORY_LABELS,
    MAX_ATTACHMENT_BYTES as MAX_ATTACHMENT_BYTES,
    ConcernDraft as ConcernDraft,
    ConcernRefused as ConcernRefused,
    RetentionRule as RetentionRule,
    attachment_problem as attachment_problem,
    closing_problems as closing_problems,
    draft_problems as draft_problems,
    keep_until as keep_until,
    raise_if_any as raise_if_any,
    reason_problem as reason_problem,
)
