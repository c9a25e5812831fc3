"""Counting what two sets of yes/no rows have in common, exactly, whatever the BLAS underneath.

Matching, circles and availability all ask the same question of 0/1 matrices: for every row of
``a`` and every row of ``b``, how many columns are set in both? A float32 matrix product answers it
fastest, through the BLAS numpy was built with. Some BLAS kernels, on some CPUs, raise the
"invalid value" floating-point flag on such a product (or, in old releases, read uninitialised
output and return NaN): numpy turns the flag into a ``RuntimeWarning``, which stopped a pairing
review on one machine and not another. The counts are small whole numbers, so they are checked:
a product that is not finite is counted again in integers, which never goes through the BLAS.
"""

from __future__ import annotations

import numpy as np

# Whole numbers up to 2**24 are exact in float32: more columns than that are counted in float64.
_FLOAT32_EXACT = 1 << 24

# The fast product; a name of its own so a test can stand in a misbehaving BLAS.
_float_product = np.matmul


def common_counts(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For 0/1 matrices ``a`` (m × k) and ``b`` (n × k): an m × n float32 matrix whose cell (i, j)
    counts the columns set in both row i of ``a`` and row j of ``b``."""
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"the matrices have {a.shape[1]} and {b.shape[1]} columns; they must agree")
    if a.shape[0] == 0 or b.shape[0] == 0 or a.shape[1] == 0:
        return np.zeros((a.shape[0], b.shape[0]), dtype=np.float32)
    dtype = np.float32 if a.shape[1] < _FLOAT32_EXACT else np.float64
    with np.errstate(all="ignore"):
        product = _float_product(a.astype(dtype, copy=False), b.astype(dtype, copy=False).T)
    if np.isfinite(product).all():
        return product.astype(np.float32, copy=False)
    exact = a.astype(np.int64, copy=False) @ b.astype(np.int64, copy=False).T
    return exact.astype(np.float32)
