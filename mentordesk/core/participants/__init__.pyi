"""What core.participants offers other areas (read by lazy_loader at run time and by mypy)."""

from .availability import (
    SlotTuple as SlotTuple,
    common_minutes_matrix as common_minutes_matrix,
    common_windows as common_windows,
    describe_slots as describe_slots,
    format_duration as format_duration,
    slot_minutes as slot_minutes,
    week_matrix as week_matrix,
)
from .check_types import (
    BUILTIN_CHECK_LABELS as BUILTIN_CHECK_LABELS,
    RENEWAL_WINDOW_DAYS as RENEWAL_WINDOW_DAYS,
    CheckType as CheckType,
    CheckTypes as CheckTypes,
    Renewal as Renewal,
    add_months as add_months,
    check_type_key as check_type_key,
    check_type_problems as check_type_problems,
    renewal_due as renewal_due,
    renewals_due as renewals_due,
)
from .clearance import (
    EXPIRY_WARNING_DAYS as EXPIRY_WARNING_DAYS,
    CheckFact as CheckFact,
    Clearance as Clearance,
    ClearanceRules as ClearanceRules,
    ConsentFact as ConsentFact,
    PersonFacts as PersonFacts,
    age_on as age_on,
    clearance_of as clearance_of,
    evaluate_clearance as evaluate_clearance,
    is_minor as is_minor,
)
from .csv_check import (
    RowChecker as RowChecker,
    infer_date_order as infer_date_order,
)
from .csv_columns import (
    FIELD_BY_KEY as FIELD_BY_KEY,
    FIELDS as FIELDS,
    ColumnGuess as ColumnGuess,
    guess_mapping as guess_mapping,
    mapping_problems as mapping_problems,
    normalise_header as normalise_header,
)
from .csv_merge import (
    MERGED_ENROLMENT_FIELDS as MERGED_ENROLMENT_FIELDS,
    FieldChange as FieldChange,
    field_changes as field_changes,
    lossy_copy as lossy_copy,
)
from .csv_records import (
    PERSON_FIELDS as PERSON_FIELDS,
    CheckedRow as CheckedRow,
    DuplicateIndex as DuplicateIndex,
    KnownPerson as KnownPerson,
    PersonDetails as PersonDetails,
    PersonRecord as PersonRecord,
    Problem as Problem,
    Severity as Severity,
)
from .custom_fields import (
    CUSTOM_PREFIX as CUSTOM_PREFIX,
    KIND_LABELS as KIND_LABELS,
    FieldDraft as FieldDraft,
    FieldSpec as FieldSpec,
    check_draft as check_draft,
    format_answer as format_answer,
    missing_answer as missing_answer,
    parse_answer as parse_answer,
    placeholder_name as placeholder_name,
)
from .names import (
    display_name as display_name,
)
from .pipeline import (
    TransitionRefused as TransitionRefused,
    attention_reasons as attention_reasons,
    check_transition as check_transition,
    refusal as refusal,
    screening_not_started as screening_not_started,
    screening_reading as screening_reading,
)
from .profile_text import (
    WEEKDAYS as WEEKDAYS,
    Slot as Slot,
    TagSpec as TagSpec,
    format_minute as format_minute,
    format_slots as format_slots,
    format_tags as format_tags,
    overlapping as overlapping,
    parse_time as parse_time,
)
from .validation import (
    DATE_ORDER_LABELS as DATE_ORDER_LABELS,
    MAX_LENGTH as MAX_LENGTH,
    MULTILINE_FIELDS as MULTILINE_FIELDS,
    DateOrder as DateOrder,
    Invalid as Invalid,
    check_birth_date as check_birth_date,
    check_length as check_length,
    clean as clean,
    fold as fold,
    max_length as max_length,
    parse_date as parse_date,
    parse_email as parse_email,
    parse_name as parse_name,
    parse_phone as parse_phone,
    person_key as person_key,
    sentence as sentence,
    strip_bidi as strip_bidi,
    text_problems as text_problems,
)
