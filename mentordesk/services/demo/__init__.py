"""A realistic demo programme, so a new user sees a living scheme and the screenshots have content.

Modules: programme (seeding the demo), people (made-up people, also used by the benchmark generator),
goals (the demo's goals, milestones and reflections).
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
