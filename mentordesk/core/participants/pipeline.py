"""The onboarding pipeline: which status moves are allowed, and what needs the coordinator's attention.

applied -> screening -> ready -> matched -> exited, with on_hold as a side track
from any live state. "ready" means ready to be matched, so it needs clearance
(for a minor mentee: a guardian and their consent). "matched" is normally set by
Pairing when a match starts and undone when it closes.
"""

from __future__ import annotations

from datetime import date, timedelta

from mentordesk.core.participants.clearance import EXPIRY_WARNING_DAYS, Clearance
from mentordesk.core.vocab import EnrolmentStatus, Role

S = EnrolmentStatus

ALLOWED: dict[str, frozenset[str]] = {
    S.APPLIED: frozenset({S.SCREENING, S.ON_HOLD, S.EXITED}),
    S.SCREENING: frozenset({S.APPLIED, S.READY, S.ON_HOLD, S.EXITED}),
    S.READY: frozenset({S.SCREENING, S.MATCHED, S.ON_HOLD, S.EXITED}),
    S.MATCHED: frozenset({S.READY, S.ON_HOLD, S.EXITED}),
    S.ON_HOLD: frozenset({S.APPLIED, S.SCREENING, S.READY, S.EXITED}),
    S.EXITED: frozenset({S.APPLIED}),  # re-enrolment starts the pipeline again
}

PIPELINE_ORDER = (S.APPLIED, S.SCREENING, S.READY, S.MATCHED, S.ON_HOLD, S.EXITED)


class TransitionRefused(ValueError):
    """The move is not allowed; the message says why and what to do instead."""


def allowed_targets(current: str) -> list[str]:
    targets = ALLOWED.get(current, frozenset())
    return [s.value for s in PIPELINE_ORDER if s in targets]


def refusal(current: str, target: str, clearance: Clearance | None) -> str:
    """Why ``current -> target`` is not allowed for someone with ``clearance``; "" when it is.

    A cleared person still in "applied" may go straight to "ready": screening is what they have done.
    """
    if target == current:
        return ""
    if target not in {s.value for s in S}:
        return f"Unknown status {target!r}."
    straight_to_ready = current == S.APPLIED and target == S.READY and clearance is not None
    if target not in ALLOWED.get(current, frozenset()) and not straight_to_ready:
        options = ", ".join(t.replace("_", " ") for t in allowed_targets(current))
        return (
            f"Cannot move from {current.replace('_', ' ')} to {target.replace('_', ' ')}: "
            f"from {current.replace('_', ' ')} the next steps are {options}."
        )
    if target == S.READY and clearance is not None and not clearance.cleared:
        return (
            "Not cleared yet: "
            + "; ".join(clearance.reasons)
            + ". Record the missing checks or consent first."
        )
    return ""


def check_transition(current: str, target: str, clearance: Clearance | None) -> None:
    """Raise ``TransitionRefused`` unless ``current -> target`` is allowed for someone with ``clearance``."""
    message = refusal(current, target, clearance)
    if message:
        raise TransitionRefused(message)


def attention_reasons(
    role: str,
    status: str,
    clearance: Clearance | None,
    earliest_expiry: date | None,
    on: date,
) -> list[str]:
    """Why this person needs the coordinator: a check expiring within 30 days (or expired),
    missing consent, training not done, and everything that keeps someone in screening (or ready,
    or matched) from being cleared: the clearance column says "not cleared", so the count of
    people needing attention includes them. People who have left, or only just applied (their
    screening has not started: the table says so), are not chased."""
    if status == S.EXITED:
        return []
    reasons: list[str] = []
    if earliest_expiry is not None:
        if earliest_expiry < on:
            reasons.append(f"a check expired on {earliest_expiry.isoformat()}")
        elif earliest_expiry <= on + timedelta(days=EXPIRY_WARNING_DAYS):
            days = (earliest_expiry - on).days
            reasons.append(f"a check expires in {days} day{'s' if days != 1 else ''}")
    if status == S.APPLIED or clearance is None:
        return reasons
    for reason in clearance.reasons:
        if "consent" in reason or "guardian" in reason:
            reasons.append(reason)
        elif role == Role.MENTOR and reason.startswith("training"):
            reasons.append(f"training not done ({reason})")
        elif status in (S.READY, S.MATCHED) and "expired" not in reason:
            reasons.append(f"{status} but not cleared: {reason}")
        elif status == S.SCREENING and "expired" not in reason:
            reasons.append(f"screening: {reason}")
    return reasons


def screening_not_started(status: str, attention: tuple[str, ...] | list[str] = ()) -> bool:
    """Someone who has only applied, with nothing to chase: their screening has not begun, whether or not
    they are already cleared. A mentee's clearance needs no screening check, only (for a minor) a guardian
    and their consent, so a mentee enrolled with both is cleared on the day they apply; "Cleared" would then
    read as if they had been screened. Until the status moves on, they read "Screening not started"."""
    return status == S.APPLIED and not attention


def screening_reading(cleared: bool, reasons: str) -> str:
    """The line under "Screening not started": what is still needed, or that nothing the programme
    requires is missing (``reasons``: the clearance's reasons, "; "-joined)."""
    if cleared:
        return "nothing the programme requires is missing: move them on when you are satisfied"
    return f"still needed: {reasons}"
