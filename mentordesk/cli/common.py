"""What every command needs: the database opened from ``--db``, and messages to the terminal."""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from mentordesk import config
from mentordesk.store import db as store_db


class CommandError(Exception):
    """A message for the user; the command exits with ``code`` and nothing was written."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def db_path(args: Namespace) -> Path:
    return Path(args.db) if args.db else config.default_db_path()


def open_db(args: Namespace, *, must_exist: bool = True):
    path = db_path(args)
    if must_exist and not path.exists():
        raise CommandError(f"No database at {path}. Create one with: mentordesk --db {path} demo", 1)
    try:
        return store_db.open_database(path)
    except store_db.DatabaseError as exc:
        raise CommandError(str(exc), 1) from exc


def say(text: str = "") -> None:
    print(text)


def fail(text: str) -> None:
    print(f"mentordesk: {text}", file=sys.stderr)


def run(func):
    """Decorator: turn CommandError into its message and exit code."""

    def wrapper(args: Namespace) -> int:
        try:
            return int(func(args) or 0)
        except CommandError as exc:
            fail(str(exc))
            return exc.code
        finally:
            store_db.close_database()

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper
