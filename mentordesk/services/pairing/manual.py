"""Pairing by hand: every possible mentor for a mentee, ranked with reasons, and why the others cannot be chosen.

A hand pairing is saved as a pinned draft. Only reviewed drafts (pinned or
accepted) hold a mentor's place against it: an unreviewed proposal gives way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from mentordesk.core.pairing import Explanation, Refusal, Rule, explanation_from, refusals, score_matrix
from mentordesk.core.vocab import MatchStatus, ProgrammeKind, Role
from mentordesk.services.pairing.cohort import Cohort, circle_mentors, draft_pairs, load_cohort
from mentordesk.services.pairing.drafts import refresh_match_score
from mentordesk.services.pairing.results import PairingError
from mentordesk.services.pairing.review import list_drafts, profiles_of, remove_member
from mentordesk.services.pairing.settings import read_settings
from mentordesk.store.db import database
from mentordesk.store.models import Enrolment, Match, MatchMember, Programme
from mentordesk.store.rows import tuples


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
    rules: frozenset[Rule] = frozenset()  # the hard rules behind ``reasons``


def _held(programme_id: int, mentee_id: int, *, peer: bool) -> dict[int, int]:
    """Partner id -> places held by other mentees' reviewed (pinned or accepted) drafts.

    Only reviewed drafts hold a place: an unreviewed proposal gives way to a hand pairing. A peer
    in another reviewed pair holds their only place."""
    held: dict[int, int] = defaultdict(int)
    for _, mentee, mentor, pinned, accepted in draft_pairs(programme_id):
        if mentee_id in (mentee, mentor) or not (pinned or accepted):
            continue
        held[mentor] += 1
        if peer:
            held[mentee] += 1
    return held


def rank_candidates(programme_id: int, mentee_id: int, start_on: date | None = None) -> list[Candidate]:
    """Every possible mentor (or peer partner) for a mentee: eligible ones ranked by score, then the others with why."""
    return _rank(load_cohort(programme_id, start_on, keep_drafts=False), mentee_id)


def _rank(cohort: Cohort, mentee_id: int) -> list[Candidate]:
    programme_id = cohort.programme_id
    role = Enrolment.get_or_none((Enrolment.programme == programme_id) & (Enrolment.participant == mentee_id))
    if role is None:
        raise PairingError("This person is not enrolled in the programme.")
    peer = cohort.peer
    partner_role = Role.PEER.value if peer else Role.MENTOR.value
    if not peer and role.role != Role.MENTEE.value:
        raise PairingError("Pick a mentee: mentors are the ones being chosen here.")
    partner_ids = {
        pid
        for (pid,) in tuples(
            Enrolment.select(Enrolment.participant).where(
                (Enrolment.programme == programme_id) & (Enrolment.role == partner_role)
            )
        )
    } - {mentee_id}
    people = profiles_of(cohort, partner_ids | {mentee_id})
    mentee = people[mentee_id]
    partners = [people[p] for p in sorted(partner_ids) if p in people]
    if not partners:
        return []
    config = cohort.settings.config
    matrix = score_matrix([mentee], partners, config)
    back = score_matrix(partners, [mentee], config) if peer else None
    held = _held(programme_id, mentee_id, peer=peer)
    drafts = draft_pairs(programme_id)
    current = {b for _, a, b, _, _ in drafts if a == mentee_id} | {
        a for _, a, b, _, _ in drafts if peer and b == mentee_id
    }
    out = []
    for j, partner in enumerate(partners):
        values = matrix.values_at(0, j)
        score = float(matrix.scores[0, j])
        if back is not None:
            values = {c: (v + float(back.values[c][j, 0])) / 2 for c, v in values.items()}
            score = (score + float(back.scores[j, 0])) / 2
        explanation = explanation_from(values, score, mentee, partner, config, peer=peer)
        # The current partner's place is the mentee's own, whoever else holds one.
        holding = 0 if partner.id in current else held.get(partner.id, 0)
        refused: list[Refusal] = refusals(
            mentee_id, partner.id, cohort.rules, explanation.must_failures, held=holding
        )
        places = None if peer else cohort.rules.places_left(partner.id, held.get(partner.id, 0))
        out.append(
            Candidate(
                partner.id,
                partner.name,
                explanation.score,
                not refused,
                [r.text for r in refused],
                explanation,
                places,
                partner.id in current,
                frozenset(r.rule for r in refused),
            )
        )
    out.sort(key=lambda c: (not c.eligible, -c.score, c.name.casefold()))
    return out


def alternative_partners(programme_id: int, mentee_id: int, limit: int = 3) -> list[Candidate]:
    """The next-best eligible mentors for a mentee (not the current draft partner)."""
    return [c for c in rank_candidates(programme_id, mentee_id) if c.eligible and not c.current][:limit]


@dataclass(frozen=True)
class CircleChoice:
    """Another draft circle a mentee could join: every co-facilitator may take them and it has room."""

    lead_id: int  # pairing by hand with the lead joins the circle
    mentors: str  # every co-facilitator's name, the lead first
    score: float  # the mean of the mentee's scores with the co-facilitators
    mentees: int  # mentees in the circle now


def alternative_circles(programme_id: int, mentee_id: int, limit: int = 3) -> list[CircleChoice]:
    """The best other draft circles for a mentee of a group programme (co-facilitated or not)."""
    ranked = {c.participant_id: c for c in rank_candidates(programme_id, mentee_id)}
    drafts = draft_pairs(programme_id)
    sizes: dict[int, set[int]] = {}
    for match_id, mentee, _mentor, _p, _a in drafts:
        sizes.setdefault(match_id, set()).add(mentee)
    size_cap = read_settings(Programme.get_by_id(programme_id)).group_size
    out = []
    for match_id, mentors in circle_mentors(set(sizes)).items():
        if mentee_id in sizes[match_id] or len(sizes[match_id]) >= size_cap:
            continue
        found = [ranked.get(m) for m in mentors]
        if not found or any(c is None or not c.eligible for c in found):
            continue
        chosen = [c for c in found if c is not None]
        score = sum(c.score for c in chosen) / len(chosen)
        out.append(
            CircleChoice(
                mentors[0], " & ".join(c.name for c in chosen), round(score, 1), len(sizes[match_id])
            )
        )
    out.sort(key=lambda c: (-c.score, c.mentors.casefold()))
    return out[:limit]


def pair_manually(programme_id: int, mentee_id: int, mentor_id: int, rationale: str = "") -> int:
    """Make (or replace) the mentee's draft with this mentor, pinned; refuses a pair that breaks a hard rule."""
    cohort = load_cohort(programme_id, keep_drafts=False)
    candidates = {c.participant_id: c for c in _rank(cohort, mentee_id)}
    chosen = candidates.get(mentor_id)
    if chosen is None:
        raise PairingError("That person is not a possible partner in this programme.")
    if not chosen.eligible:
        raise PairingError("This pair cannot be made: " + "; ".join(chosen.reasons) + ".")
    programme = Programme.get_by_id(programme_id)
    peer = programme.kind == ProgrammeKind.PEER.value
    if programme.kind == ProgrammeKind.GROUP.value:
        _check_co_facilitators(programme_id, mentee_id, mentor_id, candidates)
    breakdown = chosen.explanation.to_breakdown()
    note = "Paired by hand." + (f" {rationale.strip()}" if rationale.strip() else "")
    network = programme.kind == ProgrammeKind.NETWORK.value
    focus = _focus_for(cohort, mentee_id, mentor_id) if network else []
    if network:
        note = (f"Paired by hand for {', '.join(focus)}." if focus else "Paired by hand.") + (
            f" {rationale.strip()}" if rationale.strip() else ""
        )
    with database.atomic():
        left: set[int] = set()  # a co-facilitated circle lists the mentee once per mentor: leave once
        for match_id, mentee, mentor, _, _ in draft_pairs(programme_id):
            if mentee == mentee_id and network and mentor != mentor_id:
                continue  # a network mentee keeps their other draft mentors: this one is a further mentor
            if mentee == mentee_id:
                if match_id not in left:
                    left.add(match_id)
                    remove_member(match_id, mentee)
            elif peer and {mentee, mentor} & {mentee_id, mentor_id}:
                remove_member(match_id, mentee)  # a peer pair draft goes whole
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
                focus_areas=focus,
            )
            existing = match.id
        else:
            joined = Match.get_by_id(existing)  # a circle the coordinator chose: kept on a re-run
            if not joined.pinned:
                joined.pinned = True
                joined.save()
        MatchMember.create(
            match=existing,
            participant=mentee_id,
            role=Role.PEER.value if peer else Role.MENTEE.value,
            score=chosen.score,
            score_breakdown=breakdown,
        )
        refresh_match_score(existing)
        if not peer:
            _make_room(cohort, mentor_id, keep=mentee_id)
    return existing


def _check_co_facilitators(
    programme_id: int, mentee_id: int, mentor_id: int, candidates: dict[int, Candidate]
) -> None:
    """Joining a co-facilitated circle: every mentor of it must be allowed to take the mentee."""
    circle = next(
        (m for m, a, b, _p, _acc in draft_pairs(programme_id) if b == mentor_id and a != mentee_id), None
    )
    if circle is None:
        return
    problems = []
    for other in circle_mentors([circle]).get(circle, ()):
        found = candidates.get(other)
        if other != mentor_id and found is not None and not found.eligible:
            problems.append(f"with co-facilitator {found.name}: {'; '.join(found.reasons)}")
    if problems:
        raise PairingError("This mentee cannot join that circle: " + " ".join(problems) + ".")


def _focus_for(cohort: Cohort, mentee_id: int, mentor_id: int) -> list[str]:
    """A network hand pairing: the mentee's focus areas not yet covered (live links and other drafts)
    that this mentor offers."""
    from mentordesk.services.pairing.network import needs_of, offers_of

    areas = cohort.settings.focus_areas
    people = profiles_of(cohort, {mentee_id, mentor_id})
    covered = {a for _mentor, found in cohort.links.get(mentee_id, []) for a in found}
    drafts = [m for m, a, b, _, _ in draft_pairs(cohort.programme_id) if a == mentee_id and b != mentor_id]
    for (found,) in tuples(
        MatchMember.select(MatchMember.focus_areas).where(
            MatchMember.match.in_(drafts) & (MatchMember.role == Role.MENTOR.value)
        )
    ):
        covered.update(found or [])
    open_areas = needs_of(people[mentee_id], areas) - covered
    return sorted(open_areas & offers_of(people[mentor_id], areas))


def _make_room(cohort: Cohort, mentor_id: int, keep: int) -> None:
    """After a hand pairing, unreviewed drafts that no longer fit the mentor's places give way (lowest score first)."""
    room = cohort.rules.places_left(mentor_id)
    rows = [r for r in list_drafts(cohort.programme_id) if r.mentor_id == mentor_id]
    excess = len(rows) - room
    for row in sorted(rows, key=lambda r: (r.pinned or r.accepted, r.score or 0)):
        if excess <= 0:
            break
        if row.mentee_id != keep and not (row.pinned or row.accepted):
            remove_member(row.match_id, row.mentee_id)
            excess -= 1
