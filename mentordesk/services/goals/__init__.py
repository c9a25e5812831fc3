"""Goals: what each match works towards, and the journal of how it went.

Vocabulary (the same words in code and in the GUI):
- *goal*: a SMART aim of a match, owned by a member, with a status and progress; *review*: a dated look at
  a goal (at least yearly and at closure).
- *milestone*: a step of a goal; ticking milestones moves the goal's progress.
- *reflection*: a journal entry of a match (successes, challenges, what helped, next steps).
- *goal template*: a ready-made goal a programme offers.

Modules: rows (reading goals as plain rows), changes (creating and changing goals), milestones,
reflections, templates, export (CSV).
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
