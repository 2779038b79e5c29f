"""KL, JS and W1 between generated 1D samples and a target whose density is known exactly.

p_data is the exact density. p_g is a Gaussian kernel density estimate of the samples with
Scott's rule, h = s · n^(−1/5) (as ``scipy.stats.gaussian_kde(bw_method="scott")``). By default
s = σ̂, the sample std; for a mixture target pass ``component_std`` (the target's per-mode std) and
s becomes min(σ̂, component_std). Scott's rule assumes one Gaussian, so on two modes 8σ apart it
smooths with the spread *between* the modes: a perfect generator then scores KL ≈ 0.06 at
n = 2,500 instead of 0.004 with the per-mode scale. The KDE is evaluated on the integration grid by
linear binning and an FFT convolution (Silverman 1982, AS 176): 1 ms instead of 100 ms for a direct
evaluation, and equal to it up to O((grid step / h)²). Both densities are
evaluated on a uniform grid over [lo, hi], floored and renormalised there, and integrated with the
trapezoid rule:

    KL(p‖q) = ∫ p log(p/q) dx,   JS = ½ KL(p‖m) + ½ KL(q‖m),  m = (p + q)/2,
    W1      = ∫ |F_g(x) − F_data(x)| dx   (empirical CDF of the samples vs the exact CDF).

The KDE smooths p_g by h, so even a perfect generator shows a small positive KL (≈ h²/(2σ²) for a
Gaussian target of std σ: 0.016 at n = 5,000). The floor keeps KL finite when the generator drops a
mode: with floor ε the KL of a missing mode of mass π is ≈ π·log(p/ε), large but plottable.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.signal import fftconvolve

GRID_POINTS = 2049
"""Integration grid size over [lo, hi]; fine enough for W1 and KL to ~1e-3 on the toy targets."""

DENSITY_FLOOR = 1e-6
"""Density (per unit length) added to p_data and p_g before the KLs, so log(p/q) stays finite."""


def _kl(p: np.ndarray, q: np.ndarray, x: np.ndarray) -> float:
    """∫ p log(p/q) dx for floored (strictly positive) densities on grid x."""
    return float(np.trapezoid(p * np.log(p / q), x))


def _normalise(density: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Floor a density on the grid and rescale it to integrate to 1 over [lo, hi]."""
    d = np.maximum(density, 0.0) + DENSITY_FLOOR
    return d / np.trapezoid(d, x)


def kde_density(samples: np.ndarray, x: np.ndarray,
                component_std: float | None = None) -> np.ndarray:
    """Gaussian KDE of 1D samples on the uniform grid x, bandwidth h = s · n^(−1/5),
    s = min(σ̂, component_std):  p̂(x) = 1/(n h) Σ_i φ((x − x_i)/h).

    Each sample's unit mass is split linearly between its two neighbouring grid points, and the
    binned masses are convolved with φ sampled on the grid. Samples beyond the grid carry their
    mass outside [lo, hi], where it is ignored like the target's. Samples that all coincide
    (a fully collapsed generator) have σ̂ = 0; they are drawn as a spike one grid step wide.
    """
    s = np.asarray(samples, dtype=np.float64).reshape(-1)
    s = s[np.isfinite(s)]          # a diverging G's NaNs carry no mass (and would poison h)
    if len(s) == 0:
        return np.zeros(len(x))
    n, dx = len(s), x[1] - x[0]
    scale = s.std(ddof=1) if n > 1 else 0.0
    if component_std is not None:
        scale = min(scale, component_std)
    h = max(scale * n ** (-1 / 5), dx)
    pos = (s - x[0]) / dx
    pos = pos[(pos >= 0) & (pos <= len(x) - 1)]
    left = np.minimum(pos.astype(np.int64), len(x) - 2)
    frac = pos - left
    mass = (np.bincount(left, 1 - frac, minlength=len(x))
            + np.bincount(left + 1, frac, minlength=len(x)))
    half = int(min(np.ceil(6 * h / dx), len(x) - 1))  # ±6h holds all but 2e-9 of φ
    kernel = np.exp(-0.5 * (np.arange(-half, half + 1) * dx / h) ** 2) / (h * np.sqrt(2 * np.pi))
    return fftconvolve(mass, kernel, mode="same") / n


def optimal_discriminator(p_data: np.ndarray, p_g: np.ndarray) -> np.ndarray:
    """D*(x) = p_data(x) / (p_data(x) + p_g(x)), the best D for a fixed G (Goodfellow et al.
    2014, Prop. 1); NaN where neither density has mass (0/0: D* is undefined there)."""
    p_data, p_g = np.asarray(p_data, dtype=np.float64), np.asarray(p_g, dtype=np.float64)
    total = p_data + p_g
    return np.divide(p_data, total, out=np.full_like(total, np.nan), where=total > 1e-12)


def dstar_gap(d_prob: np.ndarray, p_data: np.ndarray, p_g: np.ndarray) -> float:
    """How far D is from D*, where it matters: the mean of |D(x) − D*(x)| under the mixture
    m = (p_data + p_g)/2 of the two densities on a uniform grid,  ∫ m |D − D*| dx / ∫ m dx.
    Weighting by m ignores the empty tails, where D* is a ratio of two tiny KDE values and D is
    never trained. 0 when D is optimal, 1 at most."""
    d_star = optimal_discriminator(p_data, p_g)
    m = 0.5 * (np.asarray(p_data, dtype=np.float64) + np.asarray(p_g, dtype=np.float64))
    ok = np.isfinite(d_star)
    if not ok.any() or m[ok].sum() <= 0:
        return float("nan")
    return float((m[ok] * np.abs(np.asarray(d_prob, dtype=np.float64)[ok] - d_star[ok])).sum()
                 / m[ok].sum())


def divergences_1d(
    samples: np.ndarray,
    pdf: Callable[[np.ndarray], np.ndarray],
    cdf: Callable[[np.ndarray], np.ndarray],
    lo: float,
    hi: float,
    component_std: float | None = None,
) -> dict[str, float]:
    """KL(p_data‖p_g), KL(p_g‖p_data), JS (nats, ≤ log 2) and W1 of 1D samples vs a known target.

    ``pdf`` and ``cdf`` take an (n, 1) array and return (n,) values, as the toy data objects do
    (plain 1D callables such as ``scipy.stats.norm.pdf`` work too). Mass outside [lo, hi] is
    ignored by every quantity; the toy targets put < 1e-6 of their mass there.
    ``component_std``: the per-mode std of a mixture target, to scale the KDE bandwidth.
    """
    x = np.linspace(lo, hi, GRID_POINTS)
    p_data = _normalise(np.asarray(pdf(x[:, None]), dtype=np.float64).reshape(-1), x)
    p_g = _normalise(kde_density(samples, x, component_std), x)
    m = 0.5 * (p_data + p_g)

    s = np.sort(np.asarray(samples, dtype=np.float64).reshape(-1))
    f_g = np.searchsorted(s, x, side="right") / len(s)
    f_data = np.asarray(cdf(x[:, None]), dtype=np.float64).reshape(-1)

    return {
        "kl_data_g": _kl(p_data, p_g, x),
        "kl_g_data": _kl(p_g, p_data, x),
        "js": 0.5 * _kl(p_data, m, x) + 0.5 * _kl(p_g, m, x),
        "w1": float(np.trapezoid(np.abs(f_g - f_data), x)),
    }
