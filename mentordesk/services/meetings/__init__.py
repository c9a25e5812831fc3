"""Meetings: when pairs meet, what happened, and whether they meet often enough.

Vocabulary (the same words in code and in the GUI):
- *meeting*: one planned or recorded get-together of a match; a *series*: meetings repeating by a rule.
- *constraints*: term breaks, away dates, availability and other bookings that limit a date.
- *outcome*: what happened (held, cancelled, missed), with attendance and notes.
- *contact log*: the coordinator's own check-ins with a mentor, mentee or guardian.
- *cadence*: how often a match should meet and be checked on, and who is overdue.
- *calendar export*: meetings as an .ics file.

Modules: schedule, constraints, queries (read side), outcomes, contact_log, cadence, calendar_export.
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
