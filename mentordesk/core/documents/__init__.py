"""Pure document logic: template markup and placeholders, and file names.

Modules: templating (placeholders, light markup, checks, rendering), placeholders (what a template may
use), filenames (names every operating system accepts).
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
