"""The GAN minimax game on 1D densities, and why the generator loss was changed.

    V(G, D) = E_{x~p_data}[log D(x)] + E_{x~p_g}[log(1 - D(x))]

For a fixed G, maximising the integrand  a log D + b log(1 - D)  pointwise (a = p_data(x),
b = p_g(x)) gives the optimal discriminator

    D*(x) = p_data(x) / (p_data(x) + p_g(x))

and substituting it back,

    V(G, D*) = -log 4 + KL(p_data || M) + KL(p_g || M) = -log 4 + 2 JS(p_data || p_g),

M = (p_data + p_g)/2: the best response of D turns the game into minimising JS, whose minimum
-log 4 is reached exactly when p_g = p_data (then D* = 1/2 everywhere).

Generator losses on one fake sample with D = D(G(z)) = sigmoid(a), a the discriminator's logit:

    saturating (minimax):   L = log(1 - D),   dL/da = -D        -> 0 as D -> 0
    non-saturating:         L = -log D,       dL/da = -(1 - D)  -> -1 as D -> 0

Early in training D easily spots fakes (D(G(z)) ~ 0), so the saturating loss gives G almost no
gradient; the non-saturating loss has the same fixed points but its strongest gradient exactly
there. At D = D*, the non-saturating objective is

    E_{p_g}[-log D*] = KL(p_g || p_data) - 2 JS(p_data || p_g) + log 4 + E_{p_data}[log D*],

dominated by the reverse KL: the mode-seeking pressure behind mode collapse.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit

from .densities import Mixture, grid_for
from .information import js

LOG4 = float(np.log(4.0))


def d_star(x, p_data: Mixture, p_g: Mixture) -> np.ndarray:
    """D*(x) = p_data / (p_data + p_g) = sigmoid(log p_data(x) - log p_g(x)) (stable in the
    tails)."""
    return expit(p_data.logpdf(x) - p_g.logpdf(x))


def d_star_from_densities(pd, pg) -> np.ndarray:
    """D* = pd / (pd + pg) for density values; 1/2 where both are 0 (D* is free there)."""
    pd, pg = np.asarray(pd, float), np.asarray(pg, float)
    total = pd + pg
    return np.where(total > 0, pd / np.where(total > 0, total, 1.0), 0.5)


def value(x, p_data: Mixture, p_g: Mixture, d) -> float:
    """V(G, D) = int [p_data log D + p_g log(1 - D)] dx on the grid x, for D given on x."""
    d = np.clip(np.asarray(d, float), 1e-300, 1 - 1e-16)
    integrand = p_data.pdf(x) * np.log(d) + p_g.pdf(x) * np.log1p(-d)
    return float(np.trapezoid(integrand, x))


@dataclass(frozen=True)
class GameAtOptimum:
    """V(G, D*) computed two ways, which must agree."""

    direct: float  # int p_data log D* + p_g log(1 - D*) dx
    via_js: float  # -log 4 + 2 JS(p_data || p_g)
    js: float


def value_at_optimum(p_data: Mixture, p_g: Mixture, n: int = 8001) -> GameAtOptimum:
    """V(G, D*) by integrating the game with D = D* (log D* = log p_data - log(p_data + p_g),
    exact in the tails), and via -log 4 + 2 JS with JS from the grid masses."""
    x = grid_for(p_data, p_g, n=n, n_sigma=10.0)
    lpd, lpg = p_data.logpdf(x), p_g.logpdf(x)
    lsum = np.logaddexp(lpd, lpg)
    direct = np.trapezoid(np.exp(lpd) * (lpd - lsum) + np.exp(lpg) * (lpg - lsum), x)
    j = js(np.exp(lpd), np.exp(lpg))
    return GameAtOptimum(direct=float(direct), via_js=-LOG4 + 2 * j, js=j)


def nonsaturating_at_optimum(p_data: Mixture, p_g: Mixture, n: int = 8001) -> dict:
    """E_{p_g}[-log D*] and the pieces of its decomposition (all by integration on one grid):
    KL(p_g || p_data) - 2 JS + log 4 + E_{p_data}[log D*]."""
    x = grid_for(p_data, p_g, n=n, n_sigma=10.0)
    lpd, lpg = p_data.logpdf(x), p_g.logpdf(x)
    lsum = np.logaddexp(lpd, lpg)
    pd, pg = np.exp(lpd), np.exp(lpg)
    loss = np.trapezoid(pg * -(lpd - lsum), x)
    kl_rev = np.trapezoid(pg * (lpg - lpd), x)
    e_data = np.trapezoid(pd * (lpd - lsum), x)
    j = js(pd, pg)
    return {"loss": float(loss), "kl_g_data": float(kl_rev), "js": j,
            "e_data_log_dstar": float(e_data),
            "decomposed": float(kl_rev - 2 * j + LOG4 + e_data)}


# ---- generator losses as functions of D(G(z)) ---------------------------------------------------
def saturating_loss(d) -> np.ndarray:
    """L_sat(D) = log(1 - D), minimised by G (the original minimax objective)."""
    return np.log1p(-np.asarray(d, float))


def nonsaturating_loss(d) -> np.ndarray:
    """L_ns(D) = -log D, minimised by G (the 'flip the label' trick)."""
    return -np.log(np.asarray(d, float))


def saturating_grad_logit(d) -> np.ndarray:
    """dL_sat/da = -sigmoid(a) = -D, with D = sigmoid(a): vanishes as D -> 0."""
    return -np.asarray(d, float)


def nonsaturating_grad_logit(d) -> np.ndarray:
    """dL_ns/da = -(1 - sigmoid(a)) = D - 1: tends to -1 as D -> 0."""
    return np.asarray(d, float) - 1.0


def saturating_grad_d(d) -> np.ndarray:
    """dL_sat/dD = -1 / (1 - D): bounded near D = 0."""
    return -1.0 / (1.0 - np.asarray(d, float))


def nonsaturating_grad_d(d) -> np.ndarray:
    """dL_ns/dD = -1 / D: large near D = 0."""
    return -1.0 / np.asarray(d, float)


# ---- the point-wise maximisation behind D* -------------------------------------------------------
def pointwise_objective(y, a: float, b: float) -> np.ndarray:
    """f(y) = a log y + b log(1 − y) on (0, 1): V's integrand at one x, a = p_data(x),
    b = p_g(x)."""
    y = np.asarray(y, float)
    return a * np.log(y) + b * np.log1p(-y)


def pointwise_second_derivative(y, a: float, b: float) -> np.ndarray:
    """f''(y) = −a/y² − b/(1 − y)² < 0 for a, b ≥ 0 (not both 0): f is concave, so its one
    stationary point y = a/(a + b) is the maximum (one lecture note says "convex")."""
    y = np.asarray(y, float)
    return -a / y**2 - b / (1 - y) ** 2


def value_of_outputs(d_real: float, d_fake: float) -> float:
    """V for a D that outputs d_real on every real sample and d_fake on every fake one:
    log d_real + log(1 − d_fake) ≤ 0, tending to 0 (not 1) as D separates them perfectly."""
    return float(np.log(d_real) + np.log1p(-d_fake))


def minibatch_value(d_real, d_fake) -> float:
    """The minibatch estimate of V that Algorithm 1's D step ascends:
    (1/m) Σ log D(xⁱ) + (1/m) Σ log(1 − D(G(zⁱ))), unbiased for V(G, D) at a fixed D."""
    d_real, d_fake = np.asarray(d_real, float), np.asarray(d_fake, float)
    return float(np.mean(np.log(d_real)) + np.mean(np.log1p(-d_fake)))
