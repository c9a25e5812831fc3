"""Reviewing the matcher's drafts: list them, accept, pin, reject, swap (manual.py and
publishing.py do hand pairing and publishing).

Every operation re-checks the hard rules at the moment it is made (a mentor's
clearance can lapse between the run and the review), explains a refusal in
words, and changes the database in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from mentordesk.core.pairing import (
    Explanation,
    Profile,
    Reason,
    Refusal,
    combined_breakdown,
    explanation_from,
    refusals,
    score_matrix,
)
from mentordesk.core.vocab import MatchStatus, ProgrammeKind, Role
from mentordesk.services.pairing.cohort import (
    Cohort,
    circle_mentors,
    draft_pairs,
    load_cohort,
    load_profiles,
    names_of,
)
from mentordesk.services.pairing.drafts import refresh_match_score
from mentordesk.services.pairing.results import PairingError
from mentordesk.services.pairing.settings import read_settings, write_settings
from mentordesk.store.db import database
from mentordesk.store.models import Match, MatchMember, Programme
from mentordesk.store.rows import tuples


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
    focus_areas: tuple[str, ...] = ()  # network programmes: what this mentor would cover


def list_drafts(programme_id: int) -> list[DraftRow]:
    """One row per mentee in a draft (per pair for peers), best first within its state."""
    pairs = draft_pairs(programme_id)
    if not pairs:
        return []
    match_ids = {m for m, *_ in pairs}
    members: dict[tuple[int, int], tuple[float | None, list]] = {}
    sizes: dict[int, int] = defaultdict(int)
    focus: dict[int, tuple[str, ...]] = {}
    for match_id, pid, role, score, breakdown, areas in tuples(
        MatchMember.select(
            MatchMember.match,
            MatchMember.participant,
            MatchMember.role,
            MatchMember.score,
            MatchMember.score_breakdown,
            MatchMember.focus_areas,
        ).where(MatchMember.match.in_(list(match_ids)))
    ):
        members[(match_id, pid)] = (score, breakdown or [])
        if role == Role.MENTOR.value and areas:
            focus[match_id] = tuple(areas)
        if role == Role.MENTEE.value:  # peers are two "peer" members, never a group
            sizes[match_id] += 1
    match_scores = {
        mid: (score, breakdown or [])
        for mid, score, breakdown in tuples(
            Match.select(Match.id, Match.score, Match.score_breakdown).where(Match.id.in_(list(match_ids)))
        )
    }
    names = names_of({p for _, a, b, _, _ in pairs for p in (a, b)})
    # A co-facilitated circle: one row per mentee, naming every mentor (the lead first).
    circles = {m: c for m, c in circle_mentors(match_ids).items() if len(c) > 1}
    rows = []
    seen: set[tuple[int, int]] = set()
    for match_id, mentee, mentor, pinned, accepted in pairs:
        if match_id in circles:
            if (match_id, mentee) in seen:
                continue
            seen.add((match_id, mentee))
            mentor = circles[match_id][0]
        score, breakdown = members.get((match_id, mentee), (None, []))
        if score is None:
            score, breakdown = match_scores[match_id]
        rows.append(
            DraftRow(
                match_id,
                mentee,
                names.get(mentee, ""),
                mentor,
                " & ".join(names.get(m, "") for m in circles[match_id])
                if match_id in circles
                else names.get(mentor, ""),
                score,
                breakdown,
                pinned,
                accepted,
                sizes.get(match_id, 1) if sizes.get(match_id, 1) > 1 else 1,
                focus.get(match_id, ()),
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


def remove_member(match_id: int, participant_id: int) -> None:
    """Take a mentee out of a draft; a draft left without mentees goes (one who already left: nothing)."""
    programme_kind = Match.get_by_id(match_id).programme.kind
    member = (MatchMember.match == match_id) & (MatchMember.participant == participant_id)
    if programme_kind == ProgrammeKind.GROUP.value and not MatchMember.select().where(member).exists():
        return
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


@dataclass(frozen=True)
class Rejection:
    """What ``reject_draft`` changed, so ``undo_reject`` can put it back (until the matcher runs again)."""

    programme_id: int
    pair: tuple[int, int]  # (mentee, mentor)
    newly_rejected: bool
    match: dict  # the draft's fields as they were
    members: tuple[dict, ...]  # its members as they were


def reject_draft(match_id: int, mentee_id: int) -> Rejection:
    """Reject a proposed pairing: it goes, and the matcher will not propose this pair again."""
    match = _drafts([match_id])[0]
    row = next((r for r in draft_pairs(match.programme_id) if r[0] == match_id and mentee_id in r[1:3]), None)
    if row is None:
        raise PairingError("This person is not in that draft: refresh the list.")
    _, mentee, mentor, _, _ = row
    members = tuple(dict(m.__data__) for m in MatchMember.select().where(MatchMember.match == match_id))
    with database.atomic():
        rejected = list(read_settings(match.programme).rejected)
        newly = (mentee, mentor) not in rejected
        if newly:
            rejected.append((mentee, mentor))
        write_settings(match.programme_id, rejected=rejected)
        remove_member(match_id, mentee)
    return Rejection(match.programme_id, (mentee, mentor), newly, dict(match.__data__), members)


def undo_reject(rejection: Rejection) -> None:
    """Put a rejected pairing back in its draft, as it was, and let the matcher propose it again."""
    match_id = rejection.match["id"]
    with database.atomic():
        match = Match.get_or_none(Match.id == match_id)
        if match is None:
            Match(**rejection.match).save(force_insert=True)
        elif match.status != MatchStatus.DRAFT.value:
            raise PairingError("That draft has been published or changed since: it cannot be restored.")
        present = {
            p
            for (p,) in tuples(
                MatchMember.select(MatchMember.participant).where(MatchMember.match == match_id)
            )
        }
        for member in rejection.members:
            if member["participant"] not in present:
                MatchMember(**{k: v for k, v in member.items() if k != "id"}).save(force_insert=True)
        refresh_match_score(match_id)
        if rejection.newly_rejected:
            programme = Programme.get_by_id(rejection.programme_id)
            rejected = [p for p in read_settings(programme).rejected if tuple(p) != rejection.pair]
            write_settings(rejection.programme_id, rejected=rejected)


def forget_rejections(programme_id: int) -> None:
    write_settings(programme_id, rejected=[])


def check_pair(
    cohort: Cohort, mentee: Profile, partner: Profile, *, held: int = 0
) -> tuple[Explanation, list[Refusal]]:
    """The pair's score explained, and every hard rule it breaks (``held``: the partner's places held
    by other drafts)."""
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
    return explanation, refusals(mentee.id, partner.id, cohort.rules, explanation.must_failures, held=held)


def pair_problem(mentee: Profile, partner: Profile, refused: list[Refusal]) -> str:
    """A refused pair in one line: who with whom, and every rule it breaks."""
    return f"{mentee.name} with {partner.name}: {'; '.join(r.text for r in refused)}"


def profiles_of(cohort: Cohort, ids: set[int]) -> dict[int, Profile]:
    return load_profiles(cohort.programme_id, cohort.start_on, ids)


def swap_partners(first: tuple[int, int], second: tuple[int, int], start_on: date | None = None) -> None:
    """Exchange the partners of two mentees, each given as (draft match id, mentee id). Both become pinned."""
    (match_a, mentee_a), (match_b, mentee_b) = first, second
    if match_a == match_b:
        raise PairingError("Both are in the same draft: choose two mentees with different mentors.")
    drafts = {m.id: m for m in _drafts([match_a, match_b])}
    programme_id = drafts[match_a].programme_id
    if Programme.get_by_id(programme_id).kind == ProgrammeKind.NETWORK.value:
        raise PairingError(
            "In a network programme each proposal covers the mentee's own focus areas, so mentors are not "
            "swapped: reject the proposal you do not want and use Pair by hand, which adds a mentor for the "
            "areas still open."
        )
    pairs = {(m, a): b for m, a, b, _, _ in draft_pairs(programme_id)}
    if (match_a, mentee_a) not in pairs or (match_b, mentee_b) not in pairs:
        raise PairingError("These drafts changed since the list was loaded: refresh it and try again.")
    # A co-facilitated circle: the mentee must be allowed with every one of its mentors.
    circles = circle_mentors([match_a, match_b])
    mentors_a = circles.get(match_a) or (pairs[(match_a, mentee_a)],)
    mentors_b = circles.get(match_b) or (pairs[(match_b, mentee_b)],)
    cohort = load_cohort(programme_id, start_on, keep_drafts=False)
    people = profiles_of(cohort, {mentee_a, mentee_b, *mentors_a, *mentors_b})
    problems = []
    results = {}
    for mentee, mentors in ((mentee_a, mentors_b), (mentee_b, mentors_a)):
        explanations = []
        for mentor in mentors:
            explanation, refused = check_pair(cohort, people[mentee], people[mentor])
            if refused:
                problems.append(pair_problem(people[mentee], people[mentor], refused))
            explanations.append(explanation)
        results[mentee] = _circle_explanation(explanations)
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


def _circle_explanation(explanations: list[Explanation]) -> Explanation:
    """A mentee's explanation in a circle: the mean over its co-facilitators (one mentor: as it is)."""
    if len(explanations) == 1:
        return explanations[0]
    breakdown = combined_breakdown([e.to_breakdown() for e in explanations])
    score = round(sum(e.score for e in explanations) / len(explanations), 1)
    reasons = tuple(Reason(str(b["criterion"]), float(b["points"]), str(b["reason"])) for b in breakdown)  # type: ignore[arg-type]
    return Explanation(score, reasons)


def discard_drafts(programme_id: int, include_kept: bool = False) -> int:
    """Delete the programme's drafts (pinned and accepted ones too when asked)."""
    query = Match.delete().where(
        (Match.programme == programme_id) & (Match.status == MatchStatus.DRAFT.value)
    )
    if not include_kept:
        query = query.where((Match.pinned == False) & (Match.accepted == False))  # noqa: E712
    with database.atomic():
        return query.execute()
