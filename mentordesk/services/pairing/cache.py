"""The last run's scores, reused by a re-run when only pins, accepts or rejects changed.

Pinning, accepting or rejecting a draft changes which pairs are fixed or forbidden, never a
score: scores depend only on the two people and the settings (core/pairing/scoring.py). So a
re-run may reuse the score matrix (and the words of each pair's explanation) of the previous
run, as long as everything scoring reads is the same. That is decided by a fingerprint of the
inputs, not by remembering what was edited: a hash of the programme's kind, its scoring
settings, and every row's and column's profile (id, names, tags, languages, weekly slots,
organisation, department, age on the start date, seniority, stated preferences), in order.
Any participant, tag, availability or setting change, or another start date, gives another
fingerprint and the scores are computed afresh. Exclusions, rejects, pins, capacities and
clearance are hard rules: eligibility is rebuilt on every run, so they never go stale.

The entry also keeps the last optimal assignment with what it was solved under (allowed pairs,
places, options, pins). Pinning or accepting pairs *of that assignment* leaves it optimal, so a
re-run after doing just that reuses it instead of solving again (``Entry.known_optimal``); a
reject, an unpinned pair or a pin of another pair solves afresh.

One entry per programme, in this process only, and only for matrices up to ``MAX_CELLS``
(a trust-sized matrix is not worth holding between runs). Thread-safe: runs happen in workers.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from mentordesk.core.pairing import (
    Assignment,
    AssignmentOptions,
    Profile,
    ScoreMatrix,
    ScoringConfig,
    SparseReport,
)

MAX_CELLS = 5_000_000  # 2,000 x 2,500; a matrix's arrays take about 40 bytes a cell
MAX_ENTRIES = 2


@dataclass(frozen=True)
class Solution:
    state: bytes  # solution_state(): the hard rules, places and options it was solved under
    pins: frozenset[tuple[int, int]]
    pairs: frozenset[tuple[int, int]]
    report: SparseReport | None  # the sparse path's certificate, when it solved


@dataclass
class Entry:
    key: bytes
    matrix: ScoreMatrix
    breakdowns: dict[tuple[int, int], list[dict[str, object]]] = field(default_factory=dict)
    solution: Solution | None = None

    def known_optimal(self, state: bytes, pins: Sequence[tuple[int, int]]) -> list[tuple[int, int]] | None:
        """The last optimal assignment's free pairs, when it is still optimal: the same rules, places and
        options, every earlier pin still pinned, and every pin now one of its pairs. (Pinning pairs of
        an optimal assignment leaves it optimal: it is the best of all assignments, so also of those
        with those pairs.) None when it has to be solved again."""
        last = self.solution
        pinned = set(pins)
        if last is None or last.state != state or not last.pins <= pinned or not pinned <= last.pairs:
            return None
        return sorted(last.pairs - pinned)

    def remember_solution(self, state: bytes, pins: Sequence[tuple[int, int]], result: Assignment) -> None:
        clean = not result.dropped_pins and self.key  # a trust-sized entry (no key) is never kept
        self.solution = (
            Solution(state, frozenset(pins), frozenset(result.pairs), result.sparse) if clean else None
        )


_entries: OrderedDict[int, Entry] = OrderedDict()
_lock = threading.Lock()


def _tags(by_kind: Mapping[str, frozenset[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((kind, tuple(sorted(names))) for kind, names in by_kind.items()))


def _profile_key(p: Profile) -> tuple[object, ...]:
    return (
        p.id,
        p.name,
        _tags(p.offers),
        _tags(p.seeks),
        tuple(sorted(p.languages)),
        p.slots,
        p.organisation,
        p.department,
        p.age,
        p.seniority,
        p.preferences,
        p.aliases,
    )


def fingerprint(kind: str, config: ScoringConfig, mentees: list[Profile], mentors: list[Profile]) -> bytes:
    """A hash of everything the scores of these rows x columns depend on."""
    data = (
        kind,
        sorted(config.to_settings().items(), key=lambda item: item[0]),
        [_profile_key(p) for p in mentees],
        [_profile_key(p) for p in mentors],
    )
    return hashlib.blake2b(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20).digest()


def solution_state(allowed: np.ndarray, capacities: Sequence[int], options: AssignmentOptions) -> bytes:
    """A hash of what an assignment was solved under besides the scores: allowed pairs, places, options."""
    digest = hashlib.blake2b(np.packbits(allowed).tobytes(), digest_size=20)
    digest.update(pickle.dumps((list(capacities), options, allowed.shape), protocol=pickle.HIGHEST_PROTOCOL))
    return digest.digest()


def lookup(programme_id: int, key: bytes) -> Entry | None:
    with _lock:
        entry = _entries.get(programme_id)
        if entry is None or entry.key != key:
            return None
        _entries.move_to_end(programme_id)
        return entry


def remember(programme_id: int, key: bytes, matrix: ScoreMatrix) -> Entry:
    """Keep ``matrix`` for the next run of the programme (when small enough); the entry either way."""
    entry = Entry(key, matrix)
    rows, cols = matrix.shape
    with _lock:
        _entries.pop(programme_id, None)
        if rows * cols <= MAX_CELLS:
            _entries[programme_id] = entry
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
    return entry


def forget(programme_id: int | None = None) -> None:
    """Drop one programme's entry, or all (a database closed or switched)."""
    with _lock:
        if programme_id is None:
            _entries.clear()
        else:
            _entries.pop(programme_id, None)
