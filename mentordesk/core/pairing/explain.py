"""The reasons behind a score, in words: one line per criterion, signed points around a neutral 50.

``explanation_from`` turns the criterion values the score matrix already holds
into lines such as "+30 shared interests: robotics, chess" or "-10 same
department", so the breakdown always adds up to the score the solver used;
``explain`` does the same for one pair from scratch (manual pairing, swaps).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mentordesk.core import participants
from mentordesk.core.pairing.criteria import (
    AGE,
    AVAILABILITY,
    GOAL_AREAS,
    INTERESTS,
    LANGUAGES,
    ORGANISATION,
    PREFERENCES,
    SKILLS,
    ScoringConfig,
    is_custom,
)
from mentordesk.core.pairing.scoring import (
    NEUTRAL,
    TAG_KINDS,
    Profile,
    age_difference,
    combine,
    criterion_values,
)


@dataclass(frozen=True)
class Reason:
    criterion: str
    points: float  # signed: what this criterion adds to or takes from the neutral 50
    text: str
    label: str = ""  # a custom-field criterion's name (the field's label); built-ins have theirs

    def line(self) -> str:
        return f"{self.points:+.0f} {self.text}" if round(self.points) else f"±0 {self.text}"


@dataclass(frozen=True)
class Explanation:
    score: float
    reasons: tuple[Reason, ...]
    must_failures: tuple[str, ...] = ()  # "must: no free time in common"

    @property
    def passes_musts(self) -> bool:
        return not self.must_failures

    def summary(self, limit: int | None = None) -> str:
        ordered = sorted((r for r in self.reasons if round(r.points)), key=lambda r: -abs(r.points))
        return "; ".join(r.line() for r in ordered[:limit])

    def to_breakdown(self) -> list[dict[str, object]]:
        return [
            {"criterion": r.criterion, "points": r.points, "reason": r.text}
            | ({"label": r.label} if r.label else {})
            for r in self.reasons
        ]


def _listing(items: frozenset[str] | set[str], limit: int = 4) -> str:
    ordered = sorted(items, key=str.casefold)
    text = ", ".join(ordered[:limit])
    return text + (f" and {len(ordered) - limit} more" if len(ordered) > limit else "")


_NOUNS = {SKILLS: "skills", INTERESTS: "interests", GOAL_AREAS: "goal areas"}


def _tag_text(criterion: str, mentee: Profile, mentor: Profile, f: float) -> str:
    kind, noun = TAG_KINDS[criterion], _NOUNS[criterion]
    seeks, offers = mentee.seeks.get(kind, frozenset()), mentor.offers.get(kind, frozenset())
    shared = seeks & offers
    if not seeks:
        return f"no {noun} listed for the mentee"
    if not offers:
        return f"no {noun} listed for the mentor"
    if shared:
        label = {
            SKILLS: "skills sought and offered",
            INTERESTS: "shared interests",
            GOAL_AREAS: "goal areas covered",
        }
        return f"{label[criterion]}: {_listing(shared)}"
    if criterion == INTERESTS:
        return "no shared interests"
    return f"offers none of the {noun} sought ({_listing(seeks)})"


def _text(criterion: str, mentee: Profile, mentor: Profile, f: float, config: ScoringConfig) -> str:
    if criterion in TAG_KINDS:
        return _tag_text(criterion, mentee, mentor, f)
    if criterion == LANGUAGES:
        shared = mentee.languages & mentor.languages
        if not mentee.languages or not mentor.languages:
            return "languages not recorded"
        if shared:
            return f"shared language{'s' if len(shared) > 1 else ''}: {_listing(shared)}"
        return "no language in common"
    if criterion == AVAILABILITY:
        if not mentee.slots or not mentor.slots:
            return "weekly availability not recorded"
        common = participants.common_windows(mentee.slots, mentor.slots)
        if not common:
            return "no free time in common"
        weekly = participants.format_duration(participants.slot_minutes(common))
        return f"both free {participants.describe_slots(common)} ({weekly} a week)"
    if criterion == ORGANISATION:
        option = config.setting(ORGANISATION).option or "different_department"
        unit = "department" if option.endswith("department") else "organisation"
        if f == NEUTRAL:
            return f"{unit} not recorded"
        wanted_same = option.startswith("same")
        satisfied = f > NEUTRAL
        same = satisfied == wanted_same
        return f"same {unit}" if same else f"different {unit}s"
    if criterion == AGE:
        return _age_text(mentee, mentor, f, config)
    if criterion == PREFERENCES:
        return _preference_text(mentee, mentor)
    if is_custom(criterion):
        return _custom_text(criterion, mentee, mentor, config)
    return criterion


def _custom_text(criterion: str, mentee: Profile, mentor: Profile, config: ScoringConfig) -> str:
    """ "same answer to “House”: Red" or "different answers to “House”: Red / Blue"."""
    label = config.label(criterion)
    mine, theirs = mentee.answers.get(criterion, frozenset()), mentor.answers.get(criterion, frozenset())
    if not mine and not theirs:
        return f"“{label}” not answered"
    if not mine:
        return f"“{label}” not answered by the mentee"
    if not theirs:
        return f"“{label}” not answered by the mentor"
    shared = mine & theirs
    if shared:
        return f"same answer to “{label}”: {_listing(shared)}"
    return f"different answers to “{label}”: {_listing(mine)} / {_listing(theirs)}"


def _age_text(mentee: Profile, mentor: Profile, f: float, config: ScoringConfig) -> str:
    d, used_seniority = age_difference(mentee, mentor)
    if d is None:
        return "age and seniority not recorded"
    years = abs(d)
    amount = f"{years:.0f} year{'s' if round(years) != 1 else ''}"
    if used_seniority:
        relation = "more senior" if d > 0 else "more junior"
    else:
        relation = "older" if d > 0 else "younger"
    option = config.setting(AGE).option or "mentor_older"
    if years < 0.5:
        text = "same seniority" if used_seniority else "same age"
    elif option == "similar":
        return f"{amount} apart" + ("" if f >= NEUTRAL else " (wanted similar)")
    else:
        text = f"mentor {amount} {relation}"
    if f < NEUTRAL and option != "similar":
        text += " (wanted the mentor " + ("older)" if option == "mentor_older" else "younger)")
    return text


def _preference_text(mentee: Profile, mentor: Profile) -> str:
    parts = []
    for who, wanting, wanted in (("mentee", mentee, mentor), ("mentor", mentor, mentee)):
        if not wanting.wanted:
            continue
        hits = wanting.wanted & wanted.terms
        parts.append(
            f"fits the {who}'s stated preference ({_listing(hits)})"
            if hits
            else f"does not fit the {who}'s stated preference"
        )
    return "; ".join(parts) if parts else "no preferences stated"


MUST_TEXT = {
    SKILLS: "offers none of the skills sought",
    INTERESTS: "no shared interests",
    GOAL_AREAS: "covers none of the goal areas sought",
    LANGUAGES: "no language in common",
    AVAILABILITY: "no free time in common",
    ORGANISATION: "organisation rule not met",
    AGE: "age or seniority rule not met",
    PREFERENCES: "stated preference not met",
}


def _must_text(criterion: str, config: ScoringConfig) -> str:
    if is_custom(criterion):
        wanted = config.setting(criterion).option or "same"
        label = config.label(criterion)
        return f"answers to “{label}” differ" if wanted == "same" else f"same answer to “{label}”"
    return MUST_TEXT[criterion]


def _without_roles(text: str) -> str:
    for old, new in (
        (" for the mentee", ""),
        (" for the mentor", ""),
        (" by the mentee", " by one of them"),
        (" by the mentor", " by one of them"),
        ("the mentee's", "a"),
        ("the mentor's", "a"),
    ):
        text = text.replace(old, new)
    return text


def explain(mentee: Profile, mentor: Profile, config: ScoringConfig, *, peer: bool = False) -> Explanation:
    """The score of one pair and a line per criterion. For peers, both directions averaged."""
    values = criterion_values([mentee], [mentor], config)
    if peer:
        back = criterion_values([mentor], [mentee], config)
        values = {c: (v + back[c]) / 2 for c, v in values.items()}
    score = float(combine(values, config, (1, 1)).scores[0, 0])
    return explanation_from(
        {c: float(v[0, 0]) for c, v in values.items()}, score, mentee, mentor, config, peer=peer
    )


def explanation_from(
    values: Mapping[str, float],
    score: float,
    mentee: Profile,
    mentor: Profile,
    config: ScoringConfig,
    *,
    peer: bool = False,
) -> Explanation:
    """The reasons for a pair whose criterion values the matrix already holds (no recomputation)."""
    total = config.total_weight
    reasons = []
    failures = []
    musts = config.must_set
    for criterion in config.names:
        if criterion not in values:
            continue
        f = values[criterion]
        text = _text(criterion, mentee, mentor, f, config)
        if peer:
            # Peers have no mentor or mentee side: read both directions and drop the role words.
            if criterion in TAG_KINDS:
                other = _text(criterion, mentor, mentee, f, config)
                if other != text:
                    text = f"{text}; the other way: {other}"
            text = _without_roles(text)
        points = 100.0 * config.weight(criterion) / total * (f - NEUTRAL)
        custom_label = config.label(criterion) if is_custom(criterion) else ""
        reasons.append(Reason(criterion, round(points, 1), text, custom_label))
        if criterion in musts and f < NEUTRAL:
            failures.append(f"must: {_must_text(criterion, config)}")
    return Explanation(round(score, 1), tuple(reasons), tuple(failures))
