"""Counting shared columns stays exact when the BLAS underneath misbehaves (found on a CI machine:
a float32 product raised "invalid value encountered in matmul" and stopped a pairing review)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from mentordesk.core import counting
from mentordesk.core.pairing.circles import affinity_matrix
from mentordesk.core.pairing.criteria import ScoringConfig
from mentordesk.core.pairing.scoring import Profile, score_matrix
from mentordesk.core.participants.availability import BIN_MINUTES, WEEK_BINS, common_minutes_matrix


def _random_rows(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    return rng.random((n, k)) < 0.3


def test_counts_equal_the_integer_count():
    rng = np.random.default_rng(7)
    a, b = _random_rows(rng, 9, 40), _random_rows(rng, 13, 40)
    expected = a.astype(int) @ b.astype(int).T
    np.testing.assert_array_equal(counting.common_counts(a, b), expected)


def test_empty_sides_give_an_empty_or_zero_matrix():
    assert counting.common_counts(np.zeros((0, 3)), np.zeros((4, 3))).shape == (0, 4)
    assert not counting.common_counts(np.zeros((2, 0)), np.zeros((4, 0))).any()
    with pytest.raises(ValueError, match="columns"):
        counting.common_counts(np.zeros((2, 3)), np.zeros((2, 4)))


class _MisbehavingBlas:
    """What some OpenBLAS kernels do: raise the invalid flag and leave NaN in the output."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        self.calls += 1
        out = np.matmul(a, b)
        out[0, 0] = np.float32(np.inf) - np.float32(np.inf)  # raises FE_INVALID, as the kernel did
        return out


@pytest.fixture
def blas(monkeypatch) -> _MisbehavingBlas:
    fake = _MisbehavingBlas()
    monkeypatch.setattr(counting, "_float_product", fake)
    return fake


def test_a_misbehaving_blas_neither_warns_nor_miscounts(blas):
    rng = np.random.default_rng(3)
    a, b = _random_rows(rng, 5, 20), _random_rows(rng, 6, 20)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        counts = counting.common_counts(a, b)
    np.testing.assert_array_equal(counts, a.astype(int) @ b.astype(int).T)
    assert blas.calls == 1


def _people() -> list[Profile]:
    interests = {"interest": frozenset({"chess", "music"})}
    return [
        Profile(
            id=i,
            slots=((0, 900, 1000),),
            languages=frozenset({"fr"}),
            offers=interests,
            seeks=interests,
            preferences="someone who likes chess",
        )
        for i in range(3)
    ]


def test_every_product_of_pairing_goes_through_the_exact_count(blas):
    """Scoring pairs, circle affinity and time in common all count through ``common_counts``:
    a misbehaving BLAS is noticed (the fake is called) and neither warns nor changes a figure."""
    people = _people()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        minutes = affinity_matrix(people)
        scores = score_matrix(people[:1], people[1:], ScoringConfig())
        bins = np.zeros((2, WEEK_BINS), dtype=bool)
        bins[:, 10:22] = True
        common = common_minutes_matrix(bins, bins)
    assert blas.calls >= 4
    assert minutes[0, 1] == pytest.approx(100 + 30)
    assert np.isfinite(scores.scores).all() and (scores.scores > 50).all()
    assert common[0, 1] == pytest.approx(12 * BIN_MINUTES)


def test_no_other_matrix_product_in_core():
    """Found from outside: a bare ``@`` on floats reached the BLAS directly. Every product of
    yes/no rows goes through ``counting.common_counts``."""
    core = Path(counting.__file__).parent
    bare = [
        f"{path.relative_to(core)}:{n}"
        for path in sorted(core.rglob("*.py"))
        if path.name != "counting.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"[\w)\]] @ [\w(]", line.split("#")[0])
    ]
    assert bare == []
