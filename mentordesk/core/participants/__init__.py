"""Pure rules about people: validation, clearance, the pipeline, and CSV rows.

Vocabulary: see ``mentordesk.services.participants``. Modules: validation (what a person typed),
clearance, names (how a person is named), pipeline (allowed status moves), availability (weekly
slots), profile_text (tags and slots as text), csv_columns (which column is which field), csv_check
(one CSV record to a person), csv_records (what reading a file produces).
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
