"""What services.surveys offers other areas (read by lazy_loader at run time and by mypy)."""

from .export import (
    export_responses as export_responses,
)
from .insights import (
    DueRow as DueRow,
    ScaleLine as ScaleLine,
    attention_items as attention_items,
    due_list as due_list,
    outcome_figures as outcome_figures,
    person_outcomes as person_outcomes,
    survey_audience as survey_audience,
)
from .paper import (
    IDENTITY_FIELDS as IDENTITY_FIELDS,
    PrintItem as PrintItem,
    print_batch as print_batch,
    print_surveys as print_surveys,
    survey_filename as survey_filename,
    write_survey as write_survey,
)
from .pdf_import import (
    FormRefused as FormRefused,
    import_forms as import_forms,
    pdf_files as pdf_files,
)
from .responses import (
    ResponseDraft as ResponseDraft,
    ResponseRow as ResponseRow,
    SaveResult as SaveResult,
    delete_response as delete_response,
    list_responses as list_responses,
    match_of as match_of,
    programme_people as programme_people,
    record_response as record_response,
    save_responses as save_responses,
)
from .table_import import (
    Preview as Preview,
    guess_mapping as guess_mapping,
    import_table as import_table,
    preview as preview,
)
from .templates import (
    SurveyError as SurveyError,
    TemplateRow as TemplateRow,
    answer_counts as answer_counts,
    find_template as find_template,
    get_template as get_template,
    list_templates as list_templates,
    seed_builtins as seed_builtins,
    update_template as update_template,
)
