"""What core.forms offers other areas (read by lazy_loader at run time and by mypy)."""

from .layout import (
    CONSENT_STATEMENTS as CONSENT_STATEMENTS,
    FORM_MARK as FORM_MARK,
    FORM_VERSION as FORM_VERSION,
    ID_FIELDS as ID_FIELDS,
    Question as Question,
    Section as Section,
    choice_export as choice_export,
    custom_name as custom_name,
    form_sections as form_sections,
)
from .returned import (
    FormTable as FormTable,
    NotOurForm as NotOurForm,
    ReturnedForm as ReturnedForm,
    read_form as read_form,
    read_forms as read_forms,
)
