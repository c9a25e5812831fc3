"""``backup``, ``restore``, ``backups`` and ``check``: copies of the database and putting one back."""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from mentordesk.cli.common import (
    CommandError,
    changed_outside_warning,
    damage_advice,
    db_path,
    fail,
    open_db,
    passphrase_for,
    run,
    say,
    server_password,
    server_url,
)


def register(subparsers) -> None:
    backup = subparsers.add_parser(
        "backup", help="copy the database now (encrypted databases stay encrypted)"
    )
    backup.add_argument(
        "--to", type=Path, metavar="FILE",
        help="write the copy here instead of the backup folder (for a server: the folder to write into)",
    )
    backup.set_defaults(func=cmd_backup)

    restore = subparsers.add_parser(
        "restore", help="replace the database by a backup (the current database is backed up first)"
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(func=cmd_restore)

    listing = subparsers.add_parser(
        "backups",
        help="list the backups of the database, newest first",
        description="List the backups of the database, newest first. Automatic copies are kept in "
        "generations: every one of the last 7 days, one a week for 5 weeks, one a month for 12 months; "
        "manual copies and those taken before an upgrade or a restore stay until you delete them.",
    )
    listing.set_defaults(func=cmd_backups)

    check = subparsers.add_parser("check", help="run SQLite's integrity and foreign-key checks")
    check.set_defaults(func=cmd_check)


@run
def cmd_backup(args: Namespace) -> int:
    from mentordesk.services import protection

    url = server_url(args)
    if url is not None:
        open_db(args)
        made = protection.backup_server(server_password(url), args.to.expanduser() if args.to else None)
        say(f"Backup written to {made.path} ({made.path.stat().st_size:,} bytes): {made.description}.")
        return 0
    path = db_path(args)
    open_db(args, auto_backup=False)
    target = args.to.expanduser() if args.to else None
    if target is not None and target.exists() and target.is_dir():
        raise CommandError(f"{target} is a folder: name the backup file, e.g. {target / path.name}")
    if target is not None and target.resolve() == path.resolve():
        raise CommandError("--to names the database itself; choose another file.")
    copy = protection.backup_now(path, to=target)
    say(f"Backup written to {copy} ({copy.stat().st_size:,} bytes).")
    return 0


def _describe(info) -> None:
    say(f"Backup: {info.path}")
    say(f"Schema version: {info.schema_version}    Encrypted: {'yes' if info.encrypted else 'no'}")
    for name in ("programme", "participant", "match", "meeting", "goal"):
        if name in info.counts:
            say(f"  {name:<12} {info.counts[name]:>8,}")


@run
def cmd_restore(args: Namespace) -> int:
    from mentordesk.services import protection
    from mentordesk.store import db as store_db, file_lock

    path = db_path(args)
    source = args.file.expanduser()
    if not source.is_file():
        raise CommandError(f"No backup at {source}. List the backups with: mentordesk --db {path} backups")
    try:
        file_lock.acquire(path, "restore")  # nobody may have the file open while it is replaced
    except file_lock.DatabaseInUse as exc:
        raise CommandError(f"{exc} Nothing was changed.") from None
    current_key = passphrase_for(path) if path.exists() else None
    passphrase = None
    if store_db.is_encrypted_file(source):
        # Usually the backup has the database's own key: try it before asking again.
        passphrase = current_key
        try:
            protection.preview(source, passphrase)
        except protection.BackupUnreadable:
            passphrase = passphrase_for(source)
    try:
        info = protection.preview(source, passphrase)
    except protection.BackupUnreadable as exc:
        raise CommandError(str(exc)) from exc
    if not info.ok:
        raise CommandError(f"{source.name} is damaged ({info.problems[0]}); choose another backup.")
    _describe(info)
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError("Add --yes to restore without being asked (no terminal to ask in).")
        answer = input(f"Replace {path} by this backup? The current database is backed up first. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            say("Nothing was changed.")
            return 1
    damaged = False
    if path.exists():
        try:
            store_db.open_database(path, current_key, migrate=False)
        except store_db.DatabaseDamaged:
            damaged = True  # set it aside untouched; a damaged file is never written to
        except store_db.DatabaseError as exc:
            raise CommandError(f"{exc} Nothing was changed.") from exc
    try:
        if damaged:
            aside = protection.restore_over_damaged(path, source, passphrase)
            say(f"The damaged database was kept, unchanged, as {aside}.")
        else:
            safety = protection.restore(path, source, passphrase)
            if safety is not None:
                say(f"The database as it was is backed up in {safety}.")
    except store_db.DatabaseError as exc:
        raise CommandError(str(exc)) from exc
    say(f"Restored {path} from {source.name}.")
    return 0


@run
def cmd_backups(args: Namespace) -> int:
    from mentordesk import config
    from mentordesk.services import protection

    path = db_path(args)
    entries = protection.list_entries(path)
    if not entries:
        say(
            f"No backups of {path.name} in {config.backup_dir()} yet. Make one with: mentordesk --db {path} backup"
        )
        return 0
    for entry in entries:
        say(f"{entry.taken_at:%Y-%m-%d %H:%M:%S}  {entry.reason:<22} {entry.size:>12,}  {entry.path}")
    say("")
    say(protection.kept_generations())
    return 0


@run
def cmd_check(args: Namespace) -> int:
    from mentordesk.store import db as store_db

    path = db_path(args)
    if not path.exists():
        raise CommandError(f"No database at {path}.")
    passphrase = passphrase_for(path)
    try:
        db = store_db.open_database(path, passphrase, migrate=False, read_only=True)
    except store_db.DatabaseDamaged as exc:
        raise CommandError(damage_advice(path, exc, passphrase)) from exc
    except store_db.DatabaseError as exc:
        raise CommandError(str(exc)) from exc
    say(f"{path.name}: integrity and foreign keys ok.")
    if getattr(db, "changed_outside", False):
        fail(changed_outside_warning(path, passphrase))
    return 0
