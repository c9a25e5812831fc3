"""``network``: a network programme's focus areas, and every mentee's mentors with what each covers."""

from __future__ import annotations

from argparse import Namespace

from mentordesk.cli.common import CommandError, open_db, run, say


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "network",
        help="show (or set) a network programme's focus areas and list each mentee's mentors",
        description=(
            "Network mentoring: a mentee has several mentors at once, each for a focus area. Mentors offer "
            "and mentees need focus areas as goal-area tags of the same name. Without --focus-areas or "
            "--max-mentors this only reads; 'match' proposes first and further mentors."
        ),
    )
    parser.add_argument("--programme", required=True, metavar="NAME", help="programme name (or id)")
    parser.add_argument(
        "--focus-areas",
        metavar="LIST",
        help='replace the focus areas, separated by semicolons: "Careers; Study skills; Wellbeing"',
    )
    parser.add_argument("--max-mentors", type=int, metavar="N", help="the most mentors one mentee may have")
    parser.add_argument("--drafts", action="store_true", help="list draft links too, not only live ones")
    parser.set_defaults(func=cmd_network)


@run
def cmd_network(args: Namespace) -> int:
    from mentordesk.core.vocab import ProgrammeKind
    from mentordesk.services import pairing, programmes

    changing = args.focus_areas is not None or args.max_mentors is not None
    open_db(args, writes=changing)
    try:
        programme = programmes.find_programme(args.programme)
        if programme.kind != ProgrammeKind.NETWORK.value:
            raise CommandError(
                f"{programme.name} is a {programme.kind.replace('_', ' ')} programme: focus areas and "
                "mentor networks belong to network programmes (create one with kind 'network')."
            )
        settings = pairing.read_settings(programme)
        if changing:
            areas = list(settings.focus_areas)
            if args.focus_areas is not None:
                areas = args.focus_areas.split(";") if args.focus_areas.strip() else []
            settings = pairing.save_focus_areas(programme.id, areas, args.max_mentors or settings.max_mentors)
        statuses = ("active", "paused") + (("draft",) if args.drafts else ())
        networks = pairing.mentor_networks(programme.id, statuses)
    except (programmes.ProgrammeError, pairing.PairingError) as exc:
        raise CommandError(str(exc)) from exc
    say(f"Programme: {programme.name} (network)")
    say(f"Focus areas: {'; '.join(settings.focus_areas) or 'none (one mentor each)'}")
    say(f"Most mentors per mentee: {settings.max_mentors}")
    if changing:
        say("Saved; they apply to the next run of 'match'.")
    say("")
    if not networks:
        say("No mentee has a mentor yet: run 'match' to propose them.")
        return 0
    for links in sorted(networks.values(), key=lambda found: found[0].mentee_name.casefold()):
        say(f"{links[0].mentee_name} ({len(links)} mentor{'s' if len(links) != 1 else ''}):")
        for link in links:
            state = "" if link.status == "active" else f" [{link.status}]"
            say(f"  {link.text}{state}")
    return 0
