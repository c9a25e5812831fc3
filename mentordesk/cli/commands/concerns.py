"""``concerns list|show|add|summary|set-passphrase``: the safeguarding concerns register from the command line.

Every command confirms the safeguarding lead first, like the app: the register's passphrase (or, with
none set, the encrypted database's) from $MENTORDESK_REGISTER_PASSPHRASE or a prompt in a terminal;
without a terminal and without the variable the command refuses. Every view is audited, so even
``list`` writes to the database (one audit event).
"""

from __future__ import annotations

import os
import sys
from argparse import Namespace
from datetime import date
from pathlib import Path

from mentordesk.cli.common import CommandError, chosen_programme_id, open_db, run, say

REGISTER_ENV = "MENTORDESK_REGISTER_PASSPHRASE"
CATEGORIES = ("disclosure", "mentor_behaviour", "boundary_breach", "online_safety", "wellbeing", "other")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "concerns",
        help="the safeguarding concerns register (asks for the register's passphrase)",
        description=f"The passphrase comes from ${REGISTER_ENV} or a prompt in a terminal.",
    )
    actions = parser.add_subparsers(dest="concerns_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the register, newest first")
    listing.add_argument("--programme", "-p", help="programme name or id (needed when there are several)")
    listing.add_argument("--open", action="store_true", help="open concerns only")
    listing.set_defaults(func=cmd_list)
    show = actions.add_parser("show", help="one concern in full, with its actions")
    show.add_argument("id", type=int)
    show.set_defaults(func=cmd_show)
    add = actions.add_parser("add", help="record a new concern")
    add.add_argument("--programme", "-p", help="programme name or id (needed when there are several)")
    add.add_argument("--raised-by", required=True, help="who raised it (name and role)")
    add.add_argument("--raised-on", help="YYYY-MM-DD (default: today)")
    add.add_argument("--about", required=True, choices=("mentee", "mentor", "both", "other"))
    add.add_argument("--mentee", type=int, help="the mentee's participant id")
    add.add_argument("--mentor", type=int, help="the mentor's participant id")
    add.add_argument("--other", default="", help="who it is about, when --about other")
    add.add_argument("--category", required=True, help="one of " + ", ".join(CATEGORIES))
    add.add_argument("--description", required=True, help="what was said or seen, in the reporter's words")
    add.add_argument("--immediate-action", default="")
    add.add_argument("--dsl", default="", help="the safeguarding lead it was referred to")
    add.add_argument("--dsl-on", help="YYYY-MM-DD: when it was referred to the lead")
    add.set_defaults(func=cmd_add)
    summary = actions.add_parser("summary", help="write the concern summary PDF for the lead's file")
    summary.add_argument("id", type=int)
    summary.add_argument("--out", required=True, help="the PDF file to write")
    summary.set_defaults(func=cmd_summary)
    passphrase = actions.add_parser("set-passphrase", help="set (or change) the register's own passphrase")
    passphrase.set_defaults(func=cmd_set_passphrase)


def _typed(prompt: str) -> str | None:
    env = os.environ.get(REGISTER_ENV)
    if env:
        return env
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return None


def _unlock() -> None:
    """Confirm the safeguarding lead, or refuse (exit 1) saying how."""
    from mentordesk.services import concerns

    if concerns.unlock_method() == "setup":
        raise CommandError(
            "The concerns register has no passphrase yet: set one with 'mentordesk concerns set-passphrase' "
            "in a terminal, or open the register in the app."
        )
    typed = _typed("Concerns register passphrase: ")
    if typed is None:
        raise CommandError(
            f"The concerns register is for the safeguarding lead: run this in a terminal to be asked for "
            f"the register's passphrase, or set {REGISTER_ENV}."
        )
    if not concerns.unlock(typed):
        raise CommandError("That is not the register's passphrase (the attempt is in the audit log).")


def _day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(
            f"{option} {text!r} is not a date: write it as YYYY-MM-DD, e.g. 2027-01-12."
        ) from exc


@run
def cmd_list(args: Namespace) -> int:
    from mentordesk.services import concerns

    open_db(args)
    programme_id = chosen_programme_id(args)
    _unlock()
    rows = concerns.list_concerns(programme_id, open_only=args.open)
    for row in rows:
        status = f"closed {row.closed_on.isoformat()}" if row.closed_on else "open"
        say(
            f"#{row.id:<4} {row.raised_on.isoformat()}  {row.category_label:<22} {status:<17} {row.subject_names}"
        )
    say(f"{len(rows)} concern(s), {sum(1 for r in rows if r.is_open)} open.")
    return 0


@run
def cmd_show(args: Namespace) -> int:
    from mentordesk.core.concerns import ABOUT_LABELS, AGENCY_LABELS, CATEGORY_LABELS, ConcernRefused
    from mentordesk.services import concerns

    open_db(args)
    _unlock()
    try:
        c = concerns.detail(args.id)
    except ConcernRefused as exc:
        raise CommandError(str(exc)) from exc
    d = c.draft
    say(
        f"Safeguarding concern #{c.id} ({c.programme_name}): {'closed ' + str(c.closed_on) if c.closed_on else 'open'}"
    )
    for label, value in (
        ("Raised on", d.raised_on.isoformat() if d.raised_on else ""),
        ("Raised by", d.raised_by),
        ("About", f"{ABOUT_LABELS.get(d.about, d.about)}: {c.subject_names}"),
        ("Category", CATEGORY_LABELS.get(d.category, d.category)),
        ("What was said or seen", d.description),
        ("Immediate action", d.immediate_action),
        ("Safeguarding lead", f"{d.dsl_name} {d.dsl_referred_on or ''}".strip()),
        ("Referred on to", f"{AGENCY_LABELS.get(d.referral_agency, '')} {d.referral_reference}".strip()),
        ("Outcome", c.outcome),
        ("Kept until", c.keep_until.isoformat() if c.keep_until else ""),
    ):
        if value:
            say(f"{label}: {value}")
    for action in c.actions:
        say(f"  {action.taken_on.isoformat()}  {action.label}: {action.reason}")
    for attachment in c.attachments:
        say(f"  attachment: {attachment.filename} ({attachment.size} bytes)")
    return 0


@run
def cmd_add(args: Namespace) -> int:
    from mentordesk.core.concerns import ConcernDraft, ConcernRefused
    from mentordesk.services import concerns

    open_db(args)
    programme_id = chosen_programme_id(args)
    draft = ConcernDraft(
        raised_by=args.raised_by,
        raised_on=_day(args.raised_on, "--raised-on") or date.today(),
        about=args.about,
        category=args.category,
        description=args.description,
        immediate_action=args.immediate_action,
        mentee_id=args.mentee,
        mentor_id=args.mentor,
        other_person=args.other,
        dsl_name=args.dsl,
        dsl_referred_on=_day(args.dsl_on, "--dsl-on"),
    )
    _unlock()
    try:
        concern_id = concerns.raise_concern(programme_id, draft)
    except ConcernRefused as exc:
        raise CommandError(str(exc)) from exc
    say(f"Concern #{concern_id} recorded.")
    return 0


@run
def cmd_summary(args: Namespace) -> int:
    from mentordesk.core.concerns import ConcernRefused
    from mentordesk.services import concerns

    open_db(args)
    _unlock()
    try:
        path = concerns.write_summary(args.id, Path(args.out))
    except ConcernRefused as exc:
        raise CommandError(str(exc)) from exc
    say(f"Wrote {path} (readable by you alone).")
    return 0


@run
def cmd_set_passphrase(args: Namespace) -> int:
    from mentordesk.services import concerns

    open_db(args)
    if concerns.unlock_method() != "setup":
        _unlock()  # the current passphrase first
    first = _typed("New register passphrase: ")
    if first is None:
        raise CommandError(
            f"Run this in a terminal to be asked for the new passphrase, or set {REGISTER_ENV}."
        )
    again = os.environ.get(REGISTER_ENV) or _typed("The same again: ") or ""
    try:
        concerns.set_up(first, again)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    say("The concerns register's passphrase is set.")
    return 0
