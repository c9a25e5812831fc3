"""What services.participants offers other areas (read by lazy_loader at run time and by mypy)."""

from .alumni import (
    AlumnusRow as AlumnusRow,
    alumni as alumni,
)
from .clearance import (
    ScreeningFacts as ScreeningFacts,
    add_check_type as add_check_type,
    check_types as check_types,
    clearance_map as clearance_map,
    remove_check_type as remove_check_type,
    rules_for as rules_for,
    save_rules as save_rules,
    screening_facts as screening_facts,
    set_renewal_cycle as set_renewal_cycle,
)
from .csv_export import (
    export_matches as export_matches,
    export_meetings as export_meetings,
    export_participants as export_participants,
)
from .csv_import import (
    ImportOptions as ImportOptions,
    ImportSummary as ImportSummary,
    Preview as Preview,
    RosterImportError as RosterImportError,
    columns_for as columns_for,
    field_label as field_label,
    import_roster as import_roster,
    is_form_source as is_form_source,
    preview as preview,
)
from .custom_fields import (
    Answer as Answer,
    CustomFieldError as CustomFieldError,
    answers_by_person as answers_by_person,
    check_answers as check_answers,
    define_field as define_field,
    delete_field as delete_field,
    list_fields as list_fields,
    move_field as move_field,
    read_answers as read_answers,
    save_answers as save_answers,
    update_field as update_field,
    write_values as write_values,
)
from .enrolments import (
    EnrolOutcome as EnrolOutcome,
    bulk_add_tag as bulk_add_tag,
    bulk_change_status as bulk_change_status,
    change_status as change_status,
    enrol_in_programme as enrol_in_programme,
    status_history as status_history,
)
from .guardians import (
    ConsentInput as ConsentInput,
    GuardianInput as GuardianInput,
    GuardianRow as GuardianRow,
    add_consent as add_consent,
    add_guardian as add_guardian,
    add_person_with_guardian as add_person_with_guardian,
    delete_guardian as delete_guardian,
    list_consents as list_consents,
    list_guardians as list_guardians,
    update_guardian as update_guardian,
    validate_consent as validate_consent,
    withdraw_consent as withdraw_consent,
)
from .listing import (
    RosterRow as RosterRow,
    roster as roster,
)
from .people import (
    AwayDates as AwayDates,
    EnrolmentDetails as EnrolmentDetails,
    ExclusionInfo as ExclusionInfo,
    ParticipantError as ParticipantError,
    PersonDetails as PersonDetails,
    Profile as Profile,
    delete_participant as delete_participant,
    load_profile as load_profile,
    save_profile as save_profile,
)
from .renewals import (
    RenewalRow as RenewalRow,
    renewal_attention as renewal_attention,
    renewals as renewals,
)
from .renewals_pdf import (
    write_renewals_pdf as write_renewals_pdf,
)
from .screening import (
    CHECK_LABELS as CHECK_LABELS,
    CheckInput as CheckInput,
    CheckRow as CheckRow,
    add_check as add_check,
    attention_items as attention_items,
    checklist as checklist,
    delete_check as delete_check,
    list_checks as list_checks,
    update_check as update_check,
    validate_check as validate_check,
)
from .tags import (
    known_tags as known_tags,
)
