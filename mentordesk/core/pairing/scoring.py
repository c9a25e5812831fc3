"""Compatibility scores: a 0-100 number for every mentee x mentor, and the reasons behind one pair.

Each criterion gives a value ``f`` between 0 and 1 for a pair: 1 a good fit,
0 a conflict, 0.5 neutral (nothing recorded, so nothing to say). The score is
the weighted mean, ``100 * sum(w * f) / sum(w)`` (Together's normalisation).
Shown as a breakdown, each criterion adds or takes away points around a neutral
50: ``points = 100 * w / W * (f - 0.5)``, so ``score = 50 + sum(points)`` and a
line reads "+30 shared interests: robotics, chess" or "-10 same department".
A *must* criterion is a filter: a pair with ``f < 0.5`` on it is not eligible.

The matrix path is vectorised: every person's tags, languages and week become
rows of boolean matrices once, so overlaps for all pairs are matrix products
(2,000 x 500 takes a few tens of milliseconds). The words behind a score are
in core/pairing/explain.py, built from these same values, so a breakdown always adds
up to the score the solver used.
Scores depend only on the two people and the settings, never on who else is
in the cohort, so a stored draft's score stays true after a re-run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from mentordesk.core import participants
from mentordesk.core.counting import common_counts
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
from mentordesk.core.participants import SlotTuple

# Criterion -> the tag kind it compares (core.vocab.TagKind values).
TAG_KINDS = {SKILLS: "skill", INTERESTS: "interest", GOAL_AREAS: "goal_area"}
NEUTRAL = 0.5
WEEK_MINUTES = 7 * 24 * 60
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def normalise_term(text: str) -> str:
    """Lower-case words separated by single spaces: how terms and preference phrases are compared."""
    return " ".join(_WORD.findall(text.casefold()))


def phrases(text: str, longest: int = 4) -> frozenset[str]:
    """Every run of up to ``longest`` words in ``text``: what a preference can mention."""
    words = _WORD.findall(text.casefold())
    return frozenset(
        " ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)
    )


@dataclass(frozen=True)
class Profile:
    """What scoring needs to know about one person (plain data, loaded by the services)."""

    id: int
    name: str = ""
    offers: Mapping[str, frozenset[str]] = field(default_factory=dict)  # tag kind -> tag names
    seeks: Mapping[str, frozenset[str]] = field(default_factory=dict)
    languages: frozenset[str] = frozenset()
    slots: tuple[SlotTuple, ...] = ()
    organisation: str = ""
    department: str = ""
    age: float | None = None  # years on the start date
    seniority: float | None = None  # years of experience or grade
    preferences: str = ""  # free text: "would like a mentor in engineering who speaks Polish"
    aliases: tuple[str, ...] = ()  # first, last and preferred names, for preferences that name someone
    # Answers to the programme's custom fields that can be criteria: "field:<id>" -> the chosen
    # choices (one for a one-choice or yes/no field, "Yes"/"No"); absent when not answered.
    answers: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @cached_property
    def terms(self) -> frozenset[str]:
        """What another person's preference can mention about this one."""
        values = [*self.aliases, self.name, self.organisation, self.department, *self.languages]
        for names in (*self.offers.values(), *self.seeks.values()):
            values.extend(names)
        return frozenset(t for t in (normalise_term(v) for v in values) if t)

    @cached_property
    def wanted(self) -> frozenset[str]:
        return phrases(self.preferences) if self.preferences.strip() else frozenset()


# -- matrix building -------------------------------------------------------------------------------


def _incidence(sets: Sequence[frozenset[str]], vocabulary: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(sets), max(1, len(vocabulary))), dtype=np.float32)
    for i, items in enumerate(sets):
        for item in items:
            j = vocabulary.get(item)
            if j is not None:
                matrix[i, j] = 1.0
    return matrix


def _shared_counts(
    rows: Sequence[frozenset[str]], cols: Sequence[frozenset[str]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(shared items per pair, items per row, items per column)."""
    vocabulary: dict[str, int] = {}
    for items in cols:
        for item in items:
            vocabulary.setdefault(item, len(vocabulary))
    a = _incidence(rows, vocabulary)
    b = _incidence(cols, vocabulary)
    shared = common_counts(a, b)
    row_counts = np.array([len(s) for s in rows], dtype=np.float32)
    col_counts = np.array([len(s) for s in cols], dtype=np.float32)
    return shared, row_counts, col_counts


def _overlap_value(
    mentees: Sequence[Profile], mentors: Sequence[Profile], kind: str, target: int
) -> np.ndarray:
    """f = 0.5 + 0.5 * min(1, shared / min(seeks, offers, target)); 0 when nothing is shared; neutral
    when either side recorded nothing. f takes few values: it is looked up from (shared, wanted),
    both capped at ``target``, in one byte a cell, instead of a dozen float passes over the matrix."""
    seeks = [p.seeks.get(kind, frozenset()) for p in mentees]
    offers = [p.offers.get(kind, frozenset()) for p in mentors]
    shared, n_seeks, n_offers = _shared_counts(seeks, offers)
    cap = max(1, int(target))
    small = np.uint8 if (cap + 1) ** 2 <= 256 else np.uint32
    # wanted = min(seeks, offers, target): 0 exactly when one side recorded nothing (neutral).
    wanted = np.minimum(
        np.minimum(n_seeks, cap).astype(small)[:, None], np.minimum(n_offers, cap).astype(small)[None, :]
    )
    code = np.minimum(shared, np.float32(cap)).astype(small)  # min(1, s / w) is 1 once s >= w
    code *= small(cap + 1)
    code += wanted
    return _overlap_table(cap, float(target))[code]


@lru_cache(maxsize=16)
def _overlap_table(cap: int, target: float) -> np.ndarray:
    """f for each (shared, wanted) code, computed with the float32 steps the whole-matrix formula took."""
    table = np.full((cap + 1) * (cap + 1), NEUTRAL, dtype=np.float32)
    for s in range(cap + 1):
        for w in range(1, cap + 1):
            shared, wanted = (
                np.float32(s),
                np.maximum(np.minimum(np.float32(w), np.float32(target)), np.float32(1)),
            )
            table[s * (cap + 1) + w] = (
                np.float32(NEUTRAL) + np.float32(NEUTRAL) * np.minimum(np.float32(1), shared / wanted)
                if s > 0
                else 0
            )
    table.setflags(write=False)
    return table


def _language_value(mentees: Sequence[Profile], mentors: Sequence[Profile]) -> np.ndarray:
    shared, n_rows, n_cols = _shared_counts([p.languages for p in mentees], [p.languages for p in mentors])
    value = (shared > 0).astype(np.float32)
    _neutral_where_unknown(value, n_rows > 0, n_cols > 0)
    return value


def _neutral_where_unknown(value: np.ndarray, row_known: np.ndarray, col_known: np.ndarray) -> None:
    """Neutral for every pair where either side recorded nothing: whole rows and columns, no pair mask."""
    if not row_known.all():
        value[~row_known, :] = NEUTRAL
    if not col_known.all():
        value[:, ~col_known] = NEUTRAL


def _availability_value(mentees: Sequence[Profile], mentors: Sequence[Profile], target: int) -> np.ndarray:
    rows = participants.week_matrix([p.slots for p in mentees])
    cols = participants.week_matrix([p.slots for p in mentors])
    common = participants.common_minutes_matrix(rows, cols)
    # Minutes in common are whole numbers up to a week's 10,080: f is looked up by the minute.
    value = _availability_table(target)[common.astype(np.uint16)]
    _neutral_where_unknown(value, np.asarray(rows.any(axis=1)), np.asarray(cols.any(axis=1)))
    return value


@lru_cache(maxsize=16)
def _availability_table(target: float) -> np.ndarray:
    """f for 0..10,080 minutes in common, by the float32 steps of the whole-matrix formula."""
    common = np.arange(WEEK_MINUTES + 1, dtype=np.float32)
    table = np.where(
        common > 0, NEUTRAL + NEUTRAL * np.minimum(1, common / np.float32(max(1, target))), 0
    ).astype(np.float32)
    table.setflags(write=False)
    return table


def _codes(values: Sequence[str]) -> tuple[np.ndarray, dict[str, int]]:
    table: dict[str, int] = {"": -1}
    codes = np.array([table.setdefault(v, len(table)) for v in values], dtype=np.int64)
    return codes, table


def _organisation_value(mentees: Sequence[Profile], mentors: Sequence[Profile], option: str) -> np.ndarray:
    if option.endswith("department"):
        # A department is only "the same" inside one organisation ("Year 9" at two schools is not).
        keys = [
            f"{p.organisation.casefold()}\x1f{p.department.casefold()}" if p.department else ""
            for p in (*mentees, *mentors)
        ]
    else:
        keys = [p.organisation.casefold() for p in (*mentees, *mentors)]
    codes, _ = _codes(keys)
    a, b = codes[: len(mentees)], codes[len(mentees) :]
    fits = (a[:, None] == b[None, :]) if option.startswith("same") else (a[:, None] != b[None, :])
    value = fits.astype(np.float32)  # 1 where the pair fits the option, else 0
    _neutral_where_unknown(value, a >= 0, b >= 0)
    return value


def _age_difference(mentees: Sequence[Profile], mentors: Sequence[Profile]) -> np.ndarray:
    """Mentor minus mentee in years: seniority when both have it, else age; NaN when unknown."""

    def column(people: Sequence[Profile], attribute: str) -> np.ndarray:
        values = [getattr(p, attribute) for p in people]
        return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float32)

    def difference(attribute: str) -> np.ndarray:  # mentees x mentors, in row order (C), float32
        return column(mentors, attribute)[None, :] - column(mentees, attribute)[:, None]

    by_age = difference("age")
    senior_rows, senior_cols = column(mentees, "seniority"), column(mentors, "seniority")
    if np.isnan(senior_rows).all() or np.isnan(senior_cols).all():
        return by_age  # no pair has seniority on both sides
    by_seniority = difference("seniority")
    return np.where(np.isnan(by_seniority), by_age, by_seniority)


def age_difference(mentee: Profile, mentor: Profile) -> tuple[float | None, bool]:
    """The same difference for one pair: (years, whether seniority was used)."""
    if mentee.seniority is not None and mentor.seniority is not None:
        return float(np.float32(mentor.seniority) - np.float32(mentee.seniority)), True
    if mentee.age is not None and mentor.age is not None:
        return float(np.float32(mentor.age) - np.float32(mentee.age)), False
    return None, False


def _age_value(mentees: Sequence[Profile], mentors: Sequence[Profile], option: str, gap: float) -> np.ndarray:
    difference = _age_difference(mentees, mentors)
    gap32 = np.float32(max(gap, 1e-9))
    with np.errstate(invalid="ignore"):
        if option == "similar":
            value = np.clip(1 - np.abs(difference) / (2 * gap32), 0, 1)
        else:
            d = difference if option == "mentor_older" else -difference
            value = np.clip(NEUTRAL + NEUTRAL * d / gap32, NEUTRAL, 1)
            value[d <= 0] = 0
    value[np.isnan(difference)] = NEUTRAL
    return value.astype(np.float32, copy=False)


def _preference_hits(wanting: Sequence[Profile], wanted: Sequence[Profile]) -> np.ndarray:
    """Whether each of ``wanting`` mentions anything about each of ``wanted``."""
    mentioned: set[str] = set()
    for p in wanting:
        mentioned |= p.wanted
    vocabulary: dict[str, int] = {}
    for p in wanted:
        for term in p.terms:
            if term in mentioned:
                vocabulary.setdefault(term, len(vocabulary))
    if not vocabulary:
        return np.zeros((len(wanting), len(wanted)), dtype=bool)
    return (
        common_counts(
            _incidence([p.wanted for p in wanting], vocabulary),
            _incidence([p.terms for p in wanted], vocabulary),
        )
        > 0
    )


def _preference_value(mentees: Sequence[Profile], mentors: Sequence[Profile]) -> np.ndarray:
    """The share of stated preferences (each side's, if stated) that mention the other; neutral when
    neither stated one. Four yes/no facts per pair: looked up from a 16-entry table, one byte a cell."""
    stated_rows = np.array([bool(p.wanted) for p in mentees], dtype=np.uint8)
    stated_cols = np.array([bool(p.wanted) for p in mentors], dtype=np.uint8)
    code = (stated_rows[:, None] << np.uint8(2)) | (stated_cols[None, :] << np.uint8(3))
    if stated_rows.any():
        code |= _preference_hits(mentees, mentors).view(np.uint8)
    if stated_cols.any():
        code |= _preference_hits(mentors, mentees).T.view(np.uint8) << np.uint8(1)
    return _PREFERENCE_TABLE[code]


def _preference_table() -> np.ndarray:
    """f for each code (hit by the row, hit by the column, row stated, column stated), by the float32
    steps the whole-matrix formula took: (hit_r * stated_r + hit_c * stated_c) / (stated_r + stated_c)."""
    table = np.empty(16, dtype=np.float32)
    for code in range(16):
        hit_r, hit_c, stated_r, stated_c = (np.float32((code >> bit) & 1) for bit in range(4))
        stated = stated_r + stated_c
        table[code] = (hit_r * stated_r + hit_c * stated_c) / stated if stated > 0 else np.float32(NEUTRAL)
    table.setflags(write=False)
    return table


_PREFERENCE_TABLE = _preference_table()


def _custom_value(mentees: Sequence[Profile], mentors: Sequence[Profile], name: str, option: str) -> np.ndarray:
    """A custom field compared: "same" fits when the two share an answer (a choice in common for a
    several-choices field), "different" when they share none; neutral when either did not answer."""
    rows = [p.answers.get(name, frozenset()) for p in mentees]
    cols = [p.answers.get(name, frozenset()) for p in mentors]
    shared, n_rows, n_cols = _shared_counts(rows, cols)
    fits = (shared > 0) if option != "different" else (shared == 0)
    value = fits.astype(np.float32)
    _neutral_where_unknown(value, n_rows > 0, n_cols > 0)
    return value


def criterion_values(
    mentees: Sequence[Profile], mentors: Sequence[Profile], config: ScoringConfig
) -> dict[str, np.ndarray]:
    """``{criterion: f matrix (mentees x mentors)}`` for every criterion that is switched on."""
    values: dict[str, np.ndarray] = {}
    for criterion in config.active():
        option = config.setting(criterion).option
        if criterion in TAG_KINDS:
            values[criterion] = _overlap_value(mentees, mentors, TAG_KINDS[criterion], config.overlap_target)
        elif criterion == LANGUAGES:
            values[criterion] = _language_value(mentees, mentors)
        elif criterion == AVAILABILITY:
            values[criterion] = _availability_value(mentees, mentors, config.availability_minutes)
        elif criterion == ORGANISATION:
            values[criterion] = _organisation_value(mentees, mentors, option or "different_department")
        elif criterion == AGE:
            values[criterion] = _age_value(mentees, mentors, option or "mentor_older", config.age_gap_years)
        elif criterion == PREFERENCES:
            values[criterion] = _preference_value(mentees, mentors)
        elif is_custom(criterion):
            values[criterion] = _custom_value(mentees, mentors, criterion, option or "same")
    return values


@dataclass(frozen=True)
class ScoreMatrix:
    scores: np.ndarray  # float32, mentees x mentors, 0-100
    must_ok: np.ndarray  # bool: the pair passes every "must" criterion
    values: Mapping[str, np.ndarray] = field(default_factory=dict)  # criterion -> f, for explanations

    def values_at(self, row: int, col: int) -> dict[str, float]:
        return {c: float(v[row, col]) for c, v in self.values.items()}

    @property
    def shape(self) -> tuple[int, int]:
        return (int(self.scores.shape[0]), int(self.scores.shape[1]))


def combine(values: Mapping[str, np.ndarray], config: ScoringConfig, shape: tuple[int, int]) -> ScoreMatrix:
    total = config.total_weight
    scores = np.zeros(shape, dtype=np.float32)
    must_ok = np.ones(shape, dtype=bool)
    if total == 0:
        scores += np.float32(100 * NEUTRAL)
        return ScoreMatrix(scores, must_ok, values)
    part = np.empty(shape, dtype=np.float32)  # one scratch matrix for every criterion's share
    for criterion, value in values.items():
        weight = np.float32(100.0 * config.weight(criterion) / total)
        if value.dtype == np.float32:
            np.multiply(weight, value, out=part)  # the float32 product ``weight * value`` would make
            scores += part
        else:
            scores += weight * value
    for criterion in config.musts():
        must_ok &= values[criterion] >= NEUTRAL
    return ScoreMatrix(np.clip(scores, 0, 100, out=scores), must_ok, values)


def score_matrix(
    mentees: Sequence[Profile], mentors: Sequence[Profile], config: ScoringConfig
) -> ScoreMatrix:
    """Scores for every mentee (rows) x mentor (columns)."""
    return combine(criterion_values(mentees, mentors, config), config, (len(mentees), len(mentors)))


def peer_matrix(pool: Sequence[Profile], config: ScoringConfig) -> ScoreMatrix:
    """Symmetric scores within one pool: each pair is scored both ways and averaged; nobody with themselves."""
    values = criterion_values(pool, pool, config)
    symmetric = {c: (v + v.T) / 2 for c, v in values.items()}
    result = combine(symmetric, config, (len(pool), len(pool)))
    np.fill_diagonal(result.must_ok, False)
    return result
