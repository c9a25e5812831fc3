"""Every test runs offscreen, with every MentorDesk folder and the keyring pointed at temporary places."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;qt.qpa.*=false")

from pathlib import Path  # noqa: E402

import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

from mentordesk.ui.none_refcount import keep_none_alive  # noqa: E402

keep_none_alive()  # one test process makes more PySide6 calls than None has references (see the module)


class MemoryKeyring(KeyringBackend):
    """Stands in for the OS keyring: nothing a test stores leaves the process."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.store:
            raise PasswordDeleteError(username)
        del self.store[(service, username)]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    home = tmp_path_factory.mktemp("mentordesk-home")
    monkeypatch.setenv("MENTORDESK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch) -> MemoryKeyring:
    from mentordesk.services.protection import secrets

    backend = MemoryKeyring()
    # The app uses only allow-listed backends; the tests' in-memory one is allowed by exact class.
    monkeypatch.setitem(secrets.SECURE_BACKENDS, "tests.conftest.MemoryKeyring", "test memory keyring")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session", autouse=True)
def collect_on_the_main_thread():
    """As the app does (ui/gc_guard.py): the cycle collector must not free a widget on a worker thread.

    Automatic collection is off for the session; each test ends with the collection the automatic
    collector would have made by then, made on this thread.
    """
    import gc

    from mentordesk.ui.gc_guard import collect_due

    thresholds = gc.get_threshold()
    gc.disable()
    yield lambda: collect_due(thresholds)
    gc.enable()


@pytest.fixture(autouse=True)
def background_work_finishes(collect_on_the_main_thread):
    """No worker may outlive its test: it would query the next test's database."""
    yield
    import sys

    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QThreadPool

        QThreadPool.globalInstance().waitForDone(30_000)
        if QCoreApplication.instance() is not None:
            QCoreApplication.processEvents()
    _no_change_listener_left()
    collect_on_the_main_thread()  # here, on the main thread, with every worker finished


def _no_change_listener_left() -> None:
    """A window left open on a shared server keeps its LISTEN thread posting into the next tests
    (a suspect for a fresh-clone run that aborted): each test must close what it opened."""
    import threading

    leaked = [t for t in threading.enumerate() if t.name == "mentordesk-changes" and t.is_alive()]
    for thread in leaked:
        thread.join(2.0)  # a listener being stopped ends within its poll interval
    leaked = [t for t in leaked if t.is_alive()]
    assert not leaked, "a change listener outlived its test: close its window (qtbot.addWidget) or stop it"


BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc):
    """Tests marked ``both_backends`` that use a database run once on SQLite and once on PostgreSQL."""
    if "backend" not in metafunc.fixturenames or not metafunc.definition.get_closest_marker("both_backends"):
        return
    own = [m for m in metafunc.definition.iter_markers("parametrize") if "backend" in str(m.args[0])]
    if not own:  # a test may name its backend itself: @pytest.mark.parametrize("backend", ["sqlite"], ...)
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture(scope="session")
def pg_server():
    """One throwaway PostgreSQL cluster for the session (tests/pg_server.py), started on first use."""
    from tests.pg_server import start_or_skip

    server = start_or_skip()
    yield server
    server.stop()


@pytest.fixture
def pg_database(pg_server):
    """The name of a fresh database holding the current schema; dropped after the test."""
    from mentordesk.store.db import close_database

    name = pg_server.new_database()
    yield name
    close_database()
    pg_server.drop_database(name)


@pytest.fixture
def backend(request) -> str:
    """Which database the ``db`` fixture opens: SQLite unless the test is marked ``both_backends``."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_url(backend, tmp_path, request) -> str:
    """What ``open_database`` (and ``--db``) is given for a fresh database: a file path or a server URL."""
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        return server.url(request.getfixturevalue("pg_database"))
    return str(tmp_path / "test.db")


@pytest.fixture
def db(db_url):
    """A fresh, empty database bound to the models (a file, or a server database for ``both_backends``)."""
    from mentordesk.store.db import close_database, open_database

    database = open_database(db_url)
    yield database
    close_database()


@pytest.fixture
def demo_db(db):
    """The demo programme, as a new user would see it."""
    from mentordesk.services.demo import programme as demo

    demo.seed_demo()
    return db


@pytest.fixture
def demo_main_window(qtbot, demo_db, tmp_path):
    """The main window, shown, on the demo programme."""
    from mentordesk.ui.context import AppContext
    from mentordesk.ui.main_window import MainWindow

    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def programme(db):
    from mentordesk.store.models import Programme

    return Programme.create(name="Test programme")
