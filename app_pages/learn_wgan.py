"""Learn: the WGAN critic, weight clipping vs gradient penalty, the Lipschitz constraint made
visible."""

import math

import numpy as np
import pandas as pd

from ganlab.serve.computations import CRITIC_WIDTH as WIDTH  # in the clipping bound
from ganlab.theory import transport as T
from ganlab.theory import wgan1d as W
from ganlab.theory.densities import Mixture
from ganlab.ui import formula_terms as FT
from ganlab.ui.hover_formula import formula
from ganlab.ui.lang import tr
from ganlab.ui.learn import Lesson, computed, lang, notes_box, num
from ganlab.viz import measures as VM
from ganlab.viz import theory as V

L = lang()


def critic(mu_r, mu_g, sigma, constraint, clip, gp_weight, steps, seed, where):
    """The trained critic's numbers, or None while a task trains it (progress shown in
    `where`): the web process never trains."""
    return computed("wgan_critic", {"mu_r": mu_r, "mu_g": mu_g, "sigma": sigma,
                                    "constraint": constraint, "clip": clip,
                                    "gp_weight": gp_weight, "steps": steps, "seed": seed},
                    tr("learn.wgan.training"), where)


def count(v: int) -> str:
    """A large whole number readably: 479,001,600 in full, 2.7 × 10³² beyond ten digits."""
    if v < 10**10:
        return f"{v:,}"
    e = len(str(v)) - 1
    return f"{v / 10**e:.1f} × 10" + str(e).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


lesson = Lesson("wgan", presets="wgan")
wgan_box = lesson.intro.top.container()   # the W1 dual, hoverable once the critic is trained
lesson.intro.top.markdown(tr("learn.wgan.dual"))

with lesson.section("learn.wgan.train.title") as sec:
    c1, c2, c3 = sec.cols(3)
    mu_r = c1.slider("μ_r", -3.0, 3.0, -1.0, 0.25, key="wgan_mu_r")
    mu_g = c2.slider("μ_g", -3.0, 3.0, 1.5, 0.25, key="wgan_mu_g")
    sigma = c3.slider("σ", 0.1, 1.5, 0.5, 0.05, key="wgan_sigma")
    c1, c2, c3 = sec.cols(3)
    constraint = c1.radio(tr("learn.wgan.constraint"), W.CONSTRAINTS, horizontal=True,
                          key="wgan_constraint",
                          format_func=lambda c: tr(f"learn.wgan.constraint.{c}"))
    if constraint == "clip":
        clip = c2.select_slider(tr("learn.wgan.clip"), [0.005, 0.01, 0.02, 0.05, 0.1, 0.2],
                                value=0.05, key="wgan_clip")
        gp_weight = 10.0
    elif constraint == "gp":
        gp_weight = c2.select_slider("λ", [0.1, 1.0, 3.0, 10.0, 30.0, 100.0], value=10.0,
                                     key="wgan_gp")
        clip = 0.05
    else:
        clip, gp_weight = 0.05, 10.0
        c2.caption(tr("learn.wgan.none.note"))
    steps = c3.slider(tr("learn.wgan.steps"), 50, 600, 300, 50, key="wgan_steps")
    r = critic(mu_r, mu_g, sigma, constraint, clip, gp_weight, steps, 0, sec.fig)
    if r is not None:
        pr = Mixture.gaussian(mu_r, sigma).pdf(r["x"])
        pg = Mixture.gaussian(mu_g, sigma).pdf(r["x"])
        critic_fig = V.critic_figure(r["x"], pr, pg, r["f"], L)
        sec.chart(critic_fig)
        m = sec.cols(4, sec.fig)
        m[0].metric(tr("learn.wgan.true_w1"), num(r["w1"]), help=tr("learn.wgan.true_w1.help"))
        m[1].metric(tr("learn.wgan.gap"), num(r["gap"]), help=tr("learn.wgan.gap.help"))
        m[2].metric(tr("learn.wgan.K"), num(r["K"]), help=tr("learn.wgan.K.help"))
        m[3].metric(tr("learn.wgan.lower"), num(r["lower"]), help=tr("learn.wgan.lower.help"))
        sec.chart(V.slope_figure(r["x"], r["slope"], L))
        sec.ctl.markdown(tr(f"learn.wgan.explain.{constraint}",
                            bound=num(clip * (WIDTH * clip) ** 2), c=clip, lam=gp_weight,
                            over=num(r["w1"] / (2 * gp_weight))))
    if constraint == "clip":
        with sec.ctl:
            notes_box("clipping", c=clip)
    if r is not None:
        sec.chart(V.history_figure({tr("learn.wgan.gap"): r["history"]}, L, hline=r["w1"],
                                   hline_text="W₁", y_title="E_r f − E_g f"),
                  where=sec.fig.expander(tr("learn.wgan.history")))
    formula(FT.WGAN_TEX, FT.wgan_terms(
        r, Mixture.gaussian(mu_r, sigma), Mixture.gaussian(mu_g, sigma),
        FT.trace_names(critic_fig, ("p_r", "p_g", "critic")) if r is not None else {}),
        "hover_wgan", tr("learn.hover.hint_wgan"), wgan_box)

# ---- compare the three at once -------------------------------------------------------------------
with lesson.section() as sec:
    if sec.box.checkbox(tr("learn.wgan.compare"), key="wgan_compare"):
        found = {c: critic(mu_r, mu_g, sigma, c, 0.05, 10.0, steps, 0, sec.box)
                 for c in W.CONSTRAINTS}
        rows = [{tr("learn.wgan.constraint"): tr(f"learn.wgan.constraint.{c}"),
                 tr("learn.wgan.gap"): rc["gap"], tr("learn.wgan.K"): rc["K"],
                 tr("learn.wgan.lower"): rc["lower"], tr("learn.wgan.true_w1"): rc["w1"]}
                for c, rc in found.items() if rc is not None]
        if len(rows) == len(found):
            sec.box.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
            sec.box.caption(tr("learn.wgan.compare.caption"))

# ---- W1 as a transport plan: 1D, then 2D ---------------------------------------------------------
with lesson.section("learn.wgan.transport.title") as sec:
    sec.top.latex(r"W_1(p,q)=\inf_{\gamma\in\Pi(p,q)}\mathbb{E}_{(x,y)\sim\gamma}\|x-y\|"
                  r"\;=\;\min_{s}\frac1n\sum_{i=1}^n\|x_i-y_{s(i)}\|")
    sec.ctl.markdown(tr("learn.wgan.transport.text"))
    sec.ctl.markdown(tr("learn.wgan.transport.1d"))
    sec.ctl.latex(r"W_1=\frac1n\sum_{i=1}^n|x_{(i)}-y_{(i)}|=\int|F-G|\,dx")
    c1, c2, c3 = sec.cols(3)
    n_1d = c1.slider(tr("learn.wgan.transport.n"), 3, 40, 12, key="wgan_tp_n")
    shift_1d = c2.slider(tr("learn.wgan.transport.shift"), -3.0, 3.0, 1.5, 0.25,
                         key="wgan_tp_shift")
    spread_1d = c3.slider(tr("learn.wgan.transport.spread"), 0.25, 2.0, 1.0, 0.25,
                          key="wgan_tp_spread")
    xp, yq = T.two_samples_1d(n_1d, shift_1d, spread_1d, seed=0)
    xs, ys = T.sorted_coupling(xp, yq)
    t = np.sort(np.concatenate([xp, yq]))
    t = np.concatenate([[t[0] - 0.5], t, [t[-1] + 0.5]])
    sec.chart(VM.transport_1d_figure(xs, ys, t, T.ecdf_steps(xp, t), T.ecdf_steps(yq, t), L))
    m = sec.cols(2, sec.fig)
    m[0].metric("(1/n) Σ|x₍ᵢ₎ − y₍ᵢ₎|", num(T.w1_sorted(xp, yq)))
    m[1].metric("∫|F − G| dx", num(T.w1_cdf_area(xp, yq)))
    with sec.ctl:
        notes_box("wl_power")

with lesson.section("learn.wgan.transport2d.title") as sec:
    c1, c2 = sec.cols(2)
    n_2d = c1.slider(tr("learn.wgan.transport.n2d"), 3, 30, 12, key="wgan_tp_n2d")
    shift_2d = c2.slider(tr("learn.wgan.transport.shift2d"), 0.0, 4.0, 1.0, 0.25,
                         key="wgan_tp_shift2d")
    sec.ctl.markdown(tr("learn.wgan.transport.2d", nfact=count(math.factorial(n_2d))))
    a2, b2 = T.two_clouds_2d(n_2d, shift_2d, seed=0)
    plan, cost = T.optimal_matching(a2, b2)
    sec.chart(VM.transport_2d_figure(a2, b2, plan, L))
    m = sec.cols(2, sec.fig)
    m[0].metric(tr("learn.wgan.transport.opt"), num(cost))
    m[1].metric(tr("learn.wgan.transport.index"), num(T.matching_cost(a2, b2, np.arange(n_2d))))

lesson.finish()
