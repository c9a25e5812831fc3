"""Draft matches in the database: saving a proposal, group scores, the last run's summary.

Thousands of drafts are written in one transaction with prepared bulk inserts
(store/bulk.py); each new draft still gets its own audit event, so its status
history starts at "draft" like any other match's.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from mentordesk.core.pairing import MatchStats
from mentordesk.core.vocab import MatchStatus, ProgrammeKind, Role
from mentordesk.services.pairing.cohort import Cohort, draft_pairs, names_of
from mentordesk.services.pairing.results import ProposedPair, RunResult, RunSummary, Unmatched
from mentordesk.store import audit
from mentordesk.store.bulk import insert_rows
from mentordesk.store.db import database
from mentordesk.store.models import AuditEvent, Match, MatchMember, Programme
from mentordesk.store.rows import tuples


def bulk_audit(entity: str, ids: list[int], changes: dict[str, list[object]], action: str = "update") -> None:
    """One audit event per record for a bulk write, so each record's status history stays whole."""
    if not ids:
        return
    actor, db_user = audit.current_actor(), audit.database_user()
    rows = [
        {
            "actor": actor,
            "db_user": db_user,
            "action": action,
            "entity": entity,
            "entity_id": i,
            "fields": sorted(changes),
            "changes": changes,
        }
        for i in ids
    ]
    insert_rows(AuditEvent, rows)


def _insert_matches(programme_id: int, rows: list[dict[str, object]]) -> list[int]:
    """Insert draft matches; their ids in order (the write lock is ours inside the transaction)."""
    if not rows:
        return []
    before = Match.select(Match.id).order_by(Match.id.desc()).scalar() or 0
    insert_rows(Match, rows)
    return [mid for (mid,) in tuples(Match.select(Match.id).where(Match.id > before).order_by(Match.id))]


def delete_unkept_drafts(programme_id: int) -> int:
    doomed = [
        mid
        for (mid,) in tuples(
            Match.select(Match.id).where(
                (Match.programme == programme_id)
                & (Match.status == MatchStatus.DRAFT.value)
                & (Match.pinned == False)  # noqa: E712 (peewee expression)
                & (Match.accepted == False)  # noqa: E712
            )
        )
    ]
    for start in range(0, len(doomed), 500):
        Match.delete().where(Match.id.in_(doomed[start : start + 500])).execute()
    return len(doomed)


def save_drafts(cohort: Cohort, result: RunResult) -> int:
    """Replace the programme's unkept drafts with the proposal; returns the number of new draft matches."""
    with database.atomic():
        removed = delete_unkept_drafts(cohort.programme_id)
        _remove_dropped_pins(cohort, result.dropped_pairs)
        new = [p for p in result.pairs if not p.kept]
        created = (
            _save_groups(cohort, new)
            if cohort.kind == ProgrammeKind.GROUP.value
            else _save_pairs(cohort, new)
        )
        audit.record(
            "match_run",
            "programme",
            cohort.programme_id,
            summary=f"matcher proposed {len(new)} pairing(s) as drafts; {removed} earlier draft(s) replaced",
        )
        _remember(cohort.programme_id, result)
    return created


LAST_RUN_KEY = "pairing_last_run"


def _remember(programme_id: int, result: RunResult) -> None:
    programme = Programme.get_by_id(programme_id)
    merged = dict(programme.settings or {})
    merged[LAST_RUN_KEY] = {
        "at": datetime.now().isoformat(timespec="seconds"),
        "stats": asdict(result.stats),
        "baseline": asdict(result.baseline) if result.baseline else None,
        # Ids and reasons only: names are looked up when shown, so an erased person leaves no trace here.
        "unmatched": [[u.participant_id, u.reason] for u in result.unmatched + result.dropped_pins],
    }
    programme.settings = merged
    programme.save()


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
    scores = sorted(float(member_scores.get((m, a)) or 0.0) for m, a, *_ in pairs)
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
    rows = [
        {
            "programme": cohort.programme_id,
            "status": MatchStatus.DRAFT.value,
            "score": p.score,
            "score_breakdown": p.breakdown,
            "rationale": "Proposed by the matcher.",
        }
        for p in pairs
    ]
    ids = _insert_matches(cohort.programme_id, rows)
    members = []
    for match_id, p in zip(ids, pairs, strict=True):
        members.append(
            {
                "match": match_id,
                "participant": p.mentee_id,
                "role": mentee_role,
                "score": p.score,
                "score_breakdown": p.breakdown,
            }
        )
        members.append(
            {
                "match": match_id,
                "participant": p.mentor_id,
                "role": mentor_role,
                "score": p.score if cohort.peer else None,
                "score_breakdown": p.breakdown if cohort.peer else [],
            }
        )
    insert_rows(MatchMember, members)
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
    """One draft match per mentor with all its proposed mentees; a kept group draft takes newcomers in."""
    by_mentor: dict[int, list[ProposedPair]] = {}
    for p in pairs:
        by_mentor.setdefault(p.mentor_id, []).append(p)
    kept_match = {b: m for m, _a, b in cohort.kept}
    fresh = [mentor for mentor in by_mentor if mentor not in kept_match]
    rows = []
    for mentor in fresh:
        members = by_mentor[mentor]
        rows.append(
            {
                "programme": cohort.programme_id,
                "status": MatchStatus.DRAFT.value,
                "score": round(sum(p.score for p in members) / len(members), 1),
                "score_breakdown": group_breakdown([p.breakdown for p in members]),
                "rationale": "Group proposed by the matcher.",
            }
        )
    ids = _insert_matches(cohort.programme_id, rows)
    match_of = dict(zip(fresh, ids, strict=True)) | kept_match
    members_rows: list[dict[str, object]] = [
        {
            "match": match_of[m],
            "participant": m,
            "role": Role.MENTOR.value,
            "score": None,
            "score_breakdown": [],
        }
        for m in fresh
    ]
    for mentor, members in by_mentor.items():
        for p in members:
            members_rows.append(
                {
                    "match": match_of[mentor],
                    "participant": p.mentee_id,
                    "role": Role.MENTEE.value,
                    "score": p.score,
                    "score_breakdown": p.breakdown,
                }
            )
    insert_rows(MatchMember, members_rows)
    for mentor in by_mentor:
        if mentor in kept_match:
            refresh_match_score(kept_match[mentor])
    bulk_audit("match", ids, {"status": [None, MatchStatus.DRAFT.value]}, action="create")
    return len(ids)


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
