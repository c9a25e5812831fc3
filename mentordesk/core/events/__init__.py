"""Programme events, pure rules: kinds, register marks, checking an event's fields, and reading an
attendance register from CSV text.

Vocabulary: an *event* is a programme's training session, group session, celebration or other
gathering; its *invitees* are chosen from the programme's participants; the *register* gives each
invitee a *mark* (attended, apologies, absent, or none yet).

Modules: rules (kinds, marks, field checks), register_csv (a register read from CSV).
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
