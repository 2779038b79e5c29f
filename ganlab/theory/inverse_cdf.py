"""From uniform noise to a Gaussian: the inverse-CDF map u -> Phi^{-1}(u).

If U ~ U[0, 1] and F is a continuous, increasing CDF, X = F^{-1}(U) has CDF F:

    P(X <= x) = P(F^{-1}(U) <= x) = P(U <= F(x)) = F(x).

For N(0, 1), F = Phi has no elementary closed form and neither has Phi^{-1}: it is computed
numerically (scipy.special.ndtri). Equal steps in u map to short steps in x near 0, where the
density is high, and to long ones in the tails. A GAN's generator G(z; theta) is the same kind
of map from noise to data, but learned, in many dimensions, for a target no formula describes.

A mapped sample is checked with the Kolmogorov-Smirnov statistic D_n = sup_x |F_n(x) - Phi(x)|:
by the Dvoretzky-Kiefer-Wolfowitz inequality P(D_n > eps) <= 2 exp(-2 n eps^2) for every n, so
D_n stays below sqrt(log(2 / alpha) / (2 n)) with probability at least 1 - alpha.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr, ndtri


def normal_quantile(u) -> np.ndarray:
    """Phi^{-1}(u) for u in (0, 1): -inf at 0, inf at 1."""
    u = np.asarray(u, dtype=float)
    if np.any((u < 0) | (u > 1)):
        raise ValueError("u must lie in [0, 1]")
    return ndtri(u)


def normal_cdf(x) -> np.ndarray:
    """Phi(x) = P(Z <= x), Z ~ N(0, 1)."""
    return ndtr(np.asarray(x, dtype=float))


def normal_pdf(x) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return np.exp(-0.5 * x**2) / np.sqrt(2 * np.pi)


def mapped_sample(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """n uniforms u ~ U[0, 1] and their images x = Phi^{-1}(u)."""
    u = np.random.default_rng(seed).random(n)
    return u, normal_quantile(u)


def ks_statistic(x) -> float:
    """D_n = sup_x |F_n(x) - Phi(x)| of a sample against N(0, 1) (the sup sits at a jump of F_n:
    max over i of i/n - Phi(x_(i)) and Phi(x_(i)) - (i - 1)/n)."""
    xs = np.sort(np.asarray(x, dtype=float))
    n = len(xs)
    if n == 0:
        raise ValueError("an empty sample")
    f = normal_cdf(xs)
    i = np.arange(1, n + 1)
    return float(max(np.max(i / n - f), np.max(f - (i - 1) / n)))


def dkw_bound(n: int, alpha: float = 0.01) -> float:
    """eps with P(D_n > eps) <= alpha for every n (Dvoretzky-Kiefer-Wolfowitz, Massart's
    constant): sqrt(log(2 / alpha) / (2 n))."""
    return float(np.sqrt(np.log(2 / alpha) / (2 * n)))


def histogram_density(x, edges) -> np.ndarray:
    """Counts per bin / (n * bin width): comparable with a density; points outside are counted
    in n (so the bars integrate to the share inside the edges)."""
    counts, _ = np.histogram(x, bins=edges)
    return counts / (len(x) * np.diff(edges))
