"""Whether a person may be matched, derived from their screening checks and consents.

Clearance is never a stored flag: it is computed here from plain facts, so the
reason is always available ("background check expired on 3 March"). The rules
follow the field's standards for youth schemes (MENTOR's Elements of Effective
Practice, UK safeguarding): a mentor needs an interview, two references, a
valid background check, two hours of training and a signed code of conduct;
a mentee who is a minor needs a guardian's permission. Each programme can relax
or tighten them through ``ClearanceRules``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from mentordesk.core.participants.check_types import CheckTypes, renewal_due

ADULT_AGE = 18
EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class ClearanceRules:
    interview: bool = True
    references: int = 2
    background_check: bool = True
    training_hours: float = 2.0
    code_of_conduct: bool = True
    guardian_consent_for_minors: bool = True
    # The programme's own check types and every type's renewal cycle: stored apart (services read
    # them from their own setting), so the rules above compare and save without them.
    check_types: CheckTypes = field(default_factory=CheckTypes, compare=False)

    @classmethod
    def from_settings(cls, values: dict | None, check_types: CheckTypes | None = None) -> ClearanceRules:
        values = values or {}
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__ and k != "check_types"}
        return cls(**known, check_types=check_types or CheckTypes())

    def to_settings(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "check_types"}


# Check and consent facts are read by the ten thousand for a programme's lists (services.participants
# .screening_facts): named tuples, which cost a third of a frozen dataclass to make, and read the same.
class CheckFact(NamedTuple):
    kind: str  # core.vocab.CheckKind values
    outcome: str  # pending, passed, failed
    completed_on: date | None = None
    expires_on: date | None = None
    hours: float | None = None


class ConsentFact(NamedTuple):
    kind: str  # core.vocab.ConsentKind values
    given: bool
    given_on: date | None = None
    expires_on: date | None = None
    withdrawn_on: date | None = None


class Clearance(NamedTuple):
    cleared: bool
    reasons: tuple[str, ...] = ()  # why not cleared
    warnings: tuple[str, ...] = ()  # cleared, but something is due soon
    expires_on: date | None = None  # when the clearance lapses (earliest check expiry)
    # A minor's guardian is not recorded or has not given (or withdrew) valid permission.
    guardian_consent_missing: bool = False

    @property
    def summary(self) -> str:
        if not self.cleared:
            return "; ".join(self.reasons)
        return "; ".join(self.warnings) if self.warnings else "Cleared"


class PersonFacts(NamedTuple):
    role: str  # mentor, mentee, peer
    date_of_birth: date | None = None
    age_band: str = ""
    checks: tuple[CheckFact, ...] = ()
    consents: tuple[ConsentFact, ...] = ()
    has_guardian: bool = False
    drives: bool = False  # drives participants for the programme (driver checks apply)


def age_on(date_of_birth: date, day: date) -> int:
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def is_minor(date_of_birth: date | None, age_band: str, on: date) -> bool | None:
    """True or False when known; None when neither a date of birth nor a usable age band is held."""
    if date_of_birth is not None:
        return age_on(date_of_birth, on) < ADULT_AGE
    band = age_band.strip().replace("–", "-")
    if not band:
        return None
    if band.endswith("+"):
        band = band[:-1]
    top = band.split("-")[-1].strip()
    if top.isdigit():
        return int(top) < ADULT_AGE
    return None


def _passed(checks: Iterable[CheckFact], kind: str) -> list[CheckFact]:
    return [c for c in checks if c.kind == kind and c.outcome == "passed"]


def _fmt(day: date) -> str:
    return day.isoformat()


def _mentor_rules(
    checks: Sequence[CheckFact], rules: ClearanceRules, on: date
) -> tuple[list[str], list[str], date | None]:
    reasons: list[str] = []
    warnings: list[str] = []
    lapses: date | None = None
    if any(c.kind == "background_check" and c.outcome == "failed" for c in checks):
        reasons.append("background check failed")
    if rules.interview and not _passed(checks, "interview"):
        reasons.append("no interview recorded")
    references = len(_passed(checks, "reference"))
    if references < rules.references:
        reasons.append(f"{references} of {rules.references} references")
    cycle = rules.check_types.cycle("background_check")

    def due(c: CheckFact) -> date | None:
        return renewal_due(c.completed_on, c.expires_on, cycle)

    if rules.background_check and not any(
        c.kind == "background_check" and c.outcome == "failed" for c in checks
    ):
        valid = [
            c
            for c in _passed(checks, "background_check")
            if c.completed_on is not None and (due(c) is None or due(c) >= on)  # type: ignore[operator]
        ]
        if valid:
            best = max(valid, key=lambda c: due(c) or date.max)
            best_due = due(best)
            if best_due is not None:
                lapses = best_due
                if best_due <= on + timedelta(days=EXPIRY_WARNING_DAYS):
                    warnings.append(f"background check expires on {_fmt(best_due)}")
        else:
            expired = [d for c in _passed(checks, "background_check") if (d := due(c)) and d < on]
            if expired:
                reasons.append(f"background check expired on {_fmt(max(expired))}")
            elif any(c.kind == "background_check" and c.outcome == "pending" for c in checks):
                reasons.append("background check pending")
            else:
                reasons.append("no background check")
    hours = sum(c.hours or 0.0 for c in _passed(checks, "training"))
    if hours + 1e-9 < rules.training_hours:
        reasons.append(f"training {hours:g} of {rules.training_hours:g} hours")
    if rules.code_of_conduct and not _passed(checks, "code_of_conduct"):
        reasons.append("code of conduct not signed")
    return reasons, warnings, lapses


def _consent_valid(consent: ConsentFact, on: date) -> bool:
    if not consent.given:
        return False
    if consent.withdrawn_on is not None and consent.withdrawn_on <= on:
        return False
    return consent.expires_on is None or consent.expires_on >= on


def evaluate_clearance(facts: PersonFacts, rules: ClearanceRules, on: date) -> Clearance:
    """The clearance of one person in one programme on a given day."""
    return clearance_of(
        facts.role,
        is_minor(facts.date_of_birth, facts.age_band, on),
        facts.checks,
        facts.consents,
        facts.has_guardian,
        facts.drives,
        rules,
        on,
    )


def clearance_of(
    role: str,
    minor: bool | None,
    checks: Sequence[CheckFact],
    consents: Sequence[ConsentFact],
    has_guardian: bool,
    drives: bool,
    rules: ClearanceRules,
    on: date,
) -> Clearance:
    """``evaluate_clearance`` from plain values, ``minor`` as ``is_minor`` gives it: for lists of
    thousands of people, which hold these values already and need no ``PersonFacts`` per person."""
    reasons: list[str] = []
    warnings: list[str] = []
    lapses: date | None = None
    if role == "mentor":
        reasons, warnings, lapses = _mentor_rules(checks, rules, on)
    consent_missing = False
    if role in ("mentee", "peer") and rules.guardian_consent_for_minors:
        if minor is None:
            reasons.append("age unknown: add a date of birth or an age band")
        elif minor:
            if not has_guardian:
                reasons.append("no guardian recorded")
                consent_missing = True
            permission = [c for c in consents if c.kind == "parental_permission"]
            if not any(_consent_valid(c, on) for c in permission):
                withdrawn = [c for c in permission if c.withdrawn_on and c.withdrawn_on <= on]
                reasons.append("guardian consent withdrawn" if withdrawn else "no guardian consent")
                consent_missing = True
    for check_type in rules.check_types.custom:
        if not check_type.required_of(role, drives):
            continue
        problem, ends = _custom_check(checks, check_type.key, check_type.name, check_type.renewal_months, on)
        if problem:
            reasons.append(problem)
        elif ends is not None:
            lapses = ends if lapses is None else min(lapses, ends)
            if ends <= on + timedelta(days=EXPIRY_WARNING_DAYS):
                warnings.append(f"{check_type.name} expires on {_fmt(ends)}")
    return Clearance(
        cleared=not reasons,
        reasons=tuple(reasons),
        warnings=tuple(warnings),
        expires_on=lapses,
        guardian_consent_missing=consent_missing,
    )


def _custom_check(
    checks: Sequence[CheckFact], kind: str, name: str, cycle: int | None, on: date
) -> tuple[str, date | None]:
    """Why a required check of the programme's own type is missing ("" when it is in order), and when
    the valid one lapses."""
    mine = [c for c in checks if c.kind == kind]
    if any(c.outcome == "failed" for c in mine):
        return f"{name} failed", None
    passed = [c for c in mine if c.outcome == "passed" and c.completed_on is not None]
    dues = [renewal_due(c.completed_on, c.expires_on, cycle) for c in passed]
    if any(d is None for d in dues):
        return "", None
    current = [d for d in dues if d is not None and d >= on]
    if current:
        return "", max(current)
    if dues:
        return f"{name} expired on {_fmt(max(d for d in dues if d is not None))}", None
    if mine:
        return f"{name} pending", None
    return f"no {name} recorded", None
