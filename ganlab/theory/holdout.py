"""Leave-one-out, and what a stratified hold-out buys over a plain random one.

Leave-one-out (LOO) is k-fold cross-validation with k = m: m fits, each on m - 1 items, each item
tested exactly once. Its training sets are as large as they can be (least bias from training on
fewer items), at the price of m fits: the notes' "computationally too expensive".

Class shares in the test set. A data set of m items holds K of class A (share pi = K/m); a
hold-out keeps t items for testing.
- A plain random hold-out draws the t test items without replacement, so the number X of class-A
  items among them is hypergeometric:
      P(X = k) = C(K, k) C(m - K, t - k) / C(m, t),
      E[X] = t pi,   Var[X] = t pi (1 - pi) (m - t) / (m - 1),
  and the test set's class-A share X/t spreads around pi with SD sqrt(Var X) / t.
- A stratified hold-out draws round(t_frac * K) of class A and the rest from the other class:
  its share is the same on every draw (SD 0), as close to pi as whole items allow.
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaln

from .sampling import holdout_split, kfold_splits


def leave_one_out(m: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """m (train, test) pairs: test = [i], train = every other item, in item order (k-fold with
    k = m: nothing random is left once every fold holds one item)."""
    if m < 2:
        raise ValueError(f"leave-one-out needs at least 2 items, got {m}")
    return [(np.delete(np.arange(m), i), np.array([i])) for i in range(m)]


def loo_as_kfold(m: int, rng: np.random.Generator) -> list[tuple[np.ndarray, np.ndarray]]:
    """k-fold with k = m, sorted by test item: the same splits as leave_one_out(m)."""
    return sorted(kfold_splits(m, m, rng), key=lambda s: int(s[1][0]))


def fits_needed(m: int, k: int | None = None) -> int:
    """How many models a scheme trains: k for k-fold, m for leave-one-out (k = None)."""
    return m if k is None else int(k)


def class_labels(m: int, share_a: float) -> np.ndarray:
    """m labels, round(share_a * m) of them class 1 (A) first, then class 0: sorted by class so a
    figure shows the two classes as two blocks."""
    k = int(round(share_a * m))
    if not 0 < k < m:
        raise ValueError(f"share {share_a} of {m} items leaves a class empty")
    return np.r_[np.ones(k, int), np.zeros(m - k, int)]


def heldout_size(m: int, test_fraction: float) -> int:
    """t = round(test_fraction * m), the size of a plain hold-out's test set."""
    return int(round(test_fraction * m))


def hypergeom_pmf(k, m: int, K: int, t: int) -> np.ndarray:
    """P(X = k) = C(K, k) C(m - K, t - k) / C(m, t) (log-gamma, so large m stay finite)."""
    k = np.asarray(k, dtype=float)
    ok = (k >= max(0, t - (m - K))) & (k <= min(K, t))
    kk = np.where(ok, k, 0)

    def logc(a, b):
        return gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1)

    logp = logc(K, kk) + logc(m - K, t - kk) - logc(m, t)
    return np.where(ok, np.exp(logp), 0.0)


def hypergeom_mean_var(m: int, K: int, t: int) -> tuple[float, float]:
    """E[X] = t K/m,  Var[X] = t (K/m)(1 - K/m)(m - t)/(m - 1)."""
    pi = K / m
    return t * pi, t * pi * (1 - pi) * (m - t) / (m - 1)


def random_share_sd(m: int, K: int, t: int) -> float:
    """SD of a random hold-out's test-set class-A share X/t."""
    return float(np.sqrt(hypergeom_mean_var(m, K, t)[1]) / t)


def stratified_share(labels, test_fraction: float) -> float:
    """The class-A share of a stratified hold-out's test set: the same on every draw."""
    labels = np.asarray(labels)
    k_a = int(round(test_fraction * np.sum(labels == 1)))
    k_b = int(round(test_fraction * np.sum(labels == 0)))
    return k_a / (k_a + k_b)


def heldout_shares(labels, test_fraction: float, reps: int, rng: np.random.Generator,
                stratified: bool) -> np.ndarray:
    """The class-A share of the test set in each of `reps` hold-outs (Monte Carlo, to set beside
    the exact distribution)."""
    labels = np.asarray(labels)
    out = np.empty(reps)
    for r in range(reps):
        _, test = holdout_split(len(labels), test_fraction, rng,
                                strata=labels if stratified else None)
        out[r] = labels[test].mean()
    return out
