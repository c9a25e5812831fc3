"""What services.protection offers other areas (read by lazy_loader at run time and by mypy)."""

from .audit import (
    AuditRow as AuditRow,
    action_label as action_label,
    actions as actions,
    entities as entities,
    entity_label as entity_label,
    load as load,
)
from .backups import (
    BackupEntry as BackupEntry,
    BackupUnreadable as BackupUnreadable,
    FileInfo as FileInfo,
    auto_backup_if_due as auto_backup_if_due,
    backup_before as backup_before,
    backup_now as backup_now,
    backup_server as backup_server,
    generations as generations,
    kept_generations as kept_generations,
    last_auto as last_auto,
    latest_good_backup as latest_good_backup,
    list_entries as list_entries,
    preview as preview,
    restore as restore,
    restore_over_damaged as restore_over_damaged,
    store_backup as store_backup,
)
from .database_info import (
    describe as describe,
)
from .encryption import (
    BACKUP_KINDS as BACKUP_KINDS,
    MIN_LENGTH as MIN_LENGTH,
    PassphraseRejected as PassphraseRejected,
    backup_kind as backup_kind,
    change as change,
    check_new_passphrase as check_new_passphrase,
    is_encrypted as is_encrypted,
    matches_current as matches_current,
    plaintext_backup_kinds as plaintext_backup_kinds,
    plaintext_backups as plaintext_backups,
    remove_plaintext_backups as remove_plaintext_backups,
)
from .erasure import (
    ErasurePlan as ErasurePlan,
    erase as erase,
    erasure_plan as erasure_plan,
    stub_name as stub_name,
)
from .location import (
    location_warning as location_warning,
)
from .lock import (
    Sealed as Sealed,
    can_lock as can_lock,
    has_lock_passphrase as has_lock_passphrase,
    idle_minutes as idle_minutes,
    seal as seal,
    set_idle_minutes as set_idle_minutes,
    set_lock_passphrase as set_lock_passphrase,
    unseal as unseal,
    uses_database_passphrase as uses_database_passphrase,
    verify as verify,
)
from .mentions import (
    REDACTED as REDACTED,
    TEXT_FIELDS as TEXT_FIELDS,
    Mention as Mention,
    personal_values as personal_values,
)
from .retention import (
    DueRecord as DueRecord,
    RetentionRule as RetentionRule,
    due as due,
    erase_due as erase_due,
    get_rule as get_rule,
    set_rule as set_rule,
)
from .secrets import (
    KeyringUnavailable as KeyringUnavailable,
    forget_passphrase as forget_passphrase,
    get_passphrase as get_passphrase,
    get_server_password as get_server_password,
    is_remembered as is_remembered,
    status as status,
    store_passphrase as store_passphrase,
    store_server_password as store_server_password,
)
from .server_access import (
    ServerFound as ServerFound,
    ServerProblem as ServerProblem,
    build_url as build_url,
    describe_server as describe_server,
    remember_server_password as remember_server_password,
    remembered_server_password as remembered_server_password,
    test_server_connection as test_server_connection,
)
from .subject_access import (
    PersonRow as PersonRow,
    SubjectAccessError as SubjectAccessError,
    collect as collect,
    export_json as export_json,
    export_pdf as export_pdf,
    list_people as list_people,
)
