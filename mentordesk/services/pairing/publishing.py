"""Publishing drafts: they become active matches from a start date, and their people are marked matched.

Every hard rule is checked again first (a clearance may have lapsed since the
run); a draft that now breaks one stays a draft and the result says why.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from mentordesk.core.vocab import EnrolmentStatus, MatchStatus
from mentordesk.services import concurrency
from mentordesk.services.pairing.cohort import draft_pairs, load_cohort
from mentordesk.services.pairing.drafts import bulk_audit
from mentordesk.services.pairing.results import PairingError
from mentordesk.services.pairing.review import check_pair, pair_problem, profiles_of
from mentordesk.store.db import database
from mentordesk.store.models import Enrolment, Match, MatchMember, Programme
from mentordesk.store.rows import tuples


@dataclass(frozen=True)
class PublishResult:
    published: int
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (match id, why)


@concurrency.one_per_programme("publish", PairingError)  # a second person is told who runs it
def publish(
    programme_id: int,
    start_on: date | None = None,
    match_ids: list[int] | None = None,
    *,
    reviewed_only: bool = False,
) -> PublishResult:
    """Make drafts live: active from ``start_on``, members' enrolments matched. Rechecks every hard rule.

    ``reviewed_only``: only the drafts the coordinator accepted or pinned; the others stay drafts.
    """
    start_on = start_on or date.today()
    pairs = draft_pairs(programme_id)
    if match_ids is not None:
        wanted = set(match_ids)
        pairs = [p for p in pairs if p[0] in wanted]
    if not pairs:
        raise PairingError("There are no drafts to publish: run the matcher or pair someone by hand first.")
    if reviewed_only:
        pairs = [p for p in pairs if p[3] or p[4]]  # pinned or accepted
        if not pairs:
            raise PairingError(
                "No draft is accepted or pinned yet: accept the ones you have checked, or publish all drafts."
            )
    cohort = load_cohort(programme_id, start_on, keep_drafts=False)
    peer = cohort.peer
    people = profiles_of(cohort, {p for _, a, b, _, _ in pairs for p in (a, b)})
    used: dict[int, int] = defaultdict(int)  # mentor -> places the drafts before this one take
    bad: dict[int, str] = {}
    for match_id, mentee, mentor, _, _ in pairs:
        _, refused = check_pair(cohort, people[mentee], people[mentor], held=0 if peer else used[mentor])
        used[mentor] += 1
        if refused:
            bad.setdefault(match_id, pair_problem(people[mentee], people[mentor], refused))
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
            for (pid,) in tuples(
                MatchMember.select(MatchMember.participant).where(MatchMember.match.in_(good))
            )
        }
        _set_enrolment_status(programme_id, members, EnrolmentStatus.MATCHED.value)
    return PublishResult(len(good), sorted(bad.items()))


def _set_enrolment_status(programme_id: int, participant_ids: set[int], status: str) -> None:
    rows = list(
        tuples(
            Enrolment.select(Enrolment.id, Enrolment.status).where(
                (Enrolment.programme == programme_id) & Enrolment.participant.in_(list(participant_ids))
            )
        )
    )
    by_old: dict[str, list[int]] = defaultdict(list)
    for enrolment_id, old in rows:
        if old != status:
            by_old[old].append(enrolment_id)
    for old, ids in by_old.items():
        for start in range(0, len(ids), 500):
            Enrolment.update(status=status).where(Enrolment.id.in_(ids[start : start + 500])).execute()
        bulk_audit("enrolment", ids, {"status": [old, status]})
