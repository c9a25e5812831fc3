"""``documents``: print agreements and other paperwork, list what was printed, mark agreements signed."""

from __future__ import annotations

import argparse
from argparse import Namespace
from datetime import date
from pathlib import Path

from mentordesk.cli.common import CommandError, fail, open_db, run, say
from mentordesk.core.documents import TEMPLATE_KINDS


def register(subparsers) -> None:
    parser = subparsers.add_parser("documents", help="print agreements, letters and forms as PDF files")
    commands = parser.add_subparsers(dest="documents_command", metavar="ACTION", required=True)

    agreements = commands.add_parser(
        "agreements", help="mentoring agreements for new matches (active, none printed yet), or those given"
    )
    agreements.add_argument(
        "--out", type=Path, help="folder for the PDF files (default: your documents folder)"
    )
    agreements.add_argument(
        "--match", type=int, action="append", metavar="ID", help="only this match (repeatable)"
    )
    agreements.add_argument("--programme", help="only this programme (name or id)")
    agreements.add_argument("--all", action="store_true", help="every active match, not only new ones")
    agreements.add_argument(
        "--combined", action="store_true", help="one PDF per programme instead of one per match"
    )
    agreements.set_defaults(func=cmd_agreements)

    generate = commands.add_parser("generate", help="any kind of document for a match or a person")
    generate.add_argument("kind", choices=TEMPLATE_KINDS)
    generate.add_argument("--match", type=int, metavar="ID")
    generate.add_argument(
        "--participant", type=int, metavar="ID", help="the person (letters, certificates, consent)"
    )
    generate.add_argument("--out", type=Path, help="folder for the PDF file")
    generate.set_defaults(func=cmd_generate)

    listing = commands.add_parser("list", help="what was printed, and which agreements are signed")
    listing.add_argument("--programme", help="programme name or id (default: all)")
    listing.set_defaults(func=cmd_list)

    sign = commands.add_parser(
        "sign",
        help="record the date an agreement was signed: by one signatory (--as), or the last of them",
    )
    sign.add_argument("document", type=int, metavar="DOCUMENT_ID")
    sign.add_argument("--on", type=_date, default=date.today(), help="YYYY-MM-DD (default: today)")
    sign.add_argument(
        "--as",
        dest="signatory",
        metavar="ROLE",
        help="one signatory: mentor, mentee, peer, guardian or coordinator (with --person for all but the "
        "coordinator; a guardian's --person is the mentee they sign for)",
    )
    sign.add_argument("--person", type=int, metavar="ID", help="the participant id of the signatory")
    sign.set_defaults(func=cmd_sign)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-09-21"
        ) from None


def _programmes(name: str | None) -> list:
    from mentordesk.services import programmes

    if name:
        try:
            return [programmes.find_programme(name)]
        except programmes.ProgrammeError as exc:
            raise CommandError(str(exc)) from exc
    return [programmes.get_programme(p.id) for p in programmes.list_programmes()]


def _warn_about_names(match_ids: list[int] | None = None, participant_ids: list[int] | None = None) -> None:
    from mentordesk.services import documents

    for problem in documents.unrenderable_names(match_ids=match_ids, participant_ids=participant_ids):
        fail(f"warning: {problem.text!r} will not print correctly: {problem.reason}")


@run
def cmd_agreements(args: Namespace) -> int:
    from mentordesk.services import documents
    from mentordesk.store.models import Match

    open_db(args)
    if args.match:
        found = {m.id: m.programme_id for m in Match.select().where(Match.id.in_(args.match))}
        missing = [str(i) for i in args.match if i not in found]
        if missing:
            raise CommandError(
                f"No match with id {', '.join(missing)}. See the ids with: mentordesk documents list"
            )
        groups: dict[int, list[int]] = {}
        for match_id in args.match:
            groups.setdefault(found[match_id], []).append(match_id)
    else:
        groups = {
            p.id: documents.matches_needing_agreements(p.id, only_new=not args.all)
            for p in _programmes(args.programme)
        }
    total = sum(len(ids) for ids in groups.values())
    if not total:
        say("No new matches need an agreement (use --all to print every active match again).")
        return 0
    _warn_about_names([i for ids in groups.values() for i in ids])
    written = 0
    try:
        for ids in groups.values():
            if not ids:
                continue
            result = documents.generate_agreements(ids, out_dir=args.out, combined=args.combined)
            for path in result.paths:
                say(str(path))
            for reason in result.skipped:
                fail(f"skipped: {reason}")
            written += result.done
    except documents.DocumentError as exc:
        raise CommandError(str(exc)) from exc
    say(f"{written} agreement{'s' if written != 1 else ''} written.")
    return 0


@run
def cmd_generate(args: Namespace) -> int:
    from mentordesk.services import documents

    open_db(args)
    if args.match is None and args.participant is None:
        raise CommandError("Say who the document is for: --match ID or --participant ID.")
    _warn_about_names(
        [args.match] if args.match is not None else None,
        [args.participant] if args.participant is not None else None,
    )
    try:
        path = documents.generate(
            args.kind, match_id=args.match, participant_id=args.participant, out_dir=args.out
        )
    except documents.DocumentError as exc:
        raise CommandError(str(exc)) from exc
    say(str(path))
    return 0


@run
def cmd_list(args: Namespace) -> int:
    from mentordesk.services import documents

    open_db(args, writes=False)
    shown = 0
    for programme in _programmes(args.programme):
        rows = documents.list_documents(programme.id)
        if not rows:
            continue
        say(f"{programme.name}:")
        for row in rows:
            signed = f"signed {row.signed_on.isoformat()}" if row.signed_on else ""
            if row.missing:
                signed = "to sign: " + ", ".join(row.missing)
            missing = "" if row.exists else "(file missing)"
            match = f"match {row.match_id}" if row.match_id else ""
            say(
                f"  #{row.id:<5} {row.generated_at:%Y-%m-%d %H:%M}  {documents.title(row.kind):<28} "
                f"{match:<10} {row.about}  {signed} {missing}".rstrip()
            )
            shown += 1
    if not shown:
        say("Nothing printed yet. Print agreements with: mentordesk documents agreements --out FOLDER")
    return 0


@run
def cmd_sign(args: Namespace) -> int:
    from mentordesk.services import documents

    open_db(args)
    try:
        if args.signatory:
            status = documents.record_signature(args.document, args.signatory, args.person, args.on)
        else:
            documents.mark_signed(args.document, args.on)
            status = None
    except documents.DocumentError as exc:
        raise CommandError(str(exc)) from exc
    if status is None:
        say(f"Document #{args.document} marked signed on {args.on.isoformat()}.")
    elif status.complete_on:
        say(f"Agreement #{args.document} is complete: signed by everyone, the last on {status.complete_on}.")
    else:
        say(f"Signature recorded. Still to sign: {', '.join(s.described for s in status.missing)}.")
    return 0
