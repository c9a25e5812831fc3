"""A programme's matcher settings, kept as JSON in ``Programme.settings["pairing"]``.

Reading tolerates anything malformed (a hand-edited or older file falls back to
the defaults of the programme's kind), so the settings can never stop a run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from mentordesk.core.pairing import (
    CUSTOM_KINDS,
    DEFAULT_FOCUS_AREAS,
    DEFAULT_MAX_MENTORS,
    FORBID,
    PENALISE,
    AssignmentOptions,
    ScoringConfig,
    custom_criterion,
    focus_problem,
    is_custom,
)
from mentordesk.services.pairing.results import PairingError
from mentordesk.store import audit
from mentordesk.store.models import CustomField, Programme

SETTINGS_KEY = "pairing"


@dataclass(frozen=True)
class PairingSettings:
    """What the coordinator sets for a programme's matcher (Programme.settings["pairing"])."""

    config: ScoringConfig
    min_score: float | None = None
    poor_matches: str = PENALISE
    penalty: float = 3.0
    group_size: int = 6  # group programmes: the size of a circle (a mentor's capacity caps it too)
    # Group programmes: co-facilitators per circle. 1 when never set (circles made before 0.2 had one
    # mentor); a new group programme starts with 2 (services/pairing/kinds.py).
    mentors_per_circle: int = 1
    speed_meetings: int = 4  # speed programmes: mentors each mentee meets
    rejected: tuple[tuple[int, int], ...] = ()  # (mentee, mentor) pairs the coordinator rejected
    # Network programmes: the focus areas mentors offer and mentees need (goal-area tags of these
    # names), and the most mentors one mentee may have at once.
    focus_areas: tuple[str, ...] = DEFAULT_FOCUS_AREAS
    max_mentors: int = DEFAULT_MAX_MENTORS

    def options(self, balance_groups: bool = False) -> AssignmentOptions:
        return AssignmentOptions(self.min_score, self.poor_matches, self.penalty, balance_groups)


def read_settings(programme: Programme) -> PairingSettings:
    """The settings; custom-field criteria get their field's label, and go when their field has gone."""
    settings = _from_raw((programme.settings or {}).get(SETTINGS_KEY) or {}, programme.kind)
    if not any(is_custom(c) for c in settings.config.criteria):
        return settings
    labels = {custom_criterion(f.id): f.label for f in criterion_fields(programme.id)}
    return replace(settings, config=settings.config.with_labels(labels))


@dataclass(frozen=True)
class CriterionField:
    """A custom field that can be a pairing criterion (one choice, several choices or yes/no)."""

    id: int
    label: str
    kind: str
    criterion: str  # "field:<id>"


def criterion_fields(programme_id: int) -> list[CriterionField]:
    """The programme's custom fields that two people's answers can be compared on, in form order."""
    query = (
        CustomField.select(CustomField.id, CustomField.label, CustomField.kind)
        .where((CustomField.programme == programme_id) & CustomField.kind.in_(CUSTOM_KINDS))
        .order_by(CustomField.position, CustomField.id)
    )
    return [CriterionField(f.id, f.label, f.kind, custom_criterion(f.id)) for f in query]


def _from_raw(raw: Any, kind: str) -> PairingSettings:
    if not isinstance(raw, dict):
        raw = {}
    config = ScoringConfig.from_settings(raw, kind)
    min_score = raw.get("min_score")
    if not isinstance(min_score, int | float) or isinstance(min_score, bool) or not 0 <= min_score <= 100:
        min_score = None
    penalty = raw.get("penalty", 3.0)
    if not isinstance(penalty, int | float) or penalty < 0:
        penalty = 3.0
    rejected = tuple(
        (int(pair[0]), int(pair[1]))
        for pair in raw.get("rejected", []) or []
        if isinstance(pair, list | tuple) and len(pair) == 2 and all(isinstance(x, int) for x in pair)
    )
    return PairingSettings(
        config=config,
        min_score=float(min_score) if min_score is not None else None,
        poor_matches=FORBID if raw.get("poor_matches") == FORBID else PENALISE,
        penalty=float(penalty),
        group_size=_whole(raw.get("group_size"), 6),
        mentors_per_circle=_whole(raw.get("mentors_per_circle"), 1),
        speed_meetings=_whole(raw.get("speed_meetings"), 4),
        rejected=rejected,
        focus_areas=_focus_areas(raw.get("focus_areas")),
        max_mentors=_whole(raw.get("max_mentors"), DEFAULT_MAX_MENTORS),
    )


def _focus_areas(value: Any) -> tuple[str, ...]:
    """The stored list when it is a sound one; the defaults otherwise (a hand-edited file never stops a run)."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return DEFAULT_FOCUS_AREAS
    areas = [v.strip() for v in value]
    return tuple(areas) if not focus_problem(areas) else DEFAULT_FOCUS_AREAS


def save_focus_areas(programme_id: int, areas: list[str], max_mentors: int | None = None) -> PairingSettings:
    """Store a network programme's focus areas (and the most mentors a mentee may have); a bad list
    is refused with the entry named and nothing is changed. An empty list is allowed: every
    mentee then has one mentor, as in one-to-one."""
    cleaned = [a.strip() for a in areas]
    problem = focus_problem(cleaned)
    if problem:
        raise PairingError(problem)
    values: dict[str, Any] = {"focus_areas": cleaned}
    if max_mentors is not None:
        if isinstance(max_mentors, bool) or not 1 <= int(max_mentors) <= 10:
            raise PairingError(f"Mentors per mentee must be between 1 and 10, not {max_mentors}.")
        values["max_mentors"] = int(max_mentors)
    return write_settings(programme_id, **values)


def _whole(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default


def write_settings(programme_id: int, **values: Any) -> PairingSettings:
    """Merge ``values`` into the programme's pairing settings (``config`` as a ScoringConfig).

    Settings that come out the same as the stored ones (the same values, or the defaults the
    stored ones fall back to) write nothing, so the audit log shows only real changes."""
    programme = Programme.get_by_id(programme_id)
    merged = dict(programme.settings or {})
    stored = merged.get(SETTINGS_KEY) or {}
    current = dict(stored)
    if "config" in values:
        current.update(values.pop("config").to_settings())
    if "rejected" in values:
        values["rejected"] = [list(p) for p in values["rejected"]]
    current.update(values)
    if current == stored or _from_raw(current, programme.kind) == _from_raw(stored, programme.kind):
        return read_settings(programme)
    merged[SETTINGS_KEY] = current
    programme.settings = merged
    programme.save()
    return read_settings(programme)


def remember_run(programme_id: int, key: str, summary: dict[str, Any]) -> None:
    """Keep the matcher's last-run summary beside its settings (``Programme.settings[key]``).

    It is a record of the run, not a setting the coordinator changed: the run is audited as one
    "match_run" event already, so this write adds no "programme updated" line to the audit log."""
    programme = Programme.get_by_id(programme_id)
    merged = dict(programme.settings or {})
    merged[key] = summary
    programme.settings = merged
    with audit.suspended():
        programme.save()
