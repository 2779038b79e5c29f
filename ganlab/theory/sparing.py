"""Why the generator is updated sparingly: one step of G against a discriminator that was optimal
for the G before the step.

D is trained (k steps) to D0* = D*(G0); then G takes one step to G1, downhill on V(G, D0*) with
D0* held fixed. The objective G really minimises is  C(G) = max_D V(G, D) = V(G, D*(G))
= -log 4 + 2 JS(p_data || p_g). While G1 stays close to G0, D0* is close to D1* and

    V(G1, D0*) < V(G0, D0*)  and  V(G1, D1*) < V(G0, D0*):  the step helped.

A large step makes V(G1, D0*) fall further still (G runs to where D0* says "real"), but D0* is
no longer optimal for G1: V(G1, D0*) <= V(G1, D1*) always (D1* maximises V(G1, .)), and the
true objective V(G1, D1*) can rise above V(G0, D0*): the downhill of V(., D0*) was an uphill of
C. Hence k steps of D for one (small) step of G.

G is a Gaussian N(mu, sigma^2) whose mean moves; everything is integrated on one grid.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .densities import Mixture, grid_for
from .gan_game import LOG4, value_at_optimum

TIE = 1e-9   # a step that leaves V(G, D*) within round-off (a mirror image of G0) did not help


def value_against(p_data: Mixture, p_g: Mixture, p_g_of_d: Mixture, n: int = 8001) -> float:
    """V(G, D0*) = int p_data log D0* + p_g log(1 - D0*) dx, with D0* = D*(p_g_of_d) the
    discriminator optimal for another generator; log D0* and log(1 - D0*) in log space (exact in
    the tails, where D0* is 0 or 1 to machine precision)."""
    x = grid_for(p_data, p_g, p_g_of_d, n=n, n_sigma=10.0)
    lpd, lp0 = p_data.logpdf(x), p_g_of_d.logpdf(x)
    lsum = np.logaddexp(lpd, lp0)
    integrand = np.exp(lpd) * (lpd - lsum) + p_g.pdf(x) * (lp0 - lsum)
    return float(np.trapezoid(integrand, x))


def descent_direction(p_data: Mixture, mu0: float, sigma: float, h: float = 1e-3) -> float:
    """The sign (+1 or -1) of the step in mu that lowers V(G_mu, D0*) at mu0: minus the sign of
    its derivative (a central difference)."""
    g0 = Mixture.gaussian(mu0, sigma)
    up = value_against(p_data, Mixture.gaussian(mu0 + h, sigma), g0)
    down = value_against(p_data, Mixture.gaussian(mu0 - h, sigma), g0)
    return -1.0 if up > down else 1.0


@dataclass(frozen=True)
class Step:
    """One G step of size |mu1 - mu0| against D0* and its three values of V."""

    mu0: float
    mu1: float
    v00: float   # V(G0, D0*) = -log 4 + 2 JS(p_data, G0)
    v10: float   # V(G1, D0*): what the G step lowered
    v11: float   # V(G1, D1*) = -log 4 + 2 JS(p_data, G1): what G should have lowered

    @property
    def helped(self) -> bool:
        return self.v11 < self.v00 - TIE


def g_step(p_data: Mixture, mu0: float, sigma: float, step: float) -> Step:
    """G0 = N(mu0, sigma^2) moved by `step` in the direction that lowers V(., D0*)."""
    mu1 = mu0 + descent_direction(p_data, mu0, sigma) * step
    g0, g1 = Mixture.gaussian(mu0, sigma), Mixture.gaussian(mu1, sigma)
    return Step(mu0, mu1, value_at_optimum(p_data, g0).direct, value_against(p_data, g1, g0),
                value_at_optimum(p_data, g1).direct)


def curves(p_data: Mixture, mu0: float, sigma: float, mus) -> tuple[np.ndarray, np.ndarray]:
    """(V(G_mu, D0*), V(G_mu, D_mu*)) for every mu: the curve the step walks down, and the
    objective it should have walked down. They touch at mu0 (D0* is optimal there)."""
    g0 = Mixture.gaussian(mu0, sigma)
    fixed = np.array([value_against(p_data, Mixture.gaussian(m, sigma), g0, n=2001) for m in mus])
    best = np.array([value_at_optimum(p_data, Mixture.gaussian(m, sigma), n=2001).direct
                     for m in mus])
    return fixed, best


def largest_helpful_step(p_data: Mixture, mu0: float, sigma: float, steps,
                         n: int = 2001) -> float:
    """The largest step on the grid `steps` (increasing, from 0) before which every step lowered
    the true objective V(G1, D1*): beyond it a step can undo the progress. One direction for all
    steps (the descent direction at mu0), every V(G, D*) on the same n-point grid."""
    direction = descent_direction(p_data, mu0, sigma)
    v00 = value_at_optimum(p_data, Mixture.gaussian(mu0, sigma), n=n).direct
    last = 0.0
    for s in steps:
        g1 = Mixture.gaussian(mu0 + direction * float(s), sigma)
        if s > 0 and not value_at_optimum(p_data, g1, n=n).direct < v00 - TIE:
            break
        last = float(s)
    return last


def js_of(v_at_optimum: float) -> float:
    """JS(p_data || p_g) = (V(G, D*) + log 4) / 2."""
    return (v_at_optimum + LOG4) / 2
