"""What core.board offers other areas (read by lazy_loader at run time and by mypy)."""

from .figures import (
    BOARD_FIGURES as BOARD_FIGURES,
    RecommendationFact as RecommendationFact,
    SessionFact as SessionFact,
    board_figures as board_figures,
)
from .rules import (
    OUTCOME_LABELS as OUTCOME_LABELS,
    PRESENCE_LABELS as PRESENCE_LABELS,
    BoardInputError as BoardInputError,
    OutcomeInput as OutcomeInput,
    RecommendationInput as RecommendationInput,
    SessionInput as SessionInput,
    SponsorInput as SponsorInput,
    check_outcome as check_outcome,
    check_recommendation as check_recommendation,
    check_session as check_session,
    check_sponsor as check_sponsor,
    topic_list as topic_list,
)
