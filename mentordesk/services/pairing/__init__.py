"""Pairing: from a programme's ready people to live matches.

Vocabulary (the same words in code and in the GUI):
- *pairing*: proposing who is matched with whom; *the matcher*: the whole-cohort solver it runs.
- *cohort*: everything a run needs about one programme, loaded as plain data.
- *hard rules*: what no score outweighs (places left, "not with", clearance of mentors of minors, away or on
  hold); decided in core/pairing/hard_rules.py for the matcher, manual pairing, review, publishing and speed
  rotations alike. A *refusal* names its ``Rule`` (e.g. ``Rule.NO_PLACE``) and says why in words.
- *run*: one go of the matcher; its proposal is saved as *drafts* (draft matches).
- *review*: accept, pin, reject or swap drafts; *manual pairing*: choosing a mentor by hand.
- *publish*: reviewed drafts become active *matches* from a start date.
- *match*: a published relationship with its lifecycle (active -> paused -> active -> closed), closure
  record and rematching.
- *speed rotation*: a speed-mentoring timetable in which every mentee meets several mentors.

Modules: settings, cohort, run, results, drafts, review, manual, publishing, lifecycle, speed.
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
