"""What core.documents offers other areas (read by lazy_loader at run time and by mypy)."""

from .filenames import (
    join_names as join_names,
    numbered as numbered,
    safe_filename as safe_filename,
)
from .placeholders import (
    BLOCKS as BLOCKS,
    MATCH_KINDS as MATCH_KINDS,
    PLACEHOLDERS as PLACEHOLDERS,
    TEMPLATE_KINDS as TEMPLATE_KINDS,
    is_custom_placeholder as is_custom_placeholder,
)
from .signatures import (
    COORDINATOR as COORDINATOR,
    GUARDIAN as GUARDIAN,
    SIGNATORY_ROLES as SIGNATORY_ROLES,
    Member as Member,
    Signatory as Signatory,
    completed_on as completed_on,
    missing_signatures as missing_signatures,
    required_signatories as required_signatories,
    signature_problem as signature_problem,
)
from .templating import (
    Element as Element,
    Problem as Problem,
    Span as Span,
    TemplateError as TemplateError,
    check as check,
    render as render,
)
