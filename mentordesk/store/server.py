"""A shared PostgreSQL server as the database: parse its URL, connect, migrate.

``postgresql://USER@HOST[:PORT]/DBNAME`` names it; a Unix socket folder may stand for the host,
percent-encoded (``postgresql://USER@%2Frun%2Fpostgresql/DBNAME``) or as ``?host=/run/postgresql``.
TLS is required (``sslmode=require`` or stricter) unless the server is on this computer
(localhost or a Unix socket). The password never appears in the URL: the caller passes it
(from ``MENTORDESK_DB_PASSWORD`` or the keyring) and it is handed to the driver only.

The models bind to the same proxy as a local file. psycopg 3 is the driver
(``playhouse.postgres_ext.Psycopg3Database``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from peewee import Database

from mentordesk.store import migrations
from mentordesk.store.base import database
from mentordesk.store.errors import DatabaseError

log = logging.getLogger(__name__)

SCHEMES = ("postgresql://", "postgres://")
DEFAULT_PORT = 5432
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
TLS_MODES = ("require", "verify-ca", "verify-full")
ALLOWED_OPTIONS = {"sslmode", "sslrootcert", "host", "port", "connect_timeout"}
# Two MentorDesk clients starting at once must not both migrate: the first holds this lock.
MIGRATION_LOCK = 0x4D656E746F72  # "Mentor"


def is_server_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(SCHEMES)


@dataclass(frozen=True)
class ServerAddress:
    user: str
    host: str  # a host name, an address, or a Unix socket folder (starts with "/")
    port: int
    dbname: str
    options: dict[str, str] = field(default_factory=dict)

    @property
    def is_local(self) -> bool:
        return self.host.startswith("/") or self.host in LOCAL_HOSTS

    @property
    def sslmode(self) -> str:
        return self.options.get("sslmode") or ("prefer" if self.is_local else "require")

    @property
    def account(self) -> str:
        """The keyring's user name for this server's password: no secret, no personal data."""
        return f"{self.user}@{self.host}:{self.port}/{self.dbname}"

    @property
    def label(self) -> str:
        where = "a local socket" if self.host.startswith("/") else f"{self.host}:{self.port}"
        return f"database {self.dbname} on {where}"

    def connect_params(self, password: str | None) -> dict[str, object]:
        params: dict[str, object] = {
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "sslmode": self.sslmode,
            "connect_timeout": int(self.options.get("connect_timeout", 10)),
            "application_name": "MentorDesk",
        }
        if "sslrootcert" in self.options:
            params["sslrootcert"] = self.options["sslrootcert"]
        if password:
            params["password"] = password
        return params


class ServerError(Exception):
    """The server could not be used; the one-line message names the fix."""


def parse_url(url: str) -> ServerAddress:
    """``postgresql://USER@HOST[:PORT]/DBNAME[?sslmode=...]`` -> its parts; ServerError when malformed."""
    if not is_server_url(url):
        raise ServerError(f"Not a PostgreSQL URL: it must start with {SCHEMES[0]}")
    parts = urlsplit(url)
    if parts.password is not None:
        raise ServerError(
            "Leave the password out of the URL (it would land in shell history): set "
            "MENTORDESK_DB_PASSWORD or store it in the keyring."
        )
    options = dict(parse_qsl(parts.query))
    unknown = set(options) - ALLOWED_OPTIONS
    if unknown:
        raise ServerError(f"Unknown option(s) in the URL: {', '.join(sorted(unknown))}.")
    # urlsplit lower-cases and mangles a percent-encoded socket folder: read the host part ourselves.
    netloc = parts.netloc.rpartition("@")[2]
    host_text, _, port_text = netloc.rpartition(":") if not netloc.startswith("[") else (netloc, "", "")
    if not host_text:  # no colon: all of it is the host
        host_text, port_text = netloc, ""
    host = unquote(options.get("host") or host_text)
    port_text = options.get("port") or port_text
    try:
        port = int(port_text) if port_text else DEFAULT_PORT
    except ValueError:
        raise ServerError(f"The port in the URL is not a number: {port_text!r}.") from None
    if not options.get("connect_timeout", "10").isdigit():
        raise ServerError("connect_timeout in the URL must be a number of seconds.")
    user = unquote(parts.username or "")
    dbname = unquote(parts.path.lstrip("/"))
    if not user or not host or not dbname:
        raise ServerError(
            "The URL needs a user, a host and a database: postgresql://USER@HOST[:PORT]/DBNAME"
        )
    address = ServerAddress(user, host, port, dbname, options)
    if not address.is_local and address.sslmode not in TLS_MODES:
        raise ServerError(
            f"TLS is required for a server on another computer: remove sslmode={address.sslmode} "
            "from the URL (or use sslmode=verify-full)."
        )
    return address


def load_driver() -> None:
    """Give peewee PostgreSQL's driver, which the store's first import left out (store/__init__.py).

    peewee looks it up as module globals (and the adapter's transaction states as class
    attributes), set here as peewee's own import would have set them.
    """
    import peewee

    if getattr(peewee, "psycopg", None) is not None:
        return
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    for name, value in (
        ("psycopg", psycopg),
        ("TransactionStatus", TransactionStatus),
        ("Json_pg3", Json),
        ("Jsonb_pg3", Jsonb),
    ):
        setattr(peewee, name, value)
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE  # type: ignore[attr-defined]
    adapter.txn_inerror = TransactionStatus.INERROR  # type: ignore[attr-defined]
    adapter.txn_unknown = TransactionStatus.UNKNOWN  # type: ignore[attr-defined]


def make_server_database(address: ServerAddress, password: str | None = None) -> Database:
    load_driver()
    from playhouse.postgres_ext import Psycopg3Database

    db = Psycopg3Database(address.dbname, autoconnect=True, **address.connect_params(password))
    db.server_address = address  # type: ignore[attr-defined]
    return db


def explain(exc: Exception, address: ServerAddress) -> str:
    """A driver's connection error as one line that names the fix (never the password)."""
    text = str(exc).strip()
    low = text.lower()
    if "password authentication failed" in low:
        return (
            f"The server refused the password for {address.user}: set MENTORDESK_DB_PASSWORD to the "
            "right one, or store it in the keyring."
        )
    if "no password supplied" in low:
        return (
            f"The server asks a password for {address.user}: set MENTORDESK_DB_PASSWORD, or store it in "
            "the keyring."
        )
    if "does not support ssl" in low or ("ssl" in low and ("refused" in low or "required" in low)):
        return (
            f"The server at {address.host} does not offer TLS, which MentorDesk requires for a shared "
            "server: ask its administrator to turn on ssl in postgresql.conf."
        )
    if "certificate" in low:
        return (
            f"The server's TLS certificate could not be verified ({address.host}): ask its administrator "
            "for the CA certificate and add ?sslrootcert=FILE to the URL."
        )
    if "database" in low and "does not exist" in low:
        return f"There is no database {address.dbname} on the server: ask its administrator to create it."
    if "role" in low and "does not exist" in low:
        return f"The server has no user {address.user}: check the user name in the URL."
    if "permission denied" in low:
        return f"The user {address.user} may not use {address.label}: ask the server's administrator."
    if any(word in low for word in ("connection refused", "could not connect", "timeout", "timed out",
                                    "no such file", "could not translate host name", "name or service")):
        return (
            f"Cannot reach the PostgreSQL server ({address.label}): check the host and port in the URL, "
            "that the server is running and that this computer may connect to it."
        )
    first = text.splitlines()[0] if text else type(exc).__name__
    return f"Could not use {address.label}: {first}"


def open_server(url: str, password: str | None = None, *, migrate: bool = True) -> Database:
    """Connect to the server database ``url``, bind every model to it, create or migrate its schema."""
    try:
        address = parse_url(url)
    except ServerError as exc:
        raise DatabaseError(str(exc)) from None
    db = make_server_database(address, password)
    try:
        db.connect()
        db.execute_sql("SELECT 1").fetchone()
    except Exception as exc:  # psycopg's OperationalError, wrapped or not by peewee
        db.close()
        raise DatabaseError(explain(exc, address)) from None
    database.initialize(db)
    if migrate:
        try:
            db.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
            try:
                migrations.ensure_schema(db, None, backup=False)
            finally:
                db.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
        except DatabaseError:
            db.close()
            raise
        except Exception as exc:
            upgrade_refused = _may_read_but_not_upgrade(db, exc)
            db.close()
            if upgrade_refused:
                raise DatabaseError(
                    f"{address.label} needs upgrading for this MentorDesk, and {address.user} may not change "
                    "its tables: ask its administrator to open it once as its owner (mentordesk --db "
                    "postgresql://OWNER@HOST/DB info), then run mentordesk server init --apply."
                ) from None
            raise DatabaseError(explain(exc, address)) from exc
    log.info("server database opened (%s)", address.label)
    return db


def _may_read_but_not_upgrade(db: Database, exc: Exception) -> bool:
    """The schema needed an upgrade the user's role may not make (it can read, not alter the tables)."""
    text = str(exc).lower()
    if "permission denied" not in text and "must be owner" not in text:
        return False
    try:
        migrations.read_version(db)
    except Exception:  # it cannot even read: no grant at all, which ``explain`` words
        return False
    return True


def is_server(db: object | None = None) -> bool:
    """True when ``db`` (by default the open database) is a PostgreSQL server."""
    from peewee import PostgresqlDatabase

    target = database.obj if db is None else db
    return isinstance(target, PostgresqlDatabase)
