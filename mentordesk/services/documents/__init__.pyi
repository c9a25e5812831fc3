"""What services.documents offers other areas (read by lazy_loader at run time and by mypy)."""

from .batch import (
    BatchResult as BatchResult,
    generate_agreements as generate_agreements,
)
from .facts import (
    AdultConsent as AdultConsent,
    DocumentError as DocumentError,
)
from .fonts import (
    BOLD as BOLD,
    REGULAR as REGULAR,
    RenderProblem as RenderProblem,
    draw_string as draw_string,
    ensure_fonts as ensure_fonts,
    para as para,
    render_problems as render_problems,
    text_paragraph as text_paragraph,
    text_width as text_width,
)
from .generation import (
    generate as generate,
    generate_goal_worksheet as generate_goal_worksheet,
    generate_meeting_log as generate_meeting_log,
    generate_reflection_sheet as generate_reflection_sheet,
    output_dir as output_dir,
    preview as preview,
    set_output_dir as set_output_dir,
)
from .listing import (
    LISTING_WIDTH as LISTING_WIDTH,
    listing_table as listing_table,
    write_listing as write_listing,
)
from .names import (
    unrenderable_names as unrenderable_names,
)
from .records import (
    AgreementStatus as AgreementStatus,
    DocumentRow as DocumentRow,
    MatchRow as MatchRow,
    SignatureState as SignatureState,
    agreement_status as agreement_status,
    forget as forget,
    list_documents as list_documents,
    list_matches as list_matches,
    mark_signed as mark_signed,
    matches_needing_agreements as matches_needing_agreements,
    record_signature as record_signature,
)
from .styles import (
    ACCENT as ACCENT,
    ACCENT_TINT as ACCENT_TINT,
    INK as INK,
    MUTED as MUTED,
    RULE as RULE,
    Styles as Styles,
    paper_styles as paper_styles,
)
from .templates import (
    TemplateRejected as TemplateRejected,
    check_template as check_template,
    default_template as default_template,
    is_customised as is_customised,
    reset_template as reset_template,
    save_template as save_template,
    template_text as template_text,
    title as title,
)
