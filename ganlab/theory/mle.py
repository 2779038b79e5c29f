"""Fit one Gaussian q = N(mu, sigma^2) to a two-mode target p, by forward or by reverse KL.

Maximum likelihood on samples of p is, for many samples, minimising the forward KL:

    argmax_theta E_{x~p}[log q_theta(x)] = argmin_theta KL(p || q_theta)

because KL(p||q) = -H(p) - E_p[log q] and H(p) does not depend on theta. For a Gaussian q the
minimiser is moment matching (set the gradient in mu and sigma to zero):

    mu* = E_p[x],   sigma*^2 = Var_p[x]          -> mode *covering*: q spreads over both modes

The reverse KL(q || p) = E_q[log q - log p] punishes q for putting mass where p is ~0 and does not
care about modes of p it misses, so its minimisers sit on one mode:

    two far-apart modes w_k N(m_k, s_k^2):  (mu, sigma) -> (m_k, s_k),  KL(q||p) -> -log w_k
                                            -> mode *seeking*, the GAN's mode-collapse tendency

It has no closed form: we minimise it numerically (scipy.optimize, several starts) with the
integral on a grid, using log densities so the tails never underflow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize

from .densities import Mixture, grid_for


@dataclass(frozen=True)
class Fit:
    """A fitted Gaussian N(mu, sigma^2) and both divergences to the target at the fit."""

    direction: str  # "forward" (KL(p||q), mode covering) or "reverse" (KL(q||p), mode seeking)
    mu: float
    sigma: float
    kl_forward: float  # KL(p || q)
    kl_reverse: float  # KL(q || p)
    local_optima: tuple = field(default=())  # reverse only: (mu, sigma, KL(q||p)) from each start


def two_mode_target(separation: float = 4.0, weight: float = 0.5, sigma: float = 0.6) -> Mixture:
    """p = w N(-d/2, s^2) + (1 - w) N(d/2, s^2), the target the Learn page starts from."""
    return Mixture((weight, 1 - weight), (-separation / 2, separation / 2), (sigma, sigma))


def _grid(p: Mixture, mu: float, sigma: float, n: int) -> np.ndarray:
    return grid_for(p, Mixture.gaussian(mu, sigma), n=n, n_sigma=9.0)


def kl_forward(p: Mixture, mu: float, sigma: float, n: int = 4001) -> float:
    """KL(p || q) = int p(x) [log p(x) - log q(x)] dx on a grid covering both."""
    x = _grid(p, mu, sigma, n)
    lp, lq = p.logpdf(x), Mixture.gaussian(mu, sigma).logpdf(x)
    return float(np.trapezoid(np.exp(lp) * (lp - lq), x))


def kl_reverse(p: Mixture, mu: float, sigma: float, n: int = 4001) -> float:
    """KL(q || p) = int q(x) [log q(x) - log p(x)] dx on a grid covering both."""
    x = _grid(p, mu, sigma, n)
    lp, lq = p.logpdf(x), Mixture.gaussian(mu, sigma).logpdf(x)
    return float(np.trapezoid(np.exp(lq) * (lq - lp), x))


def fit_forward_kl(p: Mixture) -> Fit:
    """argmin_q KL(p || q) over Gaussians: mu = E_p[x], sigma = sd_p[x] (moment matching)."""
    mu, sigma = p.mean(), p.std()
    return Fit("forward", mu, sigma, kl_forward(p, mu, sigma), kl_reverse(p, mu, sigma))


def fit_reverse_kl(p: Mixture, starts=None, n: int = 2001) -> Fit:
    """argmin_q KL(q || p) over Gaussians, by L-BFGS-B on (mu, log sigma) from several starts.

    Default starts: every component (m_k, s_k) of p and the moment-matched Gaussian; the best local
    optimum is returned, and all of them are listed in `local_optima`.
    """
    if starts is None:
        starts = list(zip(p.means, p.sigmas)) + [(p.mean(), p.std())]

    def objective(theta):
        return kl_reverse(p, theta[0], float(np.exp(theta[1])), n=n)

    found = []
    for mu0, s0 in starts:
        res = minimize(objective, x0=[mu0, np.log(s0)], method="L-BFGS-B",
                       bounds=[(None, None), (np.log(1e-3), np.log(1e3))])
        found.append((float(res.x[0]), float(np.exp(res.x[1])), float(res.fun)))
    mu, sigma, _ = min(found, key=lambda f: f[2])
    return Fit("reverse", mu, sigma, kl_forward(p, mu, sigma), kl_reverse(p, mu, sigma),
               tuple(found))
