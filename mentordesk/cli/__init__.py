"""The command line: ``mentordesk --db PATH COMMAND ...``.

Each module in ``mentordesk.cli.commands`` registers its own subcommands with a
``register(subparsers)`` function, so areas add commands without touching this file.
Commands return an exit code: 0 done, 1 bad input (nothing written), 2 usage.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

from mentordesk import __version__


def _command_modules() -> list[str]:
    from mentordesk.cli import commands

    return sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentordesk",
        description="MentorDesk from the command line. Without a command, the app opens.",
    )
    parser.add_argument("--db", type=Path, default=None, help="database file (default: your data folder)")
    parser.add_argument("--verbose", "-v", action="store_true", help="log progress to the terminal")
    parser.add_argument("--version", action="version", version=f"MentorDesk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _command_modules():
        module = importlib.import_module(f"mentordesk.cli.commands.{name}")
        module.register(subparsers)
    return parser


def command_names() -> set[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def is_cli_invocation(args: list[str]) -> bool:
    """True when the arguments name a subcommand (or ask for CLI help)."""
    if any(a in ("-h", "--help") for a in args) and not any(
        a in ("--demo", "--dark", "--light") for a in args
    ):
        return True
    names = command_names()
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
            continue
        if arg == "--db":
            skip_next = True
            continue
        if not arg.startswith("-"):
            return arg in names
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
