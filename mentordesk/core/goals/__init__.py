"""Pure goal rules: goals, milestones, reflections, reviews and templates.

Vocabulary: see ``mentordesk.services.goals``. Modules: basics (problems, labels, dates in messages),
rules (goals, milestones, reflections), reviews (when a review is due), templates.
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
