"""Learn: maximum likelihood is forward KL (mode covering); reverse KL seeks one mode."""

import numpy as np
import pandas as pd
import streamlit as st

from ganlab.theory import mle
from ganlab.theory.densities import Mixture, grid_for
from ganlab.ui.lang import tr
from ganlab.ui.learn import Lesson, lang, num
from ganlab.viz import theory as V

L = lang()


@st.cache_data(show_spinner=False, max_entries=64)
def fits(separation: float, weight: float, sigma: float):
    p = mle.two_mode_target(separation, weight, sigma)
    return mle.fit_forward_kl(p), mle.fit_reverse_kl(p)


@st.cache_data(show_spinner=False, max_entries=64)
def sample_fits(separation: float, weight: float, sigma: float, seed: int):
    p = mle.two_mode_target(separation, weight, sigma)
    ns = np.array([10, 30, 100, 300, 1000, 3000, 10000, 30000])
    rng = np.random.default_rng(seed)
    xs = [p.sample(int(n), rng) for n in ns]
    return ns, np.array([x.mean() for x in xs]), np.array([x.std() for x in xs])


def fit_panel(where, direction: str, fit, pad: str, check: str) -> None:
    """One fit's numbers: its μ and σ, both KL directions, and the closed-form check."""
    short = {"forward": "fwd", "reverse": "rev"}[direction]
    with where:
        st.markdown(tr(f"learn.mle.{direction}.head"))
        a, b = st.columns(2)
        a.metric(tr(f"learn.mle.mu_{short}"), num(fit.mu))
        b.metric(tr(f"learn.mle.sigma_{short}"), num(fit.sigma))
        a.metric("KL(p‖q)" + pad, num(fit.kl_forward))
        b.metric("KL(q‖p)" + pad, num(fit.kl_reverse))
        st.caption(check)


lesson = Lesson("mle", presets="mle")
lesson.intro.top.latex(r"\theta^*=\arg\max_\theta \frac1m\sum_{i=1}^m \log q_\theta(x^i)"
                       r"\;\xrightarrow[m\to\infty]{}\;"
                       r"\arg\max_\theta \mathbb{E}_{x\sim p}[\log q_\theta(x)]"
                       r"=\arg\min_\theta \mathrm{KL}(p\,\|\,q_\theta)")

with lesson.section("learn.mle.fit.title") as sec:
    sec.ctl.markdown(tr("learn.mle.fit.text"))
    c1, c2, c3 = sec.cols(3)
    sep = c1.slider(tr("learn.mle.separation"), 0.5, 8.0, 4.0, 0.25, key="mle_sep")
    w = c2.slider(tr("learn.mle.weight"), 0.05, 0.95, 0.5, 0.05, key="mle_w")
    s = c3.slider(tr("learn.mle.sigma"), 0.2, 1.5, 0.5, 0.05, key="mle_sigma")
    p = mle.two_mode_target(sep, w, s)
    fwd, rev = fits(sep, w, s)
    x = grid_for(p, Mixture.gaussian(fwd.mu, fwd.sigma), n=801, n_sigma=4.0)
    qf, qr = Mixture.gaussian(fwd.mu, fwd.sigma).pdf(x), Mixture.gaussian(rev.mu, rev.sigma).pdf(x)
    sec.chart(V.fits_figure(x, p.pdf(x), qf, qr, L))
    left, right = sec.fig.columns(2)
    fit_panel(left, "forward", fwd, "", tr("learn.mle.forward.check", mean=num(p.mean()),
                                           sd=num(p.std())))
    # (trailing spaces: metric labels must differ from the forward panel's)
    fit_panel(right, "reverse", rev, " ", tr("learn.mle.reverse.check", lw=num(-np.log(w)),
                                             rw=num(-np.log(1 - w))))
    with sec.ctl.expander(tr("learn.mle.optima")):
        st.markdown(tr("learn.mle.optima.text"))
        starts = list(zip(p.means, p.sigmas)) + [(p.mean(), p.std())]
        st.dataframe(pd.DataFrame({
            tr("learn.mle.col.start"): [f"μ₀ = {m0:.2f}, σ₀ = {s0:.2f}" for m0, s0 in starts],
            "μ": [o[0] for o in rev.local_optima],
            "σ": [o[1] for o in rev.local_optima],
            "KL(q‖p)": [o[2] for o in rev.local_optima],
        }), hide_index=True, width="stretch")
    sec.ctl.markdown(tr("learn.mle.gan_link"))
    sec.box.latex(r"\mathbb{E}_{x\sim p_g}[-\log D^*(x)] = \mathrm{KL}(p_g\|p_{data})"
                  r" - 2\,\mathrm{JS}(p_{data}\|p_g) + \log 4"
                  r" + \mathbb{E}_{x\sim p_{data}}[\log D^*(x)]")

# ---- MLE from samples ----------------------------------------------------------------------------
with lesson.section("learn.mle.samples.title") as sec:
    sec.ctl.markdown(tr("learn.mle.samples.text"))
    c1, c2 = sec.cols(2)
    n_idx = c1.select_slider(tr("learn.mle.n"), [10, 30, 100, 300, 1000, 3000, 10000, 30000],
                             value=100, key="mle_n")
    seed = c2.number_input(tr("learn.mle.seed"), 0, 999, 0, key="mle_seed")
    ns, means, stds = sample_fits(sep, w, s, int(seed))
    i = int(np.flatnonzero(ns == n_idx)[0])
    a, b, c, d = sec.cols(4, sec.fig)
    a.metric("μ̂ₙ", num(means[i]))
    b.metric("μ* = E_p[x]", num(p.mean()))
    c.metric("σ̂ₙ", num(stds[i]))
    d.metric("σ* = sd_p[x]", num(p.std()))
    sec.chart(V.samples_fit_figure(ns, means, stds, p.mean(), p.std(), L))

lesson.finish()
