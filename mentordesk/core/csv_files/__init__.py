"""CSV files that spreadsheets write and read: sniffing encodings and delimiters, formula-safe writing.

Modules: read (Excel, LibreOffice, Google Sheets and school-system exports), write (opens cleanly, cannot
run formulas).
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
