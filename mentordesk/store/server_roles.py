"""Who may do what on a shared server: PostgreSQL roles, grants and row-level security, as SQL text.

The server enforces it, not the app hiding buttons. Four group roles (none can log in; a
person's own login role is made a member of one):

- ``mentordesk_viewer``: reads the programmes it is given (a head teacher reading the report).
- ``mentordesk_coordinator``: reads and writes the programmes it is given.
- ``mentordesk_safeguarding``: a coordinator who also reads and writes the safeguarding-only
  tables (the concerns register).
- ``mentordesk_admin``: the trust's administrator: every programme, and the ``programme_access``
  table that says who sees which programme.

``programme_access`` maps a database user to the programmes they see (``programme_id`` NULL:
every programme). Each MentorDesk table has one row-level policy (``POLICIES``) that keeps a row
when its programme is one the user sees; tables that hang off a participant or a match follow
that record. The table owner (whoever runs ``mentordesk server init``, and the migrations) is
not limited: PostgreSQL does not apply row-level security to a table's owner.

Adding a safeguarding-only table (e.g. the concerns register) is one line in
``SAFEGUARDING_ONLY``: its name and its row rule. Coordinators and viewers then get no grant
on it at all (the server answers "permission denied"), safeguarding leads get it for the
programmes they see. Re-run ``mentordesk server init --apply`` after an upgrade that adds tables.

Everything here is text: ``init_sql`` is what ``mentordesk server init`` prints (and applies with
``--apply``), and what docs/shared-server.md tells an IT person to run. It is idempotent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

VIEWER = "mentordesk_viewer"
COORDINATOR = "mentordesk_coordinator"
SAFEGUARDING = "mentordesk_safeguarding"
ADMIN = "mentordesk_admin"
ROLES = {"viewer": VIEWER, "coordinator": COORDINATOR, "safeguarding": SAFEGUARDING, "admin": ADMIN}
ACCESS_TABLE = "programme_access"
POLICY = "mentordesk_rows"

# Rules over the caller (``current_user``). Each helper is a set-returning SECURITY DEFINER function
# (it reads the tables as their owner, so a rule never recurses into another table's policy) in an
# uncorrelated subquery: PostgreSQL runs it once per query and hashes the result, instead of once per
# row. A person is hidden when enrolled somewhere but in none of the user's programmes (so someone
# just added, not enrolled yet, passes the check on insert).
_PROGRAMME = "programme_id IN (SELECT mentordesk_programme_ids(current_user))"
_OPTIONAL_PROGRAMME = f"(programme_id IS NULL OR {_PROGRAMME})"
_PARTICIPANT = "participant_id NOT IN (SELECT mentordesk_hidden_participant_ids(current_user))"
_MATCH = "match_id IN (SELECT mentordesk_match_ids(current_user))"
_MEETING = "meeting_id IN (SELECT mentordesk_meeting_ids(current_user))"
_GOAL = "goal_id IN (SELECT mentordesk_goal_ids(current_user))"

# table -> the row rule (USING and WITH CHECK) for everyone but the owner. Every MentorDesk table
# is listed: a test fails when a new model's table is missing (a table with no rule is shared).
POLICIES: dict[str, str | None] = {
    "setting": None,  # shared settings and the schema version
    "tag": None,  # the shared vocabulary of skills and interests
    "programme": "id IN (SELECT mentordesk_programme_ids(current_user))",
    # A person with no enrolment yet is seen by every coordinator (they are being added); once
    # enrolled, only by those who see one of their programmes.
    "participant": "id NOT IN (SELECT mentordesk_hidden_participant_ids(current_user))",
    "enrolment": _PROGRAMME,
    "participant_tag": _PARTICIPANT,
    "availability_slot": _PARTICIPANT,
    "away_period": _PARTICIPANT,
    "exclusion": _PARTICIPANT,
    "guardian": _PARTICIPANT,
    "consent_record": _PARTICIPANT,
    "screening_check": f"{_PARTICIPANT} AND {_OPTIONAL_PROGRAMME}",
    "match": _PROGRAMME,
    "match_member": _MATCH,
    "meeting_series": _MATCH,
    "meeting": _MATCH,
    "attendance": _MEETING,
    "contact_log": _PROGRAMME,
    "goal_template": _OPTIONAL_PROGRAMME,
    "goal": _MATCH,
    "milestone": _GOAL,
    "reflection": _MATCH,
    "reflection_goal": _GOAL,
    "document_template": _OPTIONAL_PROGRAMME,
    "document": (
        f"{_OPTIONAL_PROGRAMME} AND (match_id IS NULL OR {_MATCH}) "
        f"AND (participant_id IS NULL OR {_PARTICIPANT})"
    ),
    # Everyone reads the trail (it holds no personal values); nobody but the owner deletes from it,
    # and a new event must name its writer truthfully.
    "audit_event": None,
    "signature": "document_id IN (SELECT id FROM document)",  # a signature goes with its document's rule
    "survey_template": _PROGRAMME,
    "survey_schedule": "template_id IN (SELECT id FROM survey_template)",
    "survey_response": f"template_id IN (SELECT id FROM survey_template) AND {_PARTICIPANT}",
    "custom_field": _PROGRAMME,
    "custom_value": f"field_id IN (SELECT id FROM custom_field) AND {_PARTICIPANT}",
    "programme_event": _PROGRAMME,
    # A register line goes with its event's rule, and with its person's.
    "event_invitee": f"event_id IN (SELECT id FROM programme_event) AND {_PARTICIPANT}",
    "speed_event": _PROGRAMME,
    "speed_seat": f"event_id IN (SELECT id FROM speed_event) AND {_PARTICIPANT}",
    "speed_meeting": "event_id IN (SELECT id FROM speed_event)",
    "speed_wish": "event_id IN (SELECT id FROM speed_event)",
    "board_sponsor": _PROGRAMME,
    "board_session": _PROGRAMME,
    "board_session_attendance": f"session_id IN (SELECT id FROM board_session) AND {_PARTICIPANT}",
    "board_recommendation": _PROGRAMME,
}

# The safeguarding lead's own tables: table -> row rule. One line per table, e.g.
#     "concern": _PARTICIPANT,
SAFEGUARDING_ONLY: dict[str, str] = {
    "concern": _PROGRAMME,
    "concern_action": "concern_id IN (SELECT id FROM concern)",  # the concern's own rule applies
    "concern_attachment": "concern_id IN (SELECT id FROM concern)",
}

HELPERS = (
    "mentordesk_programme_ids",
    "mentordesk_hidden_participant_ids",
    "mentordesk_match_ids",
    "mentordesk_meeting_ids",
    "mentordesk_goal_ids",
)

# Columns a coordinator may change in the audit trail: erasing a person redacts their name from
# event summaries. Nothing else of an event can be changed or deleted, except by the owner.
AUDIT_UPDATABLE = ("summary",)


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _create_role(role: str, member_of: Iterable[str] = ()) -> str:
    lines = [
        "DO $$ BEGIN",
        f"  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {quote_literal(role)}) THEN",
        f"    CREATE ROLE {role} NOLOGIN;",
        "  END IF;",
        "END $$;",
    ]
    lines += [f"GRANT {parent} TO {role};" for parent in member_of]
    return "\n".join(lines)


_FUNCTIONS = f"""
-- The programmes the user sees: members of {ADMIN} and those given every programme see all;
-- others those {ACCESS_TABLE} lists.
CREATE OR REPLACE FUNCTION mentordesk_programme_ids(who name) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT p.id FROM programme p
  WHERE pg_has_role(who, '{ADMIN}', 'MEMBER')
     OR EXISTS (SELECT 1 FROM {ACCESS_TABLE} a WHERE a.db_user = who AND a.programme_id IS NULL)
     OR p.id IN (SELECT a.programme_id FROM {ACCESS_TABLE} a WHERE a.db_user = who)
$$;
-- People enrolled somewhere, but in none of the user's programmes.
CREATE OR REPLACE FUNCTION mentordesk_hidden_participant_ids(who name) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT e.participant_id FROM enrolment e GROUP BY e.participant_id
  HAVING NOT bool_or(e.programme_id IN (SELECT mentordesk_programme_ids(who)))
$$;
CREATE OR REPLACE FUNCTION mentordesk_match_ids(who name) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT m.id FROM match m WHERE m.programme_id IN (SELECT mentordesk_programme_ids(who))
$$;
CREATE OR REPLACE FUNCTION mentordesk_meeting_ids(who name) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT m.id FROM meeting m WHERE m.match_id IN (SELECT mentordesk_match_ids(who))
$$;
CREATE OR REPLACE FUNCTION mentordesk_goal_ids(who name) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT g.id FROM goal g WHERE g.match_id IN (SELECT mentordesk_match_ids(who))
$$;
"""


def _access_table() -> str:
    return f"""
CREATE TABLE IF NOT EXISTS {ACCESS_TABLE} (
  db_user name NOT NULL,
  programme_id integer REFERENCES programme (id) ON DELETE CASCADE  -- NULL: every programme
);
CREATE UNIQUE INDEX IF NOT EXISTS {ACCESS_TABLE}_once ON {ACCESS_TABLE} (db_user, coalesce(programme_id, 0));
REVOKE ALL ON {ACCESS_TABLE} FROM PUBLIC;
GRANT SELECT ON {ACCESS_TABLE} TO {VIEWER}, {COORDINATOR};
GRANT SELECT, INSERT, UPDATE, DELETE ON {ACCESS_TABLE} TO {ADMIN};
ALTER TABLE {ACCESS_TABLE} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS {POLICY} ON {ACCESS_TABLE};
CREATE POLICY {POLICY} ON {ACCESS_TABLE}
  USING (db_user = current_user OR pg_has_role(current_user, '{ADMIN}', 'MEMBER'))
  WITH CHECK (pg_has_role(current_user, '{ADMIN}', 'MEMBER'));"""


def _table_sql(table: str, rule: str | None, readers: list[str], writers: list[str]) -> list[str]:
    t = quote_ident(table)
    lines = [f"-- {table}", f"REVOKE ALL ON {t} FROM PUBLIC;"]
    if readers:
        lines.append(f"GRANT SELECT ON {t} TO {', '.join(readers)};")
    if table == "audit_event":
        lines.append(f"GRANT INSERT, UPDATE ({', '.join(AUDIT_UPDATABLE)}) ON {t} TO {', '.join(writers)};")
        lines.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {ADMIN};")
    elif writers:
        lines.append(f"GRANT INSERT, UPDATE, DELETE ON {t} TO {', '.join(writers)};")
    lines.append(f"DROP POLICY IF EXISTS {POLICY} ON {t};")
    if table == "audit_event":
        lines += [
            f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;",
            f"CREATE POLICY {POLICY} ON {t} USING (true)",
            f"  WITH CHECK (db_user = current_user OR pg_has_role(current_user, '{ADMIN}', 'MEMBER'));",
        ]
    elif rule is None:
        lines.append(f"ALTER TABLE {t} DISABLE ROW LEVEL SECURITY;")
    else:
        lines += [
            f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;",
            f"CREATE POLICY {POLICY} ON {t} USING ({rule})",
            f"  WITH CHECK ({rule});",
        ]
    return lines


def init_sql(
    dbname: str,
    tables: Iterable[str] | None = None,
    safeguarding_only: Mapping[str, str] | None = None,
) -> str:
    """The whole setup for database ``dbname``: roles, the access table, grants and policies.

    ``tables`` are the MentorDesk tables present (by default every one in ``POLICIES``); those in
    ``safeguarding_only`` (default ``SAFEGUARDING_ONLY``) are the safeguarding lead's alone.
    """
    only = dict(SAFEGUARDING_ONLY if safeguarding_only is None else safeguarding_only)
    present = list([*POLICIES, *only] if tables is None else tables)
    unknown = [t for t in present if t not in POLICIES and t not in only]
    if unknown:
        raise ValueError(f"no row rule for table(s) {', '.join(unknown)}: add them to POLICIES")
    parts = [
        f"-- MentorDesk roles for database {dbname}: run as the database owner (or a superuser).",
        "BEGIN;",
        _create_role(VIEWER),
        _create_role(COORDINATOR),
        _create_role(SAFEGUARDING, [COORDINATOR]),
        _create_role(ADMIN, [SAFEGUARDING]),
        f"GRANT CONNECT ON DATABASE {quote_ident(dbname)} TO {VIEWER}, {COORDINATOR};",
        f"GRANT USAGE ON SCHEMA public TO {VIEWER}, {COORDINATOR};",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {COORDINATOR};",
        _access_table(),
        _FUNCTIONS.strip(),
    ]
    for helper in HELPERS:
        signature = f"{helper}(name)"
        parts.append(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC;")
        parts.append(f"GRANT EXECUTE ON FUNCTION {signature} TO {VIEWER}, {COORDINATOR};")
    for table in present:
        if table in only:
            parts += _table_sql(table, only[table], [SAFEGUARDING], [SAFEGUARDING])
        else:
            parts += _table_sql(table, POLICIES[table], [VIEWER, COORDINATOR], [COORDINATOR])
    parts.append("COMMIT;")
    return "\n".join(parts) + "\n"


def grant_sql(user: str, role: str, programme_ids: Iterable[int | None], *, create_login: bool) -> str:
    """Make ``user`` a member of the MentorDesk ``role`` and give them these programmes (None: all)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    who = quote_ident(user)
    lines = ["BEGIN;"]
    if create_login:
        lines.append(f"CREATE ROLE {who} LOGIN;")
    for other in ROLES.values():
        if other != ROLES[role]:
            lines.append(f"REVOKE {other} FROM {who};")
    lines.append(f"GRANT {ROLES[role]} TO {who};")
    for programme_id in programme_ids:
        value = "NULL" if programme_id is None else str(int(programme_id))
        lines.append(
            f"INSERT INTO {ACCESS_TABLE} (db_user, programme_id) VALUES ({quote_literal(user)}, {value}) "
            "ON CONFLICT DO NOTHING;"
        )
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def role_of(db) -> str | None:
    """Which MentorDesk role the connected user has (the strongest), or None (an owner, or no role)."""
    row = db.execute_sql(
        "SELECT r.rolname FROM pg_roles r WHERE r.rolname = ANY(%s) AND pg_has_role(current_user, r.oid, 'MEMBER')",
        (list(ROLES.values()),),
    ).fetchall()
    have = {name for (name,) in row}
    for name in (ADMIN, SAFEGUARDING, COORDINATOR, VIEWER):
        if name in have:
            return next(key for key, value in ROLES.items() if value == name)
    return None


def _table_in(text: str, marker: str) -> str:
    rest = text.split(marker, 1)[1].strip()
    return rest.split()[0].strip('"').rstrip(".") if rest else ""


def explain_denied(text: str, user: str | None) -> str | None:
    """The server refused for lack of a grant or a programme: one line naming the role to ask for."""
    low = text.lower()
    who = user or "your database user"
    name = user or "USER"
    if "row-level security" in low:
        table = _table_in(low, "policy for table")
        return (
            f"The server refused to save this {table.replace('_', ' ')} record: it belongs to a programme "
            f"{who} has not been given. Ask the MentorDesk administrator to run: "
            f"mentordesk server grant {name} --role coordinator --programme NAME"
        )
    if "permission denied" not in low and "must be owner" not in low:
        return None
    table = _table_in(low, "for table") if "for table" in low else ""
    if table in SAFEGUARDING_ONLY:
        return (
            f"The server refused: {table.replace('_', ' ')} is for safeguarding leads only, and {who} is "
            f"not one. Ask the MentorDesk administrator for the safeguarding role: "
            f"mentordesk server grant {name} --role safeguarding --programme NAME"
        )
    if table:
        return (
            f"The server refused: {who} may not change {table.replace('_', ' ')} records (a viewer only "
            "reads). If you should, ask the MentorDesk administrator for the coordinator role: "
            f"mentordesk server grant {name} --role coordinator --programme NAME"
        )
    return (
        f"The server refused: {who} lacks a grant for this ({text.splitlines()[0].strip()}). Ask the "
        f"MentorDesk administrator for a role: mentordesk server grant {name} --role coordinator "
        "--programme NAME (or ask them to run mentordesk server init --apply after an upgrade)."
    )


def present_tables(db) -> list[str]:
    """The MentorDesk tables (and safeguarding-only ones) this server database holds, in model order."""
    have = set(db.get_tables())
    return [t for t in [*POLICIES, *SAFEGUARDING_ONLY] if t in have]


def run_script(db, sql: str) -> None:
    """Run a multi-statement script (it carries its own BEGIN/COMMIT) on the server connection."""
    connection = db.connection()
    with connection.cursor() as cursor:
        cursor.execute(sql.encode("utf-8"))  # bytes: psycopg sends it as one simple query, no parameters


def apply_init(db) -> str:
    """Create the roles, the access table, grants and policies on the open server database."""
    sql = init_sql(db.database, present_tables(db))
    run_script(db, sql)
    return sql


def user_exists(db, user: str) -> bool:
    return db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,)).fetchone() is not None


def grant(db, user: str, role: str, programme_ids: Iterable[int | None]) -> bool:
    """Give ``user`` the role and programmes; creates the login (no password) if missing. True if created."""
    if db.execute_sql("SELECT to_regclass(%s)", (ACCESS_TABLE,)).fetchone()[0] is None:
        raise ValueError("The roles are not set up on this database yet: run mentordesk server init --apply first.")
    create = not user_exists(db, user)
    run_script(db, grant_sql(user, role, programme_ids, create_login=create))
    return create


def access_rows(db) -> list[tuple[str, str, str]]:
    """(user, role, programme name or "every programme") for everyone given access, by user."""
    rows = db.execute_sql(
        f"SELECT a.db_user, coalesce(p.name, '') FROM {ACCESS_TABLE} a "
        "LEFT JOIN programme p ON p.id = a.programme_id ORDER BY a.db_user, p.name"
    ).fetchall()
    out = []
    for user, programme in rows:
        member = db.execute_sql(
            "SELECT r.rolname FROM pg_roles r WHERE r.rolname = ANY(%s) AND pg_has_role(%s, r.oid, 'MEMBER')",
            (list(ROLES.values()), user),
        ).fetchall()
        names = {n for (n,) in member}
        role = next((k for k, v in reversed(list(ROLES.items())) if v in names), "none")
        out.append((str(user), role, programme or "every programme"))
    return out
