"""BigGAN's truncation trick (Brock et al. 2019) in closed form: z ~ N(0, I) with every
component restricted to [−ψ, ψ] (a component beyond ψ is drawn again). The sampler itself is
ganlab.train.latent.truncated_normal (inverse CDF: the same law in one pass).

Per component, the truncated standard normal has mean 0 and variance
    Var = 1 − 2ψ φ(ψ) / (2Φ(ψ) − 1),
φ and Φ the standard normal's density and CDF: smaller ψ, z closer to the prior's centre, where
G was trained most, and less spread for G to turn into variety.
"""

from __future__ import annotations

import math


def phi(x: float) -> float:
    return math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def variance(psi: float) -> float:
    """Variance of one component of N(0, 1) truncated to [−ψ, ψ]; ψ ≤ 0 means untruncated."""
    if psi <= 0:
        return 1.0
    return 1 - 2 * psi * phi(psi) / (2 * cdf(psi) - 1)


def kept(psi: float) -> float:
    """P(|z_i| ≤ ψ) = 2Φ(ψ) − 1: the share of one component's draws accepted at the first try."""
    return 1.0 if psi <= 0 else 2 * cdf(psi) - 1


def trend(values) -> tuple[float, float]:
    """(first, last) of a sequence over ψ from the smallest threshold to ∞ (the page's
    sentences compare the two ends)."""
    vals = list(values)
    return float(vals[0]), float(vals[-1])
