"""Reviewing the matcher's drafts: accept, pin, reject, swap, pair by hand, publish.

Every operation re-checks the hard rules at the moment it is made (a mentor's
clearance can lapse between the run and the review), explains a refusal in
words, and changes the database in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from mentordesk.core.eligibility import why_ineligible
from mentordesk.core.scoring import Explanation, Profile, explanation_from, score_matrix
from mentordesk.core.vocab import EnrolmentStatus, MatchStatus, ProgrammeKind, Role
from mentordesk.services.pairing import PairingError, bulk_audit, refresh_match_score
from mentordesk.services.pairing_data import (
    Cohort,
    draft_pairs,
    live_mentee_counts,
    load_cohort,
    read_settings,
    write_settings,
)
from mentordesk.store.db import database
from mentordesk.store.models import Enrolment, Match, MatchMember, Participant, Programme


@dataclass(frozen=True)
class DraftRow:
    match_id: int
    mentee_id: int
    mentee_name: str
    mentor_id: int
    mentor_name: str
    score: float | None
    breakdown: list[dict[str, object]]
    pinned: bool
    accepted: bool
    group_size: int = 1  # mentees in this draft (a group's circle)


@dataclass(frozen=True)
class Candidate:
    participant_id: int
    name: str
    score: float
    eligible: bool
    reasons: list[str]  # why not eligible (empty when eligible)
    explanation: Explanation
    places_left: int | None = None
    current: bool = False  # the mentee's current draft partner


@dataclass(frozen=True)
class PublishResult:
    published: int
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (match id, why)


def _names(ids: set[int]) -> dict[int, str]:
    query = Participant.select(
        Participant.id, Participant.first_name, Participant.last_name, Participant.preferred_name
    ).where(Participant.id.in_(list(ids)))
    return {pid: f"{pref or first} {last}".strip() for pid, first, last, pref in query.tuples()}


def list_drafts(programme_id: int) -> list[DraftRow]:
    """One row per mentee in a draft (per pair for peers), best first within its state."""
    pairs = draft_pairs(programme_id)
    if not pairs:
        return []
    match_ids = {m for m, *_ in pairs}
    members: dict[tuple[int, int], tuple[float | None, list]] = {}
    sizes: dict[int, int] = defaultdict(int)
    for match_id, pid, role, score, breakdown in (
        MatchMember.select(
            MatchMember.match,
            MatchMember.participant,
            MatchMember.role,
            MatchMember.score,
            MatchMember.score_breakdown,
        )
        .where(MatchMember.match.in_(list(match_ids)))
        .tuples()
    ):
        members[(match_id, pid)] = (score, breakdown or [])
        if role != Role.MENTOR.value:
            sizes[match_id] += 1
    match_scores = {
        mid: (score, breakdown or [])
        for mid, score, breakdown in Match.select(Match.id, Match.score, Match.score_breakdown)
        .where(Match.id.in_(list(match_ids)))
        .tuples()
    }
    names = _names({p for _, a, b, _, _ in pairs for p in (a, b)})
    rows = []
    for match_id, mentee, mentor, pinned, accepted in pairs:
        score, breakdown = members.get((match_id, mentee), (None, []))
        if score is None:
            score, breakdown = match_scores[match_id]
        rows.append(
            DraftRow(
                match_id,
                mentee,
                names.get(mentee, ""),
                mentor,
                names.get(mentor, ""),
                score,
                breakdown,
                pinned,
                accepted,
                sizes.get(match_id, 1) if sizes.get(match_id, 1) > 1 else 1,
            )
        )
    rows.sort(key=lambda r: r.mentee_name.casefold())
    return rows


def _drafts(match_ids: list[int]) -> list[Match]:
    found = list(Match.select().where(Match.id.in_(match_ids)))
    if len(found) != len(set(match_ids)):
        raise PairingError("One of these drafts no longer exists: refresh the list.")
    for match in found:
        if match.status != MatchStatus.DRAFT.value:
            raise PairingError("Only draft matches can be reviewed; this one is already published.")
    return found


def set_accepted(match_ids: list[int], accepted: bool = True) -> int:
    """Mark drafts as reviewed and approved (they stay when the matcher re-runs)."""
    with database.atomic():
        for match in _drafts(match_ids):
            match.accepted = accepted
            match.save()
    return len(match_ids)


def set_pinned(match_ids: list[int], pinned: bool = True) -> int:
    """Pin drafts: the matcher keeps these pairs whatever else changes."""
    with database.atomic():
        for match in _drafts(match_ids):
            match.pinned = pinned
            match.save()
    return len(match_ids)


def _remove_member(match_id: int, participant_id: int) -> None:
    """Take a mentee out of a draft; a draft left without mentees goes."""
    programme_kind = Match.get_by_id(match_id).programme.kind
    mentees = MatchMember.select().where(
        (MatchMember.match == match_id) & (MatchMember.role == Role.MENTEE.value)
    )
    if programme_kind == ProgrammeKind.GROUP.value and mentees.count() > 1:
        MatchMember.delete().where(
            (MatchMember.match == match_id) & (MatchMember.participant == participant_id)
        ).execute()
        refresh_match_score(match_id)
    else:
        Match.get_by_id(match_id).delete_instance()


def reject(match_id: int, mentee_id: int) -> None:
    """Reject a proposed pairing: it goes, and the matcher will not propose this pair again."""
    match = _drafts([match_id])[0]
    row = next((r for r in draft_pairs(match.programme_id) if r[0] == match_id and mentee_id in r[1:3]), None)
    if row is None:
        raise PairingError("This person is not in that draft: refresh the list.")
    _, mentee, mentor, _, _ = row
    with database.atomic():
        rejected = list(read_settings(match.programme).rejected)
        if (mentee, mentor) not in rejected:
            rejected.append((mentee, mentor))
        write_settings(match.programme_id, rejected=rejected)
        _remove_member(match_id, mentee)


def forget_rejections(programme_id: int) -> None:
    write_settings(programme_id, rejected=[])


def _check(cohort: Cohort, mentee: Profile, partner: Profile) -> tuple[Explanation, list[str]]:
    matrix = score_matrix([mentee], [partner], cohort.settings.config)
    peer = cohort.peer
    if peer:
        back = score_matrix([partner], [mentee], cohort.settings.config)
        values = {c: (float(v[0, 0]) + float(back.values[c][0, 0])) / 2 for c, v in matrix.values.items()}
        score = (float(matrix.scores[0, 0]) + float(back.scores[0, 0])) / 2
    else:
        values = matrix.values_at(0, 0)
        score = float(matrix.scores[0, 0])
    explanation = explanation_from(values, score, mentee, partner, cohort.settings.config, peer=peer)
    return explanation, why_ineligible(mentee.id, partner.id, cohort.rules, explanation.must_failures)


def _profiles(cohort: Cohort, ids: set[int]) -> dict[int, Profile]:
    from mentordesk.services.pairing_data import load_profiles

    return load_profiles(cohort.programme_id, cohort.start_on, ids)


def swap(first: tuple[int, int], second: tuple[int, int], start_on: date | None = None) -> None:
    """Exchange the partners of two mentees, each given as (draft match id, mentee id). Both become pinned."""
    (match_a, mentee_a), (match_b, mentee_b) = first, second
    if match_a == match_b:
        raise PairingError("Both are in the same draft: choose two mentees with different mentors.")
    drafts = {m.id: m for m in _drafts([match_a, match_b])}
    programme_id = drafts[match_a].programme_id
    pairs = {(m, a): b for m, a, b, _, _ in draft_pairs(programme_id)}
    if (match_a, mentee_a) not in pairs or (match_b, mentee_b) not in pairs:
        raise PairingError("These drafts changed since the list was loaded: refresh it and try again.")
    mentor_a, mentor_b = pairs[(match_a, mentee_a)], pairs[(match_b, mentee_b)]
    cohort = load_cohort(programme_id, start_on, keep_drafts=False)
    people = _profiles(cohort, {mentee_a, mentee_b, mentor_a, mentor_b})
    problems = []
    results = {}
    for mentee, mentor in ((mentee_a, mentor_b), (mentee_b, mentor_a)):
        explanation, reasons = _check(cohort, people[mentee], people[mentor])
        if reasons:
            problems.append(f"{people[mentee].name} with {people[mentor].name}: {'; '.join(reasons)}")
        results[mentee] = explanation
    if problems:
        raise PairingError("The swap would break a rule, so nothing was changed. " + " ".join(problems))
    with database.atomic():
        for mentee, target in ((mentee_a, match_b), (mentee_b, match_a)):
            explanation = results[mentee]
            MatchMember.update(
                match=target, score=explanation.score, score_breakdown=explanation.to_breakdown()
            ).where((MatchMember.participant == mentee) & MatchMember.match.in_([match_a, match_b])).execute()
        for match_id in (match_a, match_b):
            refresh_match_score(match_id)
            match = Match.get_by_id(match_id)
            match.pinned = True
            match.rationale = "Swapped by hand during review."
            match.save()


def _draft_load(programme_id: int, excluding_mentee: int, *, kept_only: bool) -> dict[int, int]:
    """Mentor id -> mentees in other drafts (only pinned or accepted ones when ``kept_only``)."""
    counts: dict[int, int] = defaultdict(int)
    for _, mentee, mentor, pinned, accepted in draft_pairs(programme_id):
        if mentee != excluding_mentee and (pinned or accepted or not kept_only):
            counts[mentor] += 1
    return counts


def rank_candidates(programme_id: int, mentee_id: int, start_on: date | None = None) -> list[Candidate]:
    """Every possible mentor (or peer partner) for a mentee: eligible ones ranked by score, then the others with why."""
    cohort = load_cohort(programme_id, start_on, keep_drafts=False)
    programme = Programme.get_by_id(programme_id)
    role = Enrolment.get_or_none((Enrolment.programme == programme_id) & (Enrolment.participant == mentee_id))
    if role is None:
        raise PairingError("This person is not enrolled in the programme.")
    peer = cohort.peer
    partner_role = Role.PEER.value if peer else Role.MENTOR.value
    if not peer and role.role != Role.MENTEE.value:
        raise PairingError("Pick a mentee: mentors are the ones being chosen here.")
    partner_ids = {
        pid
        for (pid,) in Enrolment.select(Enrolment.participant)
        .where((Enrolment.programme == programme_id) & (Enrolment.role == partner_role))
        .tuples()
    } - {mentee_id}
    people = _profiles(cohort, partner_ids | {mentee_id})
    mentee = people[mentee_id]
    partners = [people[p] for p in sorted(partner_ids) if p in people]
    if not partners:
        return []
    config = cohort.settings.config
    matrix = score_matrix([mentee], partners, config)
    back = score_matrix(partners, [mentee], config) if peer else None
    # Only reviewed drafts (pinned or accepted) hold a place: an unreviewed proposal gives way to a hand pairing.
    load = _draft_load(programme_id, mentee_id, kept_only=True)
    live = live_mentee_counts(programme_id)
    drafts = draft_pairs(programme_id)
    current = {b for _, a, b, _, _ in drafts if a == mentee_id} | {
        a for _, a, b, _, _ in drafts if peer and b == mentee_id
    }
    paired_elsewhere = {
        x for _, a, b, p, acc in drafts if mentee_id not in (a, b) and (p or acc) for x in (a, b)
    }
    capacity = dict(
        Enrolment.select(Enrolment.participant, Enrolment.capacity)
        .where((Enrolment.programme == programme_id) & (Enrolment.role == partner_role))
        .tuples()
    )
    group_size = read_settings(programme).group_size if programme.kind == ProgrammeKind.GROUP.value else None
    out = []
    for j, partner in enumerate(partners):
        values = matrix.values_at(0, j)
        score = float(matrix.scores[0, j])
        if back is not None:
            values = {c: (v + float(back.values[c][j, 0])) / 2 for c, v in values.items()}
            score = (score + float(back.scores[j, 0])) / 2
        explanation = explanation_from(values, score, mentee, partner, config, peer=peer)
        reasons = why_ineligible(mentee_id, partner.id, cohort.rules, explanation.must_failures)
        places = None
        if not peer:
            total = int(capacity.get(partner.id) or 0)
            if group_size is not None:
                total = min(total, group_size)
            places = total - live.get(partner.id, 0) - load.get(partner.id, 0)
            if places <= 0 and partner.id not in current and not any("no place left" in r for r in reasons):
                reasons.append(
                    "no place left: pinned or accepted drafts take them (unpin or reject one first)"
                )
        elif partner.id in paired_elsewhere:
            reasons.append("already in a pinned or accepted draft pair (reject it first)")
        out.append(
            Candidate(
                partner.id,
                partner.name,
                explanation.score,
                not reasons,
                reasons,
                explanation,
                places,
                partner.id in current,
            )
        )
    out.sort(key=lambda c: (not c.eligible, -c.score, c.name.casefold()))
    return out


def alternatives(programme_id: int, mentee_id: int, limit: int = 3) -> list[Candidate]:
    """The next-best eligible mentors for a mentee (not the current draft partner)."""
    return [c for c in rank_candidates(programme_id, mentee_id) if c.eligible and not c.current][:limit]


def pair_manually(programme_id: int, mentee_id: int, mentor_id: int, rationale: str = "") -> int:
    """Make (or replace) the mentee's draft with this mentor, pinned; refuses a pair that breaks a hard rule."""
    candidates = {c.participant_id: c for c in rank_candidates(programme_id, mentee_id)}
    chosen = candidates.get(mentor_id)
    if chosen is None:
        raise PairingError("That person is not a possible partner in this programme.")
    if not chosen.eligible:
        raise PairingError("This pair cannot be made: " + "; ".join(chosen.reasons) + ".")
    programme = Programme.get_by_id(programme_id)
    peer = programme.kind == ProgrammeKind.PEER.value
    breakdown = chosen.explanation.to_breakdown()
    note = "Paired by hand." + (f" {rationale.strip()}" if rationale.strip() else "")
    with database.atomic():
        for match_id, mentee, mentor, _, _ in draft_pairs(programme_id):
            if mentee == mentee_id:
                _remove_member(match_id, mentee)
            elif peer and {mentee, mentor} & {mentee_id, mentor_id}:
                _remove_member(match_id, mentee)  # a peer pair draft goes whole
        existing = None
        if programme.kind == ProgrammeKind.GROUP.value:
            existing = next((m for m, _a, b, _p, _acc in draft_pairs(programme_id) if b == mentor_id), None)
        if existing is None:
            match = Match.create(
                programme=programme_id,
                status=MatchStatus.DRAFT.value,
                score=chosen.score,
                score_breakdown=breakdown,
                rationale=note,
                pinned=True,
            )
            MatchMember.create(
                match=match,
                participant=mentor_id,
                role=Role.PEER.value if peer else Role.MENTOR.value,
                score=chosen.score if peer else None,
                score_breakdown=breakdown if peer else [],
            )
            existing = match.id
        MatchMember.create(
            match=existing,
            participant=mentee_id,
            role=Role.PEER.value if peer else Role.MENTEE.value,
            score=chosen.score,
            score_breakdown=breakdown,
        )
        refresh_match_score(existing)
        if not peer:
            _make_room(programme_id, mentor_id, keep=mentee_id)
    return existing


def _make_room(programme_id: int, mentor_id: int, keep: int) -> None:
    """After a hand pairing, unreviewed drafts that no longer fit the mentor's places give way (lowest score first)."""
    programme = Programme.get_by_id(programme_id)
    total = int(
        Enrolment.select(Enrolment.capacity)
        .where((Enrolment.programme == programme_id) & (Enrolment.participant == mentor_id))
        .scalar()
        or 0
    )
    if programme.kind == ProgrammeKind.GROUP.value:
        total = min(total, read_settings(programme).group_size)
    room = total - live_mentee_counts(programme_id).get(mentor_id, 0)
    rows = [r for r in list_drafts(programme_id) if r.mentor_id == mentor_id]
    excess = len(rows) - room
    for row in sorted(rows, key=lambda r: (r.pinned or r.accepted, r.score or 0)):
        if excess <= 0:
            break
        if row.mentee_id != keep and not (row.pinned or row.accepted):
            _remove_member(row.match_id, row.mentee_id)
            excess -= 1


def publish(
    programme_id: int, start_on: date | None = None, match_ids: list[int] | None = None
) -> PublishResult:
    """Make drafts live: active from ``start_on``, members' enrolments matched. Rechecks every hard rule."""
    start_on = start_on or date.today()
    pairs = draft_pairs(programme_id)
    if match_ids is not None:
        wanted = set(match_ids)
        pairs = [p for p in pairs if p[0] in wanted]
    if not pairs:
        raise PairingError("There are no drafts to publish: run the matcher or pair someone by hand first.")
    cohort = load_cohort(programme_id, start_on, keep_drafts=False)
    peer = cohort.peer
    people = _profiles(cohort, {p for _, a, b, _, _ in pairs for p in (a, b)})
    live = live_mentee_counts(programme_id)
    capacity = cohort.capacity
    used: dict[int, int] = defaultdict(int)
    bad: dict[int, str] = {}
    for match_id, mentee, mentor, _, _ in pairs:
        _, reasons = _check(cohort, people[mentee], people[mentor])
        if not peer:
            used[mentor] += 1
            if used[mentor] > capacity.get(mentor, 0):
                reasons.append(
                    f"{people[mentor].name} has no place left ({live.get(mentor, 0)} already matched)"
                )
        if reasons:
            bad.setdefault(
                match_id, f"{people[mentee].name} with {people[mentor].name}: {'; '.join(reasons)}"
            )
    good = sorted({p[0] for p in pairs} - set(bad))
    programme = Programme.get_by_id(programme_id)
    with database.atomic():
        for start in range(0, len(good), 500):
            chunk = good[start : start + 500]
            Match.update(
                status=MatchStatus.ACTIVE.value, started_on=start_on, planned_end_on=programme.ends_on
            ).where(Match.id.in_(chunk)).execute()
        bulk_audit("match", good, {"status": [MatchStatus.DRAFT.value, MatchStatus.ACTIVE.value]})
        members = {
            pid
            for (pid,) in MatchMember.select(MatchMember.participant)
            .where(MatchMember.match.in_(good))
            .tuples()
        }
        _set_enrolment_status(programme_id, members, EnrolmentStatus.MATCHED.value)
    return PublishResult(len(good), sorted(bad.items()))


def _set_enrolment_status(programme_id: int, participant_ids: set[int], status: str) -> None:
    rows = list(
        Enrolment.select(Enrolment.id, Enrolment.status)
        .where((Enrolment.programme == programme_id) & Enrolment.participant.in_(list(participant_ids)))
        .tuples()
    )
    by_old: dict[str, list[int]] = defaultdict(list)
    for enrolment_id, old in rows:
        if old != status:
            by_old[old].append(enrolment_id)
    for old, ids in by_old.items():
        for start in range(0, len(ids), 500):
            Enrolment.update(status=status).where(Enrolment.id.in_(ids[start : start + 500])).execute()
        bulk_audit("enrolment", ids, {"status": [old, status]})


def discard_drafts(programme_id: int, include_kept: bool = False) -> int:
    """Delete the programme's drafts (pinned and accepted ones too when asked)."""
    query = Match.delete().where(
        (Match.programme == programme_id) & (Match.status == MatchStatus.DRAFT.value)
    )
    if not include_kept:
        query = query.where((Match.pinned == False) & (Match.accepted == False))  # noqa: E712
    with database.atomic():
        return query.execute()
