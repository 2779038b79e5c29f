"""1D Gaussian mixtures: the distributions every Learn page plays with.

    p(x) = sum_k w_k N(x; mu_k, sigma_k^2),    sum_k w_k = 1,  w_k >= 0,  sigma_k > 0

Log-densities are computed with log-sum-exp, so they stay finite far out in the tails where the
density itself underflows to 0; divergences built on them (KL, JS) stay exact instead of turning
into inf or nan through round-off.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp

LOG_2PI = np.log(2.0 * np.pi)


@dataclass(frozen=True)
class Mixture:
    """A 1D Gaussian mixture given by its parameters (weights are normalised on creation)."""

    weights: tuple[float, ...]
    means: tuple[float, ...]
    sigmas: tuple[float, ...]

    def __post_init__(self):
        w = np.asarray(self.weights, dtype=float).ravel()
        m = np.asarray(self.means, dtype=float).ravel()
        s = np.asarray(self.sigmas, dtype=float).ravel()
        if not (len(w) == len(m) == len(s)) or len(w) == 0:
            raise ValueError("weights, means and sigmas must have the same, non-zero length")
        if np.any(w < 0) or w.sum() <= 0:
            raise ValueError(f"weights must be >= 0 with a positive sum, got {w.tolist()}")
        if np.any(s <= 0):
            raise ValueError(f"sigmas must be > 0, got {s.tolist()}")
        object.__setattr__(self, "weights", tuple((w / w.sum()).tolist()))
        object.__setattr__(self, "means", tuple(m.tolist()))
        object.__setattr__(self, "sigmas", tuple(s.tolist()))

    @classmethod
    def gaussian(cls, mu: float, sigma: float) -> "Mixture":
        """A single Gaussian N(mu, sigma^2)."""
        return cls((1.0,), (mu,), (sigma,))

    # ---- arrays -------------------------------------------------------------------------------
    @property
    def w(self) -> np.ndarray:
        return np.asarray(self.weights)

    @property
    def mu(self) -> np.ndarray:
        return np.asarray(self.means)

    @property
    def sigma(self) -> np.ndarray:
        return np.asarray(self.sigmas)

    # ---- densities ----------------------------------------------------------------------------
    def logpdf(self, x) -> np.ndarray:
        """log p(x) = logsumexp_k [log w_k - (x-mu_k)^2 / (2 sigma_k^2) - log sigma_k
        - log(2 pi)/2]."""
        x = np.asarray(x, dtype=float)[..., None]
        with np.errstate(divide="ignore"):
            logw = np.log(self.w)
        comp = logw - 0.5 * ((x - self.mu) / self.sigma) ** 2 - np.log(self.sigma) - 0.5 * LOG_2PI
        return logsumexp(comp, axis=-1)

    def pdf(self, x) -> np.ndarray:
        """p(x) = sum_k w_k N(x; mu_k, sigma_k^2)."""
        return np.exp(self.logpdf(x))

    def cdf(self, x) -> np.ndarray:
        """F(x) = sum_k w_k Phi((x - mu_k) / sigma_k)."""
        from scipy.stats import norm

        x = np.asarray(x, dtype=float)[..., None]
        return np.sum(self.w * norm.cdf((x - self.mu) / self.sigma), axis=-1)

    # ---- moments ------------------------------------------------------------------------------
    def mean(self) -> float:
        """E[x] = sum_k w_k mu_k."""
        return float(np.sum(self.w * self.mu))

    def var(self) -> float:
        """Var[x] = sum_k w_k (sigma_k^2 + mu_k^2) - (E[x])^2  (law of total variance)."""
        return float(np.sum(self.w * (self.sigma**2 + self.mu**2)) - self.mean() ** 2)

    def std(self) -> float:
        return float(np.sqrt(self.var()))

    # ---- sampling and grids -------------------------------------------------------------------
    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """n draws: pick component k with probability w_k, then x = mu_k + sigma_k * eps."""
        k = rng.choice(len(self.weights), size=n, p=self.w)
        return self.mu[k] + self.sigma[k] * rng.standard_normal(n)

    def support(self, n_sigma: float = 8.0) -> tuple[float, float]:
        """An interval holding all but a negligible mass: [min(mu - n sigma), max(mu + n sigma)]."""
        return (float(np.min(self.mu - n_sigma * self.sigma)),
                float(np.max(self.mu + n_sigma * self.sigma)))


def grid_for(*mixtures: Mixture, n: int = 4001, n_sigma: float = 8.0) -> np.ndarray:
    """A uniform grid covering the (n_sigma) support of every mixture given."""
    lo = min(m.support(n_sigma)[0] for m in mixtures)
    hi = max(m.support(n_sigma)[1] for m in mixtures)
    return np.linspace(lo, hi, n)


def integrate(y, x) -> float:
    """The trapezoid rule  int y dx  on the grid x."""
    return float(np.trapezoid(np.asarray(y, dtype=float), np.asarray(x, dtype=float)))
