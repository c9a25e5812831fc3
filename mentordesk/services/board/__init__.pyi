"""What services.board offers other areas (read by lazy_loader at run time and by mypy)."""

from .figures import (
    report_figures as report_figures,
)
from .overview import (
    OUTCOME_LABELS as OUTCOME_LABELS,
    BoardOverview as BoardOverview,
    MemberRow as MemberRow,
    RecommendationRow as RecommendationRow,
    SessionRow as SessionRow,
    SponsorRow as SponsorRow,
    board_overview as board_overview,
    recommendation as recommendation,
    session as session,
    sponsor as sponsor,
)
from .records import (
    PRESENCE_LABELS as PRESENCE_LABELS,
    BoardInputError as BoardInputError,
    OutcomeInput as OutcomeInput,
    RecommendationInput as RecommendationInput,
    SessionInput as SessionInput,
    SponsorInput as SponsorInput,
    add_recommendation as add_recommendation,
    add_session as add_session,
    add_sponsor as add_sponsor,
    board_programme as board_programme,
    delete_recommendation as delete_recommendation,
    delete_session as delete_session,
    delete_sponsor as delete_sponsor,
    member_ids as member_ids,
    record_outcome as record_outcome,
    update_recommendation as update_recommendation,
    update_session as update_session,
    update_sponsor as update_sponsor,
)
from .summary_pdf import (
    write_board_summary as write_board_summary,
)
