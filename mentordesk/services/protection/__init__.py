"""Protection: keeping the data safe, private and accountable.

Vocabulary (the same words in code and in the GUI):
- *backup*: a copy of the database file (daily, manual, before risky work); *restore*: putting one back.
- *encryption*: the database file encrypted with a *passphrase* (SQLCipher); *secrets*: the OS keyring.
- *lock*: the idle lock and what unlocks it.
- *audit log*: who changed what, and when.
- *retention*: erasing people a set time after their programme ends; *erasure*: erasing one person.
- *subject access*: everything held about one person, as JSON and a readable PDF (safeguarding
  concerns only when chosen: see services/concerns/subject.py for the legal reason).

Modules: backups, encryption, secrets, lock, audit, retention, erasure, subject_access,
subject_access_pdf, database_info.
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
