"""The command line: ``mentordesk --db PATH COMMAND ...``.

Each module in ``mentordesk.cli.commands`` registers its subcommands with a ``register(subparsers)``
function; ``COMMANDS`` lists them all explicitly, so that telling a command from a GUI start needs no
import at all (a test checks the list against the parser). Commands return an exit code: 0 done,
1 bad input (nothing written), 2 usage.
"""

from __future__ import annotations

import argparse
import sys

from mentordesk import __version__

# Every top-level command and the module in mentordesk.cli.commands that registers it.
COMMANDS = {
    "demo": "basics",
    "info": "basics",
    "import": "csv_files",
    "export": "csv_files",
    "match": "match",
    "network": "network",
    "meetings": "meetings",
    "goals": "goals",
    "documents": "documents",
    "backup": "backup",
    "restore": "backup",
    "backups": "backup",
    "check": "backup",
    "enrol": "enrol",
    "alumni": "enrol",
    "promote": "cascade",
    "tiers": "cascade",
    "report": "reports",
    "terms": "reports",
    "rollover": "rollover",
    "concerns": "concerns",
    "renewals": "record",
    "close": "record",
    "first-meeting": "record",
    "server": "server",
    "move-to": "transfer",
    "copy-to": "transfer",
    "surveys": "surveys",
    "forms": "forms",
    "events": "events",
    "speed": "speed",
    "board": "board",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentordesk",
        description="MentorDesk from the command line. Without a command, the app opens.",
    )
    parser.add_argument(
        "--db",
        default=None,
        help="database file (default: your data folder), or a shared server: postgresql://USER@HOST[:PORT]/DBNAME",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="log progress to the terminal")
    parser.add_argument("--version", action="version", version=f"MentorDesk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    from mentordesk.cli.commands import (
        backup,
        basics,
        board,
        cascade,
        concerns,
        csv_files,
        documents,
        enrol,
        events,
        forms,
        goals,
        match,
        meetings,
        network,
        record,
        reports,
        rollover,
        server,
        speed,
        surveys,
        transfer,
    )

    for module in (
        basics,
        csv_files,
        enrol,
        cascade,
        rollover,
        match,
        speed,
        network,
        meetings,
        goals,
        surveys,
        events,
        documents,
        forms,
        record,
        reports,
        concerns,
        board,
        backup,
        server,
        transfer,
    ):
        module.register(subparsers)
    return parser


def is_cli_invocation(args: list[str]) -> bool:
    """True when the arguments name a subcommand (or ask for CLI help)."""
    if any(a in ("-h", "--help") for a in args) and not any(
        a in ("--demo", "--dark", "--light") for a in args
    ):
        return True
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
            continue
        if arg == "--db":
            skip_next = True
            continue
        if not arg.startswith("-"):
            return arg in COMMANDS
    return False


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    from mentordesk import logging_setup
    from mentordesk.services import protection

    logging_setup.setup_logging()  # the same scrubbed log file as the app; nothing unscrubbed on stderr
    logging_setup.scrub_values_from(lambda: protection.personal_values())
    if args.verbose:
        logging_setup.log_to_stderr()
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)
