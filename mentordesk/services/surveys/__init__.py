"""Surveys: fit checks, pulse surveys, exit surveys and before-and-after outcome measures.

Vocabulary (the same words in code and in the GUI):
- *survey* (template): a programme's questionnaire; built-ins are copied in and may be edited.
- *schedule*: when a survey is due (N days after the match starts, every N days, at closure, at
  the programme's start and end); *due* / *overdue*: unanswered, and two weeks past due.
- *response*: one person's answers on one day, typed, read from a returned fillable PDF, or
  imported from an online form's CSV/XLSX export.
- *outcome figures*: per scale, before vs after (``outcome_pairs``, ``outcome_mean_change``,
  ``outcome_improved_pct``).

Modules: templates, responses (checking and saving, all or nothing), insights (due, attention,
outcomes), paper (printed and fillable PDFs), pdf_import, table_import, export.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
