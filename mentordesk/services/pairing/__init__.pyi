"""What services.pairing offers other areas (read by lazy_loader at run time and by mypy)."""

from .cascade import (
    PromotionOutcome as PromotionOutcome,
    Tier as Tier,
    TierPerson as TierPerson,
    programme_tiers as programme_tiers,
    promotable as promotable,
    promote_to_mentor as promote_to_mentor,
)
from .cohort import (
    waiting_people as waiting_people,
)
from .drafts import (
    draft_statistics as draft_statistics,
    last_run as last_run,
)
from .kinds import (
    GROUP_SIZE as GROUP_SIZE,
    MENTORS_PER_CIRCLE as MENTORS_PER_CIRCLE,
    matcher_refusal as matcher_refusal,
    starting_settings as starting_settings,
)
from .lifecycle import (
    INITIATORS as INITIATORS,
    Closure as Closure,
    ClosureOutcome as ClosureOutcome,
    MatchRow as MatchRow,
    close_match as close_match,
    closure_outcomes as closure_outcomes,
    match_history as match_history,
    pause_match as pause_match,
    published_matches as published_matches,
    rematch as rematch,
    resume_match as resume_match,
)
from .manual import (
    CircleChoice as CircleChoice,
    alternative_circles as alternative_circles,
    alternative_partners as alternative_partners,
    pair_manually as pair_manually,
    rank_candidates as rank_candidates,
)
from .publishing import (
    publish as publish,
)
from .record import (
    STAFF_LENGTH as STAFF_LENGTH,
    MatchRecord as MatchRecord,
    MemberRecord as MemberRecord,
    NetworkMentor as NetworkMentor,
    closure_counts as closure_counts,
    closure_reasons as closure_reasons,
    match_record as match_record,
    mentor_networks as mentor_networks,
    record_first_meeting as record_first_meeting,
    save_closure_reasons as save_closure_reasons,
)
from .results import (
    PairingError as PairingError,
    RunResult as RunResult,
)
from .review import (
    list_drafts as list_drafts,
    reject_draft as reject_draft,
    set_accepted as set_accepted,
    set_pinned as set_pinned,
    swap_partners as swap_partners,
    undo_reject as undo_reject,
)
from .run import (
    run_matcher as run_matcher,
)
from .settings import (
    SETTINGS_KEY as SETTINGS_KEY,
    CriterionField as CriterionField,
    criterion_fields as criterion_fields,
    read_settings as read_settings,
    save_focus_areas as save_focus_areas,
    write_settings as write_settings,
)
from .speed import (
    build_timetable as build_timetable,
    export_timetable_csv as export_timetable_csv,
    export_timetable_pdf as export_timetable_pdf,
    load_timetable as load_timetable,
)
from .speed_night import (
    ATTENDANCE as ATTENDANCE,
    NO_SHOW as NO_SHOW,
    PRESENT as PRESENT,
    EventRow as EventRow,
    MeetingRow as MeetingRow,
    Night as Night,
    SeatRow as SeatRow,
    WishImport as WishImport,
    create_event as create_event,
    import_wishes as import_wishes,
    invite_waiting as invite_waiting,
    list_events as list_events,
    mark_no_shows as mark_no_shows,
    night as night,
    pair_to_match as pair_to_match,
    replan as replan,
    set_attendance as set_attendance,
    set_wishes as set_wishes,
    update_event as update_event,
)
from .speed_print import (
    badges_pdf as badges_pdf,
    table_cards_pdf as table_cards_pdf,
)
