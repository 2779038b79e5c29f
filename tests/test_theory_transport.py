"""W1 as a transport plan (ganlab.theory.transport): in 1D the sorted matching equals
scipy.stats.wasserstein_distance and the area between the empirical CDFs, and the optimal
assignment is the sorted matching; in 2D the assignment's cost equals the brute-force minimum
over all permutations (n <= 7) and no plan is cheaper."""

from itertools import permutations

import numpy as np
import pytest
from scipy.stats import wasserstein_distance

from ganlab.theory import transport as T


def brute_force(a, b) -> float:
    return min(T.matching_cost(a, b, s) for s in permutations(range(len(a))))


def test_1d_sorted_matching_is_w1_and_the_cdf_area():
    for n, shift, spread, seed in ((3, 0.0, 1.0, 0), (12, 1.5, 0.5, 1), (40, -2.0, 2.0, 2)):
        x, y = T.two_samples_1d(n, shift, spread, seed)
        w = T.w1_sorted(x, y)
        assert w == pytest.approx(wasserstein_distance(x, y), rel=1e-12)
        assert T.w1_cdf_area(x, y) == pytest.approx(w, rel=1e-12)
    # hand-worked: {0, 1} -> {2, 5}: (2 + 4) / 2 = 3
    assert T.w1_sorted([1, 0], [5, 2]) == 3 and T.w1_cdf_area([1, 0], [5, 2]) == pytest.approx(3)
    with pytest.raises(ValueError):
        T.w1_sorted([0, 1], [0])


def test_1d_optimal_assignment_is_the_sorted_matching():
    for n, seed in ((5, 3), (15, 4), (40, 5)):
        x, y = T.two_samples_1d(n, 0.7, 1.3, seed=seed)
        s, cost = T.optimal_matching(x, y)
        assert sorted(s) == list(range(n))
        assert cost == pytest.approx(T.w1_sorted(x, y), rel=1e-12)
        assert cost == pytest.approx(T.matching_cost(x, y, s), rel=1e-12)
    # the cost |x - y| is not strictly convex, so other plans may tie with the sorted one:
    # {0, 1} -> {2, 3} costs 2 either way; a crossing plan never costs less
    assert T.matching_cost([0, 1], [2, 3], [0, 1]) == T.matching_cost([0, 1], [2, 3], [1, 0]) == 2
    assert T.matching_cost([0, 2], [1, 3], [1, 0]) > T.w1_sorted([0, 2], [1, 3])


def test_2d_assignment_equals_the_brute_force_minimum():
    rng = np.random.default_rng(4)
    for n in range(2, 8):
        a, b = T.two_clouds_2d(n, float(rng.uniform(0, 3)), seed=n)
        s, cost = T.optimal_matching(a, b)
        assert sorted(s) == list(range(n))
        assert cost == pytest.approx(brute_force(a, b), rel=1e-12)
        assert cost == pytest.approx(T.matching_cost(a, b, s), rel=1e-12)
        assert cost <= T.matching_cost(a, b, np.arange(n)) + 1e-12
