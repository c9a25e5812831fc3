"""Printable paperwork: agreements, consent forms, letters, certificates and paper-first sheets.

The functions other areas call:

    generate(kind, match_id=..., participant_id=..., out_dir=...) -> Path
    generate_meeting_log(match_id, out_path) / generate_goal_worksheet / generate_reflection_sheet
    generate_agreements(match_ids, combined=..., progress=..., is_cancelled=...) -> BatchResult
    unrenderable_names(match_ids=..., participant_ids=...) -> names that would print as boxes

Modules: facts (database -> plain data), context (placeholder values), templates
(defaults and edited copies), story/blocks/sheets (layout), canvas/builder (pages and
files), generate (one document), batch (many), records (what was generated, signing).
"""

from __future__ import annotations

from mentordesk.services.documents.batch import (
    BatchResult,
    Cancelled,
    generate_agreements,
)
from mentordesk.services.documents.facts import DocumentError
from mentordesk.services.documents.fonts import RenderProblem, fallback_font_name
from mentordesk.services.documents.generate import (
    generate,
    generate_goal_worksheet,
    generate_meeting_log,
    generate_reflection_sheet,
    output_dir,
    preview,
    set_output_dir,
)
from mentordesk.services.documents.names import unrenderable_names
from mentordesk.services.documents.records import (
    DocumentRow,
    MatchRow,
    forget,
    list_documents,
    list_matches,
    mark_signed,
    matches_needing_agreements,
)
from mentordesk.services.documents.templates import (
    TemplateRejected,
    check_template,
    default_template,
    is_customised,
    reset_template,
    save_template,
    template_text,
    title,
)

__all__ = [
    "BatchResult",
    "Cancelled",
    "DocumentError",
    "DocumentRow",
    "MatchRow",
    "RenderProblem",
    "TemplateRejected",
    "check_template",
    "default_template",
    "fallback_font_name",
    "forget",
    "generate",
    "generate_agreements",
    "generate_goal_worksheet",
    "generate_meeting_log",
    "generate_reflection_sheet",
    "is_customised",
    "list_documents",
    "list_matches",
    "mark_signed",
    "matches_needing_agreements",
    "output_dir",
    "preview",
    "reset_template",
    "save_template",
    "set_output_dir",
    "template_text",
    "title",
    "unrenderable_names",
]
