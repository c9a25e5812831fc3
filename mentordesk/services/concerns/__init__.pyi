"""What services.concerns offers other areas (read by lazy_loader at run time and by mypy)."""

from .access import (
    MIN_LENGTH as MIN_LENGTH,
    RegisterLocked as RegisterLocked,
    has_register_passphrase as has_register_passphrase,
    is_unlocked as is_unlocked,
    lock_register as lock_register,
    passphrase_problem as passphrase_problem,
    set_up as set_up,
    unlock as unlock,
    unlock_method as unlock_method,
)
from .actions import (
    MEETING_CHOICES as MEETING_CHOICES,
    guardian_informed as guardian_informed,
    guardian_not_informed as guardian_not_informed,
    mentor_matches as mentor_matches,
    suspend_match as suspend_match,
    suspend_mentor as suspend_mentor,
)
from .attachments import (
    add_attachment as add_attachment,
    export_attachment as export_attachment,
    remove_attachment as remove_attachment,
)
from .attention import (
    attention_items as attention_items,
)
from .register import (
    ActionRow as ActionRow,
    AttachmentRow as AttachmentRow,
    ConcernDetail as ConcernDetail,
    ConcernRow as ConcernRow,
    Subject as Subject,
    close_concern as close_concern,
    detail as detail,
    list_concerns as list_concerns,
    open_count as open_count,
    raise_concern as raise_concern,
    reopen_concern as reopen_concern,
    subjects as subjects,
    update_concern as update_concern,
)
from .retention import (
    PastKeeping as PastKeeping,
    delete_past_keeping as delete_past_keeping,
    get_rule as get_rule,
    past_keeping as past_keeping,
    set_rule as set_rule,
)
from .subject import (
    ERASURE_NOTE as ERASURE_NOTE,
    LEGAL_REASON as LEGAL_REASON,
    KeptConcerns as KeptConcerns,
    count_about as count_about,
    delete_about as delete_about,
    for_subject_access as for_subject_access,
    kept_on_erasure as kept_on_erasure,
)
from .summary_pdf import (
    write_summary as write_summary,
)
