"""Draft matches in the database: saving a proposal, group scores, the last run's summary.

Thousands of drafts are written in one transaction with prepared bulk inserts
(store/bulk.py); each new draft still gets its own audit event, so its status
history starts at "draft" like any other match's.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict
from datetime import datetime

from mentordesk.core.pairing import MatchStats
from mentordesk.core.vocab import MatchStatus, ProgrammeKind, Role
from mentordesk.services.pairing.cohort import Cohort, draft_pairs, names_of
from mentordesk.services.pairing.results import ProposedPair, RunResult, RunSummary, Unmatched
from mentordesk.store import audit
from mentordesk.store.bulk import IdSource, insert_rows
from mentordesk.store.db import database
from mentordesk.store.models import AuditEvent, Match, MatchMember, Programme
from mentordesk.store.rows import raw_rows, tuples


def bulk_audit(entity: str, ids: list[int], changes: dict[str, list[object]], action: str = "update") -> None:
    """One audit event per record for a bulk write, so each record's status history stays whole."""
    if not ids:
        return
    actor, db_user = audit.current_actor(), audit.database_user()
    fields = AuditEvent.fields.db_value(sorted(changes))  # the same JSON for every row: dumped once
    dumped = AuditEvent.changes.db_value(changes)
    rows = [
        {
            "actor": actor,
            "db_user": db_user,
            "action": action,
            "entity": entity,
            "entity_id": i,
            "fields": fields,
            "changes": dumped,
        }
        for i in ids
    ]
    # Every value is already as the database keeps it (text and whole numbers): no conversion per row.
    insert_rows(AuditEvent, rows, stored=("actor", "action", "entity", "entity_id", "fields", "changes"))


def _insert_matches(
    programme_id: int, rows: list[dict[str, object]], stored: tuple[str, ...] = ()
) -> list[int]:
    """Insert draft matches; their ids in order. The ids are taken before the rows are written (on a
    shared server from the table's own sequence), so a match another coordinator saves meanwhile is
    never taken for one of these."""
    if not rows:
        return []
    source = IdSource(Match)
    ids = [source.take() for _ in rows]
    insert_rows(Match, [{"id": mid, **row} for mid, row in zip(ids, rows, strict=True)], ("id", *stored))
    return ids


def delete_unkept_drafts(programme_id: int, keep: Collection[int] = ()) -> int:
    """Delete the programme's drafts that are neither pinned nor accepted (nor in ``keep``); how many."""
    doomed = [
        mid
        for (mid,) in raw_rows(
            Match.select(Match.id).where(
                (Match.programme == programme_id)
                & (Match.status == MatchStatus.DRAFT.value)
                & (Match.pinned == False)  # noqa: E712 (peewee expression)
                & (Match.accepted == False)  # noqa: E712
            )
        )
        if mid not in keep
    ]
    for start in range(0, len(doomed), 500):
        Match.delete().where(Match.id.in_(doomed[start : start + 500])).execute()
    return len(doomed)


def _unchanged(programme_id: int, pairs: list[ProposedPair]) -> dict[tuple[int, int], int]:
    """(mentee, mentor) -> id of an unkept draft that already proposes the pair with the same score and
    reasons: a re-run leaves it as it is instead of deleting it and writing it again."""
    wanted = {(p.mentee_id, p.mentor_id): p for p in pairs}
    mentor = MatchMember.alias()
    mentee = MatchMember.alias()
    query = (
        Match.select(Match.id, mentee.participant, mentor.participant, Match.score, Match.score_breakdown)
        .join(mentee, on=(mentee.match == Match.id))
        .switch(Match)
        .join(mentor, on=(mentor.match == Match.id))
        .where(
            (Match.programme == programme_id)
            & (Match.status == MatchStatus.DRAFT.value)
            & (Match.pinned == False)  # noqa: E712 (peewee expression)
            & (Match.accepted == False)  # noqa: E712
            & (mentee.role == Role.MENTEE.value)
            & (mentor.role == Role.MENTOR.value)
        )
    )
    dump = Match.score_breakdown.db_value
    found: dict[tuple[int, int], int] = {}
    for match_id, a, b, score, breakdown in raw_rows(query):
        proposal = wanted.get((a, b))
        if proposal is not None and score == proposal.score and breakdown == dump(proposal.breakdown):
            found[(a, b)] = match_id
    return found


def save_drafts(cohort: Cohort, result: RunResult) -> int:
    """Replace the programme's unkept drafts with the proposal; returns the number of new draft matches."""
    with database.atomic():
        new = [p for p in result.pairs if not p.kept]
        group = cohort.kind == ProgrammeKind.GROUP.value
        # One-to-one drafts the run proposes again, unchanged, stay as they are (a group's circle or a
        # peer pair is rewritten whole).
        same = {} if group or cohort.peer or cohort.network else _unchanged(cohort.programme_id, new)
        removed = delete_unkept_drafts(cohort.programme_id, keep=set(same.values()))
        _remove_dropped_pins(cohort, result.dropped_pairs)
        fresh = [p for p in new if (p.mentee_id, p.mentor_id) not in same]
        created = _save_groups(cohort, fresh) if group else _save_pairs(cohort, fresh)
        summary = f"matcher proposed {len(new)} pairing(s) as drafts; {removed} earlier draft(s) replaced"
        if same:
            summary += f"; {len(same)} unchanged draft(s) kept as they were"
        audit.record("match_run", "programme", cohort.programme_id, summary=summary)
        _remember(cohort.programme_id, result)
    return created


LAST_RUN_KEY = "pairing_last_run"


def _remember(programme_id: int, result: RunResult) -> None:
    # Imported here: the settings module brings numpy with it, and importing this module (for the
    # last run's summary) must stay light at start-up (tests/ui/test_startup_imports.py).
    from mentordesk.services.pairing.settings import remember_run

    remember_run(
        programme_id,
        LAST_RUN_KEY,
        {
            "at": datetime.now().isoformat(timespec="seconds"),
            "stats": asdict(result.stats),
            "baseline": asdict(result.baseline) if result.baseline else None,
            # Ids and reasons only: names are looked up when shown, so an erased person leaves no trace here.
            "unmatched": [[u.participant_id, u.reason] for u in result.unmatched + result.dropped_pins],
        },
    )


def last_run(programme_id: int) -> RunSummary | None:
    raw = (Programme.get_by_id(programme_id).settings or {}).get(LAST_RUN_KEY)
    if not isinstance(raw, dict):
        return None
    try:
        stats = MatchStats(**raw["stats"])
        baseline = MatchStats(**raw["baseline"]) if raw.get("baseline") else None
        ids = [int(pid) for pid, _ in raw.get("unmatched", [])]
        names = names_of(ids)
        unmatched = [
            Unmatched(int(pid), names[int(pid)], str(why))
            for pid, why in raw.get("unmatched", [])
            if int(pid) in names
        ]
        return RunSummary(datetime.fromisoformat(raw["at"]), stats, unmatched, baseline)
    except (KeyError, TypeError, ValueError):
        return None  # an older or damaged summary: the next run writes a fresh one


def draft_statistics(programme_id: int) -> MatchStats:
    """Mean, worst 5 % and minimum of the current drafts (top 3 comes from the last run)."""
    pairs = draft_pairs(programme_id)
    match_ids = list({m for m, *_ in pairs})
    member_scores = {
        (mid, pid): score
        for mid, pid, score in tuples(
            MatchMember.select(MatchMember.match, MatchMember.participant, MatchMember.score).where(
                MatchMember.match.in_(match_ids)
            )
        )
    }
    # A co-facilitated circle gives one draft pair per mentor: each mentee counts once.
    placed = dict.fromkeys((m, a) for m, a, *_ in pairs)
    scores = sorted(float(member_scores.get(key) or 0.0) for key in placed)
    if not scores:
        return MatchStats(0, 0, 0.0, None, None, None, 0)
    worst = scores[: max(1, -(-len(scores) * 5 // 100))]
    return MatchStats(
        considered=len(scores),
        matched=len(scores),
        total=sum(scores),
        mean=sum(scores) / len(scores),
        worst5=sum(worst) / len(worst),
        minimum=scores[0],
        top3=0,
    )


def _remove_dropped_pins(cohort: Cohort, dropped: list[tuple[int, int]]) -> None:
    """A kept draft that now breaks a hard rule goes (in a group, only that mentee leaves the circle)."""
    wanted = set(dropped) | {(b, a) for a, b in dropped}
    for match_id, mentee, mentor in cohort.kept:
        if (mentee, mentor) not in wanted:
            continue
        if cohort.kind == ProgrammeKind.GROUP.value:
            MatchMember.delete().where(
                (MatchMember.match == match_id) & (MatchMember.participant == mentee)
            ).execute()
            if (
                not MatchMember.select()
                .where((MatchMember.match == match_id) & (MatchMember.role == Role.MENTEE.value))
                .exists()
            ):
                Match.delete().where(Match.id == match_id).execute()
            else:
                refresh_match_score(match_id)
        else:
            Match.delete().where(Match.id == match_id).execute()


def _save_pairs(cohort: Cohort, pairs: list[ProposedPair]) -> int:
    mentor_role = Role.PEER.value if cohort.peer else Role.MENTOR.value
    mentee_role = Role.PEER.value if cohort.peer else Role.MENTEE.value
    # Each breakdown is stored twice (the match and its mentee): turned into JSON once.
    dump = Match.score_breakdown.db_value
    breakdowns = [dump(p.breakdown) for p in pairs]
    rows: list[dict[str, object]] = [
        {
            "programme": cohort.programme_id,
            "status": MatchStatus.DRAFT.value,
            "score": p.score,
            "score_breakdown": text,
            "rationale": p.rationale or "Proposed by the matcher.",
        }
        for p, text in zip(pairs, breakdowns, strict=True)
    ]
    # Ids, text and numbers as the database keeps them, the JSON dumped above: no conversion per row.
    ids = _insert_matches(cohort.programme_id, rows, stored=tuple(rows[0]) if rows else ())
    members = []
    empty = dump([])
    areas = MatchMember.focus_areas.db_value
    for match_id, p, text in zip(ids, pairs, breakdowns, strict=True):
        members.append(
            {
                "match": match_id,
                "participant": p.mentee_id,
                "role": mentee_role,
                "score": p.score,
                "score_breakdown": text,
                "focus_areas": empty,
            }
        )
        members.append(
            {
                "match": match_id,
                "participant": p.mentor_id,
                "role": mentor_role,
                "score": p.score if cohort.peer else None,
                "score_breakdown": text if cohort.peer else empty,
                "focus_areas": areas(list(p.focus_areas)),
            }
        )
    insert_rows(MatchMember, members, stored=tuple(members[0]) if members else ())
    bulk_audit("match", ids, {"status": [None, MatchStatus.DRAFT.value]}, action="create")
    return len(ids)


def group_breakdown(member_breakdowns: list[list[dict[str, object]]]) -> list[dict[str, object]]:
    """A group's breakdown: each criterion's mean points over its mentees."""
    totals: dict[str, list[float]] = {}
    for breakdown in member_breakdowns:
        for item in breakdown:
            totals.setdefault(str(item["criterion"]), []).append(float(item["points"]))  # type: ignore[arg-type]
    return [
        {"criterion": c, "points": round(sum(v) / len(v), 1), "reason": f"average over {len(v)} mentee(s)"}
        for c, v in totals.items()
    ]


def _save_groups(cohort: Cohort, pairs: list[ProposedPair]) -> int:
    """One draft match per circle with all its co-facilitators and proposed mentees; a kept circle
    takes newcomers in."""
    by_circle: dict[tuple[int, ...], list[ProposedPair]] = {}
    for p in pairs:
        by_circle.setdefault(p.circle or (p.mentor_id,), []).append(p)
    kept_match = {mentors: m for m, mentors in cohort.kept_circles.items()}
    fresh = [circle for circle in by_circle if circle not in kept_match]
    rows = []
    for circle in fresh:
        members = by_circle[circle]
        rows.append(
            {
                "programme": cohort.programme_id,
                "status": MatchStatus.DRAFT.value,
                "score": round(sum(p.score for p in members) / len(members), 1),
                "score_breakdown": group_breakdown([p.breakdown for p in members]),
                "rationale": _circle_rationale(len(circle), len(members)),
            }
        )
    ids = _insert_matches(cohort.programme_id, rows)
    match_of = dict(zip(fresh, ids, strict=True)) | kept_match
    members_rows: list[dict[str, object]] = [
        {
            "match": match_of[circle],
            "participant": m,
            "role": Role.MENTOR.value,
            "score": None,
            "score_breakdown": [],
        }
        for circle in fresh
        for m in circle
    ]
    for circle, members in by_circle.items():
        for p in members:
            members_rows.append(
                {
                    "match": match_of[circle],
                    "participant": p.mentee_id,
                    "role": Role.MENTEE.value,
                    "score": p.score,
                    "score_breakdown": p.breakdown,
                }
            )
    insert_rows(MatchMember, members_rows)
    for circle in by_circle:
        if circle in kept_match:
            refresh_match_score(kept_match[circle])
    bulk_audit("match", ids, {"status": [None, MatchStatus.DRAFT.value]}, action="create")
    return len(ids)


def _circle_rationale(mentors: int, mentees: int) -> str:
    if mentors == 1:
        return "Group proposed by the matcher."
    return (
        f"Circle proposed by the matcher: {mentors} co-facilitators and {mentees} mentee(s). Each mentee's "
        "score is the mean of their scores with every co-facilitator, and every co-facilitator may take "
        "every mentee under the hard rules."
    )


def refresh_match_score(match_id: int) -> None:
    """A match's score and breakdown from its mentees' (the mean, for a group)."""
    members = list(
        tuples(
            MatchMember.select(MatchMember.score, MatchMember.score_breakdown).where(
                (MatchMember.match == match_id) & MatchMember.score.is_null(False)
            )
        )
    )
    if not members:
        return
    match = Match.get_by_id(match_id)
    if len(members) == 1 or match.programme.kind == ProgrammeKind.PEER.value:
        match.score, match.score_breakdown = members[0]
    else:
        match.score = round(sum(s for s, _ in members) / len(members), 1)
        match.score_breakdown = group_breakdown([b for _, b in members])
    match.save()
