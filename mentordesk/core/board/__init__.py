"""Pure rules of shadow boards: what a sponsor, a session and a recommendation must hold, when an outcome
may be recorded, and the board's figures for a period.

Vocabulary (the same words in code and in the GUI): a *shadow board* is a group of (usually junior)
*members*, the people enrolled in its programme, who shadow a leadership team; its *sponsors* are the
leaders it reports to; it meets in *sessions* (a date, the *topics* taken up, *attendance*: present,
apologies, absent); it makes *recommendations*, each with an *outcome*: awaiting a decision, in
progress, accepted or declined, with the day it was decided and a note.

Modules: rules (validation and labels), figures (counts for the programme report).
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
