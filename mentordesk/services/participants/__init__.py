"""Participants: the people of a programme, from application to clearance.

Vocabulary (the same words in code and in the GUI):
- *participant*: a person; *enrolment*: a participant in one programme, with a role (mentor, mentee, peer),
  a *status* on the pipeline (applied -> screening -> ready -> matched -> exited) and a mentor's capacity.
- *guardian* and *consent*: the family of a minor and what they agreed to.
- *screening check*: one safeguarding record (interview, reference, background check, training, code of
  conduct); *clearance*: whether a person may be matched, always derived from the checks, never ticked.
- *tag*: a skill, interest, goal area or language a person offers or seeks.
- *participant list*: the table of a programme's people (``listing``); *CSV import* / *CSV export*: the
  files exchanged with spreadsheets (``csv_import``, ``csv_writer``, ``csv_export``).

Modules: people (the add/edit form), enrolments, guardians, tags, screening, clearance, listing,
csv_import (preview, then one all-or-nothing transaction), csv_writer (bulk rows), csv_export.
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
