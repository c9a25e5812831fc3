"""Application forms: print a programme's blank form for mentors or mentees, on paper or as a fillable PDF.

Vocabulary: see ``mentordesk.core.forms``. Returned fillable forms are imported through the roster
import (``services.participants.import_roster`` accepts a .pdf file or a folder of them), so every check,
the preview, duplicate handling and the all-or-nothing transaction are the same as for a CSV file.
Modules: printing.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
