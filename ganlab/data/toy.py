"""Toy target distributions in 1D and 2D: the GAN Lab-style playground data.

Every sampler takes an explicit `torch.Generator`, so (config, seed) reproduces the data stream.
Gaussian mixtures keep their means, std and weights, and expose the exact density (and for 1D the
CDF), so diagnostics can compare the generator against the truth rather than against samples.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from scipy.stats import norm


class ToyTarget:
    """A 1D or 2D distribution we can sample; `bounds` frame its plots."""

    kind = "toy"
    name = "toy"
    dim = 2
    bounds: tuple[tuple[float, float], ...] = ((-3.0, 3.0), (-3.0, 3.0))
    num_classes = 0

    def sample(self, n: int, gen: torch.Generator) -> torch.Tensor:
        raise NotImplementedError


class GaussianMixture(ToyTarget):
    """p(x) = sum_k w_k N(x; mu_k, std^2 I): the target whose modes we can count."""

    def __init__(self, name: str, means, std: float, weights=None, margin: float = 1.0):
        self.name = name
        self.means = np.asarray(means, dtype=np.float64).reshape(len(means), -1)
        self.std = float(std)
        k = len(self.means)
        self.weights = np.full(k, 1.0 / k) if weights is None else np.asarray(weights) / np.sum(
            weights)
        self.dim = self.means.shape[1]
        lo = self.means.min(0) - margin - 3 * self.std
        hi = self.means.max(0) + margin + 3 * self.std
        self.bounds = tuple((float(a), float(b)) for a, b in zip(lo, hi))
        self._means_t = torch.tensor(self.means, dtype=torch.float32)
        self._weights_t = torch.tensor(self.weights, dtype=torch.float32)

    def sample(self, n: int, gen: torch.Generator) -> torch.Tensor:
        k = torch.multinomial(self._weights_t, n, replacement=True, generator=gen)
        eps = torch.randn(n, self.dim, generator=gen)
        return self._means_t[k] + self.std * eps

    def pdf(self, x: np.ndarray) -> np.ndarray:
        """Exact density at points x of shape (n, dim) (or (n,) in 1D)."""
        x = np.asarray(x, dtype=np.float64).reshape(-1, self.dim)
        sq = ((x[:, None, :] - self.means[None]) ** 2).sum(-1)  # (n, K)
        norm_const = (2 * math.pi * self.std**2) ** (self.dim / 2)
        return (self.weights * np.exp(-sq / (2 * self.std**2))).sum(1) / norm_const

    def cdf(self, x: np.ndarray) -> np.ndarray:
        """Exact CDF; defined for 1D mixtures only."""
        if self.dim != 1:
            raise ValueError("cdf is defined for 1D targets only")
        x = np.asarray(x, dtype=np.float64).reshape(-1, 1)
        return (self.weights * norm.cdf(x, loc=self.means[:, 0], scale=self.std)).sum(1)


def ring8() -> GaussianMixture:
    # 2*pi*k/8, not linspace(0, 2*pi, 8), which puts two modes on top of each other.
    angles = 2 * np.pi * np.arange(8) / 8
    return GaussianMixture("ring8", np.stack([2 * np.cos(angles), 2 * np.sin(angles)], 1), 0.02)


def grid25() -> GaussianMixture:
    axis = np.array([-4.0, -2.0, 0.0, 2.0, 4.0])
    means = np.array([(x, y) for x in axis for y in axis])
    return GaussianMixture("grid25", means, 0.05)


def gaussians1d() -> GaussianMixture:
    # Two unequal, well separated modes: the 1D picture of mode collapse and of D*(x).
    return GaussianMixture("gaussians1d", [[-2.0], [2.0]], 0.5, weights=[0.4, 0.6], margin=1.5)


class Spiral(ToyTarget):
    """A two-turn spiral, radius growing with the angle, plus small Gaussian noise."""

    name, bounds = "spiral", ((-3.5, 3.5), (-3.5, 3.5))

    def sample(self, n, gen):
        t = torch.sqrt(torch.rand(n, generator=gen)) * 4 * math.pi  # sqrt: uniform along arc
        r = 0.22 * t
        x = torch.stack([r * torch.cos(t), r * torch.sin(t)], 1)
        return x + 0.05 * torch.randn(n, 2, generator=gen)


class Moons(ToyTarget):
    """Two interleaving half circles, as sklearn.datasets.make_moons (noise 0.05)."""

    name, bounds = "moons", ((-1.5, 2.5), (-1.25, 1.75))

    def sample(self, n, gen):
        t = torch.rand(n, generator=gen) * math.pi
        upper = torch.rand(n, generator=gen) < 0.5
        x = torch.where(upper, torch.cos(t), 1 - torch.cos(t))
        y = torch.where(upper, torch.sin(t), 0.5 - torch.sin(t))
        return torch.stack([x, y], 1) + 0.05 * torch.randn(n, 2, generator=gen)


class Circles(ToyTarget):
    """Two concentric circles of radius 1 and 0.5, as sklearn.datasets.make_circles."""

    name, bounds = "circles", ((-1.5, 1.5), (-1.5, 1.5))

    def sample(self, n, gen):
        t = torch.rand(n, generator=gen) * 2 * math.pi
        r = torch.where(torch.rand(n, generator=gen) < 0.5, 1.0, 0.5)
        x = torch.stack([r * torch.cos(t), r * torch.sin(t)], 1)
        return x + 0.03 * torch.randn(n, 2, generator=gen)


class Drawn(ToyTarget):
    """Points a user drew or uploaded; samples are those points plus a small jitter."""

    name = "drawn"

    def __init__(self, points):
        pts = np.asarray(points, dtype=np.float32).reshape(-1, 2)
        # The frame is plain numbers from the points themselves, never read back from a tensor
        # (which may live on another device, or on none: the limit check's meta device).
        lo, hi = pts.min(0), pts.max(0)
        extent = max(float((hi - lo).max()), 0.5)
        self.jitter = 0.02 * extent  # small next to the shape, big enough to make it a density
        pad = 0.15 * extent
        self.bounds = tuple((float(a) - pad, float(b) + pad) for a, b in zip(lo, hi))
        self.points = torch.from_numpy(pts)

    def sample(self, n, gen):
        idx = torch.randint(len(self.points), (n,), generator=gen)
        return self.points[idx] + self.jitter * torch.randn(n, 2, generator=gen)


TOY = {
    "gaussians1d": lambda cfg: gaussians1d(),
    "ring8": lambda cfg: ring8(),
    "grid25": lambda cfg: grid25(),
    "spiral": lambda cfg: Spiral(),
    "moons": lambda cfg: Moons(),
    "circles": lambda cfg: Circles(),
    "drawn": lambda cfg: Drawn(cfg.drawn_points),
}
