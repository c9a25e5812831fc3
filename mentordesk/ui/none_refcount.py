"""None kept out of reach of PySide6's missing reference, on Python 3.11.

On Python 3.11 ``None`` is reference-counted like any object. PySide6 6.12 gives back ``None``
from every method that returns nothing (``update()``, ``setText()``, ``processEvents()``...)
without counting the reference it hands over, so each call takes one away for good. Measured
here: switching page takes 50-160, and with about 16,000 at start a window crashed with "Fatal
Python error: none_dealloc" after some 600 page switches: a long day's work. From Python 3.12
``None`` is immortal (PEP 683: a count no program can bring to zero); ``keep_none_alive`` gives it
such a count on 3.11 too, once: ``app.main`` calls it before the event loop runs (after the window's
start, whose few hundred calls are far from the limit, so the start pays nothing for ``ctypes``), and
the test suite when it loads. Nothing else changes: ``None`` is never freed in a running program anyway.
"""

from __future__ import annotations

import sys

# Python 3.12 gives immortal objects a count of 2**32 - 1 and more; this is of the same order, far
# beyond what a program can take away (one a call: 2**40 calls would take years).
OUT_OF_REACH = 1 << 40


def keep_none_alive() -> bool:
    """Raise None's reference count out of reach, on a Python that counts it; True when it was raised."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False  # immortal already; or a debug build, whose object header is laid out otherwise
    import ctypes

    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the first field of every object
    if count.value >= OUT_OF_REACH:
        return False
    count.value += OUT_OF_REACH
    return True
