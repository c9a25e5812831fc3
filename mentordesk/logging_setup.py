"""Logging to a rotating file in the platform log folder, scrubbed of personal data.

INFO and above must never carry personal data: log ids and counts, not names. As a second line
of defence every record that reaches the file is scrubbed (``scrub``): e-mail addresses, phone
numbers, file paths (PDF names hold children's names), quoted values and the words of any name
held in the open database are replaced, in the message and in an exception's text alike. Qt's
own messages (which print file paths) come through the same logger (``install_qt_handler``).

The rotating file handler is made on the first record: logging.handlers (with socket,
pickle and queue behind it) costs start-up more than the few records written before
the window has painted are worth, and there are none.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from mentordesk import config

LOG_FILENAME = "mentordesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5


_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w.])\+?\d[\d ()./-]{5,}\d(?![\w])")
# A path ends at the first file extension followed by a delimiter (so "/x/Ann Lee.pdf" goes whole),
# or else at the first space.
_PATH = re.compile(
    r"""(?:file://)?(?<![\w.])(?:~|[A-Za-z]:)?[\\/]"""
    r"""(?:[^"<>|\n]{0,300}?\.[A-Za-z0-9]{1,5}(?=$|[\s'",;:)\]])|[^\s'"<>|]*)"""
)
_QUOTED = re.compile(r"(?<!\w)(?:'[^'\n]{1,300}'|\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”)(?!\w)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
VALUES_TTL = 60.0  # seconds a loaded list of names is trusted before it is read again

_values_source: Callable[[], Iterable[str]] | None = None
_values: frozenset[str] = frozenset()
_values_at = -VALUES_TTL
_loading = threading.local()


def scrub_values_from(source: Callable[[], Iterable[str]] | None) -> None:
    """Where the names to scrub come from (the open database's people); None to stop."""
    global _values_source, _values, _values_at
    _values_source, _values, _values_at = source, frozenset(), -VALUES_TTL


def _known_words() -> frozenset[str]:
    global _values, _values_at
    if _values_source is None or getattr(_loading, "busy", False):
        return _values
    if time.monotonic() - _values_at >= VALUES_TTL:
        _loading.busy = True
        try:
            words = {w.casefold() for value in _values_source() for w in _WORD.findall(value or "")}
            words |= {part for w in words for part in re.split(r"[-'’]", w)}
            _values = frozenset(w for w in words if len(w) > 1)
            _values_at = time.monotonic()
        except Exception:  # no database open (start-up, the idle lock): keep what we had, ask again
            pass
        finally:
            _loading.busy = False
    return _values


def _path(match: re.Match[str]) -> str:
    name = re.split(r"[\\/]", match.group(0))[-1]
    suffix = Path(name).suffix if "." in name else ""
    # Source files in a traceback are ours, not personal: keep their name so the report stays useful.
    return f".../{name}" if suffix == ".py" else f"<path>{suffix}"


def scrub(text: str, *, quoted: bool = True) -> str:
    """``text`` with e-mails, phone numbers, paths, quoted values and known names replaced."""
    text = _EMAIL.sub("<e-mail>", text)
    text = _PATH.sub(_path, text)
    if quoted:
        text = _QUOTED.sub("'…'", text)
    text = _PHONE.sub("<number>", text)
    known = _known_words()
    if known:
        text = _WORD.sub(lambda m: _name(m.group(0), known), text)
    return text


def _name(word: str, known: frozenset[str]) -> str:
    if word.casefold() in known:
        return "<name>"
    if "-" in word or "'" in word or "’" in word:  # "Lee-agreement", "Ann's": the parts may be names
        return "".join("<name>" if p.casefold() in known else p for p in re.split(r"([-'’])", word))
    return word


def scrub_traceback(text: str) -> str:
    """A formatted traceback with its values scrubbed; our source lines (code, not data) are kept."""
    out = []
    for line in text.splitlines(keepends=True):
        if line.startswith('  File "'):
            out.append(scrub(line, quoted=False))
        elif line.startswith("    "):
            out.append(line)
        else:
            out.append(scrub(line))
    return "".join(out)


class ScrubbingFormatter(logging.Formatter):
    """Formats a record with its message and exception text scrubbed (``scrub``)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = scrub(record.message)
        return super().formatMessage(record)

    def formatException(self, ei) -> str:  # type: ignore[no-untyped-def]
        return scrub_traceback(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return scrub_traceback(stack_info)


class RotatingFileOnFirstRecord(logging.Handler):
    """A RotatingFileHandler that is opened when the first record arrives."""

    def __init__(self, path: Path, level: int = logging.NOTSET) -> None:
        super().__init__(level)
        self.path = path
        self.target: logging.Handler | None = None

    def _file(self) -> logging.Handler:
        if self.target is None:
            import logging.handlers

            config.ensure_dir(self.path.parent)
            self.target = logging.handlers.RotatingFileHandler(
                self.path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
            self.target.setFormatter(self.formatter)
        return self.target

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._file().emit(record)
        except Exception:  # a log folder that cannot be written must never stop the app
            self.handleError(record)

    def flush(self) -> None:
        if self.target is not None:
            self.target.flush()

    def close(self) -> None:
        if self.target is not None:
            self.target.close()
        super().close()


def log_to_stderr(level: int = logging.INFO) -> logging.Handler:
    """``--verbose`` on the command line: records on stderr too, scrubbed like the file."""
    handler = logging.StreamHandler()
    handler.setFormatter(ScrubbingFormatter("%(levelname)s %(message)s"))
    handler.setLevel(level)
    logging.getLogger().addHandler(handler)
    return handler


def setup_logging(level: int = logging.INFO) -> logging.Handler:
    handler = RotatingFileOnFirstRecord(config.log_dir() / LOG_FILENAME)
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # A record that fails to format must not be printed to stderr with its arguments.
    logging.raiseExceptions = False
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_mentordesk", False)]:
        root.removeHandler(old)
        old.close()
    handler._mentordesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return handler


_QT_LEVELS = {"QtDebugMsg": logging.DEBUG, "QtInfoMsg": logging.INFO, "QtWarningMsg": logging.WARNING}


def install_qt_handler() -> None:
    """Route Qt's messages (printed to stderr by default, paths and all) through the scrubbing log."""
    from PySide6.QtCore import qInstallMessageHandler

    qt_log = logging.getLogger("mentordesk.qt")

    def handle(mode, context, message: str) -> None:  # type: ignore[no-untyped-def]
        level = _QT_LEVELS.get(getattr(mode, "name", str(mode)), logging.ERROR)
        qt_log.log(level, "%s", message)

    qInstallMessageHandler(handle)
