"""``match``: run the matcher for a programme and print the proposal with its statistics."""

from __future__ import annotations

from argparse import Namespace
from datetime import date

from mentordesk.cli.common import CommandError, open_db, run, say


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "match",
        help="propose matches for everyone waiting (saved as drafts) and print them with statistics",
        description=(
            "Score every mentee against every mentor, find the best whole-cohort assignment that respects "
            "the hard rules, and save it as drafts to review in the Pairing area. Pinned and accepted "
            "drafts stay; the rest are proposed again."
        ),
    )
    parser.add_argument("--programme", required=True, metavar="NAME", help="programme name (or id)")
    parser.add_argument("--dry-run", action="store_true", help="print the proposal without saving anything")
    parser.add_argument(
        "--min-score",
        type=float,
        metavar="S",
        help="avoid matches scoring below S (0-100) for this run: each missing point is penalised",
    )
    parser.add_argument("--publish", action="store_true", help="make every draft live (active) after the run")
    parser.add_argument("--start", metavar="YYYY-MM-DD", help="start date of the matches (default: today)")
    parser.add_argument("--baseline", action="store_true", help="also show what a greedy pairing would score")
    parser.add_argument(
        "--group-size",
        type=int,
        metavar="N",
        help=f"group programmes: mentees in a circle ({GROUP_SIZES[0]}-{GROUP_SIZES[1]}), saved for the programme",
    )
    parser.add_argument(
        "--mentors-per-circle",
        type=int,
        metavar="N",
        help=f"group programmes: co-facilitators in a circle ({MENTOR_COUNTS[0]}-{MENTOR_COUNTS[1]}), saved "
        "for the programme",
    )
    parser.set_defaults(func=cmd_match)


GROUP_SIZES = (2, 30)  # as Settings › Pairing allows
MENTOR_COUNTS = (1, 10)


def _circle_options(args: Namespace) -> dict[str, int]:
    """--group-size and --mentors-per-circle as settings to save (checked before the database opens)."""
    wanted = {}
    for option, key, (low, high) in (
        ("--group-size", "group_size", GROUP_SIZES),
        ("--mentors-per-circle", "mentors_per_circle", MENTOR_COUNTS),
    ):
        value = getattr(args, key)
        if value is None:
            continue
        if not low <= value <= high:
            raise CommandError(f"{option}: {value} is out of range; use a whole number from {low} to {high}.")
        if args.dry_run:
            raise CommandError(f"{option} saves the programme's setting: leave out --dry-run to change it.")
        wanted[key] = value
    return wanted


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(
            f"--start: {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-09-14."
        ) from exc


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _top_reasons(breakdown: list[dict], limit: int = 3) -> str:
    items = sorted(
        (b for b in breakdown if round(float(b["points"]))), key=lambda b: -abs(float(b["points"]))
    )
    return "; ".join(f"{float(b['points']):+.0f} {b['reason']}" for b in items[:limit])


@run
def cmd_match(args: Namespace) -> int:
    from mentordesk.services import pairing, programmes

    if args.dry_run and args.publish:
        raise CommandError("--dry-run and --publish contradict each other: choose one.")
    if args.min_score is not None and not 0 <= args.min_score <= 100:
        raise CommandError(f"--min-score: {args.min_score:g} is out of range; use a number from 0 to 100.")
    start = _date(args.start)
    circle = _circle_options(args)
    open_db(args, writes=not args.dry_run)
    try:
        programme = programmes.find_programme(args.programme)
        if circle:
            if programme.kind != "group":
                option = "--group-size" if "group_size" in circle else "--mentors-per-circle"
                raise CommandError(f"{option}: {programme.name} is not a group programme; leave it out.")
            saved = pairing.write_settings(programme.id, **circle)
            say(f"Circles: {saved.mentors_per_circle} mentor(s) and up to {saved.group_size} mentees each.")
        result = pairing.run_matcher(
            programme.id, start, dry_run=args.dry_run, min_score=args.min_score, with_baseline=args.baseline
        )
    except (programmes.ProgrammeError, pairing.PairingError) as exc:
        raise CommandError(str(exc)) from exc

    say(f"Programme: {programme.name} ({programme.kind.replace('_', ' ')})")
    say("")
    if result.pairs:
        width = max(len(result.name(p.mentee_id)) for p in result.pairs)

        def mentors(p) -> str:  # a co-facilitated circle names every mentor
            return " & ".join(result.name(m) for m in p.circle) if p.circle else result.name(p.mentor_id)

        mentor_width = max(len(mentors(p)) for p in result.pairs)
        for p in sorted(result.pairs, key=lambda p: -p.score):
            flag = " (kept)" if p.kept else ""
            # A network link says what it covers and why; other pairs their strongest reasons.
            why = p.rationale if p.focus_areas else _top_reasons(p.breakdown)
            say(
                f"  {result.name(p.mentee_id):<{width}}  <-  {mentors(p):<{mentor_width}}  "
                f"{p.score:5.1f}{flag}  {why}"
            )
    else:
        say("  No pairs could be proposed.")
    stats = result.stats
    say("")
    if result.kind == "network":
        say(f"Links proposed: {stats.matched}; mentees with a focus area still open: {stats.unmatched}")
    else:
        say(f"Matched: {stats.matched} of {stats.considered} waiting")
    share = "—" if stats.top3_share is None else f"{100 * stats.top3_share:.0f} %"
    say(
        f"Scores: mean {_fmt(stats.mean)}, worst 5 % {_fmt(stats.worst5)}, minimum {_fmt(stats.minimum)}; "
        f"got one of their top 3: {stats.top3} ({share})"
    )
    if result.sparse is not None:
        report = result.sparse
        proof = (
            f"proved optimal: the total {report.total:.1f} equals the upper bound {report.bound:.1f}"
            if report.certified
            else f"not proved optimal: up to {100 * report.gap:.2f} % below the upper bound {report.bound:.1f}"
        )
        say(
            f"Large cohort: solved from each mentee's best candidates ({report.candidates:,} pairs "
            f"considered, {report.rounds} round(s)); {proof}"
        )
    if result.baseline is not None:
        b = result.baseline
        say(
            f"Greedy baseline: matched {b.matched}, mean {_fmt(b.mean)}, worst 5 % {_fmt(b.worst5)}, "
            f"minimum {_fmt(b.minimum)}"
        )
    if result.unmatched:
        say("")
        say(f"Not matched ({len(result.unmatched)}):")
        for u in result.unmatched:
            say(f"  {u.name}: {u.reason}")
    for d in result.dropped_pins:
        say(f"  {d.name}: {d.reason}")
    say("")
    if args.dry_run:
        say("Dry run: nothing was saved.")
        return 0
    say(f"Saved {result.saved} new draft match(es). Review them in the Pairing area.")
    if args.publish:
        try:
            published = pairing.publish(programme.id, start)
        except pairing.PairingError as exc:
            raise CommandError(str(exc)) from exc
        say(f"Published {published.published} match(es), starting {(start or date.today()).isoformat()}.")
        for _match_id, why in published.skipped:
            say(f"  Not published: {why}")
    return 0
