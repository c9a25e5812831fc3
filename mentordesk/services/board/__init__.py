"""Board: a shadow-board programme's members, executive sponsors, sessions and recommendations.

Vocabulary (the same words in code and in the GUI): the *members* are the people enrolled in the
programme (not exited); *sponsors* are the leaders the board reports to, named whether or not they
are participants; a *session* is one sitting of the board (date, title, *topics*, place, notes,
*attendance* per member); a *recommendation* is made on a day (perhaps at a session, perhaps to a
sponsor) and has an *outcome*: awaiting a decision, in progress, accepted or declined, with the day
decided and a note. A shadow board is not paired by the matcher.

Modules: records (add, change, delete), overview (what the Board tab and the PDF show),
summary_pdf, figures (the programme report's board section).
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
