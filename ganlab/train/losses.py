"""GAN losses as pure functions of D's raw outputs (logits, or critic scores).

Written with softplus rather than log(sigmoid(.)) so they stay finite for any logit:
    -log D(x)      = -log sigmoid(l)     = softplus(-l)
    -log(1 - D(x)) = -log sigmoid(-l)    = softplus(l)
Each Loss pairs the two functions with its facts from ganlab.variants (is D a critic, which
constraint it needs, the values at the game's equilibrium), the one table charts and diagnostics
read too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor

from ganlab import variants


def bce_real(d_real: Tensor, target: float = 1.0) -> Tensor:
    # Cross-entropy against a (possibly smoothed) real label t: -t log D - (1-t) log(1-D).
    return (target * F.softplus(-d_real) + (1 - target) * F.softplus(d_real)).mean()


def d_minimax(d_real: Tensor, d_fake: Tensor, target: float = 1.0) -> Tensor:
    """L_D = -E[log D(x)] - E[log(1 - D(G(z)))]  (D maximises V(G, D))."""
    return bce_real(d_real, target) + F.softplus(d_fake).mean()


def g_saturating(d_fake: Tensor) -> Tensor:
    """L_G = E[log(1 - D(G(z)))]: the original minimax loss; its gradient vanishes as D(G(z))->0."""
    return -F.softplus(d_fake).mean()


def g_nonsaturating(d_fake: Tensor) -> Tensor:
    """L_G = -E[log D(G(z))]: same fixed point, strong gradient while G is still bad."""
    return F.softplus(-d_fake).mean()


def d_wasserstein(d_real: Tensor, d_fake: Tensor, target: float = 1.0) -> Tensor:
    """L_D = E[f(G(z))] - E[f(x)]: the critic f maximises the W1 dual (needs f 1-Lipschitz)."""
    return d_fake.mean() - d_real.mean()


def g_wasserstein(d_fake: Tensor) -> Tensor:
    """L_G = -E[f(G(z))]."""
    return -d_fake.mean()


def d_least_squares(d_real: Tensor, d_fake: Tensor, target: float = 1.0) -> Tensor:
    """L_D = 1/2 E[(D(x) - 1)^2] + 1/2 E[D(G(z))^2]  (LSGAN, Mao et al. 2017, a=0, b=c=1)."""
    return 0.5 * ((d_real - target) ** 2).mean() + 0.5 * (d_fake**2).mean()


def g_least_squares(d_fake: Tensor) -> Tensor:
    """L_G = 1/2 E[(D(G(z)) - 1)^2]."""
    return 0.5 * ((d_fake - 1) ** 2).mean()


def d_hinge(d_real: Tensor, d_fake: Tensor, target: float = 1.0) -> Tensor:
    """L_D = E[max(0, 1 - D(x))] + E[max(0, 1 + D(G(z)))]  (Lim & Ye 2017; SAGAN, BigGAN)."""
    return F.relu(1 - d_real).mean() + F.relu(1 + d_fake).mean()


@dataclass(frozen=True)
class Loss:
    """D's and G's loss functions and the loss's facts (ganlab.variants.LOSSES)."""

    d_loss: Callable[..., Tensor]
    g_loss: Callable[[Tensor], Tensor]
    facts: variants.LossFacts

    name = property(lambda self: self.facts.name)
    critic = property(lambda self: self.facts.critic)            # unbounded score, not a logit
    constraint = property(lambda self: self.facts.constraint)    # "clip", "gp" or None
    smoothable = property(lambda self: self.facts.smoothable)    # one-sided label smoothing
    d_equilibrium = property(lambda self: self.facts.loss_d_at_equilibrium)  # L_D there
    g_equilibrium = property(lambda self: self.facts.loss_g_at_equilibrium)


LOG4, LOG2 = variants.LOG4, variants.LOG2

_FUNCTIONS = {
    "minimax": (d_minimax, g_saturating),
    "nonsaturating": (d_minimax, g_nonsaturating),
    "wgan": (d_wasserstein, g_wasserstein),
    "wgan_gp": (d_wasserstein, g_wasserstein),
    "lsgan": (d_least_squares, g_least_squares),
    "hinge": (d_hinge, g_wasserstein),
}
LOSSES: dict[str, Loss] = {name: Loss(*_FUNCTIONS[name], facts)
                           for name, facts in variants.LOSSES.items()}


def gradient_penalty(D, x_real: Tensor, x_fake: Tensor, gen: torch.Generator | None = None,
                     y: Tensor | None = None) -> Tensor:
    """E[(||grad_x f(x_hat)|| - 1)^2] on random interpolates x_hat (Gulrajani et al. 2017)."""
    shape = (x_real.shape[0],) + (1,) * (x_real.dim() - 1)
    eps = torch.rand(shape, generator=gen, device=x_real.device, dtype=x_real.dtype)
    x_hat = (eps * x_real + (1 - eps) * x_fake).requires_grad_(True)
    (grad,) = torch.autograd.grad(D(x_hat, y).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()


def r1_penalty(D, x_real: Tensor, y: Tensor | None = None) -> Tensor:
    """1/2 E[||grad_x D(x)||^2] at real data (Mescheder et al. 2018); pushes D flat on the data."""
    x = x_real.detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(D(x, y).sum(), x, create_graph=True)
    return 0.5 * grad.flatten(1).pow(2).sum(1).mean()
