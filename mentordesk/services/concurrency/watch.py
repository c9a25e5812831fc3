"""Changes by others: a listener on a shared server, a data_version poll on a local file."""

from __future__ import annotations

from collections.abc import Callable

from mentordesk.store.base import database
from mentordesk.store.changes import EVERYTHING, ChangeListener, DataVersionPoll
from mentordesk.store.server import is_server

__all__ = ["EVERYTHING", "change_listener", "data_version_poll", "is_shared_server"]


def is_shared_server() -> bool:
    return database.obj is not None and is_server()


def change_listener(on_changes: Callable[[set[str]], None]) -> ChangeListener:
    """A listener (not started) on the open server database; ``on_changes`` runs on its thread."""
    return ChangeListener.for_database(database.obj, on_changes)


def data_version_poll() -> DataVersionPoll:
    """For the open SQLite file: ``changed()`` is True when another connection committed since."""
    return DataVersionPoll(database.obj)
