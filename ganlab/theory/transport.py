"""Wasserstein-1 as a transport plan between two equal-sized samples.

With n points on each side, each carrying mass 1/n, the optimal plan is a matching (Birkhoff:
the optimal couplings include a permutation), and

    W1 = min over permutations s of  (1/n) sum_i d(x_i, y_{s(i)}).

In 1D with d = |x - y| the monotone (sorted) matching is optimal: pair the i-th smallest x with
the i-th smallest y. Then

    W1 = (1/n) sum_i |x_(i) - y_(i)| = int |F(t) - G(t)| dt       (F, G the empirical CDFs)

In 2D (Euclidean d) no order exists; the optimal matching solves an assignment problem
(Hungarian algorithm, scipy.optimize.linear_sum_assignment, O(n^3)), where trying every
permutation would cost n!.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.spatial.distance import cdist


def two_samples_1d(n: int, shift: float, spread: float, seed: int = 0):
    """x ~ N(0, 1) and y ~ N(shift, spread^2), n points each."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal(n), shift + spread * rng.standard_normal(n)


def two_clouds_2d(n: int, shift: float, seed: int = 0):
    """a: n points on a noisy circle of radius 1.5 around 0; b: n points on a noisy ellipse
    with half-axes 1.5 and 0.5 around (shift, 0). Two shapes, so that the plan is no plain
    translation (points near the circle's top and bottom move most)."""
    rng = np.random.default_rng(seed)

    def ring(half_axes):
        angle = rng.uniform(0, 2 * np.pi, n)
        pts = np.stack([np.cos(angle), np.sin(angle)], 1) * np.asarray(half_axes)
        return pts + 0.08 * rng.standard_normal((n, 2))

    return ring((1.5, 1.5)), ring((1.5, 0.5)) + np.array([shift, 0.0])


def _equal_sizes(x, y) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) != len(y) or len(x) == 0:
        raise ValueError("two non-empty samples of the same size are needed")
    return x, y


def sorted_coupling(x, y) -> tuple[np.ndarray, np.ndarray]:
    """The monotone plan in 1D: x_(i) is moved to y_(i)."""
    x, y = _equal_sizes(x, y)
    return np.sort(x), np.sort(y)


def w1_sorted(x, y) -> float:
    """(1/n) sum_i |x_(i) - y_(i)|: the cost of the sorted matching."""
    xs, ys = sorted_coupling(x, y)
    return float(np.mean(np.abs(xs - ys)))


def w1_cdf_area(x, y) -> float:
    """int |F(t) - G(t)| dt for the empirical CDFs, exactly (both are steps: sum over the
    intervals between consecutive points of all samples)."""
    x, y = _equal_sizes(x, y)
    t = np.sort(np.concatenate([x, y]))
    f = np.searchsorted(np.sort(x), t[:-1], side="right") / len(x)
    g = np.searchsorted(np.sort(y), t[:-1], side="right") / len(y)
    return float(np.sum(np.abs(f - g) * np.diff(t)))


def ecdf_steps(x, t) -> np.ndarray:
    """F_n(t) = share of x that are <= t."""
    return np.searchsorted(np.sort(np.asarray(x, dtype=float)), t, side="right") / len(x)


def optimal_matching(a, b) -> tuple[np.ndarray, float]:
    """(s, cost): a[i] is moved to b[s[i]]; cost = mean distance of the optimal matching.
    1D inputs (shape (n,)) use |x - y|, 2D inputs (n, 2) the Euclidean distance."""
    a, b = _equal_sizes(a, b)
    a, b = a.reshape(len(a), -1), b.reshape(len(b), -1)
    d = cdist(a, b)
    rows, cols = linear_sum_assignment(d)
    s = np.empty(len(a), dtype=int)
    s[rows] = cols
    return s, float(d[rows, cols].mean())


def matching_cost(a, b, s) -> float:
    """Mean distance when a[i] goes to b[s[i]] (any plan, e.g. by index: s = identity)."""
    a, b = _equal_sizes(a, b)
    a, b = a.reshape(len(a), -1), b.reshape(len(b), -1)
    return float(np.linalg.norm(a - b[np.asarray(s)], axis=1).mean())
