"""A 1D WGAN critic, trained to estimate the Wasserstein-1 distance between two distributions.

Kantorovich-Rubinstein duality:

    W1(p_r, p_g) = sup_{||f||_L <= 1}  E_{x~p_r}[f(x)] - E_{x~p_g}[f(x)]

A critic f (a small MLP, linear output, no sigmoid) is trained to maximise that gap. The sup is
over 1-Lipschitz functions (|f'(x)| <= 1 in 1D), so f must be constrained:

- weight clipping: every weight in [-c, c] after each step (original WGAN). This bounds |f'| by
  some K that depends on c and the layer widths, not 1, so the gap estimates K * W1 with K
  unknown; dividing by the measured max|f'| gives a lower bound on W1.
- gradient penalty (WGAN-GP): add  lambda E_xhat[(|f'(xhat)| - 1)^2]  on points xhat between real
  and fake samples; the optimal critic has |f'| = 1 between the two distributions, so the gap
  itself estimates W1.

For two Gaussians with equal sigma the true W1 is |mu_r - mu_g|; in general we integrate
|F_r - F_g| on a grid. The gap of the trained critic is computed exactly as
int f (p_r - p_g) dx (no sampling noise in the number shown).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from .densities import Mixture, grid_for
from .information import w1_density

CONSTRAINTS = ("clip", "gp", "none")


def make_critic(width: int = 64, depth: int = 2) -> nn.Sequential:
    """An MLP R -> R with `depth` hidden layers of `width` units (LeakyReLU), linear output."""
    layers, d_in = [], 1
    for _ in range(depth):
        layers += [nn.Linear(d_in, width), nn.LeakyReLU(0.2)]
        d_in = width
    out = nn.Linear(d_in, 1)
    # f starts as the constant 0: the first updates then follow the gap alone. (With a random
    # start, a gradient penalty can lock a critic whose slope has the wrong sign at |f'| = 1,
    # a spurious local optimum of the two-sided penalty in 1D.)
    nn.init.zeros_(out.weight)
    nn.init.zeros_(out.bias)
    layers.append(out)
    return nn.Sequential(*layers).double()


@dataclass(frozen=True)
class CriticResult:
    """What the Learn page draws: the critic on a grid, its slope, and W1 estimated vs true."""

    constraint: str
    x: np.ndarray
    f: np.ndarray  # critic values f(x), shifted so that f has mean 0 under (p_r + p_g)/2
    slope: np.ndarray  # |f'(x)| by autograd
    # E_r f - E_g f = int f (p_r - p_g) dx: the critic's W1 estimate (times K if clipped)
    gap: float
    lipschitz: float  # max |f'(x)| on the grid, an estimate of the critic's Lipschitz constant K
    w1_true: float  # int |F_r - F_g| dx
    history: np.ndarray  # the gap on each training batch (sample estimate)

    @property
    def w1_estimate(self) -> float:
        """The gap, read as W1 (right for a 1-Lipschitz critic, i.e. with gradient penalty)."""
        return self.gap

    @property
    def w1_lower_bound(self) -> float:
        """gap / max|f'|: a critic with Lipschitz constant K has gap <= K W1, so this <= W1."""
        return self.gap / self.lipschitz if self.lipschitz > 0 else 0.0


def gradient_penalty(critic: nn.Module, real: torch.Tensor, fake: torch.Tensor,
                     gen: torch.Generator) -> torch.Tensor:
    """E_xhat[(|f'(xhat)| - 1)^2], xhat = t real + (1 - t) fake, t ~ U[0, 1]."""
    t = torch.rand(real.shape, generator=gen, dtype=real.dtype)
    xhat = (t * real + (1 - t) * fake).requires_grad_(True)
    (grad,) = torch.autograd.grad(critic(xhat).sum(), xhat, create_graph=True)
    return ((grad.abs() - 1.0) ** 2).mean()


def train_critic(
    p_real: Mixture,
    p_fake: Mixture,
    constraint: str = "gp",
    clip: float = 0.05,
    gp_weight: float = 10.0,
    steps: int = 300,
    batch: int = 128,
    lr: float = 2e-3,
    width: int = 64,
    seed: int = 0,
    n_grid: int = 801,
    progress: Callable[[float], None] | None = None,
) -> CriticResult:
    """Train a critic to maximise E_r f - E_g f under `constraint` ("clip", "gp" or "none").

    Adam (lr, betas (0.5, 0.9)) for gp/none, RMSProp for clipping as in the WGAN paper. Seeded:
    the same arguments give the same result; the global torch RNG is left untouched.
    `progress(done)` is told the fraction of steps done after each step.
    """
    if constraint not in CONSTRAINTS:
        raise ValueError(f"constraint must be one of {CONSTRAINTS}, got {constraint!r}")
    rng = np.random.default_rng(seed)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        critic = make_critic(width)
    gen = torch.Generator().manual_seed(seed + 1)
    if constraint == "clip":
        opt = torch.optim.RMSprop(critic.parameters(), lr=lr)
        with torch.no_grad():
            for prm in critic.parameters():
                prm.clamp_(-clip, clip)
    else:
        opt = torch.optim.Adam(critic.parameters(), lr=lr, betas=(0.5, 0.9))
    history = np.empty(steps)
    for i in range(steps):
        real = torch.from_numpy(p_real.sample(batch, rng)[:, None])
        fake = torch.from_numpy(p_fake.sample(batch, rng)[:, None])
        gap = critic(real).mean() - critic(fake).mean()
        loss = -gap
        if constraint == "gp":
            loss = loss + gp_weight * gradient_penalty(critic, real, fake, gen)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if constraint == "clip":
            with torch.no_grad():
                for prm in critic.parameters():
                    prm.clamp_(-clip, clip)
        history[i] = float(gap.detach())
        if progress:
            progress((i + 1) / steps)
    return _evaluate(critic, p_real, p_fake, constraint, history, n_grid)


def _evaluate(critic, p_real: Mixture, p_fake: Mixture, constraint: str, history,
              n_grid: int) -> CriticResult:
    x = grid_for(p_real, p_fake, n=n_grid, n_sigma=4.0)
    xt = torch.from_numpy(x[:, None]).requires_grad_(True)
    f = critic(xt)
    (grad,) = torch.autograd.grad(f.sum(), xt)
    f = f.detach().numpy().ravel()
    slope = grad.abs().numpy().ravel()
    pr, pg = p_real.pdf(x), p_fake.pdf(x)
    gap = float(np.trapezoid(f * (pr - pg), x))
    f = f - np.trapezoid(f * (pr + pg) / 2, x)
    return CriticResult(
        constraint=constraint, x=x, f=f, slope=slope, gap=gap, lipschitz=float(slope.max()),
        w1_true=w1_density(pr, pg, x), history=history,
    )
