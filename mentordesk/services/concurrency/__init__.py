"""Several people at once: record versions and conflicts, changes by others, one long job at a time.

Vocabulary (the same words in code and in the GUI):
- *version*: every editable record's save counter; a save over a version someone else has moved on
  is a *conflict* (``RecordChanged``): theirs against mine, field by field, resolved by the user.
- *edit session*: what an editor read when it opened, so that its save minutes later is checked
  against that (``EditSession``).
- *changes by others*: PostgreSQL's NOTIFY (or SQLite's data_version) telling open windows to reload.
- *job lock*: a matcher run or a publish holds one per programme; a second person is told who runs it.

Modules: edits (sessions and conflicts), jobs (job locks), watch (changes by others).
"""

import lazy_loader

# The names other areas may use are listed in __init__.pyi; each submodule is imported on first use,
# so importing the area costs nothing until something of it is needed.
__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
