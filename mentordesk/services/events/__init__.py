"""Programme events: training sessions, group sessions and celebrations, with invitees and a register.

Vocabulary (the same words in code and in the GUI):
- *event*: one gathering of a programme (kind, title, date and time, place, notes);
- *invitees*: the programme's participants asked to come (chosen by role, by status or one by one);
- *register*: each invitee's *mark* — attended, apologies, absent (or not marked yet). Marking someone
  attended at a training session records a passed training check (hours, topics, the event's date)
  in their screening, which counts toward clearance like any other training; un-marking removes it.

Modules: records (events and invitees), register (marks, from the GUI or a CSV file), sign_in (the
printed sign-in sheet), calendar (an .ics file of the programme's events).
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
