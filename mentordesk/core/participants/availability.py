"""Weekly availability: exact common windows for the explanation, bit vectors for the score matrix.

A slot is ``(weekday, start_minute, end_minute)`` with weekday 0 = Monday and the
end exclusive, as ``AvailabilitySlot`` stores it. For the whole-cohort matrix
each person's week becomes a row of 5-minute bins, so "minutes in common" for
every pair is one matrix product instead of a loop over pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from mentordesk.core.counting import common_counts

BIN_MINUTES = 5
BINS_PER_DAY = 24 * 60 // BIN_MINUTES
WEEK_BINS = 7 * BINS_PER_DAY
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

SlotTuple = tuple[int, int, int]


def normalise(slots: Iterable[SlotTuple]) -> list[SlotTuple]:
    """Valid slots only, merged where they touch or overlap, sorted by day and time."""
    by_day: dict[int, list[tuple[int, int]]] = {}
    for weekday, start, end in slots:
        if not 0 <= weekday <= 6:
            continue
        start, end = max(0, int(start)), min(24 * 60, int(end))
        if end > start:
            by_day.setdefault(weekday, []).append((start, end))
    merged: list[SlotTuple] = []
    for day in sorted(by_day):
        spans = sorted(by_day[day])
        current_start, current_end = spans[0]
        for start, end in spans[1:]:
            if start <= current_end:
                current_end = max(current_end, end)
            else:
                merged.append((day, current_start, current_end))
                current_start, current_end = start, end
        merged.append((day, current_start, current_end))
    return merged


def common_windows(a: Sequence[SlotTuple], b: Sequence[SlotTuple]) -> list[SlotTuple]:
    """The weekly windows when both are free (exact to the minute)."""
    out: list[SlotTuple] = []
    for day_a, start_a, end_a in normalise(a):
        for day_b, start_b, end_b in normalise(b):
            if day_a == day_b:
                start, end = max(start_a, start_b), min(end_a, end_b)
                if end > start:
                    out.append((day_a, start, end))
    return normalise(out)


def slot_minutes(slots: Iterable[SlotTuple]) -> int:
    return sum(end - start for _, start, end in slots)


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def format_duration(total_minutes: int) -> str:
    """``45 min``, ``2 h``, ``1 h 30 min``."""
    hours, rest = divmod(int(total_minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def describe_slots(slots: Sequence[SlotTuple], limit: int = 3) -> str:
    """``Tuesday 16:00-17:00, Thursday 16:30-17:30`` (and how many more)."""
    parts = [f"{WEEKDAYS[day]} {hhmm(start)}-{hhmm(end)}" for day, start, end in slots[:limit]]
    if len(slots) > limit:
        parts.append(f"{len(slots) - limit} more")
    return ", ".join(parts)


def week_vector(slots: Iterable[SlotTuple]) -> np.ndarray:
    """One person's week as 5-minute bins (a bin counts when the slot covers any of it)."""
    row = np.zeros(WEEK_BINS, dtype=bool)
    for day, start, end in normalise(slots):
        first = day * BINS_PER_DAY + start // BIN_MINUTES
        last = day * BINS_PER_DAY + -(-end // BIN_MINUTES)
        row[first:last] = True
    return row


def week_matrix(people: Sequence[Sequence[SlotTuple]]) -> np.ndarray:
    matrix = np.zeros((len(people), WEEK_BINS), dtype=bool)
    for i, slots in enumerate(people):
        if slots:
            matrix[i] = week_vector(slots)
    return matrix


def common_minutes_matrix(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Minutes in common for every (row person, column person), as float32.

    Only the bins that someone on both sides uses take part: a cohort that meets
    after school shares a few dozen bins, not the 2,016 of the whole week.
    """
    used = rows.any(axis=0) & cols.any(axis=0)
    if not used.any():
        return np.zeros((rows.shape[0], cols.shape[0]), dtype=np.float32)
    return common_counts(rows[:, used], cols[:, used]) * np.float32(BIN_MINUTES)
