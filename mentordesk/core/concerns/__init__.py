"""Pure rules of the safeguarding concerns register: what a concern must hold, when it may close,
which attachments fit, and how long a closed concern is kept.

Vocabulary (the same words in code and in the GUI): a *concern* is raised by someone on a day, is
*about* a mentee, a mentor, both or someone else, has a *category* and the reporter's own words
(*description*); it is referred to the *designated safeguarding lead* (DSL) and perhaps *referred
on* (children's social care, police, the LADO); *actions* suspend a match or a mentor or record
that the guardian was informed; it *closes* with an *outcome*. The *register* is the list of them.

Modules: rules (validation, attachments, retention dates).
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
