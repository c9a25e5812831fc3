"""How a match ends, as codes a programme can count: closure reasons, the contact plan afterwards.

A programme keeps its own list of reason codes (Settings > Pairing); the defaults below follow the
reasons mentoring schemes report on. "other" is always in the list: it carries the free text.
Closures recorded before reasons were codes are read into codes by ``reason_code_for_text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mentordesk.core.participants import fold


@dataclass(frozen=True)
class ClosureReason:
    code: str
    label: str


OTHER = "other"
DEFAULT_CLOSURE_REASONS: tuple[ClosureReason, ...] = (
    ClosureReason("moved_away", "Moved away"),
    ClosureReason("scheduling", "Scheduling"),
    ClosureReason("lost_interest", "Lost interest"),
    ClosureReason("relationship", "Relationship difficulties"),
    ClosureReason("programme_ended", "Programme ended"),
    ClosureReason("safeguarding", "Safeguarding"),
    ClosureReason(OTHER, "Other"),
)

# After closure: may the two stay in touch, and how?
CONTACT_PLANS = {
    "none": "No further contact",
    "programme": "Only through the programme",
    "agreed": "Agreed contact (e.g. a reference, a card)",
}

# Words in a free-text reason (recorded before codes) and the code they mean; the first match wins.
_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("safeguarding", r"safeguard|concern|allegation|disclos|police"),
    ("moved_away", r"\bmov(ed|ing)\b|relocat|emigrat|new school|changed school|left the area"),
    ("programme_ended", r"end of (the )?(school |academic )?(year|term|programme|scheme)|programme ended|"
     r"scheme ended|completed|graduat|planned end|reached its end"),
    ("scheduling", r"schedul|timetabl|\btime\b|busy|workload|shift|availability|clash"),
    ("lost_interest", r"interest|disengag|stopped (coming|attending)|no.?show|did not attend|motivation"),
    ("relationship", r"relationship|personality|did not get on|didn.t get on|conflict|mismatch|clash of"),
)


def reason_code_for_text(text: str) -> str:
    """The code a free-text closure reason most likely means; "other" when no known word is in it."""
    folded = fold(text)
    for code, pattern in _KEYWORDS:
        if re.search(pattern, folded):
            return code
    return OTHER


def reasons_from_settings(values: list | None) -> tuple[ClosureReason, ...]:
    """A programme's reason list from its settings (defaults when it has none); "other" always last."""
    if not values:
        return DEFAULT_CLOSURE_REASONS
    found: list[ClosureReason] = []
    for item in values:
        if isinstance(item, dict) and item.get("code") and item.get("label") and item["code"] != OTHER:
            found.append(ClosureReason(str(item["code"]), str(item["label"])))
    return (*found, ClosureReason(OTHER, "Other"))


def reasons_to_settings(reasons: Iterable[ClosureReason]) -> list[dict]:
    return [{"code": r.code, "label": r.label} for r in reasons if r.code != OTHER]


def reason_code_problem(code: str, reasons: Iterable[ClosureReason]) -> str:
    """"" when ``code`` is in the list; otherwise a message naming the allowed codes."""
    allowed = [r.code for r in reasons]
    if code in allowed:
        return ""
    shown = repr(code) if code else "none given"
    return f"Reason code: {shown} is not in this programme's list; use one of {', '.join(allowed)}."


def new_reason_code(label: str, reasons: Iterable[ClosureReason]) -> str:
    """A code for a reason the programme adds ("Family illness" -> "family_illness"), unique in the list."""
    base = re.sub(r"[^0-9a-z]+", "_", fold(label)).strip("_")[:30] or "reason"
    taken = {r.code for r in reasons}
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


@dataclass(frozen=True)
class ReasonCount:
    code: str
    label: str
    count: int


def closures_by_reason(
    codes: Iterable[str | None], reasons: Iterable[ClosureReason] = DEFAULT_CLOSURE_REASONS
) -> list[ReasonCount]:
    """How many closures had each reason, in the programme's list order (zero counts kept, so a report
    shows every reason); codes no longer in the list follow, and a closure without a code counts as
    "other"."""
    counts: dict[str, int] = {}
    for code in codes:
        key = code or OTHER
        counts[key] = counts.get(key, 0) + 1
    listed = list(reasons)
    out = [ReasonCount(r.code, r.label, counts.pop(r.code, 0)) for r in listed]
    out.extend(ReasonCount(code, code.replace("_", " ").capitalize(), n) for code, n in sorted(counts.items()))
    return out
