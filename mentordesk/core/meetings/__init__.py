"""Pure meeting rules: recurrence, conflicts, cadence, and checks on what is scheduled.

Vocabulary: see ``mentordesk.services.meetings``. Modules: recurrence (RRULE series), conflicts (clashes
and free slots), cadence (who is overdue), validation (checks on a meeting), time_zones (VTIMEZONE rules).
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
