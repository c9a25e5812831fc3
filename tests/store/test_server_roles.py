"""Roles on a shared server, enforced by PostgreSQL itself: a viewer cannot write, a coordinator sees only
their programmes, the safeguarding-only tables are refused to everyone else. Every refusal asserted is the
server's own error, and each becomes one line naming the grant to ask for."""

from __future__ import annotations

import itertools

import peewee
import pytest

from mentordesk.store import audit, faults, server_roles
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import AuditEvent, Enrolment, Participant, Programme

_names = itertools.count(1)


@pytest.fixture
def school(pg_server, pg_database):
    """Two programmes with one pupil each, one person not enrolled yet, and the roles set up."""
    db = open_database(pg_server.url(pg_database))
    north, south = Programme.create(name="North"), Programme.create(name="South")
    for name, programme in (("Nia", north), ("Sam", south)):
        person = Participant.create(first_name=name)
        Enrolment.create(participant=person, programme=programme, role="mentee")
    Participant.create(first_name="Una")  # being added: enrolled nowhere yet
    server_roles.apply_init(db)
    yield pg_server, pg_database, db, north.id, south.id
    close_database()


def _person(server, dbname, db, role: str, programmes) -> str:
    """A new login role with a MentorDesk role (cluster-wide names: unique per test)."""
    user = f"{role}_{dbname}_{next(_names)}"
    assert server_roles.grant(db, user, role, programmes) is True
    return user


def _as(server, dbname, user):
    close_database()
    return open_database(server.url(dbname, user))


def test_the_viewer_reads_but_the_server_refuses_its_writes(school):
    server, dbname, db, north, _south = school
    viewer = _person(server, dbname, db, "viewer", [north])
    _as(server, dbname, viewer)
    assert sorted(p.first_name for p in Participant.select()) == ["Nia", "Una"]
    with pytest.raises(peewee.ProgrammingError, match="permission denied for table participant") as refused:
        Participant.create(first_name="Zed")
    assert getattr(refused.value.orig, "sqlstate", None) == "42501"  # psycopg's InsufficientPrivilege
    message = faults.explain(refused.value)
    assert message is not None and "\n" not in message
    assert f"{viewer} may not change participant records" in message
    assert f"mentordesk server grant {viewer} --role coordinator" in message
    with pytest.raises(peewee.ProgrammingError, match="permission denied"):
        Programme.update(name="Renamed").execute()


def test_a_coordinator_cannot_read_or_touch_another_programmes_participants(school):
    server, dbname, db, north, south = school
    sam = Participant.get(Participant.first_name == "Sam").id
    coordinator = _person(server, dbname, db, "coordinator", [north])
    _as(server, dbname, coordinator)
    assert sorted(p.first_name for p in Participant.select()) == ["Nia", "Una"]
    assert [p.name for p in Programme.select()] == ["North"]
    assert Participant.get_or_none(Participant.id == sam) is None
    assert Participant.update(notes="x").where(Participant.id == sam).execute() == 0  # not even seen
    assert Participant.delete().where(Participant.id == sam).execute() == 0
    # Enrolling someone into the other programme: refused by the row-level security policy.
    una = Participant.get(Participant.first_name == "Una")
    with pytest.raises(peewee.ProgrammingError, match="row-level security") as refused:
        Enrolment.create(participant=una, programme=south, role="mentor")
    message = faults.explain(refused.value)
    assert "a programme" in message and coordinator in message
    # Its own programme works, and the audit log records who the server knew.
    Enrolment.create(participant=una, programme=north, role="mentor")
    person = Participant.create(first_name="Ola")
    event = AuditEvent.select().where(AuditEvent.entity_id == person.id).order_by(AuditEvent.id.desc()).get()
    assert event.db_user == coordinator == audit.database_user()
    from mentordesk.services import protection

    newest = protection.load().rows[0]  # what Tools › Audit log shows
    assert newest.who == f"{audit.current_actor()} (as {coordinator})"
    with pytest.raises(peewee.ProgrammingError, match="row-level security"):  # the trail cannot be forged
        AuditEvent.insert(db_user="someone_else", action="update", entity="participant").execute()
    with pytest.raises(peewee.ProgrammingError, match="permission denied for table audit_event"):
        AuditEvent.delete().execute()


def test_the_safeguarding_only_table_is_refused_to_coordinators(school):
    """A new table joins the safeguarding lead's policy by one entry in SAFEGUARDING_ONLY."""
    server, dbname, db, north, south = school
    db.execute_sql("CREATE TABLE incident_note (id serial PRIMARY KEY, participant_id integer REFERENCES participant)")
    nia = Participant.get(Participant.first_name == "Nia").id
    sam = Participant.get(Participant.first_name == "Sam").id
    db.execute_sql(f"INSERT INTO incident_note (participant_id) VALUES ({nia}), ({sam})")
    only = {**server_roles.SAFEGUARDING_ONLY, "incident_note": server_roles._PARTICIPANT}
    tables = [*server_roles.present_tables(db), "incident_note"]
    server_roles.run_script(db, server_roles.init_sql(dbname, tables, safeguarding_only=only))
    coordinator = _person(server, dbname, db, "coordinator", [north])
    lead = _person(server, dbname, db, "safeguarding", [north])
    _as(server, dbname, coordinator)
    with pytest.raises(peewee.ProgrammingError, match="permission denied for table incident_note"):
        Participant._meta.database.execute_sql("SELECT * FROM incident_note")
    _as(server, dbname, lead)
    rows = Participant._meta.database.execute_sql("SELECT participant_id FROM incident_note").fetchall()
    assert rows == [(nia,)]  # the lead's programme only
    assert Participant.select().count() == 2  # and the lead is a coordinator too


def test_the_permission_message_names_the_safeguarding_role_for_its_tables(monkeypatch):
    monkeypatch.setitem(server_roles.SAFEGUARDING_ONLY, "concern", "true")
    text = server_roles.explain_denied("permission denied for table concern", "ana")
    assert "safeguarding leads only" in text and "--role safeguarding" in text


def test_every_table_has_a_row_rule():
    from mentordesk.store.models import ALL_MODELS

    tables = {m._meta.table_name for m in ALL_MODELS}
    assert tables == set(server_roles.POLICIES) | set(server_roles.SAFEGUARDING_ONLY)
    assert {"concern", "concern_action", "concern_attachment"} <= set(server_roles.SAFEGUARDING_ONLY)
    assert not set(server_roles.POLICIES) & set(server_roles.SAFEGUARDING_ONLY)


def test_init_is_idempotent_and_grant_moves_a_person_between_roles(school):
    server, dbname, db, north, south = school
    server_roles.apply_init(db)  # a second run (after an upgrade) changes nothing and fails on nothing
    user = _person(server, dbname, db, "viewer", [north])
    assert server_roles.grant(db, user, "coordinator", [south]) is False
    rows = [r for r in server_roles.access_rows(db) if r[0] == user]
    assert rows == [(user, "coordinator", "North"), (user, "coordinator", "South")]


def test_a_coordinator_meeting_an_old_schema_is_told_the_owner_must_upgrade_it(school):
    server, dbname, db, north, _south = school
    coordinator = _person(server, dbname, db, "coordinator", [north])
    db.execute_sql("ALTER TABLE meeting DROP COLUMN activity")  # as if this MentorDesk were newer than the tables
    close_database()
    from mentordesk.store.db import DatabaseError

    with pytest.raises(DatabaseError, match=f"needs upgrading for this MentorDesk, and {coordinator} may not"):
        open_database(server.url(dbname, coordinator))
    open_database(server.url(dbname))  # the owner upgrades it
    close_database()
    assert open_database(server.url(dbname, coordinator))


def test_the_setup_in_the_docs_works_for_an_owner_who_is_not_a_superuser(pg_server):
    """docs/shared-server.md step 1: an owner role with CREATEROLE owns the database and runs everything."""
    owner, dbname = f"owner_{next(_names)}", f"trust_{next(_names)}"
    pg_server.admin(f"CREATE ROLE {owner} LOGIN CREATEROLE", f"CREATE DATABASE {dbname} OWNER {owner} TEMPLATE template0")
    try:
        db = open_database(pg_server.url(dbname, owner))  # step 2: the tables, created by the owner
        north = Programme.create(name="North")
        Programme.create(name="South")
        server_roles.apply_init(db)  # step 3
        ana = f"ana_{dbname}"
        assert server_roles.grant(db, ana, "coordinator", [north.id]) is True  # step 4
        close_database()
        open_database(pg_server.url(dbname, ana))
        assert [p.name for p in Programme.select()] == ["North"]
        close_database()
    finally:
        close_database()
        pg_server.drop_database(dbname)


def test_text_too_long_for_a_server_column_is_one_line_and_saves_nothing(pg_server, pg_database):
    open_database(pg_server.url(pg_database))
    with pytest.raises(peewee.DataError) as refused:
        Participant.create(first_name="N" * 300)
    message = faults.explain(refused.value)
    assert message.startswith("A text is longer than the 255 characters that field holds on the shared server")
    assert Participant.select().count() == 0
    close_database()


def test_the_concerns_register_is_the_safeguarding_leads_alone_on_the_server(school):
    """The real register: a coordinator's read is refused by the server, the dashboard still loads
    for them (without the concerns), and the lead sees the open concern of their programme."""
    from datetime import date

    from mentordesk.services import concerns
    from mentordesk.store.models import Concern

    server, dbname, db, north, _south = school
    Concern.create(programme=north, raised_by="Form tutor", raised_on=date(2026, 11, 2), about="mentee",
                   category="wellbeing", description="Seemed withdrawn")  # fmt: skip
    coordinator = _person(server, dbname, db, "coordinator", [north])
    lead = _person(server, dbname, db, "safeguarding", [north])
    _as(server, dbname, coordinator)
    with pytest.raises(peewee.ProgrammingError, match="permission denied for table concern"):
        Concern.select().count()
    shown = concerns.attention_items(north, today=date(2026, 12, 6))
    assert not [a for a in shown if "Safeguarding concern #" in a.subject]
    assert sorted(p.first_name for p in Participant.select()) == ["Nia", "Una"]  # the connection still works
    _as(server, dbname, lead)
    shown = concerns.attention_items(north, today=date(2026, 12, 6))
    assert any("Safeguarding concern #" in a.subject for a in shown)
