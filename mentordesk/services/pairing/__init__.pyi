"""What services.pairing offers other areas (read by lazy_loader at run time and by mypy)."""

from .cohort import (
    waiting_people as waiting_people,
)
from .drafts import (
    draft_statistics as draft_statistics,
    last_run as last_run,
)
from .lifecycle import (
    Closure as Closure,
    close as close,
    history as history,
    list_matches as list_matches,
    pause as pause,
    rematch as rematch,
    resume as resume,
)
from .manual import (
    alternatives as alternatives,
    pair_manually as pair_manually,
    rank_candidates as rank_candidates,
)
from .publishing import (
    publish as publish,
)
from .results import (
    Cancelled as Cancelled,
    PairingError as PairingError,
    RunResult as RunResult,
)
from .review import (
    list_drafts as list_drafts,
    reject as reject,
    set_accepted as set_accepted,
    set_pinned as set_pinned,
    swap as swap,
    undo_reject as undo_reject,
)
from .run import (
    run_matcher as run_matcher,
)
from .settings import (
    read_settings as read_settings,
    write_settings as write_settings,
)
from .speed import (
    build_timetable as build_timetable,
    export_csv as export_csv,
    export_pdf as export_pdf,
    load_timetable as load_timetable,
)
