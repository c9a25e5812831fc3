"""Concerns: the safeguarding concerns register, open only to the safeguarding lead (or whoever acts for them).

Vocabulary (the same words in code and in the GUI): a *concern* is *raised* by someone, is *about* a
mentee, a mentor, both or someone else, has a *category* and the reporter's own words; it is
*referred* to the designated safeguarding lead and perhaps *referred on*; *actions* suspend a match,
suspend a mentor from all matches, or record that the guardian was (or was not) informed; it
*closes* with an *outcome*. *Attachments* are files kept inside the database. The register is
*locked* until the lead confirms with a passphrase (*unlock*); every view of it is audited.

Modules: access (unlocking), register (raise, edit, close, read), actions, attachments, retention
(its own keeping rule), subject (subject access and erasure), attention (dashboard), summary_pdf.
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
