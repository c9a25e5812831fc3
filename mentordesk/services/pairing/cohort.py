"""Everything the matcher needs about one programme, loaded in a handful of queries as plain data.

The result (``Cohort``) holds no peewee objects, so it can cross to a worker
thread and into ``core``. Queries read tuples (``store.rows.tuples`` and ``raw_rows``): building
model objects for tens of thousands of tag rows would cost more than scoring them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mentordesk.core.pairing import (
    CUSTOM_KINDS,
    HardRules,
    Profile,
    WishBonus,
    custom_criterion,
    places_left,
    refusals,
)
from mentordesk.core.participants import age_on, display_name, is_minor
from mentordesk.core.vocab import EnrolmentStatus, MatchStatus, ProgrammeKind, Role
from mentordesk.services.pairing.cascade import former_mentor_blocks
from mentordesk.services.pairing.results import Unmatched
from mentordesk.services.pairing.settings import PairingSettings, read_settings
from mentordesk.services.participants import clearance_map
from mentordesk.store.models import (
    AvailabilitySlot,
    AwayPeriod,
    CustomField,
    CustomValue,
    Enrolment,
    Exclusion,
    Match,
    MatchMember,
    Participant,
    ParticipantTag,
    Programme,
    Tag,
    display_name_sql,
)
from mentordesk.store.rows import as_date, raw_rows, tuples

LIVE = (MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value)
MENTOR_STATUS_REASONS = {
    EnrolmentStatus.APPLIED.value: "has applied but is not screened yet",
    EnrolmentStatus.SCREENING.value: "still in screening",
    EnrolmentStatus.ON_HOLD.value: "on hold",
    EnrolmentStatus.EXITED.value: "has left the programme",
}


@dataclass
class Cohort:
    """One programme's people as the matcher sees them, on the start date."""

    programme_id: int
    kind: str
    start_on: date
    settings: PairingSettings
    mentees: list[Profile]  # the rows: mentees (or peers) waiting for a match, kept drafts included
    mentors: list[Profile]  # the columns: every mentor (or the peer pool again)
    rules: HardRules
    kept: list[tuple[int, int, int]] = field(
        default_factory=list
    )  # (match id, mentee, mentor): pinned/accepted drafts
    not_in_run: dict[int, str] = field(default_factory=dict)  # mentees left out before solving, and why
    # Group programmes: match id -> the mentors of each kept (pinned/accepted) circle, the lead first.
    kept_circles: dict[int, tuple[int, ...]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    statuses: dict[int, str] = field(default_factory=dict)  # participant -> enrolment status
    # A follow-up run after speed mentoring: (mentee, mentor) -> points for wishes to meet again.
    wishes: dict[tuple[int, int], WishBonus] = field(default_factory=dict)
    # Network programmes: mentee -> [(mentor, focus areas covered)] of their active or paused links.
    links: dict[int, list[tuple[int, list[str]]]] = field(default_factory=dict)

    @property
    def network(self) -> bool:
        return self.kind == ProgrammeKind.NETWORK.value

    @property
    def peer(self) -> bool:
        return self.kind == ProgrammeKind.PEER.value

    @property
    def capacity(self) -> dict[int, int]:
        """Mentor id -> places not taken by live matches (the hard rules' count; a peer has one)."""
        return dict(self.rules.places)


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _band_age(band: str) -> float | None:
    numbers = [int(n) for n in re.findall(r"\d+", band or "")]
    if not numbers:
        return None
    return sum(numbers[:2]) / len(numbers[:2])


def load_profiles(
    programme_id: int, start_on: date, participant_ids: set[int] | None = None
) -> dict[int, Profile]:
    """Profiles of everyone enrolled (or of the ids given), scored as of ``start_on``."""
    enrolled = (
        Enrolment.select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            Participant.preferred_name,
            Participant.organisation,
            Participant.department,
            Participant.date_of_birth,
            Participant.age_band,
            Participant.seniority,
            Enrolment.preferences,
        )
        .join(Participant)
        .where(Enrolment.programme == programme_id)
    )
    if participant_ids is not None:
        enrolled = enrolled.where(Participant.id.in_(list(participant_ids)))
    rows = [(pid, *rest[:5], _date(rest[5]), *rest[6:]) for pid, *rest in raw_rows(enrolled)]
    ids = {row[0] for row in rows}
    in_programme = Enrolment.select(Enrolment.participant).where(Enrolment.programme == programme_id)
    offers: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    seeks: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    languages: dict[int, set[str]] = defaultdict(set)
    tag_rows = raw_rows(
        ParticipantTag.select(ParticipantTag.participant, ParticipantTag.direction, Tag.kind, Tag.name)
        .join(Tag)
        .where(ParticipantTag.participant.in_(in_programme))
    )
    for pid, direction, kind, name in tag_rows:
        if pid not in ids:
            continue
        if kind == "language":
            languages[pid].add(name)
            continue
        if direction in ("offers", "both"):
            offers[pid][kind].add(name)
        if direction in ("seeks", "both"):
            seeks[pid][kind].add(name)
    slots: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    slot_rows = raw_rows(
        AvailabilitySlot.select(
            AvailabilitySlot.participant,
            AvailabilitySlot.weekday,
            AvailabilitySlot.start_minute,
            AvailabilitySlot.end_minute,
        ).where(AvailabilitySlot.participant.in_(in_programme))
    )
    for pid, weekday, start, end in slot_rows:
        if pid in ids:
            slots[pid].append((weekday, start, end))
    answers = _criterion_answers(programme_id, ids)
    profiles = {}
    for pid, first, last, preferred, organisation, department, dob, band, seniority, preferences in rows:
        age = float(age_on(dob, start_on)) if dob else _band_age(band)
        profiles[pid] = Profile(
            id=pid,
            name=display_name(first, last, preferred),
            offers={k: frozenset(v) for k, v in offers[pid].items()},
            seeks={k: frozenset(v) for k, v in seeks[pid].items()},
            languages=frozenset(languages[pid]),
            slots=tuple(sorted(slots[pid])),
            organisation=organisation or "",
            department=department or "",
            age=age,
            seniority=float(seniority) if seniority is not None else None,
            preferences=preferences or "",
            aliases=tuple(x for x in (first, last, preferred) if x),
            answers=answers.get(pid, {}),
        )
    return profiles


def _criterion_answers(programme_id: int, ids: set[int]) -> dict[int, dict[str, frozenset[str]]]:
    """Person -> {"field:<id>": the chosen answers} for the programme's comparable custom fields."""
    query = (
        CustomValue.select(CustomValue.participant, CustomValue.field, CustomField.kind, CustomValue.value)
        .join(CustomField)
        .where((CustomField.programme == programme_id) & CustomField.kind.in_(CUSTOM_KINDS))
    )
    out: dict[int, dict[str, frozenset[str]]] = defaultdict(dict)
    for pid, field_id, kind, value in tuples(query):  # peewee reads the JSON
        if pid not in ids:
            continue
        if kind == "yes_no":
            chosen = {"Yes" if value else "No"} if isinstance(value, bool) else set()
        elif isinstance(value, list):
            chosen = {str(v) for v in value if str(v).strip()}
        else:
            chosen = {str(value)} if value not in (None, "") else set()
        if chosen:
            out[pid][custom_criterion(field_id)] = frozenset(chosen)
    return out


def names_of(ids: set[int] | list[int]) -> dict[int, str]:
    """Participant id -> display name, built by the query."""
    return dict(
        raw_rows(Participant.select(Participant.id, display_name_sql()).where(Participant.id.in_(list(ids))))
    )


def live_mentee_counts(programme_id: int) -> dict[int, int]:
    """Mentor id -> mentees in their active or paused matches (the places those take)."""
    mentor = MatchMember.alias()
    mentee = MatchMember.alias()
    query = (
        Match.select(mentor.participant, mentee.participant)
        .join(mentor, on=(mentor.match == Match.id))
        .switch(Match)
        .join(mentee, on=(mentee.match == Match.id))
        .where(
            (Match.programme == programme_id)
            & Match.status.in_(LIVE)
            & (mentor.role == Role.MENTOR.value)
            & (mentee.role == Role.MENTEE.value)
        )
    )
    counts: dict[int, int] = defaultdict(int)
    for mentor_id, _mentee_id in raw_rows(query):
        counts[mentor_id] += 1
    return counts


def live_members(programme_id: int) -> set[int]:
    """Everyone in an active or paused match of the programme."""
    return {
        pid
        for (pid,) in raw_rows(
            MatchMember.select(MatchMember.participant)
            .join(Match)
            .where((Match.programme == programme_id) & Match.status.in_(LIVE))
        )
    }


def live_links(programme_id: int) -> dict[int, list[tuple[int, list[str]]]]:
    """Mentee -> [(mentor, the focus areas that mentor covers)] over active and paused matches."""
    mentor = MatchMember.alias()
    mentee = MatchMember.alias()
    query = (
        Match.select(mentee.participant, mentor.participant, mentor.focus_areas)
        .join(mentor, on=(mentor.match == Match.id))
        .switch(Match)
        .join(mentee, on=(mentee.match == Match.id))
        .where(
            (Match.programme == programme_id)
            & Match.status.in_(LIVE)
            & (mentor.role == Role.MENTOR.value)
            & (mentee.role == Role.MENTEE.value)
        )
        .order_by(Match.id)
    )
    load = MatchMember.focus_areas.python_value
    out: dict[int, list[tuple[int, list[str]]]] = defaultdict(list)
    for mentee_id, mentor_id, areas in raw_rows(query):
        out[mentee_id].append((mentor_id, list(load(areas) or [])))
    return dict(out)


def draft_pairs(programme_id: int) -> list[tuple[int, int, int, bool, bool]]:
    """(match id, mentee, mentor, pinned, accepted) for every draft pairing (a group gives one per mentee)."""
    mentor = MatchMember.alias()
    mentee = MatchMember.alias()
    query = (
        Match.select(Match.id, mentee.participant, mentor.participant, Match.pinned, Match.accepted)
        .join(mentee, on=(mentee.match == Match.id))
        .switch(Match)
        .join(mentor, on=(mentor.match == Match.id))
        .where(
            (Match.programme == programme_id)
            & (Match.status == MatchStatus.DRAFT.value)
            & (mentee.role != Role.MENTOR.value)
            & (mentor.role != Role.MENTEE.value)
            & (mentee.participant != mentor.participant)
        )
        .order_by(Match.id)
    )
    out = []
    seen_peer: set[tuple[int, frozenset[int]]] = set()
    for match_id, a, b, pinned, accepted in raw_rows(query):  # driver values: 0/1 on SQLite
        if a == b:
            continue
        key = (match_id, frozenset((a, b)))
        if key in seen_peer:  # a peer pair appears twice (each member as "mentee")
            continue
        seen_peer.add(key)
        out.append((match_id, a, b, bool(pinned), bool(accepted)))
    return out


def away_on(programme_id: int, day: date) -> dict[int, str]:
    in_programme = Enrolment.select(Enrolment.participant).where(Enrolment.programme == programme_id)
    rows = AwayPeriod.select(AwayPeriod.participant, AwayPeriod.ends_on).where(
        AwayPeriod.participant.in_(in_programme) & (AwayPeriod.starts_on <= day) & (AwayPeriod.ends_on >= day)
    )
    return {pid: f"away until {as_date(ends)}" for pid, ends in raw_rows(rows)}  # str(date): ISO


def exclusions(programme_id: int) -> dict[tuple[int, int], str]:
    """Both directions of every "not with" rule. The coordinator's note stays in the person's record:
    reasons here travel into run summaries and messages, so they carry no free text."""
    in_programme = Enrolment.select(Enrolment.participant).where(Enrolment.programme == programme_id)
    rows = raw_rows(
        Exclusion.select(Exclusion.participant, Exclusion.other).where(
            Exclusion.participant.in_(in_programme) | Exclusion.other.in_(in_programme)
        )
    )
    out = {}
    for a, b in rows:
        out[(a, b)] = out[(b, a)] = "a 'not with' rule is recorded"
    return out


def _mentee_block(
    pid: int,
    status: str,
    live: set[int],
    away: dict[int, str],
    clearance: Any,
    network: bool = False,
) -> str | None:
    """Why a mentee (or peer) is not waiting for a match now; None when they are.

    ``network``: a network programme, where a matched mentee may still get a further mentor (the
    most mentors per mentee is checked by the caller)."""
    if network:  # a live link never blocks: another area may still be open
        live = set()
        if status == EnrolmentStatus.MATCHED.value:
            status = EnrolmentStatus.READY.value
    if pid in live or status == EnrolmentStatus.MATCHED.value:
        return "already matched"
    if status == EnrolmentStatus.ON_HOLD.value:
        return "on hold"
    if status == EnrolmentStatus.EXITED.value:
        return "has left the programme"
    if status != EnrolmentStatus.READY.value:
        return "not ready yet (" + MENTOR_STATUS_REASONS.get(status, status) + ")"
    if pid in away:
        return away[pid]
    if clearance is not None and not clearance.cleared:
        return f"not cleared: {clearance.summary}"
    return None


def load_cohort(programme_id: int, start_on: date | None = None, *, keep_drafts: bool = True) -> Cohort:
    """The rows, columns and hard rules for a run (``keep_drafts``: pinned/accepted drafts stay pinned)."""
    programme = Programme.get_by_id(programme_id)
    start_on = start_on or date.today()
    settings = read_settings(programme)
    kind = programme.kind
    peer = kind == ProgrammeKind.PEER.value
    enrolments = raw_rows(
        Enrolment.select(Enrolment.participant, Enrolment.role, Enrolment.status, Enrolment.capacity).where(
            Enrolment.programme == programme_id
        )
    )
    profiles = load_profiles(programme_id, start_on)
    facts = {
        pid: (_date(dob), band)
        for pid, dob, band in raw_rows(
            Participant.select(Participant.id, Participant.date_of_birth, Participant.age_band)
            .join(Enrolment)
            .where(Enrolment.programme == programme_id)
        )
    }
    clearance = clearance_map(programme_id, on=start_on)
    away = away_on(programme_id, start_on)
    live = live_members(programme_id)
    taken = live_mentee_counts(programme_id)
    network = kind == ProgrammeKind.NETWORK.value
    links = live_links(programme_id) if network else {}
    drafts = draft_pairs(programme_id) if keep_drafts else []
    kept = [(m, a, b) for m, a, b, pinned, accepted in drafts if pinned or accepted]
    kept_mentees = {a for _, a, _ in kept} | ({b for _, _, b in kept} if peer else set())

    mentee_role = Role.PEER.value if peer else Role.MENTEE.value
    mentor_role = Role.PEER.value if peer else Role.MENTOR.value
    statuses = {pid: status for pid, _role, status, _cap in enrolments}
    mentee_blocks: dict[int, str] = {}
    mentor_blocks: dict[int, str] = {}
    minors: set[int] = set()
    uncleared: dict[int, str] = {}
    rows: list[Profile] = []
    cols: list[Profile] = []
    places: dict[int, int] = {}
    load: dict[int, tuple[int, int]] = {}
    group_size = settings.group_size if kind == ProgrammeKind.GROUP.value else None
    not_in_run: dict[int, str] = {}

    for pid, role, status, cap in enrolments:
        if pid not in profiles:
            continue
        dob, band = facts.get(pid, (None, ""))
        minor = is_minor(dob, band or "", start_on)
        person_clearance = clearance.get(pid)
        if role == mentee_role:
            if minor is not False:
                minors.add(pid)
            reason = _mentee_block(pid, status, live, away, person_clearance, network)
            if reason is None and network and len(links.get(pid, ())) >= settings.max_mentors:
                reason = f"already has {len(links[pid])} mentors, the most this programme allows"
            if reason is None:
                rows.append(profiles[pid])
            else:
                mentee_blocks[pid] = reason
                if pid in kept_mentees:
                    rows.append(profiles[pid])  # its kept draft comes back as a dropped pin, with the reason
                elif status in (EnrolmentStatus.READY.value, EnrolmentStatus.ON_HOLD.value):
                    not_in_run[pid] = reason
        elif role == mentor_role and not peer:
            cols.append(profiles[pid])
            places[pid] = places_left(cap, taken.get(pid, 0), group_size)
            load[pid] = (taken.get(pid, 0), int(cap or 0))
            if status in MENTOR_STATUS_REASONS:
                mentor_blocks[pid] = MENTOR_STATUS_REASONS[status]
            elif pid in away:
                mentor_blocks[pid] = away[pid]
            if person_clearance is not None and not person_clearance.cleared:
                uncleared[pid] = person_clearance.summary
    if peer:
        cols = list(rows)
        places = {p.id: 1 for p in rows}

    rejected = {pair: "rejected by you when reviewing drafts" for pair in settings.rejected}
    pair_blocks = {**exclusions(programme_id), **former_mentor_blocks(programme_id), **rejected}
    for mentee_id, mentors in links.items():
        for mentor_id, _areas in mentors:
            pair_blocks[(mentee_id, mentor_id)] = "already this mentee's mentor"
    rules = HardRules(
        mentor_blocks=mentor_blocks,
        mentee_blocks=mentee_blocks,
        pair_blocks=pair_blocks,
        minors=frozenset(minors),
        uncleared=uncleared,
        peer=peer,
        places=places,
        load=load,
    )
    names = {pid: p.name for pid, p in profiles.items()}
    circles = circle_mentors({m for m, _, _ in kept}) if kind == ProgrammeKind.GROUP.value else {}
    return Cohort(
        programme_id=programme_id,
        kind=kind,
        start_on=start_on,
        settings=settings,
        mentees=rows,
        mentors=cols,
        rules=rules,
        kept=[(m, a, b) for m, a, b in kept],
        not_in_run=not_in_run,
        names=names,
        statuses=statuses,
        kept_circles=circles,
        links=links,
    )


def circle_mentors(match_ids: set[int] | list[int]) -> dict[int, tuple[int, ...]]:
    """Match id -> its mentors in the order they joined (a group circle's lead first)."""
    out: dict[int, list[int]] = defaultdict(list)
    if not match_ids:
        return {}
    for match_id, pid in raw_rows(
        MatchMember.select(MatchMember.match, MatchMember.participant)
        .where(MatchMember.match.in_(list(match_ids)) & (MatchMember.role == Role.MENTOR.value))
        .order_by(MatchMember.id)
    ):
        out[match_id].append(pid)
    return {m: tuple(v) for m, v in out.items()}


def waiting_people(programme_id: int) -> list[tuple[int, str, str]]:
    """(id, name, note) of everyone who could be paired by hand: mentees (peers) not in a live match."""
    programme = Programme.get_by_id(programme_id)
    role = Role.PEER.value if programme.kind == ProgrammeKind.PEER.value else Role.MENTEE.value
    live = live_members(programme_id)
    network = programme.kind == ProgrammeKind.NETWORK.value
    mentors_of = {pid: len(found) for pid, found in live_links(programme_id).items()} if network else {}
    in_drafts = {a for _, a, _, _, _ in draft_pairs(programme_id)}
    if role == Role.PEER.value:
        in_drafts |= {b for _, _, b, _, _ in draft_pairs(programme_id)}
    rows = raw_rows(
        Enrolment.select(Participant.id, display_name_sql(), Enrolment.status)
        .join(Participant)
        .where((Enrolment.programme == programme_id) & (Enrolment.role == role))
    )
    out = []
    for pid, name, status in rows:
        if status == EnrolmentStatus.EXITED.value or (pid in live and not network):
            continue
        if pid in mentors_of:  # a network mentee may have a further mentor
            count = mentors_of[pid]
            note = f"{count} mentor{'s' if count != 1 else ''}" + ("; in a draft" if pid in in_drafts else "")
        elif pid in in_drafts:
            note = "in a draft"
        elif status == EnrolmentStatus.READY.value:
            note = ""
        else:
            note = status.replace("_", " ")
        out.append((pid, name, note))
    out.sort(key=lambda r: (r[2] != "", r[1].casefold()))
    return out


def unmatched_of(cohort: Cohort, reasons: dict[int, str]) -> list[Unmatched]:
    """The run's mentees left without a partner (``reasons`` by mentee row) and the people kept out
    of the run, by name: what every kind of run reports as "not matched"."""
    names = cohort.names
    out = [Unmatched(cohort.mentees[r].id, names.get(cohort.mentees[r].id, ""), why) for r, why in reasons.items()]
    out += [Unmatched(pid, names.get(pid, ""), why) for pid, why in cohort.not_in_run.items()]
    out.sort(key=lambda u: u.name.casefold())
    return out


def dropped_pinned_pairs(
    cohort: Cohort, dropped: dict[tuple[int, int], str]
) -> tuple[list[Unmatched], list[tuple[int, int]]]:
    """Pinned pairs (mentee row, mentor column) the run had to drop, each with the hard rules it now
    breaks (or the solver's reason), and the (mentee, mentor) ids of them."""
    out, pairs = [], []
    for (row, col), why in dropped.items():
        mentee, mentor = cohort.mentees[row], cohort.mentors[col]
        detail = [r.text for r in refusals(mentee.id, mentor.id, cohort.rules)] or [why]
        out.append(Unmatched(mentee.id, cohort.names.get(mentee.id, ""), f"pinned pair dropped: {'; '.join(detail)}"))
        pairs.append((mentee.id, mentor.id))
    return out, pairs
