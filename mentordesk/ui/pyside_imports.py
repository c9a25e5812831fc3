"""PySide6's tax on every later import, made cheaper.

Once PySide6 is imported it wraps ``__import__``: for each module imported afterwards it asks
whether the module's source mentions "PySide6" (to scope its optional ``__feature__`` syntax),
and reads the source through ``inspect.getsource``: linecache, the encoding cookie, the lines.
MentorDesk imports some 180 modules after PySide6, which made that question cost 20-30 ms of
every start, a third of it before the window's first paint (measured; see docs/performance.md).

``read_sources_directly`` answers the same question from the file's bytes. PySide6 keeps the
hook in its private support package; if that ever changes, this does nothing and PySide6's
own check runs as before.
"""

from __future__ import annotations

from types import ModuleType


def read_sources_directly() -> bool:
    """Install the faster check; True when installed (or already there)."""
    try:
        from shibokensupport import feature  # type: ignore[import-not-found]  # PySide6's support package
    except ImportError:
        return False
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None:
        return False
    if getattr(original, "reads_bytes", False):
        return True

    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))  # compiled-only, frozen, or in a zip: PySide6's own way
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    mentions_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mentions_pyside
    return True
