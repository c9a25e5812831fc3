"""PostgreSQL's driver is loaded when a server is opened, not with the store (store/__init__.py).

peewee imports psycopg as it is imported itself, a tenth of a second every start of a
window on a local file. The store's first import leaves it out; opening a server gives it
back. Both run in a fresh process: the test session has long imported psycopg.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests import ROOT

CHILD = """
import json, sys
import mentordesk.store.db as store_db
from mentordesk.store.models import Programme
before = "psycopg" in sys.modules
if len(sys.argv) > 1:
    store_db.open_database(sys.argv[1])
    Programme.create(name="Over the server")
    names = [p.name for p in Programme.select()]
    store_db.close_database()
else:
    names = []
print(json.dumps({"psycopg_with_the_store": before, "names": names}))
"""


def run_child(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_store_loads_without_the_postgresql_driver():
    assert run_child() == {"psycopg_with_the_store": False, "names": []}


def test_a_server_opens_after_the_store_loaded_without_it(pg_server, pg_database):
    report = run_child(pg_server.url(pg_database))
    assert report["psycopg_with_the_store"] is False
    assert "Over the server" in report["names"]
