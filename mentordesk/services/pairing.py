"""Run the matcher for a programme and keep its proposal as draft matches.

``run_matcher`` = load the cohort (services/pairing_data.py) -> score every pair
(core/scoring.py) -> apply the hard rules (core/eligibility.py) -> solve
(core/assignment.py, core/peer.py) -> save drafts. Drafts the coordinator has
pinned or accepted stay and are passed to the solver as fixed pairs, so a
re-run only reconsiders the rest. Nothing is written until the proposal is
complete, in one transaction: a cancelled or failed run leaves the database as
it was.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime

import numpy as np

from mentordesk.core.assignment import Assignment, MatchStats, greedy, solve
from mentordesk.core.eligibility import eligibility, why_ineligible
from mentordesk.core.peer import solve_peer
from mentordesk.core.scoring import ScoreMatrix, explanation_from, peer_matrix, score_matrix
from mentordesk.core.vocab import MatchStatus, ProgrammeKind, Role
from mentordesk.services.pairing_data import Cohort, load_cohort
from mentordesk.store import audit
from mentordesk.store.bulk import insert_rows
from mentordesk.store.db import database
from mentordesk.store.models import AuditEvent, Match, MatchMember, Participant, Programme

log = logging.getLogger(__name__)

Progress = Callable[[int, str], None]  # percent, what is happening


class PairingError(ValueError):
    """A pairing operation that cannot be done; the message says why and what to do."""


class Cancelled(Exception):
    """The coordinator cancelled a run before anything was saved."""


@dataclass(frozen=True)
class ProposedPair:
    mentee_id: int
    mentor_id: int
    score: float
    breakdown: list[dict[str, object]]
    kept: bool = False  # a pinned or accepted draft that stayed


@dataclass(frozen=True)
class Unmatched:
    participant_id: int
    name: str
    reason: str


@dataclass
class RunResult:
    programme_id: int
    kind: str
    pairs: list[ProposedPair]
    stats: MatchStats
    unmatched: list[Unmatched]
    dropped_pins: list[Unmatched] = field(default_factory=list)
    dropped_pairs: list[tuple[int, int]] = field(default_factory=list)  # (mentee, mentor) of dropped_pins
    baseline: MatchStats | None = None  # the greedy baseline on the same instance, when asked for
    saved: int = 0  # draft matches written
    timings: dict[str, float] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)

    def name(self, pid: int) -> str:
        return self.names.get(pid, f"#{pid}")


def _step(progress: Progress | None, cancelled: Callable[[], bool] | None, percent: int, text: str) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled("The run was cancelled; nothing was changed.")
    if progress is not None:
        progress(percent, text)


def score_cohort(cohort: Cohort) -> tuple[ScoreMatrix, np.ndarray]:
    """Scores and the eligibility mask (hard rules and "must" criteria) for the cohort's rows x columns."""
    config = cohort.settings.config
    if cohort.peer:
        matrix = peer_matrix(cohort.mentees, config)
    else:
        matrix = score_matrix(cohort.mentees, cohort.mentors, config)
    allowed = eligibility(
        [p.id for p in cohort.mentees], [p.id for p in cohort.mentors], cohort.rules, matrix.must_ok
    )
    return matrix, allowed


def propose(
    cohort: Cohort,
    *,
    with_baseline: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RunResult:
    """Solve the cohort (no database access): the pairs, their reasons and the statistics."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    _step(progress, cancelled, 25, "Scoring every pair")
    matrix, allowed = score_cohort(cohort)
    timings["score"] = time.perf_counter() - clock
    row_of = {p.id: i for i, p in enumerate(cohort.mentees)}
    col_of = {p.id: j for j, p in enumerate(cohort.mentors)}
    pins = [(row_of[a], col_of[b]) for _, a, b in cohort.kept if a in row_of and b in col_of]
    kept_pairs = {(a, b) for _, a, b in cohort.kept}
    _step(progress, cancelled, 55, "Finding the best whole-cohort assignment")
    clock = time.perf_counter()
    group = cohort.kind == ProgrammeKind.GROUP.value
    options = cohort.settings.options(balance_groups=group)
    capacities = [cohort.capacity.get(p.id, 0) for p in cohort.mentors]
    if cohort.peer:
        result: Assignment = solve_peer(matrix.scores, allowed, pins, options)
        baseline = None
    else:
        result = solve(matrix.scores, allowed, capacities, pins, options)
        baseline = greedy(matrix.scores, allowed, capacities, pins, options).stats if with_baseline else None
    timings["solve"] = time.perf_counter() - clock
    _step(progress, cancelled, 80, "Explaining each proposal")
    clock = time.perf_counter()
    config = cohort.settings.config
    pairs = []
    for (row, col), score in zip(result.pairs, result.scores, strict=True):
        mentee, mentor = cohort.mentees[row], cohort.mentors[col]
        explanation = explanation_from(
            matrix.values_at(row, col), score, mentee, mentor, config, peer=cohort.peer
        )
        kept = (mentee.id, mentor.id) in kept_pairs or (mentor.id, mentee.id) in kept_pairs
        pairs.append(ProposedPair(mentee.id, mentor.id, round(score, 1), explanation.to_breakdown(), kept))
    timings["explain"] = time.perf_counter() - clock
    names = cohort.names
    unmatched = [
        Unmatched(cohort.mentees[r].id, names.get(cohort.mentees[r].id, ""), why)
        for r, why in result.unmatched.items()
    ]
    unmatched += [Unmatched(pid, names.get(pid, ""), why) for pid, why in cohort.not_in_run.items()]
    unmatched.sort(key=lambda u: u.name.casefold())
    dropped = []
    dropped_pairs = []
    for (row, col), why in result.dropped_pins.items():
        mentee, mentor = cohort.mentees[row], cohort.mentors[col]
        detail = why_ineligible(mentee.id, mentor.id, cohort.rules) or [why]
        dropped.append(
            Unmatched(
                mentee.id, names.get(mentee.id, ""), f"pin with {mentor.name} dropped: {'; '.join(detail)}"
            )
        )
        dropped_pairs.append((mentee.id, mentor.id))
    return RunResult(
        programme_id=cohort.programme_id,
        kind=cohort.kind,
        pairs=pairs,
        stats=result.stats,
        unmatched=unmatched,
        dropped_pins=dropped,
        dropped_pairs=dropped_pairs,
        baseline=baseline,
        timings=timings,
        names=dict(names),
    )


# -- saving ----------------------------------------------------------------------------------------------


def bulk_audit(entity: str, ids: list[int], changes: dict[str, list[object]], action: str = "update") -> None:
    """One audit event per record for a bulk write, so each record's status history stays whole."""
    if not ids:
        return
    actor = audit.current_actor()
    rows = [
        {
            "actor": actor,
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
    return [mid for (mid,) in Match.select(Match.id).where(Match.id > before).order_by(Match.id).tuples()]


def delete_unkept_drafts(programme_id: int) -> int:
    doomed = [
        mid
        for (mid,) in Match.select(Match.id)
        .where(
            (Match.programme == programme_id)
            & (Match.status == MatchStatus.DRAFT.value)
            & (Match.pinned == False)  # noqa: E712 (peewee expression)
            & (Match.accepted == False)  # noqa: E712
        )
        .tuples()
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


@dataclass(frozen=True)
class RunSummary:
    """What the last saved run reported, kept with the programme so the Pairing area can show it later."""

    at: datetime
    stats: MatchStats
    unmatched: list[Unmatched]
    baseline: MatchStats | None = None


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
        names = {
            pid: f"{pref or first} {last}".strip()
            for pid, first, last, pref in Participant.select(
                Participant.id, Participant.first_name, Participant.last_name, Participant.preferred_name
            )
            .where(Participant.id.in_(ids))
            .tuples()
        }
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
    from mentordesk.services.pairing_data import draft_pairs

    pairs = draft_pairs(programme_id)
    match_ids = list({m for m, *_ in pairs})
    member_scores = {
        (mid, pid): score
        for mid, pid, score in MatchMember.select(
            MatchMember.match, MatchMember.participant, MatchMember.score
        )
        .where(MatchMember.match.in_(match_ids))
        .tuples()
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
        MatchMember.select(MatchMember.score, MatchMember.score_breakdown)
        .where((MatchMember.match == match_id) & MatchMember.score.is_null(False))
        .tuples()
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


# -- the use case ----------------------------------------------------------------------------------------


def run_matcher(
    programme_id: int,
    start_on: date | None = None,
    *,
    dry_run: bool = False,
    min_score: float | None = None,
    with_baseline: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RunResult:
    """Propose matches for everyone waiting and save them as drafts (unless ``dry_run``)."""
    clock = time.perf_counter()
    _step(progress, cancelled, 5, "Loading mentors and mentees")
    if min_score is not None and not 0 <= min_score <= 100:
        raise PairingError(f"The minimum score must be between 0 and 100, not {min_score:g}.")
    cohort = load_cohort(programme_id, start_on)
    if min_score is not None:  # this run only; the saved setting stays as the coordinator left it
        cohort.settings = replace(cohort.settings, min_score=float(min_score))
    if cohort.kind == ProgrammeKind.SPEED.value:
        raise PairingError(
            "Speed-mentoring programmes use a rotation timetable: build it on the Timetable tab."
        )
    loaded = time.perf_counter() - clock
    result = propose(cohort, with_baseline=with_baseline, progress=progress, cancelled=cancelled)
    result.timings["load"] = loaded
    if not dry_run:
        _step(progress, cancelled, 90, "Saving the proposal as drafts")
        clock = time.perf_counter()
        result.saved = save_drafts(cohort, result)
        result.timings["save"] = time.perf_counter() - clock
    log.info(
        "matcher: %d proposed, %d unmatched, %.2f s",
        len(result.pairs),
        len(result.unmatched),
        sum(result.timings.values()),
    )
    if progress is not None:
        progress(100, "Done")
    return result
