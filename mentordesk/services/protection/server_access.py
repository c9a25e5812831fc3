"""Connecting to a shared server from the window: the URL from its parts, a connection test, the password.

The password is handed to the driver and, when asked, to the OS keyring; it is never in the URL,
the settings or the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from mentordesk.core.progress import Progress
from mentordesk.store import server


class ServerProblem(Exception):
    """The connection failed or the address is not usable; the message names the fix."""


@dataclass(frozen=True)
class ServerFound:
    url: str
    version: str  # "PostgreSQL 15.10"
    user: str
    role: str | None  # MentorDesk role of the user (None: the owner or a plain user)
    is_mentordesk: bool  # holds a MentorDesk schema already (False: empty, created on connect)

    @property
    def summary(self) -> str:
        role = f", MentorDesk role {self.role}" if self.role else ""
        what = "a MentorDesk database" if self.is_mentordesk else "an empty database (MentorDesk will set it up)"
        return f"Connected to {self.version} as {self.user}{role}: {what}."


def build_url(host: str, port: int, dbname: str, user: str) -> str:
    """``postgresql://USER@HOST:PORT/DBNAME`` from the dialog's fields; ServerProblem naming a missing one."""
    host, dbname, user = host.strip(), dbname.strip(), user.strip()
    for value, name in ((host, "Host"), (dbname, "Database"), (user, "User")):
        if not value:
            raise ServerProblem(f"{name} is empty: fill it in (ask your IT administrator for the details).")
    shown_host = quote(host, safe="") if host.startswith("/") else host
    if ":" in host and not host.startswith("[") and not host.startswith("/"):
        shown_host = f"[{host}]"  # an IPv6 address
    url = f"postgresql://{quote(user, safe='')}@{shown_host}:{int(port)}/{quote(dbname, safe='')}"
    try:
        server.parse_url(url)
    except server.ServerError as exc:
        raise ServerProblem(str(exc)) from None
    return url


def account(url: str) -> str:
    return server.parse_url(url).account


def describe_server(url: str) -> str:
    """What the title bar and status bar call the server database: "mentoring on db.trust.org (as ana)"."""
    address = server.parse_url(url)
    where = "this computer" if address.host.startswith("/") else address.host
    return f"{address.dbname} on {where} (as {address.user})"


def test_server_connection(url: str, password: str | None, progress: Progress | None = None) -> ServerFound:
    """Connect with a connection of its own (the open database is untouched), look around, disconnect."""
    from mentordesk.store import server_roles

    try:
        address = server.parse_url(url)
    except server.ServerError as exc:
        raise ServerProblem(str(exc)) from None
    if progress is not None:
        progress(0, 2, f"Connecting to {address.label}…")
    db = server.make_server_database(address, password)
    try:
        try:
            db.connect()
            version = str(db.execute_sql("SHOW server_version").fetchone()[0]).split()[0]
        except Exception as exc:  # psycopg's OperationalError, wrapped or not by peewee
            raise ServerProblem(server.explain(exc, address)) from None
        if progress is not None:
            progress(1, 2, "Checking the database…")
        tables = set(db.get_tables())
        role = server_roles.role_of(db)
        user = str(db.execute_sql("SELECT current_user").fetchone()[0])
    finally:
        db.close()
    if tables and "setting" not in tables:
        raise ServerProblem(f"{address.label} holds other tables, not MentorDesk's: ask for an empty database.")
    return ServerFound(url, f"PostgreSQL {version}", user, role, "setting" in tables)


def remember_server_password(url: str, password: str) -> None:
    """Into the OS keyring (``KeyringUnavailable`` when there is none: never a file)."""
    from mentordesk.services.protection.secrets import store_server_password

    store_server_password(account(url), password)


def remembered_server_password(url: str) -> str | None:
    from mentordesk.services.protection.secrets import get_server_password

    try:
        return get_server_password(account(url))
    except server.ServerError:
        return None
