"""Which criteria a programme scores pairs on, and how much each one matters.

The scheme follows the online platforms coordinators already know (Together's
"a must / very important / moderately / somewhat"): a criterion marked *must*
is a filter (a pair that conflicts on it is never proposed) and still counts as
very important among the pairs that pass; the others weigh 5, 3 and 1; *off*
ignores it. Scores are normalised to 0-100 whatever the weights.

Stored as plain JSON in ``Programme.settings["pairing"]``; unknown or malformed
values fall back to the defaults of the programme's kind, so a hand-edited or
older file never stops the matcher.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from typing import Any


class Importance(StrEnum):
    MUST = "must"
    VERY = "very"
    MODERATE = "moderate"
    SOMEWHAT = "somewhat"
    OFF = "off"


WEIGHTS: dict[Importance, int] = {
    Importance.MUST: 5,
    Importance.VERY: 5,
    Importance.MODERATE: 3,
    Importance.SOMEWHAT: 1,
    Importance.OFF: 0,
}

IMPORTANCE_LABELS: dict[Importance, str] = {
    Importance.MUST: "A must (filter)",
    Importance.VERY: "Very important",
    Importance.MODERATE: "Moderately important",
    Importance.SOMEWHAT: "Somewhat important",
    Importance.OFF: "Off",
}

# The built-in criteria, in the order the breakdown lists them.
SKILLS = "skills"
INTERESTS = "interests"
GOAL_AREAS = "goal_areas"
LANGUAGES = "languages"
AVAILABILITY = "availability"
ORGANISATION = "organisation"
AGE = "age"
PREFERENCES = "preferences"
CRITERIA: tuple[str, ...] = (
    SKILLS,
    INTERESTS,
    GOAL_AREAS,
    LANGUAGES,
    AVAILABILITY,
    ORGANISATION,
    AGE,
    PREFERENCES,
)

CRITERION_LABELS: dict[str, str] = {
    SKILLS: "Skills sought and offered",
    INTERESTS: "Shared interests",
    GOAL_AREAS: "Goal areas",
    LANGUAGES: "Shared languages",
    AVAILABILITY: "Weekly time in common",
    ORGANISATION: "Organisation / department",
    AGE: "Age or seniority",
    PREFERENCES: "Stated preferences",
    # Not a weighted criterion: the follow-up run after speed mentoring adds it (core/pairing/speed.py).
    "speed_wish": "Wish to meet again",
}

# Options of the two criteria whose direction depends on the scheme.
ORGANISATION_OPTIONS: dict[str, str] = {
    "different_department": "Prefer a different department",
    "same_department": "Prefer the same department",
    "different_organisation": "Prefer a different organisation",
    "same_organisation": "Prefer the same organisation",
}
AGE_OPTIONS: dict[str, str] = {
    "mentor_older": "Mentor older or more senior",
    "mentor_younger": "Mentor younger or more junior (reverse mentoring)",
    "similar": "Similar age or seniority (peers)",
}
OPTIONS: dict[str, dict[str, str]] = {ORGANISATION: ORGANISATION_OPTIONS, AGE: AGE_OPTIONS}

# A programme's own criteria: an application-form custom field (one choice, several choices, yes/no)
# compared between the two people, named "field:<id>". "A must" with "same" is a must-match.
CUSTOM_PREFIX = "field:"
CUSTOM_OPTIONS: dict[str, str] = {
    "same": "Prefer the same answer",
    "different": "Prefer different answers",
}
CUSTOM_KINDS = ("choice", "multiple", "yes_no")  # the custom-field kinds that can be compared
_CUSTOM_NAME = re.compile(r"^field:[1-9][0-9]{0,9}$")


def custom_criterion(field_id: int) -> str:
    return f"{CUSTOM_PREFIX}{int(field_id)}"


def is_custom(criterion: str) -> bool:
    return bool(_CUSTOM_NAME.match(criterion))


def custom_field_id(criterion: str) -> int:
    return int(criterion.removeprefix(CUSTOM_PREFIX))


@dataclass(frozen=True)
class CriterionSetting:
    importance: Importance = Importance.MODERATE
    option: str = ""  # ORGANISATION, AGE and the custom-field criteria have options
    label: str = ""  # a custom-field criterion: the field's label (not stored: read from the field)

    @property
    def weight(self) -> int:
        return WEIGHTS[self.importance]


def _defaults(kind: str) -> dict[str, CriterionSetting]:
    c = CriterionSetting
    base = {
        SKILLS: c(Importance.VERY),
        INTERESTS: c(Importance.MODERATE),
        GOAL_AREAS: c(Importance.MODERATE),
        LANGUAGES: c(Importance.SOMEWHAT),
        AVAILABILITY: c(Importance.VERY),
        ORGANISATION: c(Importance.SOMEWHAT, "different_department"),
        AGE: c(Importance.SOMEWHAT, "mentor_older"),
        PREFERENCES: c(Importance.MODERATE),
    }
    if kind == "reverse":
        # The junior side mentors, usually across departments.
        base[AGE] = c(Importance.MODERATE, "mentor_younger")
        base[ORGANISATION] = c(Importance.MODERATE, "different_department")
    elif kind == "peer":
        base[AGE] = c(Importance.MODERATE, "similar")
        base[ORGANISATION] = c(Importance.SOMEWHAT, "same_organisation")
    return base


@dataclass(frozen=True)
class ScoringConfig:
    criteria: Mapping[str, CriterionSetting] = field(default_factory=lambda: _defaults("one_to_one"))
    # Minutes of weekly time in common that earn full marks for availability.
    availability_minutes: int = 120
    # Shared items (skills, interests, goal areas) that earn full marks.
    overlap_target: int = 2
    # Years of age (or seniority) between the two that earn full marks, or that count as "similar".
    age_gap_years: float = 3.0

    @classmethod
    def defaults(cls, kind: str = "one_to_one") -> ScoringConfig:
        return cls(criteria=_defaults(kind))

    def setting(self, criterion: str) -> CriterionSetting:
        return self.criteria.get(criterion, CriterionSetting(Importance.OFF))

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The built-in criteria, then the programme's custom-field ones in the order they were added."""
        return CRITERIA + tuple(c for c in self.criteria if is_custom(c))

    def label(self, criterion: str) -> str:
        """What a criterion is called: a custom field's own label, else the built-in name."""
        return self.setting(criterion).label or CRITERION_LABELS.get(criterion, criterion)

    @cached_property
    def weights(self) -> dict[str, int]:
        """Criterion -> weight, computed once: explanations ask for it thousands of times per run."""
        return {c: self.setting(c).weight for c in self.names}

    def weight(self, criterion: str) -> int:
        return self.weights.get(criterion, 0)

    @cached_property
    def total_weight(self) -> int:
        return sum(self.weights.values())

    def active(self) -> list[str]:
        return [c for c in self.names if self.weights[c] > 0]

    @cached_property
    def must_set(self) -> frozenset[str]:
        return frozenset(c for c in self.names if self.setting(c).importance is Importance.MUST)

    def musts(self) -> list[str]:
        return [c for c in self.names if c in self.must_set]

    def with_setting(self, criterion: str, setting: CriterionSetting) -> ScoringConfig:
        criteria = dict(self.criteria)
        criteria[criterion] = setting
        return replace(self, criteria=criteria)

    def with_labels(self, labels: Mapping[str, str]) -> ScoringConfig:
        """The custom-field criteria named after their fields; those whose field is gone are dropped."""
        criteria = {
            name: (replace(setting, label=labels[name]) if is_custom(name) else setting)
            for name, setting in self.criteria.items()
            if not is_custom(name) or name in labels
        }
        return replace(self, criteria=criteria)

    @classmethod
    def from_settings(cls, values: Mapping[str, Any] | None, kind: str = "one_to_one") -> ScoringConfig:
        """Read what ``to_settings`` wrote, tolerating anything malformed (defaults win)."""
        base = _defaults(kind)
        values = values if isinstance(values, Mapping) else {}
        raw = values.get("criteria")
        criteria = dict(base)
        if isinstance(raw, Mapping):
            for name, spec in raw.items():
                if isinstance(name, str) and is_custom(name) and isinstance(spec, Mapping):
                    try:
                        importance = Importance(spec.get("importance", Importance.MODERATE))
                    except ValueError:
                        importance = Importance.MODERATE
                    option = spec.get("option")
                    criteria[name] = CriterionSetting(importance, option if option in CUSTOM_OPTIONS else "same")
                    continue
                if name not in base or not isinstance(spec, Mapping):
                    continue
                try:
                    importance = Importance(spec.get("importance", base[name].importance))
                except ValueError:
                    importance = base[name].importance
                option = spec.get("option", base[name].option)
                if name in OPTIONS and option not in OPTIONS[name]:
                    option = base[name].option
                criteria[name] = CriterionSetting(importance, option if name in OPTIONS else "")
        defaults = cls()
        return cls(
            criteria=criteria,
            availability_minutes=_positive(values.get("availability_minutes"), defaults.availability_minutes),
            overlap_target=int(_positive(values.get("overlap_target"), defaults.overlap_target)),
            age_gap_years=float(_positive(values.get("age_gap_years"), defaults.age_gap_years)),
        )

    def to_settings(self) -> dict[str, Any]:
        return {
            "criteria": {
                name: {"importance": self.setting(name).importance.value, "option": self.setting(name).option}
                for name in self.names
            },
            "availability_minutes": self.availability_minutes,
            "overlap_target": self.overlap_target,
            "age_gap_years": self.age_gap_years,
        }


def _positive(value: Any, default: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return default
    return value
