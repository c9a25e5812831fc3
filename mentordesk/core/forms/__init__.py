"""Application forms: which questions a programme's form asks, and reading a returned fillable PDF.

Vocabulary: *application form* (a programme's form for mentors or mentees, printed blank or as a
fillable PDF); *identity fields* (hidden fields naming the form, programme, role and layout version,
so a returned PDF says where it belongs). Modules: layout (the built-in questions, field names),
returned (pypdf reading of filled forms into import rows).
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
