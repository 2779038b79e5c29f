"""The hoverable terms of the Learn pages' key equations (ganlab.ui.hover_formula): each term's
TeX, the figure traces it lights and its value for the current sliders, computed by the pages'
theory code (ganlab.theory.gan_game) on the densities the figures draw.

Trace names are passed in from the figures the page built (some are translated), so a renamed
trace cannot silently break a hover; tests/test_hover_formula.py checks every value against the
theory's closed forms.
"""

from __future__ import annotations

import numpy as np

from ganlab.theory import gan_game as g
from ganlab.theory.densities import Mixture, grid_for
from ganlab.ui.hover_formula import Term, term

# ---- V(G, D), D* and V(G, D*) (learn_gan_game.py) ------------------------------------------------
E_DATA = r"\mathbb{E}_{x\sim p_{data}}[\log D(x)]"
E_G = r"\mathbb{E}_{z\sim p_z}[\log(1-D(G(z)))]"
VALUE_TEX = (r"\min_G\max_D V(G,D)=" + term("e_data", E_DATA) + "+" + term("e_g", E_G))
DSTAR_TEX = (term("dstar", "D^*(x)") + r"=\frac{" + term("pdata", "p_{data}(x)") +
             r"}{p_{data}(x)+p_g(x)}\qquad " + term("vstar", "V(G,D^*)") + r"=-\log 4+2\," +
             term("js", r"\mathrm{JS}(p_{data}\|p_g)"))


def _game_grid(p_data: Mixture, p_g: Mixture, n: int = 8001):
    """The theory's integration grid (gan_game.value_at_optimum's) and the log densities."""
    x = grid_for(p_data, p_g, n=n, n_sigma=10.0)
    lpd, lpg = p_data.logpdf(x), p_g.logpdf(x)
    return x, lpd, lpg, np.logaddexp(lpd, lpg)


def value_terms(p_data: Mixture, p_g: Mixture, names: dict) -> list[Term]:
    """V(G, D)'s two expectations at D = D* (the figure's D), which add up to V(G, D*).
    `names`: the game figure's trace names under the keys p_data, p_g, dstar."""
    x, lpd, lpg, lsum = _game_grid(p_data, p_g)
    e_data = float(np.trapezoid(np.exp(lpd) * (lpd - lsum), x))    # log D* = lpd - lsum
    e_g = float(np.trapezoid(np.exp(lpg) * (lpg - lsum), x))       # log(1 - D*) = lpg - lsum
    return [
        Term("e_data", r"\mathbb{E}_{x\sim p_{data}}[\log D^*(x)]", e_data,
             (names["p_data"], names["dstar"])),
        Term("e_g", r"\mathbb{E}_{x\sim p_g}[\log(1-D^*(x))]", e_g,
             (names["p_g"], names["dstar"])),
    ]


def dstar_terms(p_data: Mixture, p_g: Mixture, names: dict) -> list[Term]:
    """D*, its numerator, V(G, D*) and JS. `names` adds `value` (the value curve's trace)."""
    x, lpd, lpg, lsum = _game_grid(p_data, p_g)
    dstar = g.d_star(x, p_data, p_g)
    res = g.value_at_optimum(p_data, p_g)
    return [
        Term("dstar", r"\mathbb{E}_{x\sim p_g}[D^*(x)]",
             float(np.trapezoid(np.exp(lpg) * dstar, x)), (names["dstar"],)),
        Term("pdata", r"\mathbb{E}_{x\sim p_{data}}[D^*(x)]",
             float(np.trapezoid(np.exp(lpd) * dstar, x)), (names["p_data"],)),
        Term("vstar", "V(G,D^*)", res.direct, (names["value"],)),
        Term("js", r"\mathrm{JS}(p_{data}\|p_g)", res.js, (names["p_data"], names["p_g"])),
    ]


# ---- the two generator losses (learn_gan_game.py) ------------------------------------------------
SAT_TEX = (term("sat", r"L_G=\log\big(1-D(G(z))\big)") + r",\quad " +
           term("sat_grad", r"\frac{\partial L_G}{\partial a}=-D"))
NS_TEX = (term("ns", r"L_G=-\log D(G(z))") + r",\quad " +
          term("ns_grad", r"\frac{\partial L_G}{\partial a}=-(1-D)"))


def loss_terms(d: float, names: dict) -> list[Term]:
    """Each loss and its gradient in D's logit a at D(G(z)) = d. `names`: the loss figure's
    traces under sat, ns, sat_grad, ns_grad (the gradient curves draw |∂L_G/∂a|)."""
    def at(tex: str) -> str:                       # evaluated at the slider's D(G(z))
        return rf"\left.{tex}\right|_{{D={d:.3g}}}"

    return [
        Term("sat", at(r"\log(1-D)"), float(g.saturating_loss(d)), (names["sat"],)),
        Term("sat_grad", at(r"\frac{\partial L_G}{\partial a}"),
             float(g.saturating_grad_logit(d)), (names["sat_grad"],)),
        Term("ns", at(r"-\log D"), float(g.nonsaturating_loss(d)), (names["ns"],)),
        Term("ns_grad", at(r"\frac{\partial L_G}{\partial a}"),
             float(g.nonsaturating_grad_logit(d)), (names["ns_grad"],)),
    ]


# ---- the WGAN objective (learn_wgan.py) ----------------------------------------------------------
E_R = r"\mathbb{E}_{x\sim p_r}[f(x)]"
E_GF = r"\mathbb{E}_{x\sim p_g}[f(x)]"
WGAN_TEX = (term("w1", "W_1(p_r,p_g)") + r"=\sup_{\|f\|_L\le 1}\;" + term("e_r", E_R) + "-" +
            term("e_gf", E_GF))


def wgan_terms(result: dict | None, p_r: Mixture, p_g: Mixture, names: dict) -> list[Term]:
    """The trained critic's two expectations on the figure's grid and the true W1 (None while
    the critic trains: the value line says — and nothing lights). `names`: p_r, p_g, critic."""
    names = {"p_r": "", "p_g": "", "critic": "", **names}
    e_r = e_g = w1 = None
    if result is not None:
        x, f = np.asarray(result["x"]), np.asarray(result["f"])
        e_r = float(np.trapezoid(f * p_r.pdf(x), x))
        e_g = float(np.trapezoid(f * p_g.pdf(x), x))
        w1 = float(result["w1"])
    return [
        Term("w1", "W_1(p_r,p_g)", w1, (names["p_r"], names["p_g"])),
        Term("e_r", r"\mathbb{E}_{x\sim p_r}[f(x)]", e_r, (names["p_r"], names["critic"])),
        Term("e_gf", r"\mathbb{E}_{x\sim p_g}[f(x)]", e_g, (names["p_g"], names["critic"])),
    ]


def trace_names(fig, keys: tuple[str, ...]) -> dict:
    """The figure's trace names, in the order it adds them, under `keys`."""
    return dict(zip(keys, (t.name for t in fig.data)))
