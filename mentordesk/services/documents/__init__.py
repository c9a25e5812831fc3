"""Printable paperwork: agreements, consent forms, letters, certificates and paper-first sheets.

The functions other areas call:

    generate(kind, match_id=..., participant_id=..., out_dir=...) -> Path
    generate_meeting_log(match_id, out_path) / generate_goal_worksheet / generate_reflection_sheet
    generate_agreements(match_ids, combined=..., progress=...) -> BatchResult (stops between matches on cancel)
    unrenderable_names(match_ids=..., participant_ids=...) -> names that would print as boxes
    ensure_fonts(), REGULAR/BOLD, para(text), text_paragraph(text, style), draw_string(canvas, ...):
        the one place PDF fonts are registered and user text is escaped, reordered and shaped
        (the speed timetable and the subject-access export print through these too)

Modules: facts (database -> plain data), context (placeholder values), templates
(defaults and edited copies), story/blocks/sheets (layout), canvas/builder (pages and
files), generate (one document), batch (many), records (what was generated, signing).
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
