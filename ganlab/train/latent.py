"""Walking the noise space: interpolation between two z's and truncated sampling.

Linear interpolation cuts through the middle of a Gaussian's shell: in d dimensions almost all of
N(0, I)'s mass sits near radius sqrt(d), and the midpoint of two such points lies at about
sqrt(d/2), where G was rarely trained. Spherical interpolation (White 2016) follows the great
circle instead, so every point on the path has a typical norm. Truncation (BigGAN, Brock et al.
2019) draws z from N(0, I) restricted to |z_i| <= psi: smaller psi, more typical and cleaner
samples, less variety — the fidelity/diversity trade-off, one slider.
"""

from __future__ import annotations

import torch
from torch import Tensor

DOT_EPS = 1e-7  # below this angle slerp and lerp agree; avoid dividing by sin(0)


def prior(n: int, dim: int, noise: str, gen: torch.Generator) -> Tensor:
    """n draws of the noise prior, (n, dim), on gen's device: N(0, I), or U(-1, 1)^d."""
    if noise == "uniform":
        return torch.rand(n, dim, generator=gen, device=gen.device) * 2 - 1
    return torch.randn(n, dim, generator=gen, device=gen.device)


def lerp(z0: Tensor, z1: Tensor, t: Tensor) -> Tensor:
    """(1 - t) z0 + t z1 for each t: (k,) x (d,) -> (k, d)."""
    t = t[:, None]
    return (1 - t) * z0 + t * z1


def slerp(z0: Tensor, z1: Tensor, t: Tensor) -> Tensor:
    """sin((1-t)Ω)/sin Ω · z0 + sin(tΩ)/sin Ω · z1, Ω the angle between z0 and z1."""
    cos = torch.dot(z0, z1) / (z0.norm() * z1.norm()).clamp_min(DOT_EPS)
    omega = torch.arccos(cos.clamp(-1, 1))
    if omega.abs() < DOT_EPS:
        return lerp(z0, z1, t)
    t = t[:, None]
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)


INTERPOLATIONS = {"linear": lerp, "spherical": slerp}


def interpolate(z0: Tensor, z1: Tensor, steps: int, mode: str = "spherical") -> Tensor:
    """`steps` points from z0 to z1 inclusive, (steps, d)."""
    t = torch.linspace(0, 1, steps, dtype=z0.dtype)
    return INTERPOLATIONS[mode](z0, z1, t)


def truncated_normal(n: int, dim: int, psi: float, gen: torch.Generator) -> Tensor:
    """n draws of N(0, I) conditioned on every |z_i| <= psi, (n, dim); psi <= 0 means none.

    Inverse-CDF sampling: u ~ U(Φ(-psi), Φ(psi)), z = Φ⁻¹(u). Exact in one pass (BigGAN's
    resample-until-inside loop gives the same law), and seeded by `gen`.
    """
    u = torch.rand(n, dim, generator=gen, dtype=torch.float64)
    if psi <= 0:
        return torch.special.ndtri(u.clamp(1e-12, 1 - 1e-12)).float()
    lo = torch.special.ndtr(torch.tensor(-float(psi), dtype=torch.float64))
    u = lo + (1 - 2 * lo) * u  # Φ(psi) = 1 - Φ(-psi)
    return torch.special.ndtri(u).clamp(-psi, psi).float()


def truncated_prior(n: int, dim: int, psi: float, gen: torch.Generator,
                    noise: str = "gaussian") -> Tensor:
    """The run's noise prior truncated at psi: N(0, I) on [-psi, psi]^d, or for a uniform prior
    U(-min(psi, 1), min(psi, 1))^d; psi <= 0 gives the untruncated prior."""
    if noise == "uniform":
        r = min(psi, 1.0) if psi > 0 else 1.0
        return (torch.rand(n, dim, generator=gen) * 2 - 1) * r
    return truncated_normal(n, dim, psi, gen)
