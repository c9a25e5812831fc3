"""Pure pairing logic: hard rules, scores, explanations and the solvers.

Vocabulary: see ``mentordesk.services.pairing``. Modules: criteria (what a programme scores on and how
much), scoring (the 0-100 matrix), explain (the reasons in words), eligibility (hard rules), solve
(whole-cohort assignment), peer (pairs within one pool), blossom (general-graph matching), speed
(rotation timetables).
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
