"""Persistence: the database proxy, the models, migrations, settings and backups.

peewee imports PostgreSQL's driver (psycopg, with asyncio: a tenth of a second) as it is
itself imported, though only a shared server needs it. The first import of the store loads
peewee without it; ``server.load_driver`` gives peewee the driver when a server is opened.
"""

import sys


def _peewee_without_psycopg() -> None:
    if "peewee" in sys.modules or "psycopg" in sys.modules:
        return  # too late, or already loaded by someone who needed it: peewee has it
    sys.modules["psycopg"] = None  # type: ignore[assignment]  # Python's "not installed": the import fails at once
    try:
        import peewee  # noqa: F401
    finally:
        del sys.modules["psycopg"]


_peewee_without_psycopg()
